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
 * Offsets of the submission ring's fields in its mapping, filled by {@code io_uring_setup}
 * ({@code <linux/io_uring.h>}; {@code resv2} is called {@code user_addr} since Linux 6.5).
 * {@snippet lang=c :
 * struct io_sqring_offsets {
 *     __u32 head;
 *     __u32 tail;
 *     __u32 ring_mask;
 *     __u32 ring_entries;
 *     __u32 flags;
 *     __u32 dropped;
 *     __u32 array;
 *     __u32 resv1;
 *     __u64 resv2;
 * };
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class io_sqring_offsets {
    io_sqring_offsets() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        C_INT.withName("head"),
        C_INT.withName("tail"),
        C_INT.withName("ring_mask"),
        C_INT.withName("ring_entries"),
        C_INT.withName("flags"),
        C_INT.withName("dropped"),
        C_INT.withName("array"),
        C_INT.withName("resv1"),
        C_LONG.withName("resv2")
    ).withName("io_sqring_offsets");

    /** The layout of this struct. */
    public static GroupLayout layout() {
        return $LAYOUT;
    }

    private static final ValueLayout.OfInt head$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("head"));
    private static final long head$OFFSET = $LAYOUT.byteOffset(groupElement("head"));

    /** Layout of field head. */
    public static ValueLayout.OfInt head$layout() {
        return head$LAYOUT;
    }

    /** Offset of field head. */
    public static long head$offset() {
        return head$OFFSET;
    }

    /** Getter of field head. */
    public static int head(MemorySegment struct) {
        return struct.get(head$LAYOUT, head$OFFSET);
    }

    /** Setter of field head. */
    public static void head(MemorySegment struct, int fieldValue) {
        struct.set(head$LAYOUT, head$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt tail$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("tail"));
    private static final long tail$OFFSET = $LAYOUT.byteOffset(groupElement("tail"));

    /** Layout of field tail. */
    public static ValueLayout.OfInt tail$layout() {
        return tail$LAYOUT;
    }

    /** Offset of field tail. */
    public static long tail$offset() {
        return tail$OFFSET;
    }

    /** Getter of field tail. */
    public static int tail(MemorySegment struct) {
        return struct.get(tail$LAYOUT, tail$OFFSET);
    }

    /** Setter of field tail. */
    public static void tail(MemorySegment struct, int fieldValue) {
        struct.set(tail$LAYOUT, tail$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt ring_mask$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("ring_mask"));
    private static final long ring_mask$OFFSET = $LAYOUT.byteOffset(groupElement("ring_mask"));

    /** Layout of field ring_mask. */
    public static ValueLayout.OfInt ring_mask$layout() {
        return ring_mask$LAYOUT;
    }

    /** Offset of field ring_mask. */
    public static long ring_mask$offset() {
        return ring_mask$OFFSET;
    }

    /** Getter of field ring_mask. */
    public static int ring_mask(MemorySegment struct) {
        return struct.get(ring_mask$LAYOUT, ring_mask$OFFSET);
    }

    /** Setter of field ring_mask. */
    public static void ring_mask(MemorySegment struct, int fieldValue) {
        struct.set(ring_mask$LAYOUT, ring_mask$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt ring_entries$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("ring_entries"));
    private static final long ring_entries$OFFSET = $LAYOUT.byteOffset(groupElement("ring_entries"));

    /** Layout of field ring_entries. */
    public static ValueLayout.OfInt ring_entries$layout() {
        return ring_entries$LAYOUT;
    }

    /** Offset of field ring_entries. */
    public static long ring_entries$offset() {
        return ring_entries$OFFSET;
    }

    /** Getter of field ring_entries. */
    public static int ring_entries(MemorySegment struct) {
        return struct.get(ring_entries$LAYOUT, ring_entries$OFFSET);
    }

    /** Setter of field ring_entries. */
    public static void ring_entries(MemorySegment struct, int fieldValue) {
        struct.set(ring_entries$LAYOUT, ring_entries$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** Layout of field flags. */
    public static ValueLayout.OfInt flags$layout() {
        return flags$LAYOUT;
    }

    /** Offset of field flags. */
    public static long flags$offset() {
        return flags$OFFSET;
    }

    /** Getter of field flags. */
    public static int flags(MemorySegment struct) {
        return struct.get(flags$LAYOUT, flags$OFFSET);
    }

    /** Setter of field flags. */
    public static void flags(MemorySegment struct, int fieldValue) {
        struct.set(flags$LAYOUT, flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt dropped$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("dropped"));
    private static final long dropped$OFFSET = $LAYOUT.byteOffset(groupElement("dropped"));

    /** Layout of field dropped. */
    public static ValueLayout.OfInt dropped$layout() {
        return dropped$LAYOUT;
    }

    /** Offset of field dropped. */
    public static long dropped$offset() {
        return dropped$OFFSET;
    }

    /** Getter of field dropped. */
    public static int dropped(MemorySegment struct) {
        return struct.get(dropped$LAYOUT, dropped$OFFSET);
    }

    /** Setter of field dropped. */
    public static void dropped(MemorySegment struct, int fieldValue) {
        struct.set(dropped$LAYOUT, dropped$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt array$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("array"));
    private static final long array$OFFSET = $LAYOUT.byteOffset(groupElement("array"));

    /** Layout of field array. */
    public static ValueLayout.OfInt array$layout() {
        return array$LAYOUT;
    }

    /** Offset of field array. */
    public static long array$offset() {
        return array$OFFSET;
    }

    /** Getter of field array. */
    public static int array(MemorySegment struct) {
        return struct.get(array$LAYOUT, array$OFFSET);
    }

    /** Setter of field array. */
    public static void array(MemorySegment struct, int fieldValue) {
        struct.set(array$LAYOUT, array$OFFSET, fieldValue);
    }

    /** The element {@code index} of an array of io_sqring_offsets. */
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
