package org.krepro.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Memory for {@code O_DIRECT} I/O: aligned to 4096 bytes (the largest logical block size of the devices
 * krepro uses; {@link NativeFile#statx()} reports the exact {@code dio_mem_align} of a file), allocated
 * from an {@link Arena} so it is freed with it.
 */
public final class AlignedBuffers {
    /** The alignment of {@link #allocate(Arena, long)}: 4096 bytes. */
    public static final long DIRECT_IO_ALIGNMENT = 4096;

    private AlignedBuffers() {
    }

    /** {@code size} zeroed bytes aligned to {@link #DIRECT_IO_ALIGNMENT}. */
    public static MemorySegment allocate(Arena arena, long size) {
        return arena.allocate(size, DIRECT_IO_ALIGNMENT);
    }

    /** {@code size} zeroed bytes aligned to {@code alignment} (a power of two). */
    public static MemorySegment allocate(Arena arena, long size, long alignment) {
        return arena.allocate(size, alignment);
    }

    /** Whether {@code segment}'s address and size are multiples of {@code alignment}. */
    public static boolean isAligned(MemorySegment segment, long alignment) {
        return segment.address() % alignment == 0 && segment.byteSize() % alignment == 0;
    }

    /**
     * Fills {@code segment} with a pattern that names where each 8-byte word belongs: word {@code i}
     * holds {@code tag ^ (fileOffset + 8 * i)}. A verifier that reads the data back can tell zeroed,
     * stale and misplaced blocks apart.
     */
    public static void fillPattern(MemorySegment segment, long tag, long fileOffset) {
        long words = segment.byteSize() / 8;
        for (long i = 0; i < words; i++) {
            segment.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, tag ^ (fileOffset + 8 * i));
        }
    }

    /**
     * The byte offset of the first word of {@code segment} that differs from {@link #fillPattern}'s
     * pattern, or -1 when all match.
     */
    public static long firstPatternMismatch(MemorySegment segment, long tag, long fileOffset) {
        long words = segment.byteSize() / 8;
        for (long i = 0; i < words; i++) {
            if (segment.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i) != (tag ^ (fileOffset + 8 * i))) {
                return 8 * i;
            }
        }
        return -1;
    }
}
