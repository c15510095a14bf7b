package org.krepro.sys;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.fcntl_h;

/**
 * The namespace calls a metadata load makes on paths: {@code mkdirat}, {@code unlinkat} and
 * {@code renameat2} relative to the working directory, counted under their own names like every call
 * in {@link Syscalls}. Failures throw {@link ErrnoException}.
 */
public final class PathCalls {
    private PathCalls() {
    }

    /** {@code mkdir(path, 0755)}. */
    public static void mkdir(Path path) {
        MemorySegment errno = Errno.state();
        if (Syscalls.mkdirat(errno, fcntl_h.AT_FDCWD(), PathStrings.of(0, path.toString()), 0755) < 0) {
            throw ErrnoException.fromState("mkdirat", path.toString(), errno);
        }
    }

    /** {@code unlink(path)}. */
    public static void unlink(Path path) {
        unlinkat(path, 0);
    }

    /** {@code rmdir(path)}. */
    public static void rmdir(Path path) {
        unlinkat(path, fcntl_h.AT_REMOVEDIR());
    }

    /**
     * {@code rmdir(path)} where a directory that still holds entries is an answer, not an error: false
     * on ENOTEMPTY (and EEXIST, which POSIX allows for it), true when removed; other failures throw. A
     * metadata load that removes random directories meets ENOTEMPTY on most tries, and as exceptions
     * (a stack trace each) they were about 4% of ext4-jbd2-migration's user-space samples.
     */
    public static boolean rmdirIfEmpty(Path path) {
        MemorySegment errno = Errno.state();
        if (Syscalls.unlinkat(errno, fcntl_h.AT_FDCWD(), PathStrings.of(0, path.toString()), fcntl_h.AT_REMOVEDIR()) == 0) {
            return true;
        }
        int e = Errno.value(errno);
        if (e == errno_h.ENOTEMPTY() || e == errno_h.EEXIST()) {
            return false;
        }
        throw ErrnoException.fromState("unlinkat", path + ", AT_REMOVEDIR", errno);
    }

    private static void unlinkat(Path path, int flags) {
        MemorySegment errno = Errno.state();
        if (Syscalls.unlinkat(errno, fcntl_h.AT_FDCWD(), PathStrings.of(0, path.toString()), flags) < 0) {
            throw ErrnoException.fromState("unlinkat", path + (flags != 0 ? ", AT_REMOVEDIR" : ""), errno);
        }
    }

    /** {@code rename(from, to)} (renameat2 without flags). */
    public static void rename(Path from, Path to) {
        MemorySegment errno = Errno.state();
        if (Syscalls.renameat2(errno, fcntl_h.AT_FDCWD(), PathStrings.of(0, from.toString()),
                fcntl_h.AT_FDCWD(), PathStrings.of(1, to.toString()), 0) < 0) {
            throw ErrnoException.fromState("renameat2", from + " -> " + to, errno);
        }
    }
}
