package org.krepro.sys.ffi;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * What jextract puts in a header's {@code $shared} class: the C type layouts of the LP64 Linux ABIs
 * (x86_64, aarch64), the linker and the C library lookup. Every header class ({@link fcntl_h},
 * {@link unistd_h}...) extends it, so {@code fcntl_h.C_INT} works as in generated code.
 *
 * <p>Unlike jextract output, functions that report failure through {@code errno} are linked with
 * {@link Linker.Option#captureCallState(String...) captureCallState("errno")}: their Java method takes
 * the capture segment as its first parameter (as the downcall handle does). {@code org.krepro.sys.Errno}
 * gives each thread its own segment and {@link #errno(MemorySegment)} reads it. Reading {@code errno} any
 * other way after a downcall is unreliable: the JVM may make its own system calls in between.
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public class Lib {
    Lib() {
    }

    public static final ValueLayout.OfBoolean C_BOOL = ValueLayout.JAVA_BOOLEAN;
    public static final ValueLayout.OfByte C_CHAR = ValueLayout.JAVA_BYTE;
    public static final ValueLayout.OfShort C_SHORT = ValueLayout.JAVA_SHORT;
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    /** {@code long}, {@code size_t}, {@code ssize_t}, {@code off_t}: 64 bits on LP64. */
    public static final ValueLayout.OfLong C_LONG = ValueLayout.JAVA_LONG;
    public static final ValueLayout.OfLong C_LONG_LONG = ValueLayout.JAVA_LONG;
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS;

    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup SYMBOL_LOOKUP = LINKER.defaultLookup();

    /** The layout of the call-state segment ({@code errno} on Linux) filled by captured downcalls. */
    public static final StructLayout CAPTURE_STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET =
            CAPTURE_STATE_LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** The {@code errno} value a captured downcall left in {@code state}. */
    public static int errno(MemorySegment state) {
        return state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
    }

    /** Sets the {@code errno} value in {@code state}, for a call that returns it instead (a raw system call's -errno). */
    public static void errno(MemorySegment state, int value) {
        state.set(ValueLayout.JAVA_INT, ERRNO_OFFSET, value);
    }

    static MemorySegment findOrThrow(String symbol) {
        return SYMBOL_LOOKUP.findOrThrow(symbol);
    }

    /** Links {@code symbol} with errno capture (the handle's first parameter is the capture segment). */
    static MethodHandle downcallCapturingErrno(String symbol, FunctionDescriptor desc, Linker.Option... more) {
        Linker.Option[] options = new Linker.Option[more.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(more, 0, options, 1, more.length);
        return LINKER.downcallHandle(findOrThrow(symbol), desc, options);
    }

    /** Links {@code symbol} without errno capture. */
    static MethodHandle downcall(String symbol, FunctionDescriptor desc, Linker.Option... options) {
        return LINKER.downcallHandle(findOrThrow(symbol), desc, options);
    }

    /** What jextract's generated methods do with the checked {@code Throwable} of {@code invokeExact}. */
    static AssertionError unreachable(Throwable t) {
        return new AssertionError("should not reach here", t);
    }
}
