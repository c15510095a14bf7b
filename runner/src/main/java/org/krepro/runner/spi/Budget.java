package org.krepro.runner.spi;

import java.time.Duration;

/**
 * How long a workload may run: a time limit, an iteration limit, or both (whichever comes first), and a
 * stop signal the engine trips once the test's verdict is certain (a kernel crash report, a finding), so
 * that the workload ends early instead of running out its budget. Workload threads poll
 * {@link #spent(long)} or {@link #timeUp()}; both turn true when stopped.
 */
public final class Budget {
    private final Duration duration;
    private final long maxIterations;
    private final long startNanos;
    private volatile String stopReason;

    /**
     * @param duration      wall-clock budget of the workload
     * @param maxIterations iteration budget per workload, or {@code Long.MAX_VALUE} for none
     * @param startNanos    System.nanoTime() when the workload started
     */
    public Budget(Duration duration, long maxIterations, long startNanos) {
        this.duration = java.util.Objects.requireNonNull(duration, "duration");
        this.maxIterations = maxIterations;
        this.startNanos = startNanos;
    }

    public static Budget start(Duration duration, long maxIterations) {
        return new Budget(duration, maxIterations, System.nanoTime());
    }

    public Duration duration() {
        return duration;
    }

    public long maxIterations() {
        return maxIterations;
    }

    public long startNanos() {
        return startNanos;
    }

    /** True when the time is up or the workload was told to stop. */
    public boolean timeUp() {
        return stopReason != null || System.nanoTime() - startNanos >= duration.toNanos();
    }

    public boolean spent(long iterations) {
        return iterations >= maxIterations || timeUp();
    }

    /** Ends the budget now; the first reason given is kept. Safe from any thread. */
    public synchronized void stop(String reason) {
        if (stopReason == null) {
            stopReason = java.util.Objects.requireNonNull(reason, "reason");
        }
    }

    /** Whether {@link #stop} was called. */
    public boolean stopped() {
        return stopReason != null;
    }

    /** Why the budget was stopped, or null when it was not. */
    public String stopReason() {
        return stopReason;
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** What is left of the time budget; 0 once stopped. */
    public long remainingMillis() {
        if (stopReason != null) {
            return 0;
        }
        return Math.max(0, (duration.toNanos() - (System.nanoTime() - startNanos)) / 1_000_000);
    }

    @Override
    public String toString() {
        return "Budget[" + duration + ", " + (maxIterations == Long.MAX_VALUE ? "no iteration limit" : maxIterations + " iterations")
                + (stopReason != null ? ", stopped: " + stopReason : "") + "]";
    }
}
