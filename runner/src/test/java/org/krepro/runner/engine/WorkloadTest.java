package org.krepro.runner.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.krepro.runner.spi.Budget;

/** The watchdog: a decided test is not held for its whole budget by a workload that will not return. */
class WorkloadTest {
    @Test
    void aWorkloadThatIgnoresTheStopIsHungSecondsAfterIt() throws Exception {
        Budget budget = Budget.start(Duration.ofSeconds(60), Long.MAX_VALUE);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            budget.stop("kernel crash report after 0.3 s (WARNING in f)");
        });
        long t0 = System.nanoTime();
        Workload.Outcome o = Workload.run(() -> {
            Thread.sleep(4_000); // stands in for a thread stuck in the kernel: it does not look at the budget
            return null;
        }, Duration.ofSeconds(120), budget, Duration.ofSeconds(1));
        double took = (System.nanoTime() - t0) / 1e9;
        assertTrue(o.hung());
        assertTrue(took < 3, "declared hung " + took + " s in, not at the 120 s deadline");
        assertTrue(o.hangFinding(Duration.ofSeconds(120)).detail().contains("1 s after it was told to stop (kernel crash report"),
                o.hangFinding(Duration.ofSeconds(120)).detail());
    }

    @Test
    void aWorkloadThatHonoursTheStopReturnsAndIsNotHung() throws Exception {
        Budget budget = Budget.start(Duration.ofSeconds(60), Long.MAX_VALUE);
        Workload.Outcome o = Workload.run(() -> {
            budget.stop("reproducer finding");
            while (!budget.timeUp()) {
                Thread.onSpinWait();
            }
            return null;
        }, Duration.ofSeconds(120), budget, Duration.ofSeconds(1));
        assertFalse(o.hung());
    }

    @Test
    void withoutAStopTheDeadlineDecides() throws Exception {
        Budget budget = Budget.start(Duration.ofMillis(200), Long.MAX_VALUE);
        Workload.Outcome o = Workload.run(() -> {
            Thread.sleep(3_000);
            return null;
        }, Duration.ofMillis(500), budget, Duration.ofSeconds(1));
        assertTrue(o.hung());
        assertTrue(o.hangFinding(Duration.ofMillis(500)).detail().contains("(budget + grace)"));
    }
}
