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
 * In/out argument of {@code io_uring_setup} ({@code <linux/io_uring.h>}).
 * {@snippet lang=c :
 * struct io_uring_params {
 *     __u32 sq_entries;
 *     __u32 cq_entries;
 *     __u32 flags;
 *     __u32 sq_thread_cpu;
 *     __u32 sq_thread_idle;
 *     __u32 features;
 *     __u32 wq_fd;
 *     __u32 resv[3];
 *     struct io_sqring_offsets sq_off;
 *     struct io_cqring_offsets cq_off;
 * };
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class io_uring_params {
    io_uring_params() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        C_INT.withName("sq_entries"),
        C_INT.withName("cq_entries"),
        C_INT.withName("flags"),
        C_INT.withName("sq_thread_cpu"),
        C_INT.withName("sq_thread_idle"),
        C_INT.withName("features"),
        C_INT.withName("wq_fd"),
        MemoryLayout.sequenceLayout(3, C_INT).withName("resv"),
        io_sqring_offsets.layout().withName("sq_off"),
        io_cqring_offsets.layout().withName("cq_off")
    ).withName("io_uring_params");

    /** The layout of this struct. */
    public static GroupLayout layout() {
        return $LAYOUT;
    }

    private static final ValueLayout.OfInt sq_entries$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("sq_entries"));
    private static final long sq_entries$OFFSET = $LAYOUT.byteOffset(groupElement("sq_entries"));

    /** Layout of field sq_entries. */
    public static ValueLayout.OfInt sq_entries$layout() {
        return sq_entries$LAYOUT;
    }

    /** Offset of field sq_entries. */
    public static long sq_entries$offset() {
        return sq_entries$OFFSET;
    }

    /** Getter of field sq_entries. */
    public static int sq_entries(MemorySegment struct) {
        return struct.get(sq_entries$LAYOUT, sq_entries$OFFSET);
    }

    /** Setter of field sq_entries. */
    public static void sq_entries(MemorySegment struct, int fieldValue) {
        struct.set(sq_entries$LAYOUT, sq_entries$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt cq_entries$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("cq_entries"));
    private static final long cq_entries$OFFSET = $LAYOUT.byteOffset(groupElement("cq_entries"));

    /** Layout of field cq_entries. */
    public static ValueLayout.OfInt cq_entries$layout() {
        return cq_entries$LAYOUT;
    }

    /** Offset of field cq_entries. */
    public static long cq_entries$offset() {
        return cq_entries$OFFSET;
    }

    /** Getter of field cq_entries. */
    public static int cq_entries(MemorySegment struct) {
        return struct.get(cq_entries$LAYOUT, cq_entries$OFFSET);
    }

    /** Setter of field cq_entries. */
    public static void cq_entries(MemorySegment struct, int fieldValue) {
        struct.set(cq_entries$LAYOUT, cq_entries$OFFSET, fieldValue);
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

    private static final ValueLayout.OfInt sq_thread_cpu$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("sq_thread_cpu"));
    private static final long sq_thread_cpu$OFFSET = $LAYOUT.byteOffset(groupElement("sq_thread_cpu"));

    /** Layout of field sq_thread_cpu. */
    public static ValueLayout.OfInt sq_thread_cpu$layout() {
        return sq_thread_cpu$LAYOUT;
    }

    /** Offset of field sq_thread_cpu. */
    public static long sq_thread_cpu$offset() {
        return sq_thread_cpu$OFFSET;
    }

    /** Getter of field sq_thread_cpu. */
    public static int sq_thread_cpu(MemorySegment struct) {
        return struct.get(sq_thread_cpu$LAYOUT, sq_thread_cpu$OFFSET);
    }

    /** Setter of field sq_thread_cpu. */
    public static void sq_thread_cpu(MemorySegment struct, int fieldValue) {
        struct.set(sq_thread_cpu$LAYOUT, sq_thread_cpu$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt sq_thread_idle$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("sq_thread_idle"));
    private static final long sq_thread_idle$OFFSET = $LAYOUT.byteOffset(groupElement("sq_thread_idle"));

    /** Layout of field sq_thread_idle. */
    public static ValueLayout.OfInt sq_thread_idle$layout() {
        return sq_thread_idle$LAYOUT;
    }

    /** Offset of field sq_thread_idle. */
    public static long sq_thread_idle$offset() {
        return sq_thread_idle$OFFSET;
    }

    /** Getter of field sq_thread_idle. */
    public static int sq_thread_idle(MemorySegment struct) {
        return struct.get(sq_thread_idle$LAYOUT, sq_thread_idle$OFFSET);
    }

    /** Setter of field sq_thread_idle. */
    public static void sq_thread_idle(MemorySegment struct, int fieldValue) {
        struct.set(sq_thread_idle$LAYOUT, sq_thread_idle$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt features$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("features"));
    private static final long features$OFFSET = $LAYOUT.byteOffset(groupElement("features"));

    /** Layout of field features. */
    public static ValueLayout.OfInt features$layout() {
        return features$LAYOUT;
    }

    /** Offset of field features. */
    public static long features$offset() {
        return features$OFFSET;
    }

    /** Getter of field features. */
    public static int features(MemorySegment struct) {
        return struct.get(features$LAYOUT, features$OFFSET);
    }

    /** Setter of field features. */
    public static void features(MemorySegment struct, int fieldValue) {
        struct.set(features$LAYOUT, features$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt wq_fd$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("wq_fd"));
    private static final long wq_fd$OFFSET = $LAYOUT.byteOffset(groupElement("wq_fd"));

    /** Layout of field wq_fd. */
    public static ValueLayout.OfInt wq_fd$layout() {
        return wq_fd$LAYOUT;
    }

    /** Offset of field wq_fd. */
    public static long wq_fd$offset() {
        return wq_fd$OFFSET;
    }

    /** Getter of field wq_fd. */
    public static int wq_fd(MemorySegment struct) {
        return struct.get(wq_fd$LAYOUT, wq_fd$OFFSET);
    }

    /** Setter of field wq_fd. */
    public static void wq_fd(MemorySegment struct, int fieldValue) {
        struct.set(wq_fd$LAYOUT, wq_fd$OFFSET, fieldValue);
    }

    private static final long sq_off$OFFSET = $LAYOUT.byteOffset(groupElement("sq_off"));
    private static final long sq_off$SIZE = $LAYOUT.select(groupElement("sq_off")).byteSize();

    /** Offset of field sq_off. */
    public static long sq_off$offset() {
        return sq_off$OFFSET;
    }

    /** Layout of field sq_off. */
    public static MemoryLayout sq_off$layout() {
        return $LAYOUT.select(groupElement("sq_off"));
    }

    /** A slice of {@code struct} viewing field sq_off. */
    public static MemorySegment sq_off(MemorySegment struct) {
        return struct.asSlice(sq_off$OFFSET, sq_off$SIZE);
    }

    /** Copies {@code fieldValue} into field sq_off. */
    public static void sq_off(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, sq_off$OFFSET, sq_off$SIZE);
    }

    private static final long cq_off$OFFSET = $LAYOUT.byteOffset(groupElement("cq_off"));
    private static final long cq_off$SIZE = $LAYOUT.select(groupElement("cq_off")).byteSize();

    /** Offset of field cq_off. */
    public static long cq_off$offset() {
        return cq_off$OFFSET;
    }

    /** Layout of field cq_off. */
    public static MemoryLayout cq_off$layout() {
        return $LAYOUT.select(groupElement("cq_off"));
    }

    /** A slice of {@code struct} viewing field cq_off. */
    public static MemorySegment cq_off(MemorySegment struct) {
        return struct.asSlice(cq_off$OFFSET, cq_off$SIZE);
    }

    /** Copies {@code fieldValue} into field cq_off. */
    public static void cq_off(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, cq_off$OFFSET, cq_off$SIZE);
    }

    /** The element {@code index} of an array of io_uring_params. */
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
