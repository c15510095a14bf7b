package org.krepro.runner.spi;

import java.time.Duration;

/**
 * How long a workload may run: a time limit, an iteration limit, or both (whichever comes first).
 * Workload threads poll {@link #spent(long)} with their own iteration count.
 *
 * @param duration      wall-clock budget of the workload
 * @param maxIterations iteration budget per workload, or {@code Long.MAX_VALUE} for none
 * @param startNanos    System.nanoTime() when the workload started
 */
public record Budget(Duration duration, long maxIterations, long startNanos) {

    public static Budget start(Duration duration, long maxIterations) {
        return new Budget(duration, maxIterations, System.nanoTime());
    }

    public boolean timeUp() {
        return System.nanoTime() - startNanos >= duration.toNanos();
    }

    public boolean spent(long iterations) {
        return iterations >= maxIterations || timeUp();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    public long remainingMillis() {
        return Math.max(0, (duration.toNanos() - (System.nanoTime() - startNanos)) / 1_000_000);
    }
}
