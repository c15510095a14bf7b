package org.krepro.sys.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code <sys/stat.h>} with {@code _GNU_SOURCE} (glibc takes {@code struct statx} and the
 * {@code STATX_*} masks from {@code <linux/stat.h>}): {@code statx} and the file-type bits. The
 * {@code AT_STATX_*} sync flags are in {@link fcntl_h}. See {@link org.krepro.sys.ffi.statx} for the structure.
 */
public final class stat_h extends Lib {
    private stat_h() {
    }

    private static final int STATX_TYPE = 0x00000001;
    /** {@snippet lang=c : #define STATX_TYPE 0x00000001 } */
    public static int STATX_TYPE() { return STATX_TYPE; }
    private static final int STATX_MODE = 0x00000002;
    /** {@snippet lang=c : #define STATX_MODE 0x00000002 } */
    public static int STATX_MODE() { return STATX_MODE; }
    private static final int STATX_NLINK = 0x00000004;
    /** {@snippet lang=c : #define STATX_NLINK 0x00000004 } */
    public static int STATX_NLINK() { return STATX_NLINK; }
    private static final int STATX_UID = 0x00000008;
    /** {@snippet lang=c : #define STATX_UID 0x00000008 } */
    public static int STATX_UID() { return STATX_UID; }
    private static final int STATX_GID = 0x00000010;
    /** {@snippet lang=c : #define STATX_GID 0x00000010 } */
    public static int STATX_GID() { return STATX_GID; }
    private static final int STATX_ATIME = 0x00000020;
    /** {@snippet lang=c : #define STATX_ATIME 0x00000020 } */
    public static int STATX_ATIME() { return STATX_ATIME; }
    private static final int STATX_MTIME = 0x00000040;
    /** {@snippet lang=c : #define STATX_MTIME 0x00000040 } */
    public static int STATX_MTIME() { return STATX_MTIME; }
    private static final int STATX_CTIME = 0x00000080;
    /** {@snippet lang=c : #define STATX_CTIME 0x00000080 } */
    public static int STATX_CTIME() { return STATX_CTIME; }
    private static final int STATX_INO = 0x00000100;
    /** {@snippet lang=c : #define STATX_INO 0x00000100 } */
    public static int STATX_INO() { return STATX_INO; }
    private static final int STATX_SIZE = 0x00000200;
    /** {@snippet lang=c : #define STATX_SIZE 0x00000200 } */
    public static int STATX_SIZE() { return STATX_SIZE; }
    private static final int STATX_BLOCKS = 0x00000400;
    /** {@snippet lang=c : #define STATX_BLOCKS 0x00000400 } */
    public static int STATX_BLOCKS() { return STATX_BLOCKS; }
    private static final int STATX_BASIC_STATS = 0x000007ff;
    /** {@snippet lang=c : #define STATX_BASIC_STATS 0x000007ff } */
    public static int STATX_BASIC_STATS() { return STATX_BASIC_STATS; }
    private static final int STATX_BTIME = 0x00000800;
    /** {@snippet lang=c : #define STATX_BTIME 0x00000800 } */
    public static int STATX_BTIME() { return STATX_BTIME; }
    private static final int STATX_MNT_ID = 0x00001000;
    /** {@snippet lang=c : #define STATX_MNT_ID 0x00001000 } */
    public static int STATX_MNT_ID() { return STATX_MNT_ID; }
    private static final int STATX_DIOALIGN = 0x00002000;
    /** {@snippet lang=c : #define STATX_DIOALIGN 0x00002000 } */
    public static int STATX_DIOALIGN() { return STATX_DIOALIGN; }
    private static final int STATX_ATTR_COMPRESSED = 0x00000004;
    /** {@snippet lang=c : #define STATX_ATTR_COMPRESSED 0x00000004 } */
    public static int STATX_ATTR_COMPRESSED() { return STATX_ATTR_COMPRESSED; }
    private static final int STATX_ATTR_IMMUTABLE = 0x00000010;
    /** {@snippet lang=c : #define STATX_ATTR_IMMUTABLE 0x00000010 } */
    public static int STATX_ATTR_IMMUTABLE() { return STATX_ATTR_IMMUTABLE; }
    private static final int STATX_ATTR_APPEND = 0x00000020;
    /** {@snippet lang=c : #define STATX_ATTR_APPEND 0x00000020 } */
    public static int STATX_ATTR_APPEND() { return STATX_ATTR_APPEND; }
    private static final int STATX_ATTR_NODUMP = 0x00000040;
    /** {@snippet lang=c : #define STATX_ATTR_NODUMP 0x00000040 } */
    public static int STATX_ATTR_NODUMP() { return STATX_ATTR_NODUMP; }
    private static final int STATX_ATTR_ENCRYPTED = 0x00000800;
    /** {@snippet lang=c : #define STATX_ATTR_ENCRYPTED 0x00000800 } */
    public static int STATX_ATTR_ENCRYPTED() { return STATX_ATTR_ENCRYPTED; }
    private static final int STATX_ATTR_AUTOMOUNT = 0x00001000;
    /** {@snippet lang=c : #define STATX_ATTR_AUTOMOUNT 0x00001000 } */
    public static int STATX_ATTR_AUTOMOUNT() { return STATX_ATTR_AUTOMOUNT; }
    private static final int STATX_ATTR_MOUNT_ROOT = 0x00002000;
    /** {@snippet lang=c : #define STATX_ATTR_MOUNT_ROOT 0x00002000 } */
    public static int STATX_ATTR_MOUNT_ROOT() { return STATX_ATTR_MOUNT_ROOT; }
    private static final int STATX_ATTR_VERITY = 0x00100000;
    /** {@snippet lang=c : #define STATX_ATTR_VERITY 0x00100000 } */
    public static int STATX_ATTR_VERITY() { return STATX_ATTR_VERITY; }
    private static final int STATX_ATTR_DAX = 0x00200000;
    /** {@snippet lang=c : #define STATX_ATTR_DAX 0x00200000 } */
    public static int STATX_ATTR_DAX() { return STATX_ATTR_DAX; }
    private static final int S_IFMT = 0170000;
    /** {@snippet lang=c : #define S_IFMT 0170000 } */
    public static int S_IFMT() { return S_IFMT; }
    private static final int S_IFREG = 0100000;
    /** {@snippet lang=c : #define S_IFREG 0100000 } */
    public static int S_IFREG() { return S_IFREG; }
    private static final int S_IFDIR = 0040000;
    /** {@snippet lang=c : #define S_IFDIR 0040000 } */
    public static int S_IFDIR() { return S_IFDIR; }
    private static final int S_IFBLK = 0060000;
    /** {@snippet lang=c : #define S_IFBLK 0060000 } */
    public static int S_IFBLK() { return S_IFBLK; }
    private static final int S_IFCHR = 0020000;
    /** {@snippet lang=c : #define S_IFCHR 0020000 } */
    public static int S_IFCHR() { return S_IFCHR; }
    private static final int S_IFLNK = 0120000;
    /** {@snippet lang=c : #define S_IFLNK 0120000 } */
    public static int S_IFLNK() { return S_IFLNK; }
    private static final int S_IFIFO = 0010000;
    /** {@snippet lang=c : #define S_IFIFO 0010000 } */
    public static int S_IFIFO() { return S_IFIFO; }
    private static final int S_IFSOCK = 0140000;
    /** {@snippet lang=c : #define S_IFSOCK 0140000 } */
    public static int S_IFSOCK() { return S_IFSOCK; }

    private static class statx {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT, C_INT, C_POINTER);
        public static final MethodHandle HANDLE = downcallCapturingErrno("statx", DESC);
    }

    /** The descriptor statx is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor statx$descriptor() {
        return statx.DESC;
    }

    /** The downcall handle of statx; links the function if it was not yet. */
    public static MethodHandle statx$handle() {
        return statx.HANDLE;
    }

    /** {@snippet lang=c : int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *buf) } */
    public static int statx(MemorySegment errno$, int dirfd, MemorySegment path, int flags, int mask, MemorySegment buf) {
        try {
            return (int) statx.HANDLE.invokeExact(errno$, dirfd, path, flags, mask, buf);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class mkdirat {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("mkdirat", DESC);
    }

    /** The descriptor mkdirat is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor mkdirat$descriptor() {
        return mkdirat.DESC;
    }

    /** The downcall handle of mkdirat; links the function if it was not yet. */
    public static MethodHandle mkdirat$handle() {
        return mkdirat.HANDLE;
    }

    /** {@snippet lang=c : int mkdirat(int dirfd, const char *path, mode_t mode) } */
    public static int mkdirat(MemorySegment errno$, int dirfd, MemorySegment path, int mode) {
        try {
            return (int) mkdirat.HANDLE.invokeExact(errno$, dirfd, path, mode);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
