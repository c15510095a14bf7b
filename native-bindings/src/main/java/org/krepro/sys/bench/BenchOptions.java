package org.krepro.sys.bench;

import java.io.PrintStream;

/**
 * How long to measure and where to report progress.
 *
 * @param millisPerRun length of one measured run of one contestant
 * @param rounds how many times krepro and the baseline alternate (the best run of each counts, so that
 *     noise from other work on the machine, which only slows things down, is filtered out)
 * @param progress where suites say what they are doing (standard error for the CLI)
 */
public record BenchOptions(long millisPerRun, int rounds, PrintStream progress) {
    /** Half-second runs, three rounds, progress on standard error. */
    public static BenchOptions defaults() {
        return new BenchOptions(500, 3, System.err);
    }
}
