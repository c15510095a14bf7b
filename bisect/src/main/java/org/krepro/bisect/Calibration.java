package org.krepro.bisect;

import java.io.PrintStream;
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
        Tally t = new Tally();
        log.printf("krepro bisect: calibrating on %s: %d runs%n", runner.describe(kernel), n);
        while (t.runs() < n && t.errors() < maxErrors) {
            int index = t.nextIndex();
            RunOutcome o;
            try {
                o = t.runOnce(runner, kernel);
            } catch (CannotTest e) {
                log.printf("krepro bisect:   %s: cannot test: %s%n", runner.describe(kernel), e.getMessage());
                break;
            }
            log.printf("krepro bisect:   calibration run %d: %s (%.1f s)%s | %d/%d failed%s%n", index, o.kind(), o.seconds(),
                    o.title().isEmpty() ? "" : " " + o.title(), t.failures(), t.runs(),
                    t.runs() > 0 ? ", p = " + Stats.estimate(t.failures(), t.runs()) : "");
        }
        Calibration c = new Calibration(kernel, t.runs(), t.failures(), t.errors(), t.outcomes());
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
