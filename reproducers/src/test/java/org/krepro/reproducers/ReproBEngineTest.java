package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.runner.engine.Progress;
import org.krepro.runner.engine.RunOptions;
import org.krepro.runner.engine.TestEngine;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;

/**
 * The seed 002 and 004 reproducers through the runner's engine on this host: btrfs-eb-read-race on a short
 * budget (single device and raid0) reaches a verdict with a non-zero count for every declared syscall
 * and io_uring operation; ext4-inline-data-mkwrite is refused (SKIPPED with the reason) without
 * --allow-host-crash, before anything is created.
 */
@Tag("root")
class ReproBEngineTest {

    private static RunOptions options(Path dir, Duration duration, boolean allowHostCrash) {
        return new RunOptions(Set.of(), Set.of(), Set.of(), duration, Long.MAX_VALUE, 4004L,
                dir.resolve("reports"), dir.resolve("work"), false, allowHostCrash, List.of(), Duration.ofSeconds(60));
    }

    private static TestResult runOne(Reproducer r, FsConfig config, Duration duration, boolean allowHostCrash)
            throws Exception {
        Path dir = Files.createTempDirectory("krepro-rb-engine-");
        TestResult result;
        try (TestEngine engine = new TestEngine(options(dir, duration, allowHostCrash), Progress.quiet())) {
            result = engine.runOne(r, config);
        }
        // The engine has unmounted and detached everything (teardown always runs): only files remain.
        // Never walk into a filesystem that is still mounted: then the directory stays for a look.
        if (!Files.readString(Path.of("/proc/self/mounts")).contains(dir.toString())) {
            FileTrees.deleteAllItCan(dir);
        }
        return result;
    }

    @Test
    void btrfsEbReadRaceSingleReachesAVerdictWithEverySyscallCounted() throws Exception {
        assumeTrue(LoopDevice.usable(), "needs root and loop devices");
        check(BtrfsEbReadRace.SINGLE);
    }

    @Test
    void btrfsEbReadRaceRaid0ReachesAVerdictWithEverySyscallCounted() throws Exception {
        assumeTrue(LoopDevice.usable(), "needs root and loop devices");
        check(BtrfsEbReadRace.RAID0);
    }

    private static void check(FsConfig config) throws Exception {
        BtrfsEbReadRace r = new BtrfsEbReadRace();
        TestResult result = runOne(r, config, Duration.ofSeconds(8), false);
        assertNotEquals(Verdict.ERROR, result.verdict(), result.reason());
        assertNotEquals(Verdict.SKIPPED, result.verdict(), result.reason());
        // Fixed in v6.9-rc2: this host (6.18) must pass, by every detector. (Tests run one at a time; a
        // concurrent run injecting WARNINGs into the same kernel log would fail it, rightly so.)
        assertEquals(Verdict.PASS, result.verdict(), () -> "on a fixed kernel: " + result.findings());
        var props = result.properties();
        System.out.println(config.label() + ": " + result.verdict() + " " + props);
        for (String call : r.info().syscalls()) {
            String v = props.get("syscall." + call);
            assertTrue(v != null && Long.parseLong(v) > 0, "no count for " + call + " in " + props);
        }
        assertTrue(Long.parseLong(props.getOrDefault("iterations", "0")) > 0, props.toString());
        assertEquals("0", props.getOrDefault("telemetry.euclean", "0"));
    }

    @Test
    void ext4InlineDataMkwriteIsRefusedOnTheHost() throws Exception {
        Ext4InlineDataMkwrite r = new Ext4InlineDataMkwrite();
        assertTrue(r.info().mayCrashKernel());
        TestResult result = runOne(r, Ext4InlineDataMkwrite.CONFIG, Duration.ofSeconds(1), false);
        assertEquals(Verdict.SKIPPED, result.verdict());
        assertTrue(result.reason().contains("allow-host-crash"), result.reason());
        assertEquals(null, result.properties().get("mkfs"), "nothing may be made for a refused test");
    }
}
