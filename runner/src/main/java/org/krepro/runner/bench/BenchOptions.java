package org.krepro.runner.bench;

import java.io.PrintStream;

/**
 * How long to measure and where to report progress.
 *
 * @param millisPerRun length of one measured run of one contestant
 * @param rounds how many times krepro and the baseline run back to back (a row's ratio is the median of
 *     the rounds' ratios: see {@link PairedRounds})
 * @param progress where suites say what they are doing (standard error for the CLI)
 */
public record BenchOptions(long millisPerRun, int rounds, PrintStream progress) {
    /** Half-second runs, five rounds, progress on standard error. */
    public static BenchOptions defaults() {
        return new BenchOptions(500, 5, System.err);
    }
}
