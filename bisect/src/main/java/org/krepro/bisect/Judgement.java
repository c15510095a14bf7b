package org.krepro.bisect;

import java.util.List;

/**
 * The verdict on one kernel.
 *
 * @param kernel   the kernel
 * @param verdict  GOOD, BAD or SKIP
 * @param runs     runs that judged the kernel (clean + failed; errors not counted)
 * @param failures runs that showed the bug
 * @param errors   runs that ended in ERROR
 * @param miss     for GOOD: the probability that a bad kernel (failure probability >= p) passes this many
 *                 clean runs, (1-p)^runs; 0 for BAD and SKIP
 * @param reason   one line: why
 * @param outcomes every run's outcome, in order
 * @param seconds  wall time spent on this kernel
 */
public record Judgement(String kernel, Verdict verdict, int runs, int failures, int errors, double miss, String reason,
                        List<RunOutcome> outcomes, double seconds) {

    public enum Verdict {
        GOOD(0), BAD(1), SKIP(125);

        /** The exit code git bisect run expects. */
        public final int exitCode;

        Verdict(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    public Judgement {
        outcomes = List.copyOf(outcomes);
    }

    /** The first failure's title (for BAD), else the reason. */
    public String title() {
        return outcomes.stream().filter(o -> o.kind() == RunOutcome.Kind.BUG).map(RunOutcome::title).findFirst().orElse(reason);
    }
}
