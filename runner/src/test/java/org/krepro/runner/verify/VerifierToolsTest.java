package org.krepro.runner.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench row, the underneath writer on an image file, concurrent recording, the block writer. */
class VerifierToolsTest {

    @TempDir
    Path tmp;

    @Test
    void benchRowIsComplete() {
        VerifierBench.Row row = VerifierBench.run(8L << 20, 4096, 1, 0);
        assertEquals("verifier", row.name());
        assertEquals("crc32c", row.baselineKind());
        assertTrue(row.krepro() > 0 && row.baseline() > 0, row::toString);
        assertEquals(row.krepro() / row.baseline(), row.ratio(), 1e-9);
    }

    @Test
    void benchSuiteIsFoundByTheBenchCommand() {
        List<String> names = new ArrayList<>();
        java.util.ServiceLoader.load(org.krepro.runner.bench.BenchSuite.class).forEach(s -> names.add(s.name()));
        assertTrue(names.contains("verifier"), names::toString);
    }

    @Test
    void underneathWriterOverwritesAnImageFileAndReturnsTheOldBytes() throws IOException {
        Path image = Files.createFile(tmp.resolve("image"));
        byte[] content = new byte[1 << 16];
        Arrays.fill(content, (byte) 0x5a);
        Files.write(image, content);
        byte[] zeros = new byte[4096];
        byte[] before;
        try {
            before = UnderneathWriter.overwriteBlock(image, 8192, ByteBuffer.wrap(zeros));
        } catch (IOException e) {
            // O_DIRECT is not supported by every filesystem a temp dir can be on (old tmpfs).
            org.junit.jupiter.api.Assumptions.assumeTrue(!e.getMessage().contains("EINVAL"), e.getMessage());
            throw e;
        }
        byte[] expectBefore = new byte[4096];
        Arrays.fill(expectBefore, (byte) 0x5a);
        assertArrayEquals(expectBefore, before);
        byte[] now = Files.readAllBytes(image);
        for (int i = 0; i < now.length; i++) {
            assertEquals(i >= 8192 && i < 8192 + 4096 ? 0 : 0x5a, now[i], "byte " + i);
        }
        assertArrayEquals(zeros, UnderneathWriter.read(image, 8192, 4096));
        assertThrows(IllegalArgumentException.class, () -> UnderneathWriter.overwriteBlock(image, 100, ByteBuffer.wrap(zeros)));
        assertThrows(IllegalArgumentException.class, () -> UnderneathWriter.overwriteBlock(image, 0, ByteBuffer.allocate(100)));
        assertThrows(IOException.class, () -> UnderneathWriter.overwriteBlock(image, 1 << 16, ByteBuffer.wrap(zeros)));
        assertThrows(IOException.class, () -> UnderneathWriter.overwriteBlock(tmp, 0, ByteBuffer.wrap(zeros)));
    }

    @Test
    void concurrentRecordingKeepsEveryWrite() throws Exception {
        ExpectedState state = new ExpectedState(BlockFormat.withSeed(1));
        ExpectedFile f = state.file(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        f.written(thread * 1000L + i, 1, 1 + i % 3);
                    }
                }));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(4000, f.minBlocks());
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 1000; i++) {
                assertEquals(1 + i % 3, f.lo(t * 1000L + i));
                assertEquals(1 + i % 3, f.hi(t * 1000L + i));
            }
        }
    }

    @Test
    void expectedFileRanges() {
        ExpectedState state = new ExpectedState(BlockFormat.withSeed(1));
        ExpectedFile f = state.file(7);
        assertEquals("f0007", f.path());
        f.written(0, 10, 1);
        f.inFlight(5, 10, 2);
        assertEquals(10, f.minBlocks());
        assertEquals(15, f.maxBlocks());
        assertEquals(1, f.lo(5));
        assertEquals(2, f.hi(5));
        assertEquals(0, f.lo(12));
        f.completed(5, 1, 2);
        assertEquals(2, f.lo(5));
        f.truncated(3);
        assertEquals(3, f.minBlocks());
        assertEquals(3, f.maxBlocks());
        assertEquals(0, f.hi(5));
        assertThrows(IllegalArgumentException.class, () -> state.file(7, "other"));
        assertThrows(IllegalArgumentException.class, () -> f.written(0, 1, 0));
    }

    @Test
    void reportToHandsFindingsPropertiesAndTheReportToTheTest() throws IOException {
        BlockFormat format = new BlockFormat(4096, 3);
        ExpectedState state = new ExpectedState(format);
        state.file(1).written(0, 4, 1);
        MemorySegment c = MemorySegment.ofArray(format.blocks(1, 0, 4, 1));
        c.asSlice(4096, 4096).fill((byte) 0);
        VerifyResult r = Verifier.of(state).verify(new MemoryDataSource().put("f0001", c));
        List<org.krepro.runner.spi.Finding> reported = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        org.krepro.runner.spi.Telemetry telemetry = new org.krepro.runner.spi.Telemetry();
        org.krepro.runner.spi.TestContext ctx = new org.krepro.runner.spi.TestContext() {
            public org.krepro.runner.spi.FsConfig config() { throw new UnsupportedOperationException(); }
            public Path mountPoint() { throw new UnsupportedOperationException(); }
            public List<Path> devices() { return List.of(); }
            public long seed() { return 3; }
            public java.util.SplittableRandom random(String stream) { return new java.util.SplittableRandom(3); }
            public org.krepro.runner.spi.Budget budget() { throw new UnsupportedOperationException(); }
            public org.krepro.runner.spi.Telemetry telemetry() { return telemetry; }
            public void report(org.krepro.runner.spi.Finding finding) { reported.add(finding); }
            public void note(String line) { notes.add(line); }
            public Path scratchDir() { return tmp; }
            public String exec(List<String> command) { throw new UnsupportedOperationException(); }
        };
        Path first = r.reportTo(ctx);
        Path second = r.reportTo(ctx);
        assertEquals(tmp.resolve("verifier-report.txt"), first);
        assertEquals(tmp.resolve("verifier-report-2.txt"), second);
        assertEquals(r.report(), Files.readString(first));
        assertEquals("data: 1 zeroed block in f0001 (first at offset 0x1000)", reported.get(0).title());
        assertEquals("1", telemetry.facts().get("data.bad.zeroed"));
        assertTrue(notes.get(0).startsWith("data verifier: 1 bad block(s)"), notes.get(0));
    }

    @Test
    void largeZeroedFileIsCountedInFullButDetailedOnlyForTheFirstBlocks() throws IOException {
        BlockFormat format = new BlockFormat(4096, 3);
        ExpectedState state = new ExpectedState(format);
        state.file(1).written(0, 4096, 1);
        MemorySegment zeros = MemorySegment.ofArray(new byte[4096 * 4096]);
        VerifyResult r = Verifier.of(state).verify(new MemoryDataSource().put("f0001", zeros));
        assertEquals(4096, r.count(DataClass.ZEROED));
        assertEquals(16, r.badBlocks().size());
        assertTrue(r.badBlocks().stream().allMatch(b -> !b.hex().isEmpty()));
        assertEquals("data: 4096 zeroed blocks in f0001 (first at offset 0x0)", r.findings().get(0).title());
    }
}
