package org.krepro.bisect;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binary search over an ordered list of prebuilt kernels (oldest first) for the first bad kernel, or with
 * {@code fix} for the first good one, judging each kernel with {@link Judge}.
 *
 * <p>The known-bad end (the last kernel; with {@code fix} the first) is calibrated first unless p is
 * given: a fixed number of runs whose failures give p's 95% Clopper-Pearson interval; its lower end
 * plans every other kernel. Then the other end is judged, then the middle of the open range, like git
 * bisect: a skipped kernel is replaced by the untested kernel nearest the middle, and when only skipped
 * kernels remain the answer is the range they span.
 *
 * <p>Only a GOOD judgement can be wrong (a failure with the bug's signature is an observation), so the
 * probability of a wrong answer is at most the sum of (1-p)^n over the kernels judged GOOD (union
 * bound), given p is at least the lower end of its interval (which holds with 97.5% confidence when p
 * was measured).
 */
public final class PrebuiltBisect {

    /**
     * @param fix           search the first good kernel (the list goes from bad to good)
     * @param pBad          the reproduction probability if given (no calibration), else null
     * @param calibrateRuns runs on the bad end when p is not given
     * @param bound         accepted probability of a wrong GOOD per kernel
     * @param k             failures that make a kernel bad
     * @param maxErrors     errors after which a kernel is skipped
     * @param maxRuns       runs after which an inconclusive kernel is skipped (0: 3n)
     */
    public record Options(boolean fix, Double pBad, int calibrateRuns, double bound, int k, int maxErrors, int maxRuns) {
    }

    public enum Status {
        /** The first bad (good) kernel is named. */
        FOUND,
        /** Skipped kernels leave a range: the answer is one of them or the first known one after them. */
        AMBIGUOUS,
        /** No answer in the list (the bad end does not reproduce, or with --fix nothing is good). */
        NONE
    }

    /**
     * @param status     what kind of answer
     * @param answer     the first bad (good) kernel, or null
     * @param candidates with AMBIGUOUS, every kernel that may be the answer (oldest first)
     * @param plan       the plan used, null when none could be made
     * @param judged     every kernel judged, in order of judgement
     * @param pWrong     upper bound of the probability that the answer is wrong: sum of the GOOD judgements' misses
     * @param pIntervalWrong probability that p is below its interval's lower end (0.025 when measured, 0 when given)
     * @param message    the answer in one paragraph
     */
    public record Result(Status status, String answer, List<String> candidates, Plan plan, List<Judgement> judged,
                         double pWrong, double pIntervalWrong, String message) {
    }

    private PrebuiltBisect() {
    }

    public static Result search(List<String> kernels, Options o, KernelRunner runner, PrintStream log) {
        if (kernels.size() < 2) {
            throw new IllegalArgumentException("give at least two kernels, oldest first");
        }
        int n = kernels.size();
        String target = o.fix() ? "good" : "bad";
        // The index space: lo = highest index known NOT target (-1: none), hi = lowest known target (n: none).
        Map<Integer, Judgement.Verdict> state = new TreeMap<>();
        List<Judgement> judged = new ArrayList<>();
        Ledger ledger = new Ledger(kernels, state, judged, runner, log);
        int badEnd = o.fix() ? 0 : n - 1;
        int otherEnd = o.fix() ? n - 1 : 0;

        Plan plan;
        double pIntervalWrong;
        if (o.pBad() != null) {
            plan = plan(o.pBad(), "--p-bad " + o.pBad(), o, runner, log);
            pIntervalWrong = 0;
            Judgement j = ledger.judge(badEnd, plan);
            if (j.verdict() != Judgement.Verdict.BAD) {
                return none(plan, judged, 0, "the known-bad end " + kernels.get(badEnd) + " was judged " + j.verdict()
                        + " (" + j.reason() + "): nothing to bisect");
            }
        } else {
            Calibration c = Calibration.measure(runner, kernels.get(badEnd), o.calibrateRuns(), o.maxErrors(), log);
            ledger.keep(badEnd, c.asJudgement(o.k()));
            if (c.failures() == 0 || c.failures() < o.k()) {
                return none(null, judged, 0, "the known-bad end " + kernels.get(badEnd) + " did not reproduce in calibration ("
                        + c.describe() + "): nothing to bisect");
            }
            Stats.Interval e = c.estimate();
            plan = plan(e.lo(), "lower end of the 95% Clopper-Pearson interval of " + c.failures() + "/" + c.runs()
                    + " on " + kernels.get(badEnd), o, runner, log);
            pIntervalWrong = 0.025;
        }
        ledger.judge(otherEnd, plan);

        while (true) {
            int lo = -1;
            int hi = n;
            for (var e : state.entrySet()) {
                if (e.getValue() == Judgement.Verdict.SKIP) {
                    continue;
                }
                if (isTarget(e.getValue(), o.fix())) {
                    hi = Math.min(hi, e.getKey());
                }
            }
            for (var e : state.entrySet()) {
                if (e.getValue() != Judgement.Verdict.SKIP && !isTarget(e.getValue(), o.fix()) && e.getKey() < hi) {
                    lo = Math.max(lo, e.getKey());
                }
            }
            List<Integer> open = new ArrayList<>();
            for (int i = lo + 1; i < hi; i++) {
                if (!state.containsKey(i)) {
                    open.add(i);
                }
            }
            if (open.isEmpty()) {
                return finish(kernels, o, plan, judged, pIntervalWrong, lo, hi, target);
            }
            double mid = (lo + hi) / 2.0;
            int pick = open.getFirst();
            for (int i : open) {
                if (Math.abs(i - mid) < Math.abs(pick - mid)) {
                    pick = i;
                }
            }
            log.printf("krepro bisect: first %s kernel is in (%s, %s]; %d untested; trying %s%n", target,
                    lo < 0 ? "start" : kernels.get(lo), hi >= n ? "end" : kernels.get(hi), open.size(), kernels.get(pick));
            ledger.judge(pick, plan);
            log.printf("krepro bisect: accumulated P(wrong answer) <= %.4f%n", sumMiss(judged));
        }
    }

    /** The plan for reproduction probability {@code p}, with the options' run limit; announced to the log and the runner. */
    private static Plan plan(double p, String source, Options o, KernelRunner runner, PrintStream log) {
        Plan plan = Plan.of(p, source, o.bound(), o.k(), o.maxErrors());
        if (o.maxRuns() > 0) {
            plan = plan.withMaxRuns(o.maxRuns());
        }
        log.println("krepro bisect: plan: " + plan.describe());
        runner.planned(plan);
        return plan;
    }

    /** Where judgements go: the list in order, the verdict by index, and the runner's report of the kernel. */
    private record Ledger(List<String> kernels, Map<Integer, Judgement.Verdict> state, List<Judgement> judged,
                          KernelRunner runner, PrintStream log) {
        Judgement judge(int index, Plan plan) {
            return keep(index, Judge.judge(runner, kernels.get(index), plan, log));
        }

        Judgement keep(int index, Judgement j) {
            judged.add(j);
            state.put(index, j.verdict());
            runner.judgedQuietly(kernels.get(index), j, log);
            return j;
        }
    }

    static boolean isTarget(Judgement.Verdict v, boolean fix) {
        return fix ? v == Judgement.Verdict.GOOD : v == Judgement.Verdict.BAD;
    }

    static double sumMiss(List<Judgement> judged) {
        return judged.stream().filter(j -> j.verdict() == Judgement.Verdict.GOOD).mapToDouble(Judgement::miss).sum();
    }

    private static Result finish(List<String> kernels, Options o, Plan plan, List<Judgement> judged, double pIntervalWrong,
                                 int lo, int hi, String target) {
        int n = kernels.size();
        double pWrong = Math.min(1, sumMiss(judged));
        String err = String.format("P(wrong answer) <= %.4f (sum of (1-p)^n over the %d kernel%s judged good)%s", pWrong,
                judged.stream().filter(j -> j.verdict() == Judgement.Verdict.GOOD).count(),
                judged.stream().filter(j -> j.verdict() == Judgement.Verdict.GOOD).count() == 1 ? "" : "s",
                pIntervalWrong > 0 ? String.format("; %.4f counting the %.1f%% chance that p is below its interval",
                        Math.min(1, pWrong + pIntervalWrong), 100 * pIntervalWrong) : "");
        if (hi >= n) {
            return new Result(Status.NONE, null, List.of(), plan, judged, pWrong, pIntervalWrong,
                    "no " + target + " kernel in the list" + (o.fix() ? ": still bad (or untestable) at " + kernels.get(n - 1) : "")
                            + "; " + err);
        }
        List<String> candidates = new ArrayList<>();
        for (int i = lo + 1; i <= hi; i++) {
            candidates.add(kernels.get(i));
        }
        if (candidates.size() > 1) {
            return new Result(Status.AMBIGUOUS, null, candidates, plan, judged, pWrong, pIntervalWrong,
                    "the first " + target + " kernel is one of " + String.join(", ", candidates) + " (the ones before "
                            + kernels.get(hi) + " were skipped); " + err);
        }
        String note = lo < 0 && hi == 0 ? " (it is the first kernel of the list: the change may be older)" : "";
        String prev = lo >= 0 ? "; the last " + (o.fix() ? "bad" : "good") + " kernel is " + kernels.get(lo) : "";
        return new Result(Status.FOUND, kernels.get(hi), List.of(kernels.get(hi)), plan, judged, pWrong, pIntervalWrong,
                "first " + target + " kernel: " + kernels.get(hi) + note + prev + "; " + err);
    }

    private static Result none(Plan plan, List<Judgement> judged, double pIntervalWrong, String msg) {
        return new Result(Status.NONE, null, List.of(), plan, judged, sumMiss(judged), pIntervalWrong, msg);
    }
}
