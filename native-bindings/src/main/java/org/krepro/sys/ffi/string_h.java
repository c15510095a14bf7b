package org.krepro.sys.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * {@code <string.h>}: {@code strerrordesc_np}, the thread-safe description of an error number (glibc
 * 2.32 and later). Looked up optionally: on a C library without it, {@link #strerrordesc_np(int)}
 * returns {@code NULL}.
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class string_h extends Lib {
    private string_h() {
    }

    private static class strerrordesc_np {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_INT);
        public static final Optional<MemorySegment> ADDR = SYMBOL_LOOKUP.find("strerrordesc_np");
        // A table lookup in the C library: cannot fail, block or call back, so critical and not captured.
        public static final MethodHandle HANDLE =
                ADDR.map(a -> LINKER.downcallHandle(a, DESC, Linker.Option.critical(false))).orElse(null);
    }

    /** The descriptor strerrordesc_np is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor strerrordesc_np$descriptor() {
        return strerrordesc_np.DESC;
    }

    /** The downcall handle of strerrordesc_np; links the function if it was not yet. */
    public static MethodHandle strerrordesc_np$handle() {
        return strerrordesc_np.HANDLE;
    }

    /**
     * Returns a pointer to a static string, or {@code NULL} for an unknown number (or when the C library
     * lacks the function). Not counted in {@code org.krepro.sys.SyscallCounters}: it makes no system call.
     * {@snippet lang=c : const char *strerrordesc_np(int errnum) }
     */
    public static MemorySegment strerrordesc_np(int errnum) {
        MethodHandle mh$ = strerrordesc_np.HANDLE;
        if (mh$ == null) {
            return MemorySegment.NULL;
        }
        try {
            return (MemorySegment) mh$.invokeExact(errnum);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
