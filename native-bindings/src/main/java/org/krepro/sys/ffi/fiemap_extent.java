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
 * One extent of a {@link fiemap} reply ({@code <linux/fiemap.h>}): byte offsets in the file
 * ({@code fe_logical}) and on the device ({@code fe_physical}).
 * {@snippet lang=c :
 * struct fiemap_extent {
 *     __u64 fe_logical;
 *     __u64 fe_physical;
 *     __u64 fe_length;
 *     __u64 fe_reserved64[2];
 *     __u32 fe_flags;
 *     __u32 fe_reserved[3];
 * };
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class fiemap_extent {
    fiemap_extent() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        C_LONG.withName("fe_logical"),
        C_LONG.withName("fe_physical"),
        C_LONG.withName("fe_length"),
        MemoryLayout.sequenceLayout(2, C_LONG).withName("fe_reserved64"),
        C_INT.withName("fe_flags"),
        MemoryLayout.sequenceLayout(3, C_INT).withName("fe_reserved")
    ).withName("fiemap_extent");

    /** The layout of this struct. */
    public static GroupLayout layout() {
        return $LAYOUT;
    }

    private static final ValueLayout.OfLong fe_logical$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("fe_logical"));
    private static final long fe_logical$OFFSET = $LAYOUT.byteOffset(groupElement("fe_logical"));

    /** Layout of field fe_logical. */
    public static ValueLayout.OfLong fe_logical$layout() {
        return fe_logical$LAYOUT;
    }

    /** Offset of field fe_logical. */
    public static long fe_logical$offset() {
        return fe_logical$OFFSET;
    }

    /** Getter of field fe_logical. */
    public static long fe_logical(MemorySegment struct) {
        return struct.get(fe_logical$LAYOUT, fe_logical$OFFSET);
    }

    /** Setter of field fe_logical. */
    public static void fe_logical(MemorySegment struct, long fieldValue) {
        struct.set(fe_logical$LAYOUT, fe_logical$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong fe_physical$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("fe_physical"));
    private static final long fe_physical$OFFSET = $LAYOUT.byteOffset(groupElement("fe_physical"));

    /** Layout of field fe_physical. */
    public static ValueLayout.OfLong fe_physical$layout() {
        return fe_physical$LAYOUT;
    }

    /** Offset of field fe_physical. */
    public static long fe_physical$offset() {
        return fe_physical$OFFSET;
    }

    /** Getter of field fe_physical. */
    public static long fe_physical(MemorySegment struct) {
        return struct.get(fe_physical$LAYOUT, fe_physical$OFFSET);
    }

    /** Setter of field fe_physical. */
    public static void fe_physical(MemorySegment struct, long fieldValue) {
        struct.set(fe_physical$LAYOUT, fe_physical$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong fe_length$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("fe_length"));
    private static final long fe_length$OFFSET = $LAYOUT.byteOffset(groupElement("fe_length"));

    /** Layout of field fe_length. */
    public static ValueLayout.OfLong fe_length$layout() {
        return fe_length$LAYOUT;
    }

    /** Offset of field fe_length. */
    public static long fe_length$offset() {
        return fe_length$OFFSET;
    }

    /** Getter of field fe_length. */
    public static long fe_length(MemorySegment struct) {
        return struct.get(fe_length$LAYOUT, fe_length$OFFSET);
    }

    /** Setter of field fe_length. */
    public static void fe_length(MemorySegment struct, long fieldValue) {
        struct.set(fe_length$LAYOUT, fe_length$OFFSET, fieldValue);
    }

    private static final long fe_reserved64$OFFSET = $LAYOUT.byteOffset(groupElement("fe_reserved64"));
    private static final long fe_reserved64$SIZE = $LAYOUT.select(groupElement("fe_reserved64")).byteSize();

    /** Offset of field fe_reserved64. */
    public static long fe_reserved64$offset() {
        return fe_reserved64$OFFSET;
    }

    /** Layout of field fe_reserved64. */
    public static MemoryLayout fe_reserved64$layout() {
        return $LAYOUT.select(groupElement("fe_reserved64"));
    }

    /** A slice of {@code struct} viewing field fe_reserved64. */
    public static MemorySegment fe_reserved64(MemorySegment struct) {
        return struct.asSlice(fe_reserved64$OFFSET, fe_reserved64$SIZE);
    }

    /** Copies {@code fieldValue} into field fe_reserved64. */
    public static void fe_reserved64(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, fe_reserved64$OFFSET, fe_reserved64$SIZE);
    }

    private static final ValueLayout.OfInt fe_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("fe_flags"));
    private static final long fe_flags$OFFSET = $LAYOUT.byteOffset(groupElement("fe_flags"));

    /** Layout of field fe_flags. */
    public static ValueLayout.OfInt fe_flags$layout() {
        return fe_flags$LAYOUT;
    }

    /** Offset of field fe_flags. */
    public static long fe_flags$offset() {
        return fe_flags$OFFSET;
    }

    /** Getter of field fe_flags. */
    public static int fe_flags(MemorySegment struct) {
        return struct.get(fe_flags$LAYOUT, fe_flags$OFFSET);
    }

    /** Setter of field fe_flags. */
    public static void fe_flags(MemorySegment struct, int fieldValue) {
        struct.set(fe_flags$LAYOUT, fe_flags$OFFSET, fieldValue);
    }

    private static final long fe_reserved$OFFSET = $LAYOUT.byteOffset(groupElement("fe_reserved"));
    private static final long fe_reserved$SIZE = $LAYOUT.select(groupElement("fe_reserved")).byteSize();

    /** Offset of field fe_reserved. */
    public static long fe_reserved$offset() {
        return fe_reserved$OFFSET;
    }

    /** Layout of field fe_reserved. */
    public static MemoryLayout fe_reserved$layout() {
        return $LAYOUT.select(groupElement("fe_reserved"));
    }

    /** A slice of {@code struct} viewing field fe_reserved. */
    public static MemorySegment fe_reserved(MemorySegment struct) {
        return struct.asSlice(fe_reserved$OFFSET, fe_reserved$SIZE);
    }

    /** Copies {@code fieldValue} into field fe_reserved. */
    public static void fe_reserved(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, fe_reserved$OFFSET, fe_reserved$SIZE);
    }

    /** The element {@code index} of an array of fiemap_extent. */
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
