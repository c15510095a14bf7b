package org.krepro.bisect;

import java.io.PrintStream;
import java.util.List;

/**
 * Judges one kernel by running the reproducer until the plan decides: BAD as soon as k runs failed with
 * the bug; GOOD after {@link Plan#cleanRuns()} runs without any failure; SKIP when the kernel cannot be
 * tested, after {@link Plan#maxErrors()} errors, or when 1..k-1 failures leave it inconclusive after
 * {@link Plan#maxRuns()} runs. Every run prints one line with the estimate, the runs and the confidence.
 */
public final class Judge {
    private Judge() {
    }

    public static Judgement judge(KernelRunner runner, String kernel, Plan plan, PrintStream log) {
        long t0 = System.nanoTime();
        Tally t = new Tally();
        String name = runner.describe(kernel);
        log.printf("krepro bisect: judging %s: %s%n", name, plan.describe());
        while (true) {
            int runs = t.runs();
            int failures = t.failures();
            int errors = t.errors();
            Judgement.Verdict v = null;
            String reason = null;
            double miss = 0;
            if (errors >= plan.maxErrors()) {
                v = Judgement.Verdict.SKIP;
                reason = errors + " run" + (errors == 1 ? "" : "s") + " ended in ERROR (last: " + lastError(t.outcomes()) + ")";
            } else if (failures >= plan.k()) {
                v = Judgement.Verdict.BAD;
                reason = failures + " of " + runs + " runs failed with the bug (k = " + plan.k() + "): " + firstBug(t.outcomes());
            } else if (failures == 0 && runs >= plan.cleanRuns()) {
                v = Judgement.Verdict.GOOD;
                miss = Stats.missProbability(plan.p(), runs);
                reason = String.format("%d clean runs: a kernel with the bug (p >= %.3f) would pass them all with probability"
                        + " (1-p)^%d = %.4f, confidence %.1f%%", runs, plan.p(), runs, miss, 100 * (1 - miss));
            } else if (runs >= plan.maxRuns()) {
                v = Judgement.Verdict.SKIP;
                reason = "inconclusive: " + failures + " failure" + (failures == 1 ? "" : "s") + " in " + runs
                        + " runs, fewer than k = " + plan.k();
            }
            if (v != null) {
                Judgement j = new Judgement(kernel, v, runs, failures, errors, miss, reason, t.outcomes(),
                        (System.nanoTime() - t0) / 1e9);
                log.printf("krepro bisect: %s is %s: %s%n", runner.describe(kernel), v, reason);
                return j;
            }
            int index = t.nextIndex();
            RunOutcome o;
            try {
                o = t.runOnce(runner, kernel);
            } catch (CannotTest e) {
                Judgement j = new Judgement(kernel, Judgement.Verdict.SKIP, t.runs(), t.failures(), t.errors(), 0,
                        "cannot test: " + e.getMessage(), t.outcomes(), (System.nanoTime() - t0) / 1e9);
                log.printf("krepro bisect: %s is SKIP: cannot test: %s%n", runner.describe(kernel), e.getMessage());
                return j;
            }
            log.println(progress(runner.describe(kernel), index, o, t.runs(), t.failures(), t.errors(), plan));
        }
    }

    /** "run 3: CLEAN (12.0 s) | 0/3 failed, 95% CP [0.000, 0.708] | clean-run confidence 87.5% (need 5)". */
    static String progress(String kernel, int index, RunOutcome o, int runs, int failures, int errors, Plan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("krepro bisect:   %s run %d: %s (%.1f s)%s", kernel, index, o.kind(), o.seconds(),
                o.title().isEmpty() ? "" : " " + o.title()));
        if (runs > 0) {
            Stats.Interval here = Stats.estimate(failures, runs);
            sb.append(String.format(" | here %d/%d failed, p = %s", failures, runs, here));
        }
        if (failures == 0 && runs > 0) {
            double miss = Stats.missProbability(plan.p(), runs);
            sb.append(String.format(" | P(a bad kernel passes %d runs) = %.4f, confidence good %.1f%% (need %d runs for %.1f%%)",
                    runs, miss, 100 * (1 - miss), plan.cleanRuns(), 100 * (1 - plan.bound())));
        } else if (failures > 0) {
            sb.append(String.format(" | %d/%d failures for bad", failures, plan.k()));
        }
        if (errors > 0) {
            sb.append(" | errors ").append(errors).append('/').append(plan.maxErrors());
        }
        return sb.toString();
    }

    private static String lastError(List<RunOutcome> outcomes) {
        for (int i = outcomes.size() - 1; i >= 0; i--) {
            if (outcomes.get(i).kind() == RunOutcome.Kind.ERROR) {
                return outcomes.get(i).title();
            }
        }
        return "";
    }

    private static String firstBug(List<RunOutcome> outcomes) {
        return outcomes.stream().filter(o -> o.kind() == RunOutcome.Kind.BUG).map(RunOutcome::title).findFirst().orElse("");
    }
}
