package org.krepro.runner.bench;

import java.io.PrintStream;

/**
 * How long to measure and where to report progress.
 *
 * @param millisPerRun length of one measured run of one contestant
 * @param rounds how many times krepro and the baseline run back to back (a row's ratio is the median of
 *     the rounds' ratios: see {@link PairedRounds})
 * @param forks how many JVMs a row measured in a JVM of its own is split over, its pairs pooled (as JMH's
 *     forks: one JVM's code and memory layout moves a row by a few percent, more than its pairs' spread)
 * @param progress where suites say what they are doing (standard error for the CLI)
 */
public record BenchOptions(long millisPerRun, int rounds, int forks, PrintStream progress) {
    /** JVMs per forked row unless told otherwise. */
    public static final int DEFAULT_FORKS = 3;

    public BenchOptions {
        if (millisPerRun < 1 || rounds < 1 || forks < 1) {
            throw new IllegalArgumentException("millisPerRun, rounds and forks must be >= 1");
        }
    }

    /** With {@link #DEFAULT_FORKS}. */
    public BenchOptions(long millisPerRun, int rounds, PrintStream progress) {
        this(millisPerRun, rounds, DEFAULT_FORKS, progress);
    }

    /** Half-second runs, five rounds, three forks, progress on standard error. */
    public static BenchOptions defaults() {
        return new BenchOptions(500, 5, System.err);
    }
}
