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
 * A completion queue entry ({@code <linux/io_uring.h>}); 16 bytes (32 with {@code IORING_SETUP_CQE32},
 * which krepro does not use).
 * {@snippet lang=c :
 * struct io_uring_cqe {
 *     __u64 user_data;
 *     __s32 res;
 *     __u32 flags;
 *     __u64 big_cqe[];
 * };
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class io_uring_cqe {
    io_uring_cqe() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        C_LONG.withName("user_data"),
        C_INT.withName("res"),
        C_INT.withName("flags"),
        MemoryLayout.sequenceLayout(0, C_LONG).withName("big_cqe")
    ).withName("io_uring_cqe");

    /** The layout of this struct. */
    public static GroupLayout layout() {
        return $LAYOUT;
    }

    private static final ValueLayout.OfLong user_data$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("user_data"));
    private static final long user_data$OFFSET = $LAYOUT.byteOffset(groupElement("user_data"));

    /** Layout of field user_data. */
    public static ValueLayout.OfLong user_data$layout() {
        return user_data$LAYOUT;
    }

    /** Offset of field user_data. */
    public static long user_data$offset() {
        return user_data$OFFSET;
    }

    /** Getter of field user_data. */
    public static long user_data(MemorySegment struct) {
        return struct.get(user_data$LAYOUT, user_data$OFFSET);
    }

    /** Setter of field user_data. */
    public static void user_data(MemorySegment struct, long fieldValue) {
        struct.set(user_data$LAYOUT, user_data$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt res$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("res"));
    private static final long res$OFFSET = $LAYOUT.byteOffset(groupElement("res"));

    /** Layout of field res. */
    public static ValueLayout.OfInt res$layout() {
        return res$LAYOUT;
    }

    /** Offset of field res. */
    public static long res$offset() {
        return res$OFFSET;
    }

    /** Getter of field res. */
    public static int res(MemorySegment struct) {
        return struct.get(res$LAYOUT, res$OFFSET);
    }

    /** Setter of field res. */
    public static void res(MemorySegment struct, int fieldValue) {
        struct.set(res$LAYOUT, res$OFFSET, fieldValue);
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

    private static final long big_cqe$OFFSET = $LAYOUT.byteOffset(groupElement("big_cqe"));
    private static final long big_cqe$SIZE = $LAYOUT.select(groupElement("big_cqe")).byteSize();

    /** Offset of field big_cqe. */
    public static long big_cqe$offset() {
        return big_cqe$OFFSET;
    }

    /** Layout of field big_cqe. */
    public static MemoryLayout big_cqe$layout() {
        return $LAYOUT.select(groupElement("big_cqe"));
    }

    /** A slice of {@code struct} viewing field big_cqe. */
    public static MemorySegment big_cqe(MemorySegment struct) {
        return struct.asSlice(big_cqe$OFFSET, big_cqe$SIZE);
    }

    /** Copies {@code fieldValue} into field big_cqe. */
    public static void big_cqe(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, big_cqe$OFFSET, big_cqe$SIZE);
    }

    /** The element {@code index} of an array of io_uring_cqe. */
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
