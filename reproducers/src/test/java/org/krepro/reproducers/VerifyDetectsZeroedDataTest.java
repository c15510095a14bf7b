package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.krepro.reproducers.bench.LoopFilesystem;
import org.krepro.reproducers.bench.StandaloneContext;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.sys.NativeFile;
import org.krepro.sys.ffi.fcntl_h;

/**
 * The verify() of xfs-iomap-stale-write and gup-dio-into-mmap on a loop filesystem made by the test:
 * after a short workload, the bug's symptom is written in on purpose and must be found.
 */
@Tag("root")
class VerifyDetectsZeroedDataTest {

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
