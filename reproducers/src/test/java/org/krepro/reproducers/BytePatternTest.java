package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytePatternTest {
    private final BytePattern p = new BytePattern(42);

    @Test
    void neverZeroAndFillAgreesWithAtForAnyAlignment() {
        try (Arena arena = Arena.ofConfined()) {
            for (long start : new long[] {0, 1, 7, 4093, 12345}) {
                MemorySegment s = arena.allocate(1000 + start % 13);
                p.fill(s, start, 3);
                for (long i = 0; i < s.byteSize(); i++) {
                    byte b = s.get(ValueLayout.JAVA_BYTE, i);
                    assertNotEquals(0, b);
                    assertEquals(p.at(start + i, 3), b, "offset " + (start + i));
                }
                assertTrue(p.check(s, start, 3, 10).isEmpty());
            }
        }
    }

    @Test
    void adjacentUnalignedWritesComposeIntoOnePattern() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment whole = arena.allocate(3 * 4096);
            p.fill(whole.asSlice(0, 5000), 8192, 1);
            p.fill(whole.asSlice(5000, 3 * 4096 - 5000), 8192 + 5000, 1);
            assertTrue(p.check(whole, 8192, 1, 10).isEmpty());
            assertEquals(2, p.countBad(whole, 8192, 2).length);
            assertTrue(p.countBad(whole, 8192, 2)[1] > 12000, "another generation differs almost everywhere");
        }
    }

    @Test
    void reportsZeroedRangesWithFileOffsets() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(4 * 4096);
            long base = 1 << 20;
            p.fill(s, base, 7);
            s.asSlice(4096 + 100, 2000).fill((byte) 0);       // what the stale iomap write does: zero a page head
            s.set(ValueLayout.JAVA_BYTE, 3 * 4096 + 5, (byte) 0x33);
            List<BytePattern.BadRange> bad = p.check(s, base, 7, 10);
            assertEquals(BytePattern.Kind.ZEROED, bad.get(0).kind());
            assertEquals(base + 4096 + 100, bad.get(0).offset());
            assertEquals(2000, bad.get(0).length());
            assertEquals(BytePattern.Kind.MISMATCH, bad.get(1).kind());
            assertEquals(base + 3 * 4096 + 5, bad.get(1).offset());
            assertEquals(1, bad.get(1).length());
            assertEquals(2, bad.size());
            assertEquals(1, p.check(s, base, 7, 1).size());
        }
    }

    /** The pattern as first written down (splitmix64 twice), independent of how fill computes it. */
    private static long reference(long seed, long w, long gen) {
        long z = (seed ^ 0x6b7265702d736c6fL) + w * 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        z ^= gen * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z ^= z >>> 31;
        return z | 0x0101010101010101L;
    }

    @Test
    void fillWritesTheReferencePatternWordForWord() {
        try (Arena arena = Arena.ofConfined()) {
            for (long start : new long[] {0, 3, 8, 1L << 40, (1L << 40) + 5}) {
                MemorySegment s = arena.allocate(64 * 1024 + 11);
                p.fill(s, start, 9);
                for (long i = 0; i < s.byteSize(); i++) {
                    long off = start + i;
                    byte want = (byte) (reference(42, off >>> 3, 9) >>> ((off & 7) * 8));
                    assertEquals(want, s.get(ValueLayout.JAVA_BYTE, i), "offset " + off);
                }
            }
            assertEquals(reference(42, 123456789L, 77), p.word(123456789L, 77));
        }
    }
}
