package org.krepro.runner.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;

/** Every corruption class, made by mutating blocks in memory, must be named exactly. */
class VerifierTest {
    static final long SEED = 0x5eedL;
    static final int BS = 4096;
    static final int BLOCKS = 32;

    final BlockFormat format = new BlockFormat(BS, SEED);
    final ExpectedState state = new ExpectedState(format);
    final ExpectedFile f3 = state.file(3);
    final ExpectedFile f4 = state.file(4);
    final MemorySegment c3 = MemorySegment.ofArray(new byte[BLOCKS * BS]);
    final MemorySegment c4 = MemorySegment.ofArray(new byte[BLOCKS * BS]);
    final MemoryDataSource source = new MemoryDataSource().put("f0003", c3).put("f0004", c4);

    VerifierTest() {
        // generation 1 everywhere, then blocks 0..7 of file 3 rewritten at generation 2
        format.fill(c3, 3, 0, BLOCKS, 1);
        f3.written(0, BLOCKS, 1);
        format.fill(c3.asSlice(0, 8 * BS), 3, 0, 8, 2);
        f3.written(0, 8, 2);
        format.fill(c4, 4, 0, BLOCKS, 1);
        f4.written(0, BLOCKS, 1);
    }

    MemorySegment block(MemorySegment file, long i) {
        return file.asSlice(i * BS, BS);
    }

    VerifyResult verify() throws IOException {
        return Verifier.of(state).verify(source);
    }

    static BadBlock only(VerifyResult r) {
        assertEquals(1, r.badBlocks().size(), r::report);
        return r.badBlocks().get(0);
    }

    @Test
    void cleanFilesVerifyClean() throws IOException {
        VerifyResult r = verify();
        assertTrue(r.clean(), r::report);
        assertEquals(0, r.bad());
        assertTrue(r.findings().isEmpty());
        assertEquals(2L * BLOCKS, r.files().stream().mapToLong(VerifyResult.FileResult::blocksChecked).sum());
        assertEquals(Long.toString(2L * BLOCKS * BS), r.properties().get("data.bytes"));
        assertEquals("0", r.properties().get("data.bad.zeroed"));
        assertTrue(r.report().contains("result: clean"), r::report);
    }

    @Test
    void zeroedBlock() throws IOException {
        block(c3, 17).fill((byte) 0);
        VerifyResult r = verify();
        assertEquals(1, r.count(DataClass.ZEROED));
        assertEquals(1, r.bad());
        BadBlock b = only(r);
        assertEquals(DataClass.ZEROED, b.cls());
        assertEquals(17, b.blockIndex());
        assertEquals(0x11000, b.fileOffset());
        assertEquals("data: 1 zeroed block in f0003 (first at offset 0x11000)", r.findings().get(0).title());
        assertEquals(Finding.Kind.DATA, r.findings().get(0).kind());
        assertEquals("1", r.properties().get("data.bad.zeroed"));
    }

    @Test
    void threeZeroedBlocksTitle() throws IOException {
        for (int i : new int[] {17, 18, 30}) {
            block(c3, i).fill((byte) 0);
        }
        VerifyResult r = verify();
        assertEquals(List.of("data: 3 zeroed blocks in f0003 (first at offset 0x11000)"),
                r.findings().stream().map(Finding::title).toList());
        assertTrue(r.findings().get(0).detail().contains("ZEROED blocks of f0003 (all 3 of 3)"), r.findings().get(0).detail());
    }

    @Test
    void staleBlock() throws IOException {
        format.fill(block(c3, 5), 3, 5, 1); // block 5 was rewritten at generation 2; the disk has generation 1
        BadBlock b = only(verify());
        assertEquals(DataClass.STALE, b.cls());
        assertEquals(5, b.blockIndex());
        assertEquals(1, b.found().generation());
        assertEquals(2, b.expectLo());
        assertTrue(b.explanation().contains("generation 1 found, generation 2 expected"), b.explanation());
    }

    @Test
    void swappedBlocksAreMisplaced() throws IOException {
        byte[] tmp = block(c3, 9).toArray(ValueLayout.JAVA_BYTE);
        MemorySegment.copy(block(c3, 12), 0, block(c3, 9), 0, BS);
        MemorySegment.copy(MemorySegment.ofArray(tmp), 0, block(c3, 12), 0, BS);
        VerifyResult r = verify();
        assertEquals(2, r.count(DataClass.MISPLACED), r::report);
        BadBlock b = r.badBlocks().get(0);
        assertEquals(9, b.blockIndex());
        assertEquals(12, b.found().blockIndex());
        assertTrue(b.explanation().contains("block 12 of file 3 generation 1 (same file, other block)"), b.explanation());
        assertEquals("data: 2 misplaced blocks in f0003 (first at offset 0x9000)", r.findings().get(0).title());
    }

    @Test
    void anotherFilesBlockIsMisplaced() throws IOException {
        MemorySegment.copy(block(c4, 20), 0, block(c3, 20), 0, BS);
        BadBlock b = only(verify());
        assertEquals(DataClass.MISPLACED, b.cls());
        assertEquals(4, b.found().fileId());
        assertTrue(b.explanation().contains("block 20 of file 4 generation 1"), b.explanation());
    }

    @Test
    void anotherRunsBlockIsMisplaced() throws IOException {
        new BlockFormat(BS, SEED + 1).fill(block(c3, 20), 3, 20, 1);
        BadBlock b = only(verify());
        assertEquals(DataClass.MISPLACED, b.cls());
        assertTrue(b.explanation().contains("another run (seed 0x5eee)"), b.explanation());
    }

    @Test
    void halfOfOneGenerationOverAnotherIsTorn() throws IOException {
        // block 3 must be generation 2; its second half (sectors 4..7) still holds generation 1
        MemorySegment old = MemorySegment.ofArray(format.blocks(3, 3, 1, 1));
        MemorySegment.copy(old, BS / 2, block(c3, 3), BS / 2, BS / 2);
        BadBlock b = only(verify());
        assertEquals(DataClass.TORN, b.cls());
        List<SectorOrigin> s = b.sectors();
        for (int k = 0; k < 8; k++) {
            assertEquals(SectorOrigin.Kind.MATCH, s.get(k).kind());
            assertEquals(k < 4 ? 2 : 1, s.get(k).generation(), "sector " + k);
        }
        assertTrue(b.explanation().contains("sectors 0-3 generation 2 (expected), sectors 4-7 generation 1 (stale)"), b.explanation());
    }

    @Test
    void tornAtSectorGranularityWithZeros() throws IOException {
        block(c3, 22).asSlice(3 * 512, 512).fill((byte) 0);
        BadBlock b = only(verify());
        assertEquals(DataClass.TORN, b.cls());
        assertEquals(SectorOrigin.Kind.ZERO, b.sectors().get(3).kind());
        assertTrue(b.explanation().contains("sector 3 zero"), b.explanation());
    }

    @Test
    void flippedByteIsGarbage() throws IOException {
        long at = 0x7a3;
        MemorySegment blk = block(c3, 11);
        byte was = blk.get(ValueLayout.JAVA_BYTE, at);
        blk.set(ValueLayout.JAVA_BYTE, at, (byte) (was ^ 0x80));
        BadBlock b = only(verify());
        assertEquals(DataClass.GARBAGE, b.cls());
        SectorOrigin s = b.sectors().get(3);
        assertEquals(SectorOrigin.Kind.DAMAGED, s.kind());
        assertEquals(1, s.diffBytes());
        assertEquals(at - 3 * 512, s.firstDiff());
        assertTrue(b.explanation().contains(String.format("1 sector(s) with 1 damaged byte(s), first at block offset 0x7a3: 0x%02x found, 0x%02x written",
                (was ^ 0x80) & 0xff, was & 0xff)), b.explanation());
        assertTrue(b.hex().contains("first difference at block offset 0x7a3 (file offset 0xb7a3)"), b.hex());
    }

    @Test
    void flippedHeaderByteIsGarbage() throws IOException {
        MemorySegment blk = block(c3, 25);
        blk.set(ValueLayout.JAVA_BYTE, 0x21, (byte) (blk.get(ValueLayout.JAVA_BYTE, 0x21) ^ 1)); // generation field
        BadBlock b = only(verify());
        assertEquals(DataClass.GARBAGE, b.cls());
    }

    @Test
    void foreignBytesAreGarbage() throws IOException {
        MemorySegment s = block(c3, 13).asSlice(2 * 512, 512);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 512; i++) {
            s.set(ValueLayout.JAVA_BYTE, i, (byte) rnd.nextInt(256));
        }
        BadBlock b = only(verify());
        assertEquals(DataClass.GARBAGE, b.cls());
        assertEquals(SectorOrigin.Kind.UNKNOWN, b.sectors().get(2).kind());
        assertTrue(b.explanation().contains("1 unrecognised sector(s)"), b.explanation());
    }

    @Test
    void truncatedFileIsMissingBlocks() throws IOException {
        source.put("f0003", c3.asSlice(0, 20L * BS + 100));
        VerifyResult r = verify();
        assertEquals(BLOCKS - 20, r.count(DataClass.MISSING), r::report);
        assertEquals(BLOCKS - 20, r.bad());
        BadBlock b = r.badBlocks().get(0);
        assertEquals(20, b.blockIndex());
        assertTrue(b.explanation().contains("the file ends at offset 0x14064, inside this block"), b.explanation());
        assertEquals("data: 12 missing blocks in f0003 (first at offset 0x14000)", r.findings().get(0).title());
    }

    @Test
    void absentFileIsMissing() throws IOException {
        VerifyResult r = Verifier.of(state).verify(new MemoryDataSource().put("f0004", c4));
        assertEquals(BLOCKS, r.count(DataClass.MISSING));
        assertEquals("data: f0003 does not exist (32 blocks written)", r.findings().get(0).title());
        assertFalse(r.files().get(0).exists());
    }

    @Test
    void fileThatCannotBeOpenedIsUnreadable() throws IOException {
        source.failOpen("f0004", "open(/mnt/f0004): EUCLEAN (Structure needs cleaning)");
        VerifyResult r = verify();
        assertEquals(BLOCKS, r.count(DataClass.UNREADABLE), r::report);
        assertEquals("data: 32 unreadable blocks in f0004 (first at offset 0x0)", r.findings().get(0).title());
        assertTrue(r.report().contains("note: f0004: open failed: open(/mnt/f0004): EUCLEAN"), r::report);
    }

    @Test
    void longerFileIsExtra() throws IOException {
        MemorySegment longer = MemorySegment.ofArray(new byte[(BLOCKS + 3) * BS]);
        MemorySegment.copy(c4, 0, longer, 0, c4.byteSize());
        source.put("f0004", longer);
        VerifyResult r = verify();
        assertEquals(3, r.count(DataClass.EXTRA), r::report);
        assertEquals("data: 3 extra blocks in f0004 (first at offset 0x20000)", r.findings().get(0).title());
    }

    @Test
    void inFlightWriteAcceptsEitherGeneration() throws IOException {
        f3.inFlight(10, 2, 2);
        format.fill(block(c3, 10), 3, 10, 2); // landed
        // block 11 did not land: still generation 1
        assertTrue(verify().clean());
        f3.completed(11, 1, 2); // now the workload claims it landed: generation 1 is stale
        BadBlock b = only(verify());
        assertEquals(DataClass.STALE, b.cls());
        assertEquals(11, b.blockIndex());
    }

    @Test
    void inFlightOnNeverWrittenBlockAcceptsZeros() throws IOException {
        MemorySegment longer = MemorySegment.ofArray(new byte[(BLOCKS + 2) * BS]);
        MemorySegment.copy(c4, 0, longer, 0, c4.byteSize());
        format.fill(longer.asSlice((BLOCKS + 1L) * BS, BS), 4, BLOCKS + 1, 1);
        source.put("f0004", longer);
        f4.inFlight(BLOCKS, 2, 1);  // block 32 did not land (a hole), block 33 did
        assertTrue(verify().clean(), () -> {
            try {
                return verify().report();
            } catch (IOException e) {
                return e.toString();
            }
        });
    }

    @Test
    void holesReadAsZerosAreClean() throws IOException {
        ExpectedFile f5 = state.file(5);
        MemorySegment c5 = MemorySegment.ofArray(new byte[10 * BS]);
        format.fill(c5.asSlice(9L * BS, BS), 5, 9, 1);
        f5.written(9, 1, 1);
        source.put("f0005", c5);
        assertTrue(verify().clean());
    }

    @Test
    void newerGenerationThanRecorded() throws IOException {
        format.fill(block(c4, 2), 4, 2, 7);
        BadBlock b = only(verify());
        assertEquals(DataClass.NEWER, b.cls());
        assertTrue(b.explanation().contains("generation 7 found, newer than any recorded (last 1)"), b.explanation());
    }

    @Test
    void pageCacheDisagreeingWithDiskIsItsOwnFinding() throws IOException {
        MemorySegment cacheView = MemorySegment.ofArray(c3.toArray(ValueLayout.JAVA_BYTE));
        format.fill(cacheView.asSlice(6L * BS, BS), 3, 6, 1); // page cache shows a stale block 6; the disk is right
        source.putCacheView("f0003", cacheView);
        VerifyResult r = verify();
        assertEquals(0, r.bad(), r::report);
        assertEquals(1, r.cacheMismatches());
        assertFalse(r.clean());
        CacheMismatch m = r.mismatches().get(0);
        assertEquals(6, m.blockIndex());
        assertNull(m.diskView());
        assertNotNull(m.cacheView());
        assertEquals(DataClass.STALE, m.cacheView().cls());
        assertEquals("data: page cache and disk differ in 1 block of f0003 (first at offset 0x6000)", r.findings().get(0).title());
        assertEquals("1", r.properties().get("data.cache_mismatch"));
    }

    @Test
    void unreadableBlockIsNamedAndTheRestStillVerified() throws IOException {
        source.failReads("f0003", DataSource.View.DISK, 9L * BS, BS);
        source.failReads("f0003", DataSource.View.PAGE_CACHE, 9L * BS, BS);
        block(c3, 12).fill((byte) 0);
        VerifyResult r = verify();
        assertEquals(1, r.count(DataClass.UNREADABLE), r::report);
        assertEquals(1, r.count(DataClass.ZEROED), r::report);
        assertEquals(0, r.cacheMismatches(), r::report);
        assertEquals(BLOCKS, r.files().get(0).blocksChecked());
        BadBlock b = r.badBlocks().get(0);
        assertEquals(DataClass.UNREADABLE, b.cls());
        assertEquals(9, b.blockIndex());
        assertTrue(b.explanation().contains("EIO"), b.explanation());
        assertEquals("data: 1 unreadable block in f0003 (first at offset 0x9000)", r.findings().get(1).title());
    }

    @Test
    void blockUnreadableOnlyThroughThePageCacheIsAMismatch() throws IOException {
        source.failReads("f0004", DataSource.View.PAGE_CACHE, 3L * BS, 10);
        VerifyResult r = verify();
        assertEquals(0, r.bad(), r::report);
        assertEquals(1, r.cacheMismatches(), r::report);
        CacheMismatch m = r.mismatches().get(0);
        assertEquals(3, m.blockIndex());
        assertNull(m.diskView());
        assertEquals(DataClass.UNREADABLE, m.cacheView().cls());
        assertTrue(r.report().contains("page cache: UNREADABLE: read failed: pread(f0004"), r::report);
    }

    @Test
    void diskOnlySkipsThePageCache() throws IOException {
        MemorySegment cacheView = MemorySegment.ofArray(new byte[(int) c3.byteSize()]);
        source.putCacheView("f0003", cacheView);
        VerifyResult r = Verifier.of(state).diskOnly().verify(source);
        assertTrue(r.clean(), r::report);
        assertEquals("o_direct", r.properties().get("data.views"));
    }

    @Test
    void reportListsAtMostNButCountsAll() throws IOException {
        c3.fill((byte) 0);
        VerifyResult r = verify();
        assertEquals(BLOCKS, r.count(DataClass.ZEROED));
        assertEquals(Verifier.DEFAULT_MAX_LISTED, r.badBlocks().size());
        assertTrue(r.report().contains("bad blocks (first 16 of 32, in file order)"), r::report);
        assertEquals("data: 32 zeroed blocks in f0003 (first at offset 0x0)", r.findings().get(0).title());
        VerifyResult r2 = Verifier.of(state).maxListed(2).verify(source);
        assertEquals(2, r2.badBlocks().size());
    }

    @Test
    void deviceOffsetComesFromTheExtentMap() throws IOException {
        block(c3, 17).fill((byte) 0);
        source.putExtents("f0003", List.of(new Extent(0, 0x100000, 0x10000, 0), new Extent(0x10000, 0x800000, 0x10000, Extent.LAST)));
        VerifyResult r = Verifier.of(state).devices(List.of(Path.of("/dev/loop9")), Filesystem.EXT4).verify(source);
        BadBlock b = only(r);
        assertEquals("/dev/loop9", b.location().device());
        assertEquals(0x801000, b.location().offset());
        assertTrue(r.report().contains("device /dev/loop9 offset 0x801000"), r::report);

        VerifyResult rb = Verifier.of(state).devices(List.of(Path.of("/nonexistent/loop9")), Filesystem.BTRFS).verify(source);
        assertNull(only(rb).location().device());
        assertTrue(only(rb).location().note().contains("btrfs logical 0x801000, not a device offset"), only(rb).location()::describe);
    }

    @Test
    void reportShowsExpectedAndFoundFieldsAndHex() throws IOException {
        format.fill(block(c3, 5), 3, 5, 1);
        String rep = verify().report();
        assertTrue(rep.contains("expected: file 3 block 5 generation 2 seed 0x5eed"), rep);
        assertTrue(rep.contains("found:    file 3 block 5 generation 1 seed 0x5eed (4096-byte block)"), rep);
        assertTrue(rep.contains("0x0000 found    "), rep);
        assertTrue(rep.contains("       expected "), rep);
        assertTrue(rep.contains("sectors (512 bytes):"), rep);
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 1024, 2048, 8192, 65536})
    void otherBlockSizes(int bs) throws IOException {
        BlockFormat fmt = new BlockFormat(bs, 7);
        ExpectedState st = new ExpectedState(fmt);
        st.file(1).written(0, 16, 3);
        MemorySegment c = MemorySegment.ofArray(new byte[16 * bs]);
        fmt.fill(c, 1, 0, 16, 3);
        MemoryDataSource src = new MemoryDataSource().put("f0001", c);
        assertTrue(Verifier.of(st).verify(src).clean());
        fmt.fill(c.asSlice(4L * bs, bs), 1, 4, 2);
        c.asSlice(9L * bs, bs).fill((byte) 0);
        VerifyResult r = Verifier.of(st).verify(src);
        assertEquals(1, r.count(DataClass.STALE), r::report);
        assertEquals(1, r.count(DataClass.ZEROED), r::report);
        if (bs > 512) {
            MemorySegment old = MemorySegment.ofArray(fmt.blocks(1, 12, 1, 2));
            MemorySegment.copy(old, 512, c, 12L * bs + 512, 512);
            assertEquals(1, Verifier.of(st).verify(src).count(DataClass.TORN));
        }
    }

    @Test
    void blockFormatRejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new BlockFormat(256, 1));
        assertThrows(IllegalArgumentException.class, () -> new BlockFormat(3000, 1));
        assertThrows(IllegalArgumentException.class, () -> format.fill(MemorySegment.ofArray(new byte[BS]), 1, 1, 0));
    }

    @Test
    void blocksAreDeterministicAndSelfDescribing() {
        byte[] a = format.blocks(3, 17, 1, 5);
        byte[] b = format.blocks(3, 17, 1, 5);
        assertEquals(MemorySegment.ofArray(a).mismatch(MemorySegment.ofArray(b)), -1);
        BlockHeader h = BlockFormat.header(MemorySegment.ofArray(a));
        assertTrue(h.plausible());
        assertEquals(3, h.fileId());
        assertEquals(17, h.blockIndex());
        assertEquals(5, h.generation());
        assertEquals(SEED, h.seed());
        assertTrue(BlockFormat.crcValid(MemorySegment.ofArray(a)));
        byte[] other = format.blocks(3, 17, 1, 6);
        assertTrue(MemorySegment.ofArray(a).asSlice(64).mismatch(MemorySegment.ofArray(other).asSlice(64)) != -1);
    }

    @Test
    void fastScanPassesEveryValidBlock() {
        MemorySegment c = MemorySegment.ofArray(new byte[64 * BS]);
        format.fill(c, 9, 0, 64, 4);
        ExpectedFile f9 = state.file(9);
        f9.written(0, 64, 4);
        assertEquals(64, Verifier.fastScan(format, c, f9));
        c.set(ValueLayout.JAVA_BYTE, 5 * BS + 1000, (byte) 1);
        assertEquals(63, Verifier.fastScan(format, c, f9));
        f9.written(7, 1, 5);
        assertEquals(62, Verifier.fastScan(format, c, f9));
    }

    @Test
    void classifierAcceptsAcceptableBlocks() {
        BlockClassifier cl = new BlockClassifier(format);
        assertNull(cl.classify(block(c3, 1), "f0003", 3, 1, 2, 2, "disk"));
        assertNull(cl.classify(MemorySegment.ofArray(new byte[BS]), "f0003", 3, 1, 0, 2, "disk"));
    }
}
