package org.krepro.runner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.krepro.runner.controls.CleanControl;
import org.krepro.runner.controls.DataCorruptionControl;
import org.krepro.runner.controls.KernelWarningControl;
import org.krepro.runner.controls.MetadataCorruptionControl;
import org.krepro.runner.report.JUnitWriterTest;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;

/**
 * The built-in controls through the real engine on real loop devices: the clean control passes, each
 * injected fault fails with the right detector and title, and nothing is left on the host.
 */
class ControlsTest {

    static FsConfig configFor(Reproducer r, Filesystem fs) {
        return r.info().configs().stream().filter(c -> c.fs() == fs).findFirst().orElseThrow();
    }

    static TestResult runOne(Path dir, Reproducer r, Filesystem fs) throws Exception {
        try (TestEngine engine = new TestEngine(EngineFixture.options(dir, Duration.ofSeconds(2)), Progress.quiet())) {
            return engine.runOne(r, configFor(r, fs));
        } finally {
            EngineFixture.assertNothingLeft(dir);
        }
    }

    @Tag("root")
    @ParameterizedTest
    @EnumSource(Filesystem.class)
    void cleanControlPasses(Filesystem fs, @TempDir Path dir) throws Exception {
        TestResult r = runOne(dir, new CleanControl(), fs);
        assertEquals(Verdict.PASS, r.verdict(), () -> r.reason() + " " + r.findings());
        assertTrue(Long.parseLong(r.properties().get("iterations")) > 0);
        assertTrue(r.properties().containsKey("mkfs"), "mkfs command line recorded");
        assertEquals("0", r.properties().get("fsck.exit"));
        assertEquals("", r.properties().get("syscalls.missing"), "every declared syscall was made: " + r.properties());
        assertTrue(r.properties().get("cycle_check.before").matches("[1-9]\\d* files, [1-9]\\d* bytes in .*"), r.properties().toString());
        assertEquals(r.properties().get("cycle_check.before").replaceAll(" in .*", ""),
                r.properties().get("cycle_check.after").replaceAll(" in .*", ""), "the same files read before and after");
        // the check's own calls (lseek for holes, its opens and preads) are not the reproducer's
        assertFalse(r.properties().containsKey("syscall.lseek"), r.properties().toString());
    }

    @Tag("root")
    @ParameterizedTest
    @EnumSource(Filesystem.class)
    void dataCorruptionControlFailsNamingTheBlock(Filesystem fs, @TempDir Path dir) throws Exception {
        TestResult r = runOne(dir, new DataCorruptionControl(), fs);
        assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.findings());
        Finding first = r.findings().stream().filter(f -> f.kind() == Finding.Kind.DATA).findFirst().orElseThrow(
                () -> new AssertionError("no DATA finding: " + r.findings()));
        assertTrue(first.title().contains("zeroed"), first.title());
        assertTrue(first.detail().contains("block " + DataCorruptionControl.DAMAGED_BLOCK), first.detail());
        assertTrue(r.evidence().containsKey("verifier"), "verifier report kept as evidence: " + r.evidence());
        // the unmount-cycle check, which knows nothing of the verifier's format, sees the same block
        long offset = (long) DataCorruptionControl.DAMAGED_BLOCK * org.krepro.runner.verify.BlockFormat.DEFAULT_BLOCK_SIZE;
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.DATA
                && f.title().contains("changed across unmount + remount (1 of ")
                && f.title().endsWith("now zeros, first at offset 0x" + Long.toHexString(offset) + ")")
                && f.detail().contains("; offset 0x" + Long.toHexString(offset) + " is at ")), () -> "no unmount-cycle finding: " + r.findings());
        assertTrue(r.evidence().keySet().stream().anyMatch(k -> k.startsWith("image")), "image kept: " + r.evidence());
    }

    @Tag("root")
    @Test
    void withTheCycleCheckOffTheVerifierStillNamesTheBlockAndTheReportSaysTheCheckWasOff(@TempDir Path dir) throws Exception {
        RunOptions on = EngineFixture.options(dir, Duration.ofSeconds(2));
        RunOptions off = new RunOptions(on.reproducers(), on.filesystems(), on.optionSets(), on.duration(), on.iterations(),
                on.seed(), on.reportDir(), on.workDir(), on.keepImages(), on.allowHostCrash(), on.devices(), on.hangGrace(), false);
        Reproducer r = new DataCorruptionControl();
        TestResult result;
        try (TestEngine engine = new TestEngine(off, Progress.quiet())) {
            result = engine.runOne(r, configFor(r, Filesystem.EXT4));
        } finally {
            EngineFixture.assertNothingLeft(dir);
        }
        assertEquals(Verdict.FAIL, result.verdict(), () -> result.reason() + " " + result.findings());
        assertTrue(result.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.DATA && f.title().contains("zeroed")), result.findings().toString());
        assertFalse(result.findings().stream().anyMatch(f -> f.title().contains("unmount + remount")), result.findings().toString());
        assertEquals("off (--no-cycle-check)", result.properties().get("cycle_check.before"));
        assertFalse(result.properties().containsKey("cycle_check.after"));
    }

    @Tag("root")
    @ParameterizedTest
    @EnumSource(Filesystem.class)
    void metadataCorruptionControlFailsThroughFsck(Filesystem fs, @TempDir Path dir) throws Exception {
        TestResult r = runOne(dir, new MetadataCorruptionControl(), fs);
        assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.findings());
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.FSCK), () -> "no FSCK finding: " + r.findings());
        assertFalse(r.fsckOutput().isEmpty());
    }

    @Tag("root")
    @Test
    void kernelWarningControlFailsWithItsTitleAndTheNextTestDoesNotInheritIt(@TempDir Path dir) throws Exception {
        try (TestEngine engine = new TestEngine(EngineFixture.options(dir, Duration.ofSeconds(1)), Progress.quiet())) {
            Reproducer warn = new KernelWarningControl();
            TestResult r = engine.runOne(warn, configFor(warn, Filesystem.EXT4));
            assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.findings());
            assertEquals(Finding.Kind.KERNEL_CRASH, r.findings().getFirst().kind());
            assertEquals(KernelWarningControl.EXPECTED_TITLE, r.findings().getFirst().title());
            assertTrue(r.kernelLog().contains("ext4_dirty_folio"), r.kernelLog());
            // Re-armed through debugfs where the kernel allows it; where it does not (lockdown), the report says so.
            if (!"true".equals(r.properties().get("kmsg.warn_once_cleared"))) {
                assertEquals("false", r.properties().get("kmsg.warn_once_cleared"));
                assertTrue(r.notes().stream().anyMatch(n -> n.contains("WARN_ONCE")), r.notes().toString());
            }

            Reproducer clean = new CleanControl();
            TestResult after = engine.runOne(clean, configFor(clean, Filesystem.EXT4));
            assertEquals(Verdict.PASS, after.verdict(), () -> "inherited: " + after.findings());
        }
        EngineFixture.assertNothingLeft(dir);
    }

    @Test
    void aRunWithoutNamedReproducersLeavesOutThePositiveControls() {
        var plan = TestEngine.plan(List.of(new CleanControl(), new KernelWarningControl(), new DataCorruptionControl()),
                EngineFixture.options(Path.of("/nonexistent"), Duration.ofSeconds(1)));
        assertTrue(plan.stream().allMatch(e -> e.getKey().info().id().equals(CleanControl.ID)), plan.toString());
        assertEquals(3, plan.size(), "control-clean on ext4, xfs and btrfs");
    }

    @Tag("root")
    @Test
    void aRunWritesSchemaValidJUnitPerKernelRelease(@TempDir Path dir) throws Exception {
        RunResults results;
        Path kernelDir;
        try (TestEngine engine = new TestEngine(EngineFixture.options(dir, Duration.ofSeconds(1)), Progress.quiet())) {
            List<Reproducer> rs = List.of(new CleanControl(), new KernelWarningControl());
            RunOptions named = EngineFixture.options(dir, Duration.ofSeconds(1));
            named = new RunOptions(java.util.Set.of(CleanControl.ID, KernelWarningControl.ID), named.filesystems(),
                    named.optionSets(), named.duration(), named.iterations(), named.seed(), named.reportDir(), named.workDir(),
                    named.keepImages(), named.allowHostCrash(), named.devices(), named.hangGrace());
            var plan = TestEngine.plan(rs, named).stream()
                    .filter(e -> e.getValue().fs() == Filesystem.EXT4).toList();
            results = engine.run(plan);
            kernelDir = engine.kernelReportDir();
        }
        assertEquals(1, results.exitCode());
        assertEquals(dir.resolve("reports").resolve(results.host().kernelRelease()), kernelDir);
        try (Stream<Path> files = Files.list(kernelDir)) {
            List<Path> xml = files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList();
            assertEquals(1, xml.size(), "one suite per (kernel, filesystem)");
            JUnitWriterTest.validate(xml.getFirst());
            String text = Files.readString(xml.getFirst());
            assertTrue(text.contains("kernel.release"), text);
            assertTrue(text.contains("control-clean[4k].seed"), text);
        }
        assertEquals(results, RunResults.read(kernelDir.resolve("results.json")));
        EngineFixture.assertNothingLeft(dir);
    }
}
