package org.krepro.sys.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code <dirent.h>} (with {@code _GNU_SOURCE}): {@code getdents64} (glibc 2.30 and later), which fills a buffer with
 * {@code struct linux_dirent64} records.
 */
public final class dirent_h extends Lib {
    private dirent_h() {
    }

    private static class getdents64 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("getdents64", DESC);
    }

    /** The descriptor getdents64 is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor getdents64$descriptor() {
        return getdents64.DESC;
    }

    /** The downcall handle of getdents64; links the function if it was not yet. */
    public static MethodHandle getdents64$handle() {
        return getdents64.HANDLE;
    }

    /** {@snippet lang=c : ssize_t getdents64(int fd, void *buffer, size_t length) } */
    public static long getdents64(MemorySegment errno$, int fd, MemorySegment buffer, long length) {
        try {
            return (long) getdents64.HANDLE.invokeExact(errno$, fd, buffer, length);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
