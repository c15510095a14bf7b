package org.krepro.vm.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.io.Processes;

/**
 * The vmlinux unpacked from a bzImage-shaped file (set-up bytes, a compressed payload, a trailer), with
 * the real decompressors; a payload without the PVH note, or cut short, keeps the bzImage.
 */
class PvhImageTest {

    /** A minimal x86-64 ELF: one PT_LOAD over the file, one PT_NOTE with the given note type, padding. */
    static byte[] elf(int noteType, int padding) {
        int notesAt = 64 + 2 * 56;
        int notesLen = 12 + 4 + 4;
        ByteBuffer b = ByteBuffer.allocate(notesAt + notesLen + padding).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x464c457f).put(4, (byte) 2).put(5, (byte) 1).put(6, (byte) 1);
        b.putShort(0x10, (short) 2).putShort(0x12, (short) 62).putLong(0x20, 64);
        b.putShort(0x34, (short) 64).putShort(0x36, (short) 56).putShort(0x38, (short) 2);
        b.putInt(64, 1).putLong(64 + 0x08, 0).putLong(64 + 0x20, b.capacity()); // PT_LOAD: the whole file
        b.putInt(120, 4).putLong(120 + 0x08, notesAt).putLong(120 + 0x20, notesLen); // PT_NOTE
        b.putInt(notesAt, 4).putInt(notesAt + 4, 4).putInt(notesAt + 8, noteType);
        b.put(notesAt + 12, (byte) 'X').put(notesAt + 13, (byte) 'e').put(notesAt + 14, (byte) 'n');
        b.putInt(notesAt + 16, 0x1000000);
        return b.array();
    }

    static byte[] compress(List<String> cmd, byte[] data, Path dir) throws Exception {
        Path in = Files.write(dir.resolve("plain"), data);
        Process p = new ProcessBuilder(cmd).redirectInput(in.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
        return out;
    }

    static Path bzImage(Path dir, byte[] payload) throws Exception {
        ByteArrayOutputStream bz = new ByteArrayOutputStream();
        byte[] setup = new byte[16384];
        new Random(1).nextBytes(setup);
        bz.write(setup);
        bz.write(payload);
        bz.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // the trailer a decompressor stops at
        return Files.write(dir.resolve("bzImage"), bz.toByteArray());
    }

    @Test
    void unpacksEachPayloadFormatToTheSameElf(@TempDir Path dir) throws Exception {
        byte[] vmlinux = elf(PvhImage.XEN_ELFNOTE_PHYS32_ENTRY, 200_000);
        for (List<String> cmd : List.of(List.of("gzip", "-c", "-n"), List.of("xz", "-c"), List.of("zstd", "-c", "-q"))) {
            if (Processes.which(cmd.getFirst()).isEmpty()) {
                continue; // ci/lib.sh installs all three; a bare machine may lack one
            }
            Path d = Files.createDirectories(dir.resolve(cmd.getFirst()));
            Path image = bzImage(d, compress(cmd, vmlinux, d));
            Path boot = PvhImage.bootImage(image, d.resolve("cache"));
            assertNotEquals(image, boot, cmd.getFirst());
            assertArrayEquals(vmlinux, Files.readAllBytes(boot), cmd.getFirst());
            assertEquals(boot, PvhImage.bootImage(image, d.resolve("cache")), "cached: " + cmd.getFirst());
        }
    }

    @Test
    void withoutThePvhNoteTheBzImageBoots(@TempDir Path dir) throws Exception {
        Path image = bzImage(dir, compress(List.of("gzip", "-c", "-n"), elf(17, 1000), dir));
        assertEquals(image, PvhImage.bootImage(image, dir.resolve("cache")));
        try (var s = Files.list(dir.resolve("cache"))) {
            List<Path> left = s.toList();
            assertEquals(1, left.size(), left.toString()); // the "none" verdict, so the next boot does not unpack again
            assertTrue(Files.readString(left.getFirst()).contains("PVH"), Files.readString(left.getFirst()));
        }
    }

    @Test
    void aPayloadCutShortIsNotBooted(@TempDir Path dir) throws Exception {
        byte[] gz = compress(List.of("gzip", "-c", "-n"), elf(PvhImage.XEN_ELFNOTE_PHYS32_ENTRY, 100_000), dir);
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        Path image = bzImage(dir, cut);
        assertEquals(image, PvhImage.bootImage(image, dir.resolve("cache")));
    }

    @Test
    void elfChecksLookAtTheNoteAndTheSegments(@TempDir Path dir) throws Exception {
        assertTrue(PvhImage.isPvhElf(Files.write(dir.resolve("a"), elf(18, 10))));
        assertFalse(PvhImage.isPvhElf(Files.write(dir.resolve("b"), elf(17, 10))));
        byte[] e = elf(18, 1000);
        assertFalse(PvhImage.isPvhElf(Files.write(dir.resolve("c"), java.util.Arrays.copyOf(e, e.length - 10))));
        assertFalse(PvhImage.isPvhElf(Files.write(dir.resolve("d"), new byte[100])));
    }

    /** Every knock-out build is a new bzImage: only the most recently booted unpacked kernels stay. */
    @Test
    void keepsTheMostRecentlyBootedOnly(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        Path first = null;
        Path last = null;
        for (int i = 0; i < PvhImage.KEEP + 3; i++) {
            Path d = Files.createDirectories(dir.resolve("k" + i));
            Path image = bzImage(d, compress(List.of("gzip", "-c", "-n"), elf(PvhImage.XEN_ELFNOTE_PHYS32_ENTRY, 100 + i), d));
            last = PvhImage.bootImage(image, cache);
            if (i == 0) {
                first = image;
            }
            if (i == 1) {
                assertNotEquals(image, PvhImage.bootImage(first, cache)); // booted again: the most recent now
            }
        }
        try (var s = Files.list(cache)) {
            List<Path> kept = s.filter(p -> p.getFileName().toString().startsWith("pvh-")).toList();
            assertEquals(PvhImage.KEEP, kept.size(), kept.toString());
            assertTrue(kept.contains(last));
        }
        assertTrue(Files.isRegularFile(PvhImage.bootImage(first, cache)), "the first, booted again, was kept");
    }
}
