package org.krepro.sys.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code <stdio.h>} (with {@code _GNU_SOURCE}): {@code renameat2} and its {@code RENAME_*} flags (glibc 2.28 and later).
 */
public final class stdio_h extends Lib {
    private stdio_h() {
    }

    private static final int RENAME_NOREPLACE = 1;
    /** {@snippet lang=c : #define RENAME_NOREPLACE (1 << 0) } */
    public static int RENAME_NOREPLACE() { return RENAME_NOREPLACE; }
    private static final int RENAME_EXCHANGE = 2;
    /** {@snippet lang=c : #define RENAME_EXCHANGE (1 << 1) } */
    public static int RENAME_EXCHANGE() { return RENAME_EXCHANGE; }
    private static final int RENAME_WHITEOUT = 4;
    /** {@snippet lang=c : #define RENAME_WHITEOUT (1 << 2) } */
    public static int RENAME_WHITEOUT() { return RENAME_WHITEOUT; }

    private static class renameat2 {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT, C_POINTER, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("renameat2", DESC);
    }

    /** The descriptor renameat2 is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor renameat2$descriptor() {
        return renameat2.DESC;
    }

    /** The downcall handle of renameat2; links the function if it was not yet. */
    public static MethodHandle renameat2$handle() {
        return renameat2.HANDLE;
    }

    /** {@snippet lang=c : int renameat2(int oldfd, const char *old, int newfd, const char *new, unsigned int flags) } */
    public static int renameat2(MemorySegment errno$, int oldfd, MemorySegment oldpath, int newfd, MemorySegment newpath, int flags) {
        try {
            return (int) renameat2.HANDLE.invokeExact(errno$, oldfd, oldpath, newfd, newpath, flags);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
