package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.krepro.reproducers.bench.LoopFilesystem;
import org.krepro.reproducers.bench.StandaloneContext;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.sys.SyscallCounters;

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
                Arguments.of(new Ext4Jbd2Migration(), "ext4/2k"),
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
}
