package org.krepro.sys.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.util.function.Consumer;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.krepro.sys.ffi.Lib.*;

/**
 * A timestamp of {@link statx} ({@code <linux/stat.h>}).
 * {@snippet lang=c :
 * struct statx_timestamp {
 *     __s64 tv_sec;
 *     __u32 tv_nsec;
 *     __s32 __reserved;
 * };
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class statx_timestamp {
    statx_timestamp() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        C_LONG.withName("tv_sec"),
        C_INT.withName("tv_nsec"),
        C_INT.withName("__reserved")
    ).withName("statx_timestamp");

    /** The layout of this struct. */
    public static GroupLayout layout() {
        return $LAYOUT;
    }

    private static final ValueLayout.OfLong tv_sec$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("tv_sec"));
    private static final long tv_sec$OFFSET = $LAYOUT.byteOffset(groupElement("tv_sec"));

    /** Layout of field tv_sec. */
    public static ValueLayout.OfLong tv_sec$layout() {
        return tv_sec$LAYOUT;
    }

    /** Offset of field tv_sec. */
    public static long tv_sec$offset() {
        return tv_sec$OFFSET;
    }

    /** Getter of field tv_sec. */
    public static long tv_sec(MemorySegment struct) {
        return struct.get(tv_sec$LAYOUT, tv_sec$OFFSET);
    }

    /** Setter of field tv_sec. */
    public static void tv_sec(MemorySegment struct, long fieldValue) {
        struct.set(tv_sec$LAYOUT, tv_sec$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt tv_nsec$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("tv_nsec"));
    private static final long tv_nsec$OFFSET = $LAYOUT.byteOffset(groupElement("tv_nsec"));

    /** Layout of field tv_nsec. */
    public static ValueLayout.OfInt tv_nsec$layout() {
        return tv_nsec$LAYOUT;
    }

    /** Offset of field tv_nsec. */
    public static long tv_nsec$offset() {
        return tv_nsec$OFFSET;
    }

    /** Getter of field tv_nsec. */
    public static int tv_nsec(MemorySegment struct) {
        return struct.get(tv_nsec$LAYOUT, tv_nsec$OFFSET);
    }

    /** Setter of field tv_nsec. */
    public static void tv_nsec(MemorySegment struct, int fieldValue) {
        struct.set(tv_nsec$LAYOUT, tv_nsec$OFFSET, fieldValue);
    }

    /** The element {@code index} of an array of statx_timestamp. */
    public static MemorySegment asSlice(MemorySegment array, long index) {
        return array.asSlice(layout().byteSize() * index, layout().byteSize());
    }

    /** The size of this struct in bytes. */
    public static long sizeof() {
        return layout().byteSize();
    }

    /** Allocates a zeroed struct. */
    public static MemorySegment allocate(SegmentAllocator allocator) {
        return allocator.allocate(layout());
    }

    /** Allocates a zeroed array of {@code elementCount} structs. */
    public static MemorySegment allocateArray(long elementCount, SegmentAllocator allocator) {
        return allocator.allocate(MemoryLayout.sequenceLayout(elementCount, layout()));
    }

    /** Views the native address {@code addr} as one struct tied to {@code arena}. */
    public static MemorySegment reinterpret(MemorySegment addr, Arena arena, Consumer<MemorySegment> cleanup) {
        return addr.reinterpret(layout().byteSize(), arena, cleanup);
    }
}
