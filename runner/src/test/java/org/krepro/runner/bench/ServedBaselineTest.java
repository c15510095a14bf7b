package org.krepro.runner.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C side of the CPU rows: one process, slices on request, gone after close. */
class ServedBaselineTest {
    @TempDir
    static Path work;
    static Path exe;

    @BeforeAll
    static void compile() throws Exception {
        exe = SyscallBench.compile(work, "baseline_syscalls.c", List.of());
    }

    @Test
    void oneProcessServesEverySliceItIsAskedFor() throws IOException {
        ServedBaseline c = ServedBaseline.start(exe, "getppid");
        ProcessHandle child;
        try (c) {
            child = ProcessHandle.current().children().filter(p -> p.info().command().orElse("").equals(exe.toString()))
                    .findFirst().orElseThrow();
            for (int i = 0; i < 3; i++) {
                SyscallBench.Run run = c.run(30);
                assertTrue(run.ops() >= 1024, "slice " + i + " made " + run.ops() + " calls");
                // CPU time and elapsed time of one 30 ms slice, not of the process so far
                assertTrue(run.wallNanos() >= 30_000_000L && run.wallNanos() < 1_000_000_000L, "wall " + run.wallNanos());
                assertTrue(run.cpuNanos() > 0 && run.cpuNanos() <= run.wallNanos() + 5_000_000L, "cpu " + run.cpuNanos());
            }
            assertTrue(child.isAlive(), "the same process serves every slice");
        }
        assertFalse(child.isAlive(), "closing the baseline ends its process");
    }

    @Test
    void aBaselineThatFailsSaysWhyInsteadOfHanging() throws IOException {
        try (ServedBaseline c = ServedBaseline.start(exe, "no-such-mode")) {
            IOException e = assertThrows(IOException.class, () -> c.run(10));
            assertTrue(e.getMessage().contains("unknown mode no-such-mode"), e.getMessage());
        }
    }
}
