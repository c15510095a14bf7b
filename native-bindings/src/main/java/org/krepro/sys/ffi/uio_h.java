package org.krepro.sys.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code <sys/uio.h>}: vectored positional I/O over arrays of {@link iovec}.
 */
public final class uio_h extends Lib {
    private uio_h() {
    }

    private static final int IOV_MAX = 1024;
    /** {@snippet lang=c : #define IOV_MAX 1024 } */
    public static int IOV_MAX() { return IOV_MAX; }

    private static class preadv {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_INT, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("preadv", DESC);
    }

    /** The descriptor preadv is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor preadv$descriptor() {
        return preadv.DESC;
    }

    /** The downcall handle of preadv; links the function if it was not yet. */
    public static MethodHandle preadv$handle() {
        return preadv.HANDLE;
    }

    /** {@snippet lang=c : ssize_t preadv(int fd, const struct iovec *iovec, int count, off_t offset) } */
    public static long preadv(MemorySegment errno$, int fd, MemorySegment iovec, int count, long offset) {
        try {
            return (long) preadv.HANDLE.invokeExact(errno$, fd, iovec, count, offset);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class pwritev {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_INT, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("pwritev", DESC);
    }

    /** The descriptor pwritev is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor pwritev$descriptor() {
        return pwritev.DESC;
    }

    /** The downcall handle of pwritev; links the function if it was not yet. */
    public static MethodHandle pwritev$handle() {
        return pwritev.HANDLE;
    }

    /** {@snippet lang=c : ssize_t pwritev(int fd, const struct iovec *iovec, int count, off_t offset) } */
    public static long pwritev(MemorySegment errno$, int fd, MemorySegment iovec, int count, long offset) {
        try {
            return (long) pwritev.HANDLE.invokeExact(errno$, fd, iovec, count, offset);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
