package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.krepro.reproducers.bench.LoopFilesystem;
import org.krepro.reproducers.bench.StandaloneContext;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.sys.NativeFile;
import org.krepro.sys.SyscallCounters;
import org.krepro.sys.ffi.fcntl_h;

/**
 * Each reproducer of this worktree runs on this host's kernel on a short budget, on a loop device made
 * by the test: the workload, an unmount/drop-caches/remount, verify and fsck, as the runner would. It
 * must end clean (this kernel has the fixes), with non-zero iterations and a non-zero count for every
 * syscall it declares.
 */
class HostRunTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new XfsIomapStaleWrite(), "xfs/4k"),
                Arguments.of(new XfsIomapStaleWrite(), "ext4/4k-comparison"),
                Arguments.of(new XfsIomapStaleWrite(), "btrfs/comparison"),
                Arguments.of(new Ext4Jbd2Migration(), "ext4/2k"),
                Arguments.of(new Ext4Jbd2Migration(), "ext4/4k-data-journal"),
                Arguments.of(new GupDioIntoMmap(), "ext4/4k"),
                Arguments.of(new GupDioIntoMmap(), "xfs/4k"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("cases")
    void runsToACleanVerdictWithEveryDeclaredSyscall(Reproducer r, String label) throws Exception {
        FsConfig config = r.info().configs().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
        SyscallCounters.reset();
        try (LoopFilesystem fs = LoopFilesystem.create(config)) {
            StandaloneContext ctx = new StandaloneContext(config, fs.mountPoint(), List.of(fs.device()), 4242,
                    fs.scratch(), Duration.ofSeconds(4), Long.MAX_VALUE);
            ctx.startBudget();
            long t0 = System.nanoTime();
            r.run(ctx);
            double secs = (System.nanoTime() - t0) / 1e9;
            fs.remount();
            r.verify(ctx);
            String fsck = fs.unmountAndCheck();
            Map<String, Long> calls = SyscallCounters.snapshot();
            System.out.printf("%s %s: %.1f s, telemetry %s, notes %s, syscalls %s%n", r.info().id(), label, secs,
                    ctx.telemetry().counters(), ctx.notes(), calls);
            assertEquals(List.of(), ctx.findings(), "findings");
            assertTrue(ctx.telemetry().get("iterations") > 0, "iterations");
            assertTrue(secs < 4 + 30, "returned within its budget and grace");
            for (String call : r.info().syscalls()) {
                assertTrue(calls.getOrDefault(call, 0L) > 0, call + " was never called: " + calls);
            }
            assertTrue(fsck != null);
        }
    }

    /**
     * Positive controls of the two verify() methods: the symptom the bug leaves (a zeroed range inside
     * data that was written) is damaged in on purpose after the workload, and must come out as a DATA
     * finding naming the offset.
     */
    @ParameterizedTest(name = "{1} {0} detects zeroed data")
    @MethodSource("damageCases")
    void verifyReportsZeroedData(Reproducer r, String label, String file, long offset, long length) throws Exception {
        FsConfig config = r.info().configs().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
        try (LoopFilesystem fs = LoopFilesystem.create(config)) {
            StandaloneContext ctx = new StandaloneContext(config, fs.mountPoint(), List.of(fs.device()), 7,
                    fs.scratch(), Duration.ofSeconds(1), 40);
            ctx.startBudget();
            r.run(ctx);
            try (NativeFile f = NativeFile.open(fs.mountPoint().resolve(file), fcntl_h.O_RDWR());
                 Arena arena = Arena.ofConfined()) {
                f.writeFully(arena.allocate(length), offset);   // zeros, as the stale-iomap write leaves them
                f.fsync();
            }
            fs.remount();
            r.verify(ctx);
            fs.unmountAndCheck();
            System.out.println(r.info().id() + " damaged at " + offset + ": " + ctx.findings());
            assertFalse(ctx.findings().isEmpty(), "no finding for zeroed data");
            assertEquals(Finding.Kind.DATA, ctx.findings().getFirst().kind());
        }
    }

    static Stream<Arguments> damageCases() {
        return Stream.of(
                Arguments.of(new XfsIomapStaleWrite(), "xfs/4k", XfsIomapStaleWrite.FILE, 4096L + 100, 3000L),
                Arguments.of(new GupDioIntoMmap(), "ext4/4k", GupDioIntoMmap.TARGET, 8192L, 4096L));
    }
}
