package org.krepro.runner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.controls.CleanControl;
import org.krepro.runner.coverage.RaceCoverage;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Filesystem;

/**
 * Race-path coverage through the real engine on this kernel: where kprobe events exist, control-clean's
 * functions are counted and its probes removed; where they do not (a kernel without
 * CONFIG_KPROBE_EVENTS), the test says why, and either way krepro leaves no tracefs mount behind.
 */
@Tag("root")
class CoverageEngineTest {

    @Test
    void cleanControlRecordsItsCoverageOrWhyThereIsNone(@TempDir Path dir) throws Exception {
        var tracefsBefore = RaceCoverage.tracefsMountsForTest();
        CleanControl clean = new CleanControl();
        TestResult r;
        try (TestEngine engine = new TestEngine(EngineFixture.options(dir, Duration.ofSeconds(2)), Progress.quiet())) {
            r = engine.runOne(clean, ControlsTest.configFor(clean, Filesystem.EXT4));
        } finally {
            EngineFixture.assertNothingLeft(dir);
        }
        assertEquals(Verdict.PASS, r.verdict(), () -> r.reason() + " " + r.findings());
        assertEquals(tracefsBefore, RaceCoverage.tracefsMountsForTest(), "tracefs mounted by krepro is unmounted at the end");
        String coverage = r.properties().get("coverage");
        RaceCoverage.Tracing t = RaceCoverage.locate();
        if (!t.available()) {
            assertTrue(coverage.startsWith("unavailable: "), r.properties().toString());
            assertTrue(coverage.matches("unavailable: .*(kprobe_events|tracefs).*"), coverage);
            assertEquals(RaceCoverage.Reach.UNKNOWN, RaceCoverage.reach(r.properties()));
            assertFalse(r.properties().containsKey("coverage.vfs_fsync_range"), "no count without kprobes");
        } else {
            assertTrue(Long.parseLong(r.properties().get("coverage.vfs_fsync_range")) > 0, r.properties().toString());
            assertTrue(Long.parseLong(r.properties().get("coverage.ext4_file_write_iter")) > 0, r.properties().toString());
            assertEquals("0", r.properties().get("coverage.left"));
            assertEquals(RaceCoverage.Reach.REACHED, RaceCoverage.reach(r.properties()));
        }
        assertFalse(r.properties().keySet().stream().anyMatch(k -> k.startsWith("coverage.xfs_")),
                "xfs-only functions are not probed on ext4: " + r.properties());
    }
}
