package org.krepro.runner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.spi.Finding;

/**
 * The unmount-cycle check on plain files: a tree read twice with nothing changed compares clean; every
 * kind of change (a unit rewritten, a unit zeroed, a file gone, a size changed) is named; what the budget
 * kept it from reading is not claimed. Its kernel-side positive control is the data-corruption control
 * (ControlsTest), whose block zeroed underneath the filesystem this check must name too.
 */
class UnmountCycleCheckTest {

    static void fill(Path file, int bytes, long seed) throws IOException {
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
    }

    static void overwrite(Path file, long offset, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(data), offset);
        }
    }

    static Path tree(Path dir) throws IOException {
        fill(dir.resolve("a"), 10 * UnmountCycleCheck.UNIT + 123, 1);
        fill(dir.resolve("d/b"), 3 * UnmountCycleCheck.UNIT, 2);
        fill(dir.resolve("d/e/c"), 0, 3);
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("a"));
        return dir;
    }

    @Test
    void anUnchangedTreeComparesClean(@TempDir Path dir) throws IOException {
        tree(dir);
        var before = UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET);
        var after = UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET);
        assertEquals(List.of("a", "d/b", "d/e/c"), List.copyOf(before.files().keySet()), "regular files only, not the symlink");
        assertEquals(10 * 4096 + 123 + 3 * 4096, before.bytesRead());
        assertFalse(before.truncated());
        assertEquals(List.of(), UnmountCycleCheck.compare(before, after, 8));
    }

    @Test
    void aZeroedUnitIsNamedWithItsOffset(@TempDir Path dir) throws IOException {
        tree(dir);
        var before = UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET);
        overwrite(dir.resolve("a"), 7L * UnmountCycleCheck.UNIT, new byte[UnmountCycleCheck.UNIT]);
        List<Finding> f = UnmountCycleCheck.compare(before, UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET), 8);
        assertEquals(1, f.size(), f.toString());
        assertEquals(Finding.Kind.DATA, f.getFirst().kind());
        assertEquals("data: a changed across unmount + remount (1 of 11 4 KiB units, now zeros, first at offset 0x7000)", f.getFirst().title());
        assertTrue(f.getFirst().detail().contains("units 7;"), f.getFirst().detail());
    }

    @Test
    void rewrittenUnitsAreListedAsRanges(@TempDir Path dir) throws IOException {
        tree(dir);
        var before = UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET);
        overwrite(dir.resolve("a"), 1, new byte[] {42});
        overwrite(dir.resolve("a"), 3L * 4096, new byte[2 * 4096 + 1]);
        overwrite(dir.resolve("a"), 10L * 4096 + 5, new byte[] {7});   // the partial last unit
        List<Finding> f = UnmountCycleCheck.compare(before, UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET), 8);
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.getFirst().title().contains("(5 of 11 4 KiB units, 2 now zeros, first at offset 0x0)"), f.getFirst().title());
        assertTrue(f.getFirst().detail().contains("units 0, 3-5, 10"), f.getFirst().detail());
    }

    @Test
    void aVanishedFileAndAChangedSizeAreNamed(@TempDir Path dir) throws IOException {
        tree(dir);
        var before = UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET);
        Files.delete(dir.resolve("d/b"));
        try (FileChannel ch = FileChannel.open(dir.resolve("a"), StandardOpenOption.WRITE)) {
            ch.truncate(4096);
        }
        List<String> titles = UnmountCycleCheck.compare(before, UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET), 8)
                .stream().map(Finding::title).toList();
        assertEquals(List.of("data: a size changed across unmount + remount (41083 -> 4096)",
                "data: d/b vanished across unmount + remount"), titles);
    }

    @Test
    void holesAreTakenAsZerosWithoutBeingRead(@TempDir Path dir) throws IOException {
        Path sparse = dir.resolve("sparse");
        try (FileChannel ch = FileChannel.open(sparse, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 256L * 4096 + 10);
            ch.write(ByteBuffer.wrap(new byte[] {4}), 1024L * 4096 - 1);   // size 4 MiB, data in two places
        }
        var before = UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET);
        assertEquals(1024, before.files().get("sparse").unitCrcs().length);
        assertTrue(before.bytesRead() <= 2 * 64 * 1024, "read only around the data: " + before.bytesRead());
        assertEquals(List.of(), UnmountCycleCheck.compare(before, UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET), 8));
        overwrite(sparse, 600L * 4096, new byte[] {5});   // data where there was a hole
        List<Finding> f = UnmountCycleCheck.compare(before, UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET), 8);
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.getFirst().title().endsWith("(1 of 1024 4 KiB units, first at offset 0x" + Long.toHexString(600L * 4096) + ")"), f.getFirst().title());
    }

    @Test
    void aSparseGiantIsListedAsNotComparedInsteadOfFillingTheHeap(@TempDir Path dir) throws IOException {
        tree(dir);
        try (FileChannel ch = FileChannel.open(dir.resolve("giant"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1}), UnmountCycleCheck.MAX_FILE);   // one byte past the limit
        }
        var before = UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET);
        assertFalse(before.files().containsKey("giant"));
        assertTrue(before.unreadable().get("giant").startsWith("not compared: "), before.unreadable().toString());
        assertEquals(List.of("a", "d/b", "d/e/c"), List.copyOf(before.files().keySet()));
        assertTrue(UnmountCycleCheck.describe(before).endsWith("1 unreadable"), UnmountCycleCheck.describe(before));
    }

    @Test
    void whatTheBudgetLeftUnreadIsNotClaimed(@TempDir Path dir) throws IOException {
        tree(dir);
        var before = UnmountCycleCheck.take(dir, 5 * 4096);
        assertTrue(before.truncated());
        assertEquals(List.of("a"), List.copyOf(before.files().keySet()));
        assertFalse(before.files().get("a").complete());
        overwrite(dir.resolve("a"), 8L * 4096, new byte[] {1, 2, 3});   // beyond what was read
        Files.delete(dir.resolve("d/b"));                                 // never read
        var after = UnmountCycleCheck.take(dir, 5 * 4096);
        assertEquals(List.of(), UnmountCycleCheck.compare(before, after, 8));
        overwrite(dir.resolve("a"), 4096, new byte[] {1});                // within it: named
        assertEquals(1, UnmountCycleCheck.compare(before, UnmountCycleCheck.take(dir, 5 * 4096), 8).size());
    }

    @Test
    void manyChangedFilesEndInOneSummaryFinding(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 12; i++) {
            fill(dir.resolve("f" + (char) ('a' + i)), 4096, i);
        }
        var before = UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET);
        for (int i = 0; i < 12; i++) {
            overwrite(dir.resolve("f" + (char) ('a' + i)), 0, new byte[] {9, 9});
        }
        List<Finding> f = UnmountCycleCheck.compare(before, UnmountCycleCheck.take(dir, UnmountCycleCheck.DEFAULT_BUDGET), 4);
        assertEquals(4, f.size());
        assertTrue(f.get(3).title().startsWith("data: fd changed") && f.get(3).title().endsWith(" and 8 more files"), f.get(3).title());
        assertEquals(9, f.get(3).detail().lines().count());
    }
}
