package org.krepro.bisect;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reproduction probability measured on a known-bad kernel: a fixed number of runs (no early stop, so
 * that failures/runs is a binomial sample and its Clopper-Pearson interval is exact).
 *
 * @param kernel   where it was measured
 * @param runs     runs that judged the kernel
 * @param failures runs that showed the bug
 * @param errors   runs that ended in ERROR (not counted)
 * @param outcomes every run, in order
 */
public record Calibration(String kernel, int runs, int failures, int errors, List<RunOutcome> outcomes) {

    public Calibration {
        outcomes = List.copyOf(outcomes);
    }

    public Stats.Interval estimate() {
        return Stats.estimate(failures, runs);
    }

    /** "7/10 runs failed on K: p = 0.700 (95% Clopper-Pearson [0.348, 0.933])". */
    public String describe() {
        return runs == 0 ? "no run judged " + kernel
                : String.format("%d/%d runs failed on %s: p = %s", failures, runs, kernel, estimate());
    }

    /** Runs the reproducer {@code n} times on {@code kernel}; gives up after {@code maxErrors} errors. */
    public static Calibration measure(KernelRunner runner, String kernel, int n, int maxErrors, PrintStream log) {
        List<RunOutcome> outcomes = new ArrayList<>();
        int runs = 0;
        int failures = 0;
        int errors = 0;
        log.printf("krepro bisect: calibrating on %s: %d runs%n", runner.describe(kernel), n);
        while (runs < n && errors < maxErrors) {
            int index = runs + errors + 1;
            RunOutcome o;
            try {
                o = runner.runGuarded(kernel, index);
            } catch (CannotTest e) {
                outcomes.add(RunOutcome.error(e.getMessage()));
                errors = maxErrors;
                log.printf("krepro bisect:   %s: cannot test: %s%n", runner.describe(kernel), e.getMessage());
                break;
            }
            outcomes.add(o);
            switch (o.kind()) {
                case CLEAN -> runs++;
                case BUG -> {
                    runs++;
                    failures++;
                }
                case ERROR -> errors++;
            }
            log.printf("krepro bisect:   calibration run %d: %s (%.1f s)%s | %d/%d failed%s%n", index, o.kind(), o.seconds(),
                    o.title().isEmpty() ? "" : " " + o.title(), failures, runs,
                    runs > 0 ? ", p = " + Stats.estimate(failures, runs) : "");
        }
        Calibration c = new Calibration(kernel, runs, failures, errors, outcomes);
        log.println("krepro bisect: calibration: " + c.describe());
        return c;
    }

    /** The calibration as the judgement of its kernel: BAD when at least k runs failed, else SKIP. */
    public Judgement asJudgement(int k) {
        boolean bad = failures >= k;
        double secs = outcomes.stream().mapToDouble(RunOutcome::seconds).sum();
        return new Judgement(kernel, bad ? Judgement.Verdict.BAD : Judgement.Verdict.SKIP, runs, failures, errors, 0,
                bad ? "calibration: " + describe() : "calibration did not reproduce: " + describe(), outcomes, secs);
    }
}
