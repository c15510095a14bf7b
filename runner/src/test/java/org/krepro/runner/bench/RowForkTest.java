package org.krepro.runner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CPU row measured in a JVM of its own comes back whole, with its progress, or fails loudly. */
class RowForkTest {
    @TempDir
    Path work;

    private Path compileSyscalls() throws Exception {
        return SyscallBench.compile(work, "baseline_syscalls.c", List.of());
    }

    @Test
    void aRowMeasuredInAChildJvmComesBackWithItsPairs() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchOptions o = new BenchOptions(100, 1, new PrintStream(progress, true, StandardCharsets.UTF_8));
        BenchRow row = RowFork.run(o, "getppid", compileSyscalls(), work.resolve("no-uring-baseline"));
        assertEquals("getppid", row.name());
        assertEquals("c", row.baselineKind());
        assertEquals("cpu", row.basis());
        assertEquals(2, row.pairs(), "2 x 1 round x 100 ms = two 100 ms slice pairs");
        assertTrue(row.krepro() > 1e5 && row.baseline() > 1e5, row.toString());
        assertTrue(row.pairedLow() <= row.ratio() && row.ratio() <= row.pairedHigh(), row.toString());
        String said = progress.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("getppid pair 2:") && said.contains("median of 2 pairs"), said);
        int cpu = SyscallBench.measuringCpu();
        if (cpu >= 0) { // the child and its C baseline live on the row's CPU, as the C process does
            assertTrue(said.contains("getppid: krepro's JVM and the C baseline confined to CPU " + cpu + "\n"), said);
        }
    }

    @Test
    void forksPoolTheirPairsIntoOneRow() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchOptions o = new BenchOptions(100, 1, 2, new PrintStream(progress, true, StandardCharsets.UTF_8));
        BenchRow row = RowFork.runForks(o, "getppid", compileSyscalls(), work.resolve("no-uring-baseline"));
        assertEquals(4, row.pairs(), "two JVMs x two 100 ms slice pairs");
        assertTrue(row.pairedLow() <= row.ratio() && row.ratio() <= row.pairedHigh(), row.toString());
        String said = progress.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("getppid: JVM 2 of 2") && said.contains("median of 4 pairs from 2 JVMs (each JVM's: "), said);
    }

    /** A row JVM runs the parent's collector, or Serial (the launcher's and the guests') when it named none. */
    @Test
    void aRowJvmGetsTheParentsCollectorOrSerial() {
        List<String> bare = RowFork.javaCommand(List.of("-Xmx2g", "-Dkrepro.sys.rawSyscalls=false", "-agentlib:jdwp=x"));
        assertTrue(bare.containsAll(List.of("-Xmx2g", "-Dkrepro.sys.rawSyscalls=false", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED")), bare.toString());
        assertTrue(bare.stream().noneMatch(a -> a.startsWith("-agentlib")), bare.toString());
        List<String> parallel = RowFork.javaCommand(List.of("-XX:+UseParallelGC"));
        assertEquals(List.of("-XX:+UseParallelGC"), parallel.stream().filter(a -> a.matches("-XX:.Use\\w+GC")).toList());
        List<String> notSerial = RowFork.javaCommand(List.of("-XX:-UseSerialGC"));
        assertEquals(List.of("-XX:-UseSerialGC"), notSerial.stream().filter(a -> a.matches("-XX:.Use\\w+GC")).toList());
    }

    @Test
    void aChildThatFailsFailsTheRow() throws IOException {
        BenchOptions o = new BenchOptions(100, 1, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class,
                () -> RowFork.run(o, "getppid", work.resolve("missing-baseline"), work.resolve("missing-uring")));
        assertTrue(e.getMessage().contains("bench row getppid failed"), e.getMessage());
    }

    @Test
    void rowsCrossTheProcessBoundaryUnchanged() throws IOException {
        BenchRow row = new BenchRow("io_uring NOP batch 32", 1.1e7, 1.2e7, "liburing", "cpu", 0.9166, 0.8, 1.01, 50);
        assertEquals(row, RowFork.parse(RowFork.format(row)));
        assertThrows(IOException.class, () -> RowFork.parse("getppid\t1.0"));
    }
}
