package org.krepro.sys.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.ValueLayout;
import java.util.function.Consumer;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.krepro.sys.ffi.Lib.*;

/**
 * A submission queue entry ({@code <linux/io_uring.h>}), 64 bytes. The anonymous unions of the C
 * declaration are named {@code $anon0}..{@code $anon5} in the layout; their members have accessors here
 * under their C names, as if the unions were flat (as in C).
 * {@snippet lang=c :
 * struct io_uring_sqe {
 *     __u8 opcode;
 *     __u8 flags;
 *     __u16 ioprio;
 *     __s32 fd;
 *     union { __u64 off; __u64 addr2; struct { __u32 cmd_op; __u32 __pad1; }; };
 *     union { __u64 addr; __u64 splice_off_in; };
 *     __u32 len;
 *     union { __u32 rw_flags; __u32 fsync_flags; __u16 poll_events; __u32 poll32_events;
 *             __u32 sync_range_flags; __u32 msg_flags; __u32 timeout_flags; __u32 accept_flags;
 *             __u32 cancel_flags; __u32 open_flags; __u32 statx_flags; __u32 fadvise_advice;
 *             __u32 splice_flags; __u32 rename_flags; __u32 unlink_flags; __u32 hardlink_flags;
 *             __u32 xattr_flags; __u32 msg_ring_flags; __u32 uring_cmd_flags; };
 *     __u64 user_data;
 *     union { __u16 buf_index; __u16 buf_group; } __attribute__((packed));
 *     __u16 personality;
 *     union { __s32 splice_fd_in; __u32 file_index; struct { __u16 addr_len; __u16 __pad3[1]; }; };
 *     union { struct { __u64 addr3; __u64 __pad2[1]; }; __u8 cmd[0]; };
 * };
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class io_uring_sqe {
    io_uring_sqe() {
        // Should not be called directly
    }

    private static final GroupLayout $LAYOUT = MemoryLayout.structLayout(
        C_CHAR.withName("opcode"),
        C_CHAR.withName("flags"),
        C_SHORT.withName("ioprio"),
        C_INT.withName("fd"),
        MemoryLayout.unionLayout(
            C_LONG.withName("off"),
            C_LONG.withName("addr2"),
            MemoryLayout.structLayout(
                C_INT.withName("cmd_op"),
                C_INT.withName("__pad1")
            ).withName("$anon0s")
        ).withName("$anon0"),
        MemoryLayout.unionLayout(
            C_LONG.withName("addr"),
            C_LONG.withName("splice_off_in")
        ).withName("$anon1"),
        C_INT.withName("len"),
        MemoryLayout.unionLayout(
            C_INT.withName("rw_flags"),
            C_INT.withName("fsync_flags"),
            C_SHORT.withName("poll_events"),
            C_INT.withName("poll32_events"),
            C_INT.withName("sync_range_flags"),
            C_INT.withName("msg_flags"),
            C_INT.withName("timeout_flags"),
            C_INT.withName("accept_flags"),
            C_INT.withName("cancel_flags"),
            C_INT.withName("open_flags"),
            C_INT.withName("statx_flags"),
            C_INT.withName("fadvise_advice"),
            C_INT.withName("splice_flags"),
            C_INT.withName("rename_flags"),
            C_INT.withName("unlink_flags"),
            C_INT.withName("hardlink_flags"),
            C_INT.withName("xattr_flags"),
            C_INT.withName("msg_ring_flags"),
            C_INT.withName("uring_cmd_flags")
        ).withName("$anon2"),
        C_LONG.withName("user_data"),
        MemoryLayout.unionLayout(
            C_SHORT.withName("buf_index"),
            C_SHORT.withName("buf_group")
        ).withName("$anon3"),
        C_SHORT.withName("personality"),
        MemoryLayout.unionLayout(
            C_INT.withName("splice_fd_in"),
            C_INT.withName("file_index"),
            MemoryLayout.structLayout(
                C_SHORT.withName("addr_len"),
                MemoryLayout.sequenceLayout(1, C_SHORT).withName("__pad3")
            ).withName("$anon4s")
        ).withName("$anon4"),
        MemoryLayout.unionLayout(
            MemoryLayout.structLayout(
                C_LONG.withName("addr3"),
                MemoryLayout.sequenceLayout(1, C_LONG).withName("__pad2")
            ).withName("$anon5s"),
            MemoryLayout.sequenceLayout(0, C_CHAR).withName("cmd")
        ).withName("$anon5")
    ).withName("io_uring_sqe");

    /** The layout of this struct. */
    public static GroupLayout layout() {
        return $LAYOUT;
    }

    private static final ValueLayout.OfByte opcode$LAYOUT = (ValueLayout.OfByte) $LAYOUT.select(groupElement("opcode"));
    private static final long opcode$OFFSET = $LAYOUT.byteOffset(groupElement("opcode"));

    /** Layout of field opcode. */
    public static ValueLayout.OfByte opcode$layout() {
        return opcode$LAYOUT;
    }

    /** Offset of field opcode. */
    public static long opcode$offset() {
        return opcode$OFFSET;
    }

    /** Getter of field opcode. */
    public static byte opcode(MemorySegment struct) {
        return struct.get(opcode$LAYOUT, opcode$OFFSET);
    }

    /** Setter of field opcode. */
    public static void opcode(MemorySegment struct, byte fieldValue) {
        struct.set(opcode$LAYOUT, opcode$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfByte flags$LAYOUT = (ValueLayout.OfByte) $LAYOUT.select(groupElement("flags"));
    private static final long flags$OFFSET = $LAYOUT.byteOffset(groupElement("flags"));

    /** Layout of field flags. */
    public static ValueLayout.OfByte flags$layout() {
        return flags$LAYOUT;
    }

    /** Offset of field flags. */
    public static long flags$offset() {
        return flags$OFFSET;
    }

    /** Getter of field flags. */
    public static byte flags(MemorySegment struct) {
        return struct.get(flags$LAYOUT, flags$OFFSET);
    }

    /** Setter of field flags. */
    public static void flags(MemorySegment struct, byte fieldValue) {
        struct.set(flags$LAYOUT, flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort ioprio$LAYOUT = (ValueLayout.OfShort) $LAYOUT.select(groupElement("ioprio"));
    private static final long ioprio$OFFSET = $LAYOUT.byteOffset(groupElement("ioprio"));

    /** Layout of field ioprio. */
    public static ValueLayout.OfShort ioprio$layout() {
        return ioprio$LAYOUT;
    }

    /** Offset of field ioprio. */
    public static long ioprio$offset() {
        return ioprio$OFFSET;
    }

    /** Getter of field ioprio. */
    public static short ioprio(MemorySegment struct) {
        return struct.get(ioprio$LAYOUT, ioprio$OFFSET);
    }

    /** Setter of field ioprio. */
    public static void ioprio(MemorySegment struct, short fieldValue) {
        struct.set(ioprio$LAYOUT, ioprio$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt fd$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("fd"));
    private static final long fd$OFFSET = $LAYOUT.byteOffset(groupElement("fd"));

    /** Layout of field fd. */
    public static ValueLayout.OfInt fd$layout() {
        return fd$LAYOUT;
    }

    /** Offset of field fd. */
    public static long fd$offset() {
        return fd$OFFSET;
    }

    /** Getter of field fd. */
    public static int fd(MemorySegment struct) {
        return struct.get(fd$LAYOUT, fd$OFFSET);
    }

    /** Setter of field fd. */
    public static void fd(MemorySegment struct, int fieldValue) {
        struct.set(fd$LAYOUT, fd$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong off$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("$anon0"), groupElement("off"));
    private static final long off$OFFSET = $LAYOUT.byteOffset(groupElement("$anon0"), groupElement("off"));

    /** Layout of field off. */
    public static ValueLayout.OfLong off$layout() {
        return off$LAYOUT;
    }

    /** Offset of field off. */
    public static long off$offset() {
        return off$OFFSET;
    }

    /** Getter of field off. */
    public static long off(MemorySegment struct) {
        return struct.get(off$LAYOUT, off$OFFSET);
    }

    /** Setter of field off. */
    public static void off(MemorySegment struct, long fieldValue) {
        struct.set(off$LAYOUT, off$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong addr2$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("$anon0"), groupElement("addr2"));
    private static final long addr2$OFFSET = $LAYOUT.byteOffset(groupElement("$anon0"), groupElement("addr2"));

    /** Layout of field addr2. */
    public static ValueLayout.OfLong addr2$layout() {
        return addr2$LAYOUT;
    }

    /** Offset of field addr2. */
    public static long addr2$offset() {
        return addr2$OFFSET;
    }

    /** Getter of field addr2. */
    public static long addr2(MemorySegment struct) {
        return struct.get(addr2$LAYOUT, addr2$OFFSET);
    }

    /** Setter of field addr2. */
    public static void addr2(MemorySegment struct, long fieldValue) {
        struct.set(addr2$LAYOUT, addr2$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt cmd_op$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon0"), groupElement("$anon0s"), groupElement("cmd_op"));
    private static final long cmd_op$OFFSET = $LAYOUT.byteOffset(groupElement("$anon0"), groupElement("$anon0s"), groupElement("cmd_op"));

    /** Layout of field cmd_op. */
    public static ValueLayout.OfInt cmd_op$layout() {
        return cmd_op$LAYOUT;
    }

    /** Offset of field cmd_op. */
    public static long cmd_op$offset() {
        return cmd_op$OFFSET;
    }

    /** Getter of field cmd_op. */
    public static int cmd_op(MemorySegment struct) {
        return struct.get(cmd_op$LAYOUT, cmd_op$OFFSET);
    }

    /** Setter of field cmd_op. */
    public static void cmd_op(MemorySegment struct, int fieldValue) {
        struct.set(cmd_op$LAYOUT, cmd_op$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong addr$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("$anon1"), groupElement("addr"));
    private static final long addr$OFFSET = $LAYOUT.byteOffset(groupElement("$anon1"), groupElement("addr"));

    /** Layout of field addr. */
    public static ValueLayout.OfLong addr$layout() {
        return addr$LAYOUT;
    }

    /** Offset of field addr. */
    public static long addr$offset() {
        return addr$OFFSET;
    }

    /** Getter of field addr. */
    public static long addr(MemorySegment struct) {
        return struct.get(addr$LAYOUT, addr$OFFSET);
    }

    /** Setter of field addr. */
    public static void addr(MemorySegment struct, long fieldValue) {
        struct.set(addr$LAYOUT, addr$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong splice_off_in$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("$anon1"), groupElement("splice_off_in"));
    private static final long splice_off_in$OFFSET = $LAYOUT.byteOffset(groupElement("$anon1"), groupElement("splice_off_in"));

    /** Layout of field splice_off_in. */
    public static ValueLayout.OfLong splice_off_in$layout() {
        return splice_off_in$LAYOUT;
    }

    /** Offset of field splice_off_in. */
    public static long splice_off_in$offset() {
        return splice_off_in$OFFSET;
    }

    /** Getter of field splice_off_in. */
    public static long splice_off_in(MemorySegment struct) {
        return struct.get(splice_off_in$LAYOUT, splice_off_in$OFFSET);
    }

    /** Setter of field splice_off_in. */
    public static void splice_off_in(MemorySegment struct, long fieldValue) {
        struct.set(splice_off_in$LAYOUT, splice_off_in$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt len$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("len"));
    private static final long len$OFFSET = $LAYOUT.byteOffset(groupElement("len"));

    /** Layout of field len. */
    public static ValueLayout.OfInt len$layout() {
        return len$LAYOUT;
    }

    /** Offset of field len. */
    public static long len$offset() {
        return len$OFFSET;
    }

    /** Getter of field len. */
    public static int len(MemorySegment struct) {
        return struct.get(len$LAYOUT, len$OFFSET);
    }

    /** Setter of field len. */
    public static void len(MemorySegment struct, int fieldValue) {
        struct.set(len$LAYOUT, len$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt rw_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("rw_flags"));
    private static final long rw_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("rw_flags"));

    /** Layout of field rw_flags. */
    public static ValueLayout.OfInt rw_flags$layout() {
        return rw_flags$LAYOUT;
    }

    /** Offset of field rw_flags. */
    public static long rw_flags$offset() {
        return rw_flags$OFFSET;
    }

    /** Getter of field rw_flags. */
    public static int rw_flags(MemorySegment struct) {
        return struct.get(rw_flags$LAYOUT, rw_flags$OFFSET);
    }

    /** Setter of field rw_flags. */
    public static void rw_flags(MemorySegment struct, int fieldValue) {
        struct.set(rw_flags$LAYOUT, rw_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt fsync_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("fsync_flags"));
    private static final long fsync_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("fsync_flags"));

    /** Layout of field fsync_flags. */
    public static ValueLayout.OfInt fsync_flags$layout() {
        return fsync_flags$LAYOUT;
    }

    /** Offset of field fsync_flags. */
    public static long fsync_flags$offset() {
        return fsync_flags$OFFSET;
    }

    /** Getter of field fsync_flags. */
    public static int fsync_flags(MemorySegment struct) {
        return struct.get(fsync_flags$LAYOUT, fsync_flags$OFFSET);
    }

    /** Setter of field fsync_flags. */
    public static void fsync_flags(MemorySegment struct, int fieldValue) {
        struct.set(fsync_flags$LAYOUT, fsync_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort poll_events$LAYOUT = (ValueLayout.OfShort) $LAYOUT.select(groupElement("$anon2"), groupElement("poll_events"));
    private static final long poll_events$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("poll_events"));

    /** Layout of field poll_events. */
    public static ValueLayout.OfShort poll_events$layout() {
        return poll_events$LAYOUT;
    }

    /** Offset of field poll_events. */
    public static long poll_events$offset() {
        return poll_events$OFFSET;
    }

    /** Getter of field poll_events. */
    public static short poll_events(MemorySegment struct) {
        return struct.get(poll_events$LAYOUT, poll_events$OFFSET);
    }

    /** Setter of field poll_events. */
    public static void poll_events(MemorySegment struct, short fieldValue) {
        struct.set(poll_events$LAYOUT, poll_events$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt poll32_events$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("poll32_events"));
    private static final long poll32_events$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("poll32_events"));

    /** Layout of field poll32_events. */
    public static ValueLayout.OfInt poll32_events$layout() {
        return poll32_events$LAYOUT;
    }

    /** Offset of field poll32_events. */
    public static long poll32_events$offset() {
        return poll32_events$OFFSET;
    }

    /** Getter of field poll32_events. */
    public static int poll32_events(MemorySegment struct) {
        return struct.get(poll32_events$LAYOUT, poll32_events$OFFSET);
    }

    /** Setter of field poll32_events. */
    public static void poll32_events(MemorySegment struct, int fieldValue) {
        struct.set(poll32_events$LAYOUT, poll32_events$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt sync_range_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("sync_range_flags"));
    private static final long sync_range_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("sync_range_flags"));

    /** Layout of field sync_range_flags. */
    public static ValueLayout.OfInt sync_range_flags$layout() {
        return sync_range_flags$LAYOUT;
    }

    /** Offset of field sync_range_flags. */
    public static long sync_range_flags$offset() {
        return sync_range_flags$OFFSET;
    }

    /** Getter of field sync_range_flags. */
    public static int sync_range_flags(MemorySegment struct) {
        return struct.get(sync_range_flags$LAYOUT, sync_range_flags$OFFSET);
    }

    /** Setter of field sync_range_flags. */
    public static void sync_range_flags(MemorySegment struct, int fieldValue) {
        struct.set(sync_range_flags$LAYOUT, sync_range_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt msg_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("msg_flags"));
    private static final long msg_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("msg_flags"));

    /** Layout of field msg_flags. */
    public static ValueLayout.OfInt msg_flags$layout() {
        return msg_flags$LAYOUT;
    }

    /** Offset of field msg_flags. */
    public static long msg_flags$offset() {
        return msg_flags$OFFSET;
    }

    /** Getter of field msg_flags. */
    public static int msg_flags(MemorySegment struct) {
        return struct.get(msg_flags$LAYOUT, msg_flags$OFFSET);
    }

    /** Setter of field msg_flags. */
    public static void msg_flags(MemorySegment struct, int fieldValue) {
        struct.set(msg_flags$LAYOUT, msg_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt timeout_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("timeout_flags"));
    private static final long timeout_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("timeout_flags"));

    /** Layout of field timeout_flags. */
    public static ValueLayout.OfInt timeout_flags$layout() {
        return timeout_flags$LAYOUT;
    }

    /** Offset of field timeout_flags. */
    public static long timeout_flags$offset() {
        return timeout_flags$OFFSET;
    }

    /** Getter of field timeout_flags. */
    public static int timeout_flags(MemorySegment struct) {
        return struct.get(timeout_flags$LAYOUT, timeout_flags$OFFSET);
    }

    /** Setter of field timeout_flags. */
    public static void timeout_flags(MemorySegment struct, int fieldValue) {
        struct.set(timeout_flags$LAYOUT, timeout_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt accept_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("accept_flags"));
    private static final long accept_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("accept_flags"));

    /** Layout of field accept_flags. */
    public static ValueLayout.OfInt accept_flags$layout() {
        return accept_flags$LAYOUT;
    }

    /** Offset of field accept_flags. */
    public static long accept_flags$offset() {
        return accept_flags$OFFSET;
    }

    /** Getter of field accept_flags. */
    public static int accept_flags(MemorySegment struct) {
        return struct.get(accept_flags$LAYOUT, accept_flags$OFFSET);
    }

    /** Setter of field accept_flags. */
    public static void accept_flags(MemorySegment struct, int fieldValue) {
        struct.set(accept_flags$LAYOUT, accept_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt cancel_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("cancel_flags"));
    private static final long cancel_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("cancel_flags"));

    /** Layout of field cancel_flags. */
    public static ValueLayout.OfInt cancel_flags$layout() {
        return cancel_flags$LAYOUT;
    }

    /** Offset of field cancel_flags. */
    public static long cancel_flags$offset() {
        return cancel_flags$OFFSET;
    }

    /** Getter of field cancel_flags. */
    public static int cancel_flags(MemorySegment struct) {
        return struct.get(cancel_flags$LAYOUT, cancel_flags$OFFSET);
    }

    /** Setter of field cancel_flags. */
    public static void cancel_flags(MemorySegment struct, int fieldValue) {
        struct.set(cancel_flags$LAYOUT, cancel_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt open_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("open_flags"));
    private static final long open_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("open_flags"));

    /** Layout of field open_flags. */
    public static ValueLayout.OfInt open_flags$layout() {
        return open_flags$LAYOUT;
    }

    /** Offset of field open_flags. */
    public static long open_flags$offset() {
        return open_flags$OFFSET;
    }

    /** Getter of field open_flags. */
    public static int open_flags(MemorySegment struct) {
        return struct.get(open_flags$LAYOUT, open_flags$OFFSET);
    }

    /** Setter of field open_flags. */
    public static void open_flags(MemorySegment struct, int fieldValue) {
        struct.set(open_flags$LAYOUT, open_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt statx_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("statx_flags"));
    private static final long statx_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("statx_flags"));

    /** Layout of field statx_flags. */
    public static ValueLayout.OfInt statx_flags$layout() {
        return statx_flags$LAYOUT;
    }

    /** Offset of field statx_flags. */
    public static long statx_flags$offset() {
        return statx_flags$OFFSET;
    }

    /** Getter of field statx_flags. */
    public static int statx_flags(MemorySegment struct) {
        return struct.get(statx_flags$LAYOUT, statx_flags$OFFSET);
    }

    /** Setter of field statx_flags. */
    public static void statx_flags(MemorySegment struct, int fieldValue) {
        struct.set(statx_flags$LAYOUT, statx_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt fadvise_advice$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("fadvise_advice"));
    private static final long fadvise_advice$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("fadvise_advice"));

    /** Layout of field fadvise_advice. */
    public static ValueLayout.OfInt fadvise_advice$layout() {
        return fadvise_advice$LAYOUT;
    }

    /** Offset of field fadvise_advice. */
    public static long fadvise_advice$offset() {
        return fadvise_advice$OFFSET;
    }

    /** Getter of field fadvise_advice. */
    public static int fadvise_advice(MemorySegment struct) {
        return struct.get(fadvise_advice$LAYOUT, fadvise_advice$OFFSET);
    }

    /** Setter of field fadvise_advice. */
    public static void fadvise_advice(MemorySegment struct, int fieldValue) {
        struct.set(fadvise_advice$LAYOUT, fadvise_advice$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt splice_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("splice_flags"));
    private static final long splice_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("splice_flags"));

    /** Layout of field splice_flags. */
    public static ValueLayout.OfInt splice_flags$layout() {
        return splice_flags$LAYOUT;
    }

    /** Offset of field splice_flags. */
    public static long splice_flags$offset() {
        return splice_flags$OFFSET;
    }

    /** Getter of field splice_flags. */
    public static int splice_flags(MemorySegment struct) {
        return struct.get(splice_flags$LAYOUT, splice_flags$OFFSET);
    }

    /** Setter of field splice_flags. */
    public static void splice_flags(MemorySegment struct, int fieldValue) {
        struct.set(splice_flags$LAYOUT, splice_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt rename_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("rename_flags"));
    private static final long rename_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("rename_flags"));

    /** Layout of field rename_flags. */
    public static ValueLayout.OfInt rename_flags$layout() {
        return rename_flags$LAYOUT;
    }

    /** Offset of field rename_flags. */
    public static long rename_flags$offset() {
        return rename_flags$OFFSET;
    }

    /** Getter of field rename_flags. */
    public static int rename_flags(MemorySegment struct) {
        return struct.get(rename_flags$LAYOUT, rename_flags$OFFSET);
    }

    /** Setter of field rename_flags. */
    public static void rename_flags(MemorySegment struct, int fieldValue) {
        struct.set(rename_flags$LAYOUT, rename_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt unlink_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("unlink_flags"));
    private static final long unlink_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("unlink_flags"));

    /** Layout of field unlink_flags. */
    public static ValueLayout.OfInt unlink_flags$layout() {
        return unlink_flags$LAYOUT;
    }

    /** Offset of field unlink_flags. */
    public static long unlink_flags$offset() {
        return unlink_flags$OFFSET;
    }

    /** Getter of field unlink_flags. */
    public static int unlink_flags(MemorySegment struct) {
        return struct.get(unlink_flags$LAYOUT, unlink_flags$OFFSET);
    }

    /** Setter of field unlink_flags. */
    public static void unlink_flags(MemorySegment struct, int fieldValue) {
        struct.set(unlink_flags$LAYOUT, unlink_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt hardlink_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("hardlink_flags"));
    private static final long hardlink_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("hardlink_flags"));

    /** Layout of field hardlink_flags. */
    public static ValueLayout.OfInt hardlink_flags$layout() {
        return hardlink_flags$LAYOUT;
    }

    /** Offset of field hardlink_flags. */
    public static long hardlink_flags$offset() {
        return hardlink_flags$OFFSET;
    }

    /** Getter of field hardlink_flags. */
    public static int hardlink_flags(MemorySegment struct) {
        return struct.get(hardlink_flags$LAYOUT, hardlink_flags$OFFSET);
    }

    /** Setter of field hardlink_flags. */
    public static void hardlink_flags(MemorySegment struct, int fieldValue) {
        struct.set(hardlink_flags$LAYOUT, hardlink_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt xattr_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("xattr_flags"));
    private static final long xattr_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("xattr_flags"));

    /** Layout of field xattr_flags. */
    public static ValueLayout.OfInt xattr_flags$layout() {
        return xattr_flags$LAYOUT;
    }

    /** Offset of field xattr_flags. */
    public static long xattr_flags$offset() {
        return xattr_flags$OFFSET;
    }

    /** Getter of field xattr_flags. */
    public static int xattr_flags(MemorySegment struct) {
        return struct.get(xattr_flags$LAYOUT, xattr_flags$OFFSET);
    }

    /** Setter of field xattr_flags. */
    public static void xattr_flags(MemorySegment struct, int fieldValue) {
        struct.set(xattr_flags$LAYOUT, xattr_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt msg_ring_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("msg_ring_flags"));
    private static final long msg_ring_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("msg_ring_flags"));

    /** Layout of field msg_ring_flags. */
    public static ValueLayout.OfInt msg_ring_flags$layout() {
        return msg_ring_flags$LAYOUT;
    }

    /** Offset of field msg_ring_flags. */
    public static long msg_ring_flags$offset() {
        return msg_ring_flags$OFFSET;
    }

    /** Getter of field msg_ring_flags. */
    public static int msg_ring_flags(MemorySegment struct) {
        return struct.get(msg_ring_flags$LAYOUT, msg_ring_flags$OFFSET);
    }

    /** Setter of field msg_ring_flags. */
    public static void msg_ring_flags(MemorySegment struct, int fieldValue) {
        struct.set(msg_ring_flags$LAYOUT, msg_ring_flags$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt uring_cmd_flags$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon2"), groupElement("uring_cmd_flags"));
    private static final long uring_cmd_flags$OFFSET = $LAYOUT.byteOffset(groupElement("$anon2"), groupElement("uring_cmd_flags"));

    /** Layout of field uring_cmd_flags. */
    public static ValueLayout.OfInt uring_cmd_flags$layout() {
        return uring_cmd_flags$LAYOUT;
    }

    /** Offset of field uring_cmd_flags. */
    public static long uring_cmd_flags$offset() {
        return uring_cmd_flags$OFFSET;
    }

    /** Getter of field uring_cmd_flags. */
    public static int uring_cmd_flags(MemorySegment struct) {
        return struct.get(uring_cmd_flags$LAYOUT, uring_cmd_flags$OFFSET);
    }

    /** Setter of field uring_cmd_flags. */
    public static void uring_cmd_flags(MemorySegment struct, int fieldValue) {
        struct.set(uring_cmd_flags$LAYOUT, uring_cmd_flags$OFFSET, fieldValue);
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

    private static final ValueLayout.OfShort buf_index$LAYOUT = (ValueLayout.OfShort) $LAYOUT.select(groupElement("$anon3"), groupElement("buf_index"));
    private static final long buf_index$OFFSET = $LAYOUT.byteOffset(groupElement("$anon3"), groupElement("buf_index"));

    /** Layout of field buf_index. */
    public static ValueLayout.OfShort buf_index$layout() {
        return buf_index$LAYOUT;
    }

    /** Offset of field buf_index. */
    public static long buf_index$offset() {
        return buf_index$OFFSET;
    }

    /** Getter of field buf_index. */
    public static short buf_index(MemorySegment struct) {
        return struct.get(buf_index$LAYOUT, buf_index$OFFSET);
    }

    /** Setter of field buf_index. */
    public static void buf_index(MemorySegment struct, short fieldValue) {
        struct.set(buf_index$LAYOUT, buf_index$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort buf_group$LAYOUT = (ValueLayout.OfShort) $LAYOUT.select(groupElement("$anon3"), groupElement("buf_group"));
    private static final long buf_group$OFFSET = $LAYOUT.byteOffset(groupElement("$anon3"), groupElement("buf_group"));

    /** Layout of field buf_group. */
    public static ValueLayout.OfShort buf_group$layout() {
        return buf_group$LAYOUT;
    }

    /** Offset of field buf_group. */
    public static long buf_group$offset() {
        return buf_group$OFFSET;
    }

    /** Getter of field buf_group. */
    public static short buf_group(MemorySegment struct) {
        return struct.get(buf_group$LAYOUT, buf_group$OFFSET);
    }

    /** Setter of field buf_group. */
    public static void buf_group(MemorySegment struct, short fieldValue) {
        struct.set(buf_group$LAYOUT, buf_group$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort personality$LAYOUT = (ValueLayout.OfShort) $LAYOUT.select(groupElement("personality"));
    private static final long personality$OFFSET = $LAYOUT.byteOffset(groupElement("personality"));

    /** Layout of field personality. */
    public static ValueLayout.OfShort personality$layout() {
        return personality$LAYOUT;
    }

    /** Offset of field personality. */
    public static long personality$offset() {
        return personality$OFFSET;
    }

    /** Getter of field personality. */
    public static short personality(MemorySegment struct) {
        return struct.get(personality$LAYOUT, personality$OFFSET);
    }

    /** Setter of field personality. */
    public static void personality(MemorySegment struct, short fieldValue) {
        struct.set(personality$LAYOUT, personality$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt splice_fd_in$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon4"), groupElement("splice_fd_in"));
    private static final long splice_fd_in$OFFSET = $LAYOUT.byteOffset(groupElement("$anon4"), groupElement("splice_fd_in"));

    /** Layout of field splice_fd_in. */
    public static ValueLayout.OfInt splice_fd_in$layout() {
        return splice_fd_in$LAYOUT;
    }

    /** Offset of field splice_fd_in. */
    public static long splice_fd_in$offset() {
        return splice_fd_in$OFFSET;
    }

    /** Getter of field splice_fd_in. */
    public static int splice_fd_in(MemorySegment struct) {
        return struct.get(splice_fd_in$LAYOUT, splice_fd_in$OFFSET);
    }

    /** Setter of field splice_fd_in. */
    public static void splice_fd_in(MemorySegment struct, int fieldValue) {
        struct.set(splice_fd_in$LAYOUT, splice_fd_in$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfInt file_index$LAYOUT = (ValueLayout.OfInt) $LAYOUT.select(groupElement("$anon4"), groupElement("file_index"));
    private static final long file_index$OFFSET = $LAYOUT.byteOffset(groupElement("$anon4"), groupElement("file_index"));

    /** Layout of field file_index. */
    public static ValueLayout.OfInt file_index$layout() {
        return file_index$LAYOUT;
    }

    /** Offset of field file_index. */
    public static long file_index$offset() {
        return file_index$OFFSET;
    }

    /** Getter of field file_index. */
    public static int file_index(MemorySegment struct) {
        return struct.get(file_index$LAYOUT, file_index$OFFSET);
    }

    /** Setter of field file_index. */
    public static void file_index(MemorySegment struct, int fieldValue) {
        struct.set(file_index$LAYOUT, file_index$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfShort addr_len$LAYOUT = (ValueLayout.OfShort) $LAYOUT.select(groupElement("$anon4"), groupElement("$anon4s"), groupElement("addr_len"));
    private static final long addr_len$OFFSET = $LAYOUT.byteOffset(groupElement("$anon4"), groupElement("$anon4s"), groupElement("addr_len"));

    /** Layout of field addr_len. */
    public static ValueLayout.OfShort addr_len$layout() {
        return addr_len$LAYOUT;
    }

    /** Offset of field addr_len. */
    public static long addr_len$offset() {
        return addr_len$OFFSET;
    }

    /** Getter of field addr_len. */
    public static short addr_len(MemorySegment struct) {
        return struct.get(addr_len$LAYOUT, addr_len$OFFSET);
    }

    /** Setter of field addr_len. */
    public static void addr_len(MemorySegment struct, short fieldValue) {
        struct.set(addr_len$LAYOUT, addr_len$OFFSET, fieldValue);
    }

    private static final ValueLayout.OfLong addr3$LAYOUT = (ValueLayout.OfLong) $LAYOUT.select(groupElement("$anon5"), groupElement("$anon5s"), groupElement("addr3"));
    private static final long addr3$OFFSET = $LAYOUT.byteOffset(groupElement("$anon5"), groupElement("$anon5s"), groupElement("addr3"));

    /** Layout of field addr3. */
    public static ValueLayout.OfLong addr3$layout() {
        return addr3$LAYOUT;
    }

    /** Offset of field addr3. */
    public static long addr3$offset() {
        return addr3$OFFSET;
    }

    /** Getter of field addr3. */
    public static long addr3(MemorySegment struct) {
        return struct.get(addr3$LAYOUT, addr3$OFFSET);
    }

    /** Setter of field addr3. */
    public static void addr3(MemorySegment struct, long fieldValue) {
        struct.set(addr3$LAYOUT, addr3$OFFSET, fieldValue);
    }

    private static final SequenceLayout __pad2$LAYOUT = (SequenceLayout) $LAYOUT.select(groupElement("$anon5"), groupElement("$anon5s"), groupElement("__pad2"));
    private static final long __pad2$OFFSET = $LAYOUT.byteOffset(groupElement("$anon5"), groupElement("$anon5s"), groupElement("__pad2"));

    /** Layout of field __pad2. */
    public static SequenceLayout __pad2$layout() {
        return __pad2$LAYOUT;
    }

    /** Offset of field __pad2. */
    public static long __pad2$offset() {
        return __pad2$OFFSET;
    }

    /** Indexed getter of field __pad2. */
    public static long __pad2(MemorySegment struct, long index0) {
        return struct.get(C_LONG, __pad2$OFFSET + index0 * C_LONG.byteSize());
    }

    /** Indexed setter of field __pad2. */
    public static void __pad2(MemorySegment struct, long index0, long fieldValue) {
        struct.set(C_LONG, __pad2$OFFSET + index0 * C_LONG.byteSize(), fieldValue);
    }

    private static final long cmd$OFFSET = $LAYOUT.byteOffset(groupElement("$anon5"), groupElement("cmd"));
    private static final long cmd$SIZE = $LAYOUT.select(groupElement("$anon5"), groupElement("cmd")).byteSize();

    /** Offset of field cmd. */
    public static long cmd$offset() {
        return cmd$OFFSET;
    }

    /** Layout of field cmd. */
    public static MemoryLayout cmd$layout() {
        return $LAYOUT.select(groupElement("$anon5"), groupElement("cmd"));
    }

    /** A slice of {@code struct} viewing field cmd. */
    public static MemorySegment cmd(MemorySegment struct) {
        return struct.asSlice(cmd$OFFSET, cmd$SIZE);
    }

    /** Copies {@code fieldValue} into field cmd. */
    public static void cmd(MemorySegment struct, MemorySegment fieldValue) {
        MemorySegment.copy(fieldValue, 0L, struct, cmd$OFFSET, cmd$SIZE);
    }

    /** The element {@code index} of an array of io_uring_sqe. */
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
