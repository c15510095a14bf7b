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
 * The {@code FS_IOC_FIEMAP} request/reply header ({@code <linux/fiemap.h>}); {@code fm_extent_count}
 * {@link fiemap_extent}s follow it in the same buffer ({@code fm_extents} is a flexible array).
 * {@snippet lang=c :
 * struct fiemap {
 *     __u64 fm_start;
 *     __u64 fm_length;
 *     __u32 fm_flags;
 *     __u32 fm_mapped_extents;
 *     __u32 fm_extent_count;
 *     __u32 fm_reserved;
 *     struct fiemap_extent fm_extents[];
 * };
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class fiemap {
    fiemap() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        C_LONG.withName("fm_start"),
        C_LONG.withName("fm_length"),
        C_INT.withName("fm_flags"),
        C_INT.withName("fm_mapped_extents"),
        C_INT.withName("fm_extent_count"),
        C_INT.withName("fm_reserved"),
        MemoryLayout.sequenceLayout(0, fiemap_extent.layout()).withName("fm_extents")
    ).withName("fiemap");

    /** The layout of this struct. */
    public static GroupLayout layout() {
        return $LAYOUT;
    }

    private static final ValueLayout.OfLong fm_start$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("fm_start"));
    private static final long fm_start$OFFSET = $LAYOUT.byteOffset(groupElement("fm_start"));

    /** Layout of field fm_start. */
    public static ValueLayout.OfLong fm_start$layout() {
        return fm_start$LAYOUT;
    }

    /** Offset of field fm_start. */
    public static long fm_start$offset() {
        return fm_start$OFFSET;
    }

    /** Getter of field fm_start. */
    public static long fm_start(MemorySegment struct) {
        return struct.get(fm_start$LAYOUT, fm_start$OFFSET);
    }

    /** Setter of field fm_start. */
    public static void fm_start(MemorySegment struct, long fieldValue) {
        struct.set(fm_start$LAYOUT, fm_start$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong fm_length$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("fm_length"));
    private static final long fm_length$OFFSET = $LAYOUT.byteOffset(groupElement("fm_length"));

    /** Layout of field fm_length. */
    public static ValueLayout.OfLong fm_length$layout() {
        return fm_length$LAYOUT;
    }

    /** Offset of field fm_length. */
    public static long fm_length$offset() {
        return fm_length$OFFSET;
    }

    /** Getter of field fm_length. */
    public static long fm_length(MemorySegment struct) {
        return struct.get(fm_length$LAYOUT, fm_length$OFFSET);
    }

    /** Setter of field fm_length. */
    public static void fm_length(MemorySegment struct, long fieldValue) {
        struct.set(fm_length$LAYOUT, fm_length$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt fm_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("fm_flags"));
    private static final long fm_flags$OFFSET = $LAYOUT.byteOffset(groupElement("fm_flags"));

    /** Layout of field fm_flags. */
    public static ValueLayout.OfInt fm_flags$layout() {
        return fm_flags$LAYOUT;
    }

    /** Offset of field fm_flags. */
    public static long fm_flags$offset() {
        return fm_flags$OFFSET;
    }

    /** Getter of field fm_flags. */
    public static int fm_flags(MemorySegment struct) {
        return struct.get(fm_flags$LAYOUT, fm_flags$OFFSET);
    }

    /** Setter of field fm_flags. */
    public static void fm_flags(MemorySegment struct, int fieldValue) {
        struct.set(fm_flags$LAYOUT, fm_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt fm_mapped_extents$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("fm_mapped_extents"));
    private static final long fm_mapped_extents$OFFSET = $LAYOUT.byteOffset(groupElement("fm_mapped_extents"));

    /** Layout of field fm_mapped_extents. */
    public static ValueLayout.OfInt fm_mapped_extents$layout() {
        return fm_mapped_extents$LAYOUT;
    }

    /** Offset of field fm_mapped_extents. */
    public static long fm_mapped_extents$offset() {
        return fm_mapped_extents$OFFSET;
    }

    /** Getter of field fm_mapped_extents. */
    public static int fm_mapped_extents(MemorySegment struct) {
        return struct.get(fm_mapped_extents$LAYOUT, fm_mapped_extents$OFFSET);
    }

    /** Setter of field fm_mapped_extents. */
    public static void fm_mapped_extents(MemorySegment struct, int fieldValue) {
        struct.set(fm_mapped_extents$LAYOUT, fm_mapped_extents$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt fm_extent_count$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("fm_extent_count"));
    private static final long fm_extent_count$OFFSET = $LAYOUT.byteOffset(groupElement("fm_extent_count"));

    /** Layout of field fm_extent_count. */
    public static ValueLayout.OfInt fm_extent_count$layout() {
        return fm_extent_count$LAYOUT;
    }

    /** Offset of field fm_extent_count. */
    public static long fm_extent_count$offset() {
        return fm_extent_count$OFFSET;
    }

    /** Getter of field fm_extent_count. */
    public static int fm_extent_count(MemorySegment struct) {
        return struct.get(fm_extent_count$LAYOUT, fm_extent_count$OFFSET);
    }

    /** Setter of field fm_extent_count. */
    public static void fm_extent_count(MemorySegment struct, int fieldValue) {
        struct.set(fm_extent_count$LAYOUT, fm_extent_count$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt fm_reserved$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("fm_reserved"));
    private static final long fm_reserved$OFFSET = $LAYOUT.byteOffset(groupElement("fm_reserved"));

    /** Layout of field fm_reserved. */
    public static ValueLayout.OfInt fm_reserved$layout() {
        return fm_reserved$LAYOUT;
    }

    /** Offset of field fm_reserved. */
    public static long fm_reserved$offset() {
        return fm_reserved$OFFSET;
    }

    /** Getter of field fm_reserved. */
    public static int fm_reserved(MemorySegment struct) {
        return struct.get(fm_reserved$LAYOUT, fm_reserved$OFFSET);
    }

    /** Setter of field fm_reserved. */
    public static void fm_reserved(MemorySegment struct, int fieldValue) {
        struct.set(fm_reserved$LAYOUT, fm_reserved$OFFSET, fieldValue);
    }

    private static final long fm_extents$OFFSET = $LAYOUT.byteOffset(groupElement("fm_extents"));
    private static final long fm_extents$SIZE = $LAYOUT.select(groupElement("fm_extents")).byteSize();

    /** Offset of field fm_extents. */
    public static long fm_extents$offset() {
        return fm_extents$OFFSET;
    }

    /** Layout of field fm_extents. */
    public static MemoryLayout fm_extents$layout() {
        return $LAYOUT.select(groupElement("fm_extents"));
    }

    /** A slice of {@code struct} viewing field fm_extents. */
    public static MemorySegment fm_extents(MemorySegment struct) {
        return struct.asSlice(fm_extents$OFFSET, fm_extents$SIZE);
    }

    /** Copies {@code fieldValue} into field fm_extents. */
    public static void fm_extents(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, fm_extents$OFFSET, fm_extents$SIZE);
    }

    /** The element {@code index} of an array of fiemap. */
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
