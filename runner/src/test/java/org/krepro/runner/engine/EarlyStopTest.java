package org.krepro.runner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.controls.CleanControl;
import org.krepro.runner.controls.KernelWarningControl;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Budget;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestContext;

/**
 * Early stop through the real engine on real loop devices: a test whose verdict is certain (a kernel
 * crash report in its window, a finding the reproducer reported) ends within seconds of it however long
 * its budget, a clean one runs its budget out, and --full-budget keeps a failing one running.
 */
class EarlyStopTest {

    static TestResult run(Path dir, Reproducer r, Duration duration, boolean fullBudget) throws Exception {
        RunOptions o = EngineFixture.options(dir, duration).withFullBudget(fullBudget);
        try (TestEngine engine = new TestEngine(o, Progress.quiet())) {
            return engine.runOne(r, r.info().configs().stream().filter(c -> c.fs() == Filesystem.EXT4).findFirst().orElseThrow());
        } finally {
            EngineFixture.assertNothingLeft(dir);
        }
    }

    static double seconds(TestResult r, String key) {
        String v = r.properties().get(key);
        assertTrue(v != null, () -> "no " + key + " in " + r.properties());
        return Double.parseDouble(v);
    }

    @Tag("root")
    @Test
    void aKernelCrashReportEndsALongWorkloadWithinSeconds(@TempDir Path dir) throws Exception {
        TestResult r = run(dir, new KernelWarningControl(), Duration.ofSeconds(120), false);
        assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.findings());
        assertEquals(KernelWarningControl.EXPECTED_TITLE, r.findings().getFirst().title());
        assertTrue(r.properties().get("stopped.early").matches("kernel crash report after \\d+\\.\\d s \\(WARNING in ext4_dirty_folio\\)"),
                r.properties().toString());
        assertTrue(seconds(r, "seconds.first.finding.to.workload.end") <= 5, r.properties().toString());
        assertTrue(seconds(r, "duration.seconds") < 10, r.properties().toString());
        assertTrue(Long.parseLong(r.properties().get("iterations")) > 0, "the control kept writing until stopped");
    }

    @Tag("root")
    @Test
    void aFindingTheReproducerReportsEndsALongWorkloadWithinSeconds(@TempDir Path dir) throws Exception {
        TestResult r = run(dir, new ReportsAfter(Duration.ofSeconds(2)), Duration.ofSeconds(120), false);
        assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.findings());
        assertEquals(ReportsAfter.TITLE, r.findings().getFirst().title());
        assertTrue(r.properties().get("stopped.early").startsWith("reproducer finding after "), r.properties().toString());
        double first = seconds(r, "seconds.to.first.finding");
        assertTrue(first >= 2 && first < 4, r.properties().toString());
        assertTrue(seconds(r, "seconds.first.finding.to.workload.end") <= 5, r.properties().toString());
        assertTrue(seconds(r, "duration.seconds") < 10, r.properties().toString());
    }

    @Tag("root")
    @Test
    void aCleanTestRunsItsWholeBudget(@TempDir Path dir) throws Exception {
        TestResult r = run(dir, new CleanControl(), Duration.ofSeconds(6), false);
        assertEquals(Verdict.PASS, r.verdict(), () -> r.reason() + " " + r.findings());
        assertTrue(seconds(r, "duration.seconds") >= 6, r.properties().toString());
        assertEquals("no (no decisive finding while the workload ran)", r.properties().get("stopped.early"));
        assertFalse(r.properties().containsKey("seconds.to.first.finding"));
    }

    @Tag("root")
    @Test
    void fullBudgetKeepsAFailingTestRunningAndStillRecordsTheFirstFinding(@TempDir Path dir) throws Exception {
        TestResult r = run(dir, new KernelWarningControl(), Duration.ofSeconds(8), true);
        assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.findings());
        assertTrue(seconds(r, "duration.seconds") >= 8, r.properties().toString());
        assertTrue(r.properties().get("stopped.early").startsWith("no (--full-budget; first finding: kernel crash report after "),
                r.properties().toString());
        assertTrue(seconds(r, "seconds.to.first.finding") < 3, r.properties().toString());
    }

    @Test
    void aStoppedBudgetIsUpAndKeepsItsFirstReason() {
        Budget b = Budget.start(Duration.ofHours(1), Long.MAX_VALUE);
        assertFalse(b.timeUp());
        assertFalse(b.spent(10));
        assertTrue(b.remainingMillis() > 0);
        b.stop("first");
        b.stop("second");
        assertTrue(b.timeUp());
        assertTrue(b.spent(0));
        assertTrue(b.stopped());
        assertEquals("first", b.stopReason());
        assertEquals(0, b.remainingMillis());
    }

    /**
     * Positive control of the report path: writes verified data like control-clean and, after
     * {@code after}, reports a finding as a reproducer does when a syscall returns EUCLEAN; it then
     * keeps writing until its budget is spent.
     */
    static final class ReportsAfter implements Reproducer {
        static final String TITLE = "control: a finding reported by the workload";
        private final Duration after;

        ReportsAfter(Duration after) {
            this.after = after;
        }

        @Override
        public ReproducerInfo info() {
            return new ReproducerInfo("control-reports-after", "reports a finding after a delay", "",
                    List.of(FsConfig.of(Filesystem.EXT4, "4k", 64 * FsConfig.MIB)), List.of(), false, List.of(),
                    Duration.ofSeconds(1), List.of(TITLE));
        }

        @Override
        public void run(TestContext ctx) throws Exception {
            Thread reporter = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(after);
                    ctx.report(new Finding(Finding.Kind.WORKLOAD, TITLE, "reported " + after.toMillis() + " ms into the workload"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                CleanControl.writeVerifiedData(ctx);
            } finally {
                reporter.interrupt();
                reporter.join();
            }
        }
    }
}
