package org.krepro.reproducers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.krepro.sys.Arch;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.SyscallCounters;
import org.krepro.sys.ffi.Lib;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.unistd_h;

/**
 * The namespace system calls a metadata load needs and the binding layer has no wrapper for
 * ({@code mkdirat}, {@code unlinkat}, {@code renameat2}, {@code getdents64}), made through the bindings' raw
 * {@code syscall()} with the number of this architecture, and counted in {@link SyscallCounters} under
 * the call's own name (the bindings also count them as {@code "syscall"}). Failures throw
 * {@link ErrnoException} like every binding.
 */
public final class PathCalls {
    private static final long SYS_MKDIRAT = Arch.CURRENT.pick(258L, 34L);
    private static final long SYS_UNLINKAT = Arch.CURRENT.pick(263L, 35L);
    private static final long SYS_RENAMEAT2 = Arch.CURRENT.pick(316L, 276L);
    private static final long SYS_GETDENTS64 = Arch.CURRENT.pick(217L, 61L);
    /** {@code AT_REMOVEDIR} from {@code <fcntl.h>}: the same on every Linux architecture. */
    private static final long AT_REMOVEDIR = 0x200;

    private static final SyscallCounters.Counter MKDIRAT = SyscallCounters.counter("mkdirat");
    private static final SyscallCounters.Counter UNLINKAT = SyscallCounters.counter("unlinkat");
    private static final SyscallCounters.Counter RENAMEAT2 = SyscallCounters.counter("renameat2");
    private static final SyscallCounters.Counter GETDENTS64 = SyscallCounters.counter("getdents64");

    private PathCalls() {
    }

    /** {@code mkdir(path, 0755)}. */
    public static void mkdir(Path path) {
        MemorySegment errno = Lib.errnoState();
        try (Arena arena = Arena.ofConfined()) {
            MKDIRAT.increment();
            long r = unistd_h.syscall(errno, SYS_MKDIRAT, fcntl_h.AT_FDCWD(), arena.allocateFrom(path.toString()).address(), 0755);
            if (r < 0) {
                throw new ErrnoException("mkdirat", path.toString(), Lib.errno(errno));
            }
        }
    }

    /** {@code unlink(path)}. */
    public static void unlink(Path path) {
        unlinkat(path, 0);
    }

    /** {@code rmdir(path)}. */
    public static void rmdir(Path path) {
        unlinkat(path, AT_REMOVEDIR);
    }

    private static void unlinkat(Path path, long flags) {
        MemorySegment errno = Lib.errnoState();
        try (Arena arena = Arena.ofConfined()) {
            UNLINKAT.increment();
            long r = unistd_h.syscall(errno, SYS_UNLINKAT, fcntl_h.AT_FDCWD(), arena.allocateFrom(path.toString()).address(), flags);
            if (r < 0) {
                throw new ErrnoException("unlinkat", path + (flags != 0 ? ", AT_REMOVEDIR" : ""), Lib.errno(errno));
            }
        }
    }

    /** {@code rename(from, to)} (renameat2 without flags). */
    public static void rename(Path from, Path to) {
        MemorySegment errno = Lib.errnoState();
        try (Arena arena = Arena.ofConfined()) {
            RENAMEAT2.increment();
            long r = unistd_h.syscall(errno, SYS_RENAMEAT2, fcntl_h.AT_FDCWD(), arena.allocateFrom(from.toString()).address(),
                    fcntl_h.AT_FDCWD(), arena.allocateFrom(to.toString()).address(), 0);
            if (r < 0) {
                throw new ErrnoException("renameat2", from + " -> " + to, Lib.errno(errno));
            }
        }
    }

    /**
     * One {@code getdents64(fd, buf, buf.byteSize())}: the bytes of directory entries read (0 at the end),
     * or {@code -errno}, returned rather than thrown so that racing readers can count errors such as EUCLEAN.
     */
    public static long getdents64(int fd, MemorySegment buf, MemorySegment errnoState) {
        GETDENTS64.increment();
        long r = unistd_h.syscall(errnoState, SYS_GETDENTS64, fd, buf.address(), buf.byteSize());
        return r < 0 ? -Lib.errno(errnoState) : r;
    }
}
