package org.krepro.reproducers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.krepro.sys.Arch;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.ffi.Lib;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.unistd_h;

/**
 * mkdirat(2) and unlinkat(2), which the native bindings do not wrap (yet): made through the bindings'
 * generic {@code syscall(2)} (counted there as {@code "syscall"}), with the architecture's numbers.
 * Shared by the repro-b reproducers; replace with the bindings' own calls when they exist.
 */
final class PathSyscalls {
    private static final long SYS_MKDIRAT = Arch.CURRENT.pick(258L, 34L);
    private static final long SYS_UNLINKAT = Arch.CURRENT.pick(263L, 35L);

    private PathSyscalls() {
    }

    /** Creates directory {@code path} with {@code mode}. */
    static void mkdir(Path path, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Lib.errnoState();
            long r = unistd_h.syscall(errno, SYS_MKDIRAT, fcntl_h.AT_FDCWD(), arena.allocateFrom(path.toString()).address(), mode);
            if (r < 0) {
                throw new ErrnoException("mkdirat", path + ", mode=0" + Integer.toOctalString(mode), Lib.errno(errno));
            }
        }
    }

    /** Removes file {@code path}; returns false when it did not exist. */
    static boolean unlink(Path path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Lib.errnoState();
            long r = unistd_h.syscall(errno, SYS_UNLINKAT, fcntl_h.AT_FDCWD(), arena.allocateFrom(path.toString()).address(), 0);
            if (r < 0) {
                int e = Lib.errno(errno);
                if (e == errno_h.ENOENT()) {
                    return false;
                }
                throw new ErrnoException("unlinkat", path.toString(), e);
            }
            return true;
        }
    }
}
