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
 * The {@code IORING_REGISTER_PROBE} reply header ({@code <linux/io_uring.h>}); {@code ops_len}
 * {@link io_uring_probe_op}s follow it.
 * {@snippet lang=c :
 * struct io_uring_probe {
 *     __u8 last_op;
 *     __u8 ops_len;
 *     __u16 resv;
 *     __u32 resv2[3];
 *     struct io_uring_probe_op ops[];
 * };
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class io_uring_probe {
    io_uring_probe() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        C_CHAR.withName("last_op"),
        C_CHAR.withName("ops_len"),
        C_SHORT.withName("resv"),
        MemoryLayout.sequenceLayout(3, C_INT).withName("resv2"),
        MemoryLayout.sequenceLayout(0, io_uring_probe_op.layout()).withName("ops")
    ).withName("io_uring_probe");

    /** The layout of this struct. */
    public static GroupLayout layout() {
        return $LAYOUT;
    }

    private static final ValueLayout.OfByte last_op$LAYOUT = (ValueLayout.OfByte) $LAYOUT.select(groupElement("last_op"));
    private static final long last_op$OFFSET = $LAYOUT.byteOffset(groupElement("last_op"));

    /** Layout of field last_op. */
    public static ValueLayout.OfByte last_op$layout() {
        return last_op$LAYOUT;
    }

    /** Offset of field last_op. */
    public static long last_op$offset() {
        return last_op$OFFSET;
    }

    /** Getter of field last_op. */
    public static byte last_op(MemorySegment struct) {
        return struct.get(last_op$LAYOUT, last_op$OFFSET);
    }

    /** Setter of field last_op. */
    public static void last_op(MemorySegment struct, byte fieldValue) {
        struct.set(last_op$LAYOUT, last_op$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfByte ops_len$LAYOUT = (ValueLayout.OfByte) $LAYOUT.select(groupElement("ops_len"));
    private static final long ops_len$OFFSET = $LAYOUT.byteOffset(groupElement("ops_len"));

    /** Layout of field ops_len. */
    public static ValueLayout.OfByte ops_len$layout() {
        return ops_len$LAYOUT;
    }

    /** Offset of field ops_len. */
    public static long ops_len$offset() {
        return ops_len$OFFSET;
    }

    /** Getter of field ops_len. */
    public static byte ops_len(MemorySegment struct) {
        return struct.get(ops_len$LAYOUT, ops_len$OFFSET);
    }

    /** Setter of field ops_len. */
    public static void ops_len(MemorySegment struct, byte fieldValue) {
        struct.set(ops_len$LAYOUT, ops_len$OFFSET, fieldValue);
    }

    private static final long ops$OFFSET = $LAYOUT.byteOffset(groupElement("ops"));
    private static final long ops$SIZE = $LAYOUT.select(groupElement("ops")).byteSize();

    /** Offset of field ops. */
    public static long ops$offset() {
        return ops$OFFSET;
    }

    /** Layout of field ops. */
    public static MemoryLayout ops$layout() {
        return $LAYOUT.select(groupElement("ops"));
    }

    /** A slice of {@code struct} viewing field ops. */
    public static MemorySegment ops(MemorySegment struct) {
        return struct.asSlice(ops$OFFSET, ops$SIZE);
    }

    /** Copies {@code fieldValue} into field ops. */
    public static void ops(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, ops$OFFSET, ops$SIZE);
    }

    /** The element {@code index} of an array of io_uring_probe. */
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
