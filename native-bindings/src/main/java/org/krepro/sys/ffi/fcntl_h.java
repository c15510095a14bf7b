package org.krepro.sys.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code <fcntl.h>} (with {@code _GNU_SOURCE}, which pulls in {@code <linux/falloc.h>}): open flags,
 * {@code AT_*}, {@code fallocate}, {@code sync_file_range}, {@code posix_fadvise}.
 *
 * <p>Open flags that differ between architectures are declared once per architecture, with the
 * architecture as a suffix: {@code O_DIRECT$x86_64()}, {@code O_DIRECT$aarch64()}; the same for
 * {@code O_DIRECTORY}, {@code O_NOFOLLOW} and {@code O_TMPFILE} (which contains {@code O_DIRECTORY}).
 * {@code org.krepro.sys.Abi} picks this machine's. {@code O_LARGEFILE} is the C library's value, 0 on both LP64 ABIs: 64-bit
 * kernels force large-file semantics (the kernel-internal bit is 0100000 on x86_64, 0400000 on arm64).
 */
public final class fcntl_h extends Lib {
    private fcntl_h() {
    }

    private static final int O_RDONLY = 0;
    /** {@snippet lang=c : #define O_RDONLY 0 } */
    public static int O_RDONLY() { return O_RDONLY; }
    private static final int O_WRONLY = 01;
    /** {@snippet lang=c : #define O_WRONLY 01 } */
    public static int O_WRONLY() { return O_WRONLY; }
    private static final int O_RDWR = 02;
    /** {@snippet lang=c : #define O_RDWR 02 } */
    public static int O_RDWR() { return O_RDWR; }
    private static final int O_ACCMODE = 03;
    /** {@snippet lang=c : #define O_ACCMODE 03 } */
    public static int O_ACCMODE() { return O_ACCMODE; }
    private static final int O_CREAT = 0100;
    /** {@snippet lang=c : #define O_CREAT 0100 } */
    public static int O_CREAT() { return O_CREAT; }
    private static final int O_EXCL = 0200;
    /** {@snippet lang=c : #define O_EXCL 0200 } */
    public static int O_EXCL() { return O_EXCL; }
    private static final int O_NOCTTY = 0400;
    /** {@snippet lang=c : #define O_NOCTTY 0400 } */
    public static int O_NOCTTY() { return O_NOCTTY; }
    private static final int O_TRUNC = 01000;
    /** {@snippet lang=c : #define O_TRUNC 01000 } */
    public static int O_TRUNC() { return O_TRUNC; }
    private static final int O_APPEND = 02000;
    /** {@snippet lang=c : #define O_APPEND 02000 } */
    public static int O_APPEND() { return O_APPEND; }
    private static final int O_NONBLOCK = 04000;
    /** {@snippet lang=c : #define O_NONBLOCK 04000 } */
    public static int O_NONBLOCK() { return O_NONBLOCK; }
    private static final int O_DSYNC = 010000;
    /** {@snippet lang=c : #define O_DSYNC 010000 } */
    public static int O_DSYNC() { return O_DSYNC; }
    private static final int O_SYNC = 04010000;
    /** {@snippet lang=c : #define O_SYNC 04010000 } */
    public static int O_SYNC() { return O_SYNC; }
    private static final int O_DIRECT$x86_64 = 040000;
    /** {@snippet lang=c : #define O_DIRECT 040000 // x86_64 } */
    public static int O_DIRECT$x86_64() { return O_DIRECT$x86_64; }
    private static final int O_DIRECT$aarch64 = 0200000;
    /** {@snippet lang=c : #define O_DIRECT 0200000 // aarch64 } */
    public static int O_DIRECT$aarch64() { return O_DIRECT$aarch64; }
    private static final int O_LARGEFILE = 0;
    /** {@snippet lang=c : #define O_LARGEFILE 0 // glibc, LP64: the kernel forces it } */
    public static int O_LARGEFILE() { return O_LARGEFILE; }
    private static final int O_DIRECTORY$x86_64 = 0200000;
    /** {@snippet lang=c : #define O_DIRECTORY 0200000 // x86_64 } */
    public static int O_DIRECTORY$x86_64() { return O_DIRECTORY$x86_64; }
    private static final int O_DIRECTORY$aarch64 = 040000;
    /** {@snippet lang=c : #define O_DIRECTORY 040000 // aarch64 } */
    public static int O_DIRECTORY$aarch64() { return O_DIRECTORY$aarch64; }
    private static final int O_NOFOLLOW$x86_64 = 0400000;
    /** {@snippet lang=c : #define O_NOFOLLOW 0400000 // x86_64 } */
    public static int O_NOFOLLOW$x86_64() { return O_NOFOLLOW$x86_64; }
    private static final int O_NOFOLLOW$aarch64 = 0100000;
    /** {@snippet lang=c : #define O_NOFOLLOW 0100000 // aarch64 } */
    public static int O_NOFOLLOW$aarch64() { return O_NOFOLLOW$aarch64; }
    private static final int O_NOATIME = 01000000;
    /** {@snippet lang=c : #define O_NOATIME 01000000 } */
    public static int O_NOATIME() { return O_NOATIME; }
    private static final int O_CLOEXEC = 02000000;
    /** {@snippet lang=c : #define O_CLOEXEC 02000000 } */
    public static int O_CLOEXEC() { return O_CLOEXEC; }
    private static final int O_PATH = 010000000;
    /** {@snippet lang=c : #define O_PATH 010000000 } */
    public static int O_PATH() { return O_PATH; }
    private static final int O_TMPFILE$x86_64 = 020000000 | O_DIRECTORY$x86_64;
    /** {@snippet lang=c : #define O_TMPFILE (020000000 | O_DIRECTORY) // x86_64 } */
    public static int O_TMPFILE$x86_64() { return O_TMPFILE$x86_64; }
    private static final int O_TMPFILE$aarch64 = 020000000 | O_DIRECTORY$aarch64;
    /** {@snippet lang=c : #define O_TMPFILE (020000000 | O_DIRECTORY) // aarch64 } */
    public static int O_TMPFILE$aarch64() { return O_TMPFILE$aarch64; }

    private static final int AT_FDCWD = -100;
    /** {@snippet lang=c : #define AT_FDCWD -100 } */
    public static int AT_FDCWD() { return AT_FDCWD; }
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** {@snippet lang=c : #define AT_SYMLINK_NOFOLLOW 0x100 } */
    public static int AT_SYMLINK_NOFOLLOW() { return AT_SYMLINK_NOFOLLOW; }
    private static final int AT_REMOVEDIR = 0x200;
    /** {@snippet lang=c : #define AT_REMOVEDIR 0x200 } */
    public static int AT_REMOVEDIR() { return AT_REMOVEDIR; }
    private static final int AT_EMPTY_PATH = 0x1000;
    /** {@snippet lang=c : #define AT_EMPTY_PATH 0x1000 } */
    public static int AT_EMPTY_PATH() { return AT_EMPTY_PATH; }
    private static final int AT_STATX_SYNC_AS_STAT = 0;
    /** {@snippet lang=c : #define AT_STATX_SYNC_AS_STAT 0x0000 } */
    public static int AT_STATX_SYNC_AS_STAT() { return AT_STATX_SYNC_AS_STAT; }
    private static final int AT_STATX_FORCE_SYNC = 0x2000;
    /** {@snippet lang=c : #define AT_STATX_FORCE_SYNC 0x2000 } */
    public static int AT_STATX_FORCE_SYNC() { return AT_STATX_FORCE_SYNC; }
    private static final int AT_STATX_DONT_SYNC = 0x4000;
    /** {@snippet lang=c : #define AT_STATX_DONT_SYNC 0x4000 } */
    public static int AT_STATX_DONT_SYNC() { return AT_STATX_DONT_SYNC; }

    private static final int FALLOC_FL_KEEP_SIZE = 0x01;
    /** {@snippet lang=c : #define FALLOC_FL_KEEP_SIZE 0x01 } */
    public static int FALLOC_FL_KEEP_SIZE() { return FALLOC_FL_KEEP_SIZE; }
    private static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    /** {@snippet lang=c : #define FALLOC_FL_PUNCH_HOLE 0x02 } */
    public static int FALLOC_FL_PUNCH_HOLE() { return FALLOC_FL_PUNCH_HOLE; }
    private static final int FALLOC_FL_NO_HIDE_STALE = 0x04;
    /** {@snippet lang=c : #define FALLOC_FL_NO_HIDE_STALE 0x04 } */
    public static int FALLOC_FL_NO_HIDE_STALE() { return FALLOC_FL_NO_HIDE_STALE; }
    private static final int FALLOC_FL_COLLAPSE_RANGE = 0x08;
    /** {@snippet lang=c : #define FALLOC_FL_COLLAPSE_RANGE 0x08 } */
    public static int FALLOC_FL_COLLAPSE_RANGE() { return FALLOC_FL_COLLAPSE_RANGE; }
    private static final int FALLOC_FL_ZERO_RANGE = 0x10;
    /** {@snippet lang=c : #define FALLOC_FL_ZERO_RANGE 0x10 } */
    public static int FALLOC_FL_ZERO_RANGE() { return FALLOC_FL_ZERO_RANGE; }
    private static final int FALLOC_FL_INSERT_RANGE = 0x20;
    /** {@snippet lang=c : #define FALLOC_FL_INSERT_RANGE 0x20 } */
    public static int FALLOC_FL_INSERT_RANGE() { return FALLOC_FL_INSERT_RANGE; }
    private static final int FALLOC_FL_UNSHARE_RANGE = 0x40;
    /** {@snippet lang=c : #define FALLOC_FL_UNSHARE_RANGE 0x40 } */
    public static int FALLOC_FL_UNSHARE_RANGE() { return FALLOC_FL_UNSHARE_RANGE; }

    private static final int SYNC_FILE_RANGE_WAIT_BEFORE = 1;
    /** {@snippet lang=c : #define SYNC_FILE_RANGE_WAIT_BEFORE 1 } */
    public static int SYNC_FILE_RANGE_WAIT_BEFORE() { return SYNC_FILE_RANGE_WAIT_BEFORE; }
    private static final int SYNC_FILE_RANGE_WRITE = 2;
    /** {@snippet lang=c : #define SYNC_FILE_RANGE_WRITE 2 } */
    public static int SYNC_FILE_RANGE_WRITE() { return SYNC_FILE_RANGE_WRITE; }
    private static final int SYNC_FILE_RANGE_WAIT_AFTER = 4;
    /** {@snippet lang=c : #define SYNC_FILE_RANGE_WAIT_AFTER 4 } */
    public static int SYNC_FILE_RANGE_WAIT_AFTER() { return SYNC_FILE_RANGE_WAIT_AFTER; }

    private static final int POSIX_FADV_NORMAL = 0;
    /** {@snippet lang=c : #define POSIX_FADV_NORMAL 0 } */
    public static int POSIX_FADV_NORMAL() { return POSIX_FADV_NORMAL; }
    private static final int POSIX_FADV_RANDOM = 1;
    /** {@snippet lang=c : #define POSIX_FADV_RANDOM 1 } */
    public static int POSIX_FADV_RANDOM() { return POSIX_FADV_RANDOM; }
    private static final int POSIX_FADV_SEQUENTIAL = 2;
    /** {@snippet lang=c : #define POSIX_FADV_SEQUENTIAL 2 } */
    public static int POSIX_FADV_SEQUENTIAL() { return POSIX_FADV_SEQUENTIAL; }
    private static final int POSIX_FADV_WILLNEED = 3;
    /** {@snippet lang=c : #define POSIX_FADV_WILLNEED 3 } */
    public static int POSIX_FADV_WILLNEED() { return POSIX_FADV_WILLNEED; }
    private static final int POSIX_FADV_DONTNEED = 4;
    /** {@snippet lang=c : #define POSIX_FADV_DONTNEED 4 } */
    public static int POSIX_FADV_DONTNEED() { return POSIX_FADV_DONTNEED; }
    private static final int POSIX_FADV_NOREUSE = 5;
    /** {@snippet lang=c : #define POSIX_FADV_NOREUSE 5 } */
    public static int POSIX_FADV_NOREUSE() { return POSIX_FADV_NOREUSE; }

    private static class open {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT);
        public static final MethodHandle HANDLE =
                downcallCapturingErrno("open", DESC, Linker.Option.firstVariadicArg(2));
    }

    /** The descriptor open is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor open$descriptor() {
        return open.DESC;
    }

    /** The downcall handle of open; links the function if it was not yet. */
    public static MethodHandle open$handle() {
        return open.HANDLE;
    }

    /**
     * Variadic: {@code mode} is passed as the first variadic argument (the kernel reads it with
     * {@code O_CREAT} or {@code O_TMPFILE}).
     * {@snippet lang=c : int open(const char *file, int oflag, ...) }
     */
    public static int open(MemorySegment errno$, MemorySegment file, int oflag, int mode) {
        try {
            return (int) open.HANDLE.invokeExact(errno$, file, oflag, mode);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class openat {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT, C_INT);
        public static final MethodHandle HANDLE =
                downcallCapturingErrno("openat", DESC, Linker.Option.firstVariadicArg(3));
    }

    /** The descriptor openat is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor openat$descriptor() {
        return openat.DESC;
    }

    /** The downcall handle of openat; links the function if it was not yet. */
    public static MethodHandle openat$handle() {
        return openat.HANDLE;
    }

    /** {@snippet lang=c : int openat(int fd, const char *file, int oflag, ...) } */
    public static int openat(MemorySegment errno$, int fd, MemorySegment file, int oflag, int mode) {
        try {
            return (int) openat.HANDLE.invokeExact(errno$, fd, file, oflag, mode);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class fallocate {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_INT, C_LONG, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("fallocate", DESC);
    }

    /** The descriptor fallocate is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor fallocate$descriptor() {
        return fallocate.DESC;
    }

    /** The downcall handle of fallocate; links the function if it was not yet. */
    public static MethodHandle fallocate$handle() {
        return fallocate.HANDLE;
    }

    /** {@snippet lang=c : int fallocate(int fd, int mode, off_t offset, off_t len) } */
    public static int fallocate(MemorySegment errno$, int fd, int mode, long offset, long len) {
        try {
            return (int) fallocate.HANDLE.invokeExact(errno$, fd, mode, offset, len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class sync_file_range {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_LONG, C_LONG, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("sync_file_range", DESC);
    }

    /** The descriptor sync_file_range is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor sync_file_range$descriptor() {
        return sync_file_range.DESC;
    }

    /** The downcall handle of sync_file_range; links the function if it was not yet. */
    public static MethodHandle sync_file_range$handle() {
        return sync_file_range.HANDLE;
    }

    /** {@snippet lang=c : int sync_file_range(int fd, off64_t offset, off64_t count, unsigned int flags) } */
    public static int sync_file_range(MemorySegment errno$, int fd, long offset, long count, int flags) {
        try {
            return (int) sync_file_range.HANDLE.invokeExact(errno$, fd, offset, count, flags);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class posix_fadvise {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_LONG, C_LONG, C_INT);
        // Returns the error number instead of setting errno: nothing to capture.
        public static final MethodHandle HANDLE = downcall("posix_fadvise", DESC);
    }

    /** The descriptor posix_fadvise is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor posix_fadvise$descriptor() {
        return posix_fadvise.DESC;
    }

    /** The downcall handle of posix_fadvise; links the function if it was not yet. */
    public static MethodHandle posix_fadvise$handle() {
        return posix_fadvise.HANDLE;
    }

    /**
     * Returns 0 or a positive error number; does not set {@code errno} (POSIX), so it is linked without
     * capture.
     * {@snippet lang=c : int posix_fadvise(int fd, off_t offset, off_t len, int advise) }
     */
    public static int posix_fadvise(int fd, long offset, long len, int advise) {
        try {
            return (int) posix_fadvise.HANDLE.invokeExact(fd, offset, len, advise);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
