package org.krepro.sys.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.LongAdder;
import org.krepro.sys.SyscallCounters;

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
        static final LongAdder CALLS = SyscallCounters.counter("preadv");
    }

    /** {@snippet lang=c : ssize_t preadv(int fd, const struct iovec *iovec, int count, off_t offset) } */
    public static long preadv(MemorySegment errno$, int fd, MemorySegment iovec, int count, long offset) {
        try {
            preadv.CALLS.increment();
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
        static final LongAdder CALLS = SyscallCounters.counter("pwritev");
    }

    /** {@snippet lang=c : ssize_t pwritev(int fd, const struct iovec *iovec, int count, off_t offset) } */
    public static long pwritev(MemorySegment errno$, int fd, MemorySegment iovec, int count, long offset) {
        try {
            pwritev.CALLS.increment();
            return (long) pwritev.HANDLE.invokeExact(errno$, fd, iovec, count, offset);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
