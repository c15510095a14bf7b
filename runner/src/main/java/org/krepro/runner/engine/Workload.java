package org.krepro.runner.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.krepro.runner.detect.HungWorkload;
import org.krepro.runner.detect.HungWorkload.BlockedThread;
import org.krepro.runner.spi.Finding;

/**
 * Runs a reproducer's workload under a watchdog. A workload that does not return within its budget
 * plus a grace period is declared hung, and {@link HungWorkload} makes its threads' kernel stacks the
 * finding.
 */
final class Workload {
    private Workload() {
    }

    /**
     * How the workload ended: returned, threw, or still running at the deadline (hung); {@code waited}
     * says which deadline ("120 s (budget + grace)", "5 s after it was told to stop").
     */
    record Outcome(boolean hung, Throwable failure, List<BlockedThread> blocked, String waited) {
        Finding hangFinding(Duration waited) {
            return HungWorkload.finding(blocked, this.waited, waited);
        }
    }

    /** How long a workload told to stop early may take to return before it counts as hung. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /**
     * Runs the workload until it returns or {@code deadline} passes; once {@code budget} is stopped early
     * (the verdict is certain), it waits at most {@code stopGrace} more, so that threads stuck in the
     * kernel cannot hold a decided test for the rest of its budget and grace.
     */
    static Outcome run(Callable<Void> body, Duration deadline, org.krepro.runner.spi.Budget budget, Duration stopGrace)
            throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().name("krepro-workload").start(() -> {
            try {
                body.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        long end = System.nanoTime() + deadline.toNanos();
        long stoppedAt = 0;
        while (true) {
            if (t.join(Duration.ofMillis(100))) {
                return new Outcome(false, failure[0], List.of(), "");
            }
            long now = System.nanoTime();
            if (stoppedAt == 0 && budget.stopped()) {
                stoppedAt = now;
            }
            if (stoppedAt != 0 && now - stoppedAt >= stopGrace.toNanos()) {
                return new Outcome(true, null, HungWorkload.blockedThreads(), stopGrace.toSeconds() + " s after it was told to stop ("
                        + budget.stopReason() + ")");
            }
            if (now >= end) {
                return new Outcome(true, null, HungWorkload.blockedThreads(), deadline.toSeconds() + " s (budget + grace)");
            }
        }
    }
}
