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
 * The result of {@code statx(2)} ({@code <linux/stat.h>} as shipped with Linux 6.1 UAPI headers; later
 * kernels fill parts of {@code __spare3}, which this layout leaves opaque). Unsigned fields are returned
 * as Java's signed types of the same width.
 * {@snippet lang=c :
 * struct statx {
 *     __u32 stx_mask;
 *     __u32 stx_blksize;
 *     __u64 stx_attributes;
 *     __u32 stx_nlink;
 *     __u32 stx_uid;
 *     __u32 stx_gid;
 *     __u16 stx_mode;
 *     __u16 __spare0[1];
 *     __u64 stx_ino;
 *     __u64 stx_size;
 *     __u64 stx_blocks;
 *     __u64 stx_attributes_mask;
 *     struct statx_timestamp stx_atime;
 *     struct statx_timestamp stx_btime;
 *     struct statx_timestamp stx_ctime;
 *     struct statx_timestamp stx_mtime;
 *     __u32 stx_rdev_major;
 *     __u32 stx_rdev_minor;
 *     __u32 stx_dev_major;
 *     __u32 stx_dev_minor;
 *     __u64 stx_mnt_id;
 *     __u32 stx_dio_mem_align;
 *     __u32 stx_dio_offset_align;
 *     __u64 __spare3[12];
 * };
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class statx {
    statx() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        C_INT.withName("stx_mask"),
        C_INT.withName("stx_blksize"),
        C_LONG.withName("stx_attributes"),
        C_INT.withName("stx_nlink"),
        C_INT.withName("stx_uid"),
        C_INT.withName("stx_gid"),
        C_SHORT.withName("stx_mode"),
        MemoryLayout.sequenceLayout(1, C_SHORT).withName("__spare0"),
        C_LONG.withName("stx_ino"),
        C_LONG.withName("stx_size"),
        C_LONG.withName("stx_blocks"),
        C_LONG.withName("stx_attributes_mask"),
        statx_timestamp.layout().withName("stx_atime"),
        statx_timestamp.layout().withName("stx_btime"),
        statx_timestamp.layout().withName("stx_ctime"),
        statx_timestamp.layout().withName("stx_mtime"),
        C_INT.withName("stx_rdev_major"),
        C_INT.withName("stx_rdev_minor"),
        C_INT.withName("stx_dev_major"),
        C_INT.withName("stx_dev_minor"),
        C_LONG.withName("stx_mnt_id"),
        C_INT.withName("stx_dio_mem_align"),
        C_INT.withName("stx_dio_offset_align"),
        MemoryLayout.sequenceLayout(12, C_LONG).withName("__spare3")
    ).withName("statx");

    /** The layout of this struct. */
    public static GroupLayout layout() {
        return $LAYOUT;
    }

    private static final ValueLayout.OfInt stx_mask$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_mask"));
    private static final long stx_mask$OFFSET = $LAYOUT.byteOffset(groupElement("stx_mask"));

    /** Layout of field stx_mask. */
    public static ValueLayout.OfInt stx_mask$layout() {
        return stx_mask$LAYOUT;
    }

    /** Offset of field stx_mask. */
    public static long stx_mask$offset() {
        return stx_mask$OFFSET;
    }

    /** Getter of field stx_mask. */
    public static int stx_mask(MemorySegment struct) {
        return struct.get(stx_mask$LAYOUT, stx_mask$OFFSET);
    }

    /** Setter of field stx_mask. */
    public static void stx_mask(MemorySegment struct, int fieldValue) {
        struct.set(stx_mask$LAYOUT, stx_mask$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt stx_blksize$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_blksize"));
    private static final long stx_blksize$OFFSET = $LAYOUT.byteOffset(groupElement("stx_blksize"));

    /** Layout of field stx_blksize. */
    public static ValueLayout.OfInt stx_blksize$layout() {
        return stx_blksize$LAYOUT;
    }

    /** Offset of field stx_blksize. */
    public static long stx_blksize$offset() {
        return stx_blksize$OFFSET;
    }

    /** Getter of field stx_blksize. */
    public static int stx_blksize(MemorySegment struct) {
        return struct.get(stx_blksize$LAYOUT, stx_blksize$OFFSET);
    }

    /** Setter of field stx_blksize. */
    public static void stx_blksize(MemorySegment struct, int fieldValue) {
        struct.set(stx_blksize$LAYOUT, stx_blksize$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong stx_attributes$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("stx_attributes"));
    private static final long stx_attributes$OFFSET = $LAYOUT.byteOffset(groupElement("stx_attributes"));

    /** Layout of field stx_attributes. */
    public static ValueLayout.OfLong stx_attributes$layout() {
        return stx_attributes$LAYOUT;
    }

    /** Offset of field stx_attributes. */
    public static long stx_attributes$offset() {
        return stx_attributes$OFFSET;
    }

    /** Getter of field stx_attributes. */
    public static long stx_attributes(MemorySegment struct) {
        return struct.get(stx_attributes$LAYOUT, stx_attributes$OFFSET);
    }

    /** Setter of field stx_attributes. */
    public static void stx_attributes(MemorySegment struct, long fieldValue) {
        struct.set(stx_attributes$LAYOUT, stx_attributes$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt stx_nlink$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_nlink"));
    private static final long stx_nlink$OFFSET = $LAYOUT.byteOffset(groupElement("stx_nlink"));

    /** Layout of field stx_nlink. */
    public static ValueLayout.OfInt stx_nlink$layout() {
        return stx_nlink$LAYOUT;
    }

    /** Offset of field stx_nlink. */
    public static long stx_nlink$offset() {
        return stx_nlink$OFFSET;
    }

    /** Getter of field stx_nlink. */
    public static int stx_nlink(MemorySegment struct) {
        return struct.get(stx_nlink$LAYOUT, stx_nlink$OFFSET);
    }

    /** Setter of field stx_nlink. */
    public static void stx_nlink(MemorySegment struct, int fieldValue) {
        struct.set(stx_nlink$LAYOUT, stx_nlink$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt stx_uid$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_uid"));
    private static final long stx_uid$OFFSET = $LAYOUT.byteOffset(groupElement("stx_uid"));

    /** Layout of field stx_uid. */
    public static ValueLayout.OfInt stx_uid$layout() {
        return stx_uid$LAYOUT;
    }

    /** Offset of field stx_uid. */
    public static long stx_uid$offset() {
        return stx_uid$OFFSET;
    }

    /** Getter of field stx_uid. */
    public static int stx_uid(MemorySegment struct) {
        return struct.get(stx_uid$LAYOUT, stx_uid$OFFSET);
    }

    /** Setter of field stx_uid. */
    public static void stx_uid(MemorySegment struct, int fieldValue) {
        struct.set(stx_uid$LAYOUT, stx_uid$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt stx_gid$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_gid"));
    private static final long stx_gid$OFFSET = $LAYOUT.byteOffset(groupElement("stx_gid"));

    /** Layout of field stx_gid. */
    public static ValueLayout.OfInt stx_gid$layout() {
        return stx_gid$LAYOUT;
    }

    /** Offset of field stx_gid. */
    public static long stx_gid$offset() {
        return stx_gid$OFFSET;
    }

    /** Getter of field stx_gid. */
    public static int stx_gid(MemorySegment struct) {
        return struct.get(stx_gid$LAYOUT, stx_gid$OFFSET);
    }

    /** Setter of field stx_gid. */
    public static void stx_gid(MemorySegment struct, int fieldValue) {
        struct.set(stx_gid$LAYOUT, stx_gid$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort stx_mode$LAYOUT = (ValueLayout.OfShort) $LAYOUT.select(groupElement("stx_mode"));
    private static final long stx_mode$OFFSET = $LAYOUT.byteOffset(groupElement("stx_mode"));

    /** Layout of field stx_mode. */
    public static ValueLayout.OfShort stx_mode$layout() {
        return stx_mode$LAYOUT;
    }

    /** Offset of field stx_mode. */
    public static long stx_mode$offset() {
        return stx_mode$OFFSET;
    }

    /** Getter of field stx_mode. */
    public static short stx_mode(MemorySegment struct) {
        return struct.get(stx_mode$LAYOUT, stx_mode$OFFSET);
    }

    /** Setter of field stx_mode. */
    public static void stx_mode(MemorySegment struct, short fieldValue) {
        struct.set(stx_mode$LAYOUT, stx_mode$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong stx_ino$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("stx_ino"));
    private static final long stx_ino$OFFSET = $LAYOUT.byteOffset(groupElement("stx_ino"));

    /** Layout of field stx_ino. */
    public static ValueLayout.OfLong stx_ino$layout() {
        return stx_ino$LAYOUT;
    }

    /** Offset of field stx_ino. */
    public static long stx_ino$offset() {
        return stx_ino$OFFSET;
    }

    /** Getter of field stx_ino. */
    public static long stx_ino(MemorySegment struct) {
        return struct.get(stx_ino$LAYOUT, stx_ino$OFFSET);
    }

    /** Setter of field stx_ino. */
    public static void stx_ino(MemorySegment struct, long fieldValue) {
        struct.set(stx_ino$LAYOUT, stx_ino$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong stx_size$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("stx_size"));
    private static final long stx_size$OFFSET = $LAYOUT.byteOffset(groupElement("stx_size"));

    /** Layout of field stx_size. */
    public static ValueLayout.OfLong stx_size$layout() {
        return stx_size$LAYOUT;
    }

    /** Offset of field stx_size. */
    public static long stx_size$offset() {
        return stx_size$OFFSET;
    }

    /** Getter of field stx_size. */
    public static long stx_size(MemorySegment struct) {
        return struct.get(stx_size$LAYOUT, stx_size$OFFSET);
    }

    /** Setter of field stx_size. */
    public static void stx_size(MemorySegment struct, long fieldValue) {
        struct.set(stx_size$LAYOUT, stx_size$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong stx_blocks$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("stx_blocks"));
    private static final long stx_blocks$OFFSET = $LAYOUT.byteOffset(groupElement("stx_blocks"));

    /** Layout of field stx_blocks. */
    public static ValueLayout.OfLong stx_blocks$layout() {
        return stx_blocks$LAYOUT;
    }

    /** Offset of field stx_blocks. */
    public static long stx_blocks$offset() {
        return stx_blocks$OFFSET;
    }

    /** Getter of field stx_blocks. */
    public static long stx_blocks(MemorySegment struct) {
        return struct.get(stx_blocks$LAYOUT, stx_blocks$OFFSET);
    }

    /** Setter of field stx_blocks. */
    public static void stx_blocks(MemorySegment struct, long fieldValue) {
        struct.set(stx_blocks$LAYOUT, stx_blocks$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong stx_attributes_mask$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("stx_attributes_mask"));
    private static final long stx_attributes_mask$OFFSET = $LAYOUT.byteOffset(groupElement("stx_attributes_mask"));

    /** Layout of field stx_attributes_mask. */
    public static ValueLayout.OfLong stx_attributes_mask$layout() {
        return stx_attributes_mask$LAYOUT;
    }

    /** Offset of field stx_attributes_mask. */
    public static long stx_attributes_mask$offset() {
        return stx_attributes_mask$OFFSET;
    }

    /** Getter of field stx_attributes_mask. */
    public static long stx_attributes_mask(MemorySegment struct) {
        return struct.get(stx_attributes_mask$LAYOUT, stx_attributes_mask$OFFSET);
    }

    /** Setter of field stx_attributes_mask. */
    public static void stx_attributes_mask(MemorySegment struct, long fieldValue) {
        struct.set(stx_attributes_mask$LAYOUT, stx_attributes_mask$OFFSET, fieldValue);
    }

    private static final long stx_atime$OFFSET = $LAYOUT.byteOffset(groupElement("stx_atime"));
    private static final long stx_atime$SIZE = $LAYOUT.select(groupElement("stx_atime")).byteSize();

    /** Offset of field stx_atime. */
    public static long stx_atime$offset() {
        return stx_atime$OFFSET;
    }

    /** Layout of field stx_atime. */
    public static MemoryLayout stx_atime$layout() {
        return $LAYOUT.select(groupElement("stx_atime"));
    }

    /** A slice of {@code struct} viewing field stx_atime. */
    public static MemorySegment stx_atime(MemorySegment struct) {
        return struct.asSlice(stx_atime$OFFSET, stx_atime$SIZE);
    }

    /** Copies {@code fieldValue} into field stx_atime. */
    public static void stx_atime(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, stx_atime$OFFSET, stx_atime$SIZE);
    }

    private static final long stx_btime$OFFSET = $LAYOUT.byteOffset(groupElement("stx_btime"));
    private static final long stx_btime$SIZE = $LAYOUT.select(groupElement("stx_btime")).byteSize();

    /** Offset of field stx_btime. */
    public static long stx_btime$offset() {
        return stx_btime$OFFSET;
    }

    /** Layout of field stx_btime. */
    public static MemoryLayout stx_btime$layout() {
        return $LAYOUT.select(groupElement("stx_btime"));
    }

    /** A slice of {@code struct} viewing field stx_btime. */
    public static MemorySegment stx_btime(MemorySegment struct) {
        return struct.asSlice(stx_btime$OFFSET, stx_btime$SIZE);
    }

    /** Copies {@code fieldValue} into field stx_btime. */
    public static void stx_btime(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, stx_btime$OFFSET, stx_btime$SIZE);
    }

    private static final long stx_ctime$OFFSET = $LAYOUT.byteOffset(groupElement("stx_ctime"));
    private static final long stx_ctime$SIZE = $LAYOUT.select(groupElement("stx_ctime")).byteSize();

    /** Offset of field stx_ctime. */
    public static long stx_ctime$offset() {
        return stx_ctime$OFFSET;
    }

    /** Layout of field stx_ctime. */
    public static MemoryLayout stx_ctime$layout() {
        return $LAYOUT.select(groupElement("stx_ctime"));
    }

    /** A slice of {@code struct} viewing field stx_ctime. */
    public static MemorySegment stx_ctime(MemorySegment struct) {
        return struct.asSlice(stx_ctime$OFFSET, stx_ctime$SIZE);
    }

    /** Copies {@code fieldValue} into field stx_ctime. */
    public static void stx_ctime(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, stx_ctime$OFFSET, stx_ctime$SIZE);
    }

    private static final long stx_mtime$OFFSET = $LAYOUT.byteOffset(groupElement("stx_mtime"));
    private static final long stx_mtime$SIZE = $LAYOUT.select(groupElement("stx_mtime")).byteSize();

    /** Offset of field stx_mtime. */
    public static long stx_mtime$offset() {
        return stx_mtime$OFFSET;
    }

    /** Layout of field stx_mtime. */
    public static MemoryLayout stx_mtime$layout() {
        return $LAYOUT.select(groupElement("stx_mtime"));
    }

    /** A slice of {@code struct} viewing field stx_mtime. */
    public static MemorySegment stx_mtime(MemorySegment struct) {
        return struct.asSlice(stx_mtime$OFFSET, stx_mtime$SIZE);
    }

    /** Copies {@code fieldValue} into field stx_mtime. */
    public static void stx_mtime(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, stx_mtime$OFFSET, stx_mtime$SIZE);
    }

    private static final ValueLayout.OfInt stx_rdev_major$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_rdev_major"));
    private static final long stx_rdev_major$OFFSET = $LAYOUT.byteOffset(groupElement("stx_rdev_major"));

    /** Layout of field stx_rdev_major. */
    public static ValueLayout.OfInt stx_rdev_major$layout() {
        return stx_rdev_major$LAYOUT;
    }

    /** Offset of field stx_rdev_major. */
    public static long stx_rdev_major$offset() {
        return stx_rdev_major$OFFSET;
    }

    /** Getter of field stx_rdev_major. */
    public static int stx_rdev_major(MemorySegment struct) {
        return struct.get(stx_rdev_major$LAYOUT, stx_rdev_major$OFFSET);
    }

    /** Setter of field stx_rdev_major. */
    public static void stx_rdev_major(MemorySegment struct, int fieldValue) {
        struct.set(stx_rdev_major$LAYOUT, stx_rdev_major$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt stx_rdev_minor$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_rdev_minor"));
    private static final long stx_rdev_minor$OFFSET = $LAYOUT.byteOffset(groupElement("stx_rdev_minor"));

    /** Layout of field stx_rdev_minor. */
    public static ValueLayout.OfInt stx_rdev_minor$layout() {
        return stx_rdev_minor$LAYOUT;
    }

    /** Offset of field stx_rdev_minor. */
    public static long stx_rdev_minor$offset() {
        return stx_rdev_minor$OFFSET;
    }

    /** Getter of field stx_rdev_minor. */
    public static int stx_rdev_minor(MemorySegment struct) {
        return struct.get(stx_rdev_minor$LAYOUT, stx_rdev_minor$OFFSET);
    }

    /** Setter of field stx_rdev_minor. */
    public static void stx_rdev_minor(MemorySegment struct, int fieldValue) {
        struct.set(stx_rdev_minor$LAYOUT, stx_rdev_minor$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt stx_dev_major$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_dev_major"));
    private static final long stx_dev_major$OFFSET = $LAYOUT.byteOffset(groupElement("stx_dev_major"));

    /** Layout of field stx_dev_major. */
    public static ValueLayout.OfInt stx_dev_major$layout() {
        return stx_dev_major$LAYOUT;
    }

    /** Offset of field stx_dev_major. */
    public static long stx_dev_major$offset() {
        return stx_dev_major$OFFSET;
    }

    /** Getter of field stx_dev_major. */
    public static int stx_dev_major(MemorySegment struct) {
        return struct.get(stx_dev_major$LAYOUT, stx_dev_major$OFFSET);
    }

    /** Setter of field stx_dev_major. */
    public static void stx_dev_major(MemorySegment struct, int fieldValue) {
        struct.set(stx_dev_major$LAYOUT, stx_dev_major$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt stx_dev_minor$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_dev_minor"));
    private static final long stx_dev_minor$OFFSET = $LAYOUT.byteOffset(groupElement("stx_dev_minor"));

    /** Layout of field stx_dev_minor. */
    public static ValueLayout.OfInt stx_dev_minor$layout() {
        return stx_dev_minor$LAYOUT;
    }

    /** Offset of field stx_dev_minor. */
    public static long stx_dev_minor$offset() {
        return stx_dev_minor$OFFSET;
    }

    /** Getter of field stx_dev_minor. */
    public static int stx_dev_minor(MemorySegment struct) {
        return struct.get(stx_dev_minor$LAYOUT, stx_dev_minor$OFFSET);
    }

    /** Setter of field stx_dev_minor. */
    public static void stx_dev_minor(MemorySegment struct, int fieldValue) {
        struct.set(stx_dev_minor$LAYOUT, stx_dev_minor$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong stx_mnt_id$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("stx_mnt_id"));
    private static final long stx_mnt_id$OFFSET = $LAYOUT.byteOffset(groupElement("stx_mnt_id"));

    /** Layout of field stx_mnt_id. */
    public static ValueLayout.OfLong stx_mnt_id$layout() {
        return stx_mnt_id$LAYOUT;
    }

    /** Offset of field stx_mnt_id. */
    public static long stx_mnt_id$offset() {
        return stx_mnt_id$OFFSET;
    }

    /** Getter of field stx_mnt_id. */
    public static long stx_mnt_id(MemorySegment struct) {
        return struct.get(stx_mnt_id$LAYOUT, stx_mnt_id$OFFSET);
    }

    /** Setter of field stx_mnt_id. */
    public static void stx_mnt_id(MemorySegment struct, long fieldValue) {
        struct.set(stx_mnt_id$LAYOUT, stx_mnt_id$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt stx_dio_mem_align$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_dio_mem_align"));
    private static final long stx_dio_mem_align$OFFSET = $LAYOUT.byteOffset(groupElement("stx_dio_mem_align"));

    /** Layout of field stx_dio_mem_align. */
    public static ValueLayout.OfInt stx_dio_mem_align$layout() {
        return stx_dio_mem_align$LAYOUT;
    }

    /** Offset of field stx_dio_mem_align. */
    public static long stx_dio_mem_align$offset() {
        return stx_dio_mem_align$OFFSET;
    }

    /** Getter of field stx_dio_mem_align. */
    public static int stx_dio_mem_align(MemorySegment struct) {
        return struct.get(stx_dio_mem_align$LAYOUT, stx_dio_mem_align$OFFSET);
    }

    /** Setter of field stx_dio_mem_align. */
    public static void stx_dio_mem_align(MemorySegment struct, int fieldValue) {
        struct.set(stx_dio_mem_align$LAYOUT, stx_dio_mem_align$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt stx_dio_offset_align$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("stx_dio_offset_align"));
    private static final long stx_dio_offset_align$OFFSET = $LAYOUT.byteOffset(groupElement("stx_dio_offset_align"));

    /** Layout of field stx_dio_offset_align. */
    public static ValueLayout.OfInt stx_dio_offset_align$layout() {
        return stx_dio_offset_align$LAYOUT;
    }

    /** Offset of field stx_dio_offset_align. */
    public static long stx_dio_offset_align$offset() {
        return stx_dio_offset_align$OFFSET;
    }

    /** Getter of field stx_dio_offset_align. */
    public static int stx_dio_offset_align(MemorySegment struct) {
        return struct.get(stx_dio_offset_align$LAYOUT, stx_dio_offset_align$OFFSET);
    }

    /** Setter of field stx_dio_offset_align. */
    public static void stx_dio_offset_align(MemorySegment struct, int fieldValue) {
        struct.set(stx_dio_offset_align$LAYOUT, stx_dio_offset_align$OFFSET, fieldValue);
    }

    /** The element {@code index} of an array of statx. */
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
