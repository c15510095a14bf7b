package org.krepro.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.krepro.sys.ffi.Lib;
import org.krepro.sys.ffi.mman_h;

/**
 * System calls entered from a few bytes of x86-64 machine code instead of libc's {@code syscall()}: the
 * code returns the kernel's result as it is (-errno on failure, as liburing's raw calls do, so nothing
 * is captured) and goes back to its caller by {@code jmp}, not {@code ret}.
 *
 * <p>Why {@code jmp}: on CPUs whose return-stack mitigations (SRSO "safe RET", retbleed) leave the
 * return predictor useless after a kernel exit, every return made after a system call is mispredicted
 * (8 ns each on this host's EPYC: runner README, Benchmarks). An FFM downcall stub is one more return
 * frame than C's call into libc has; this code takes one return out again, so a call from Java pays
 * the same mispredicted return C does.
 *
 * <p>The critical calls (no thread-state transition) go one step further: the JDK's invoker for such
 * a downcall ends, after its {@code call}, in {@code leave; ret}, so the code does that {@code leave}
 * itself and jumps straight back to the Java caller, which takes out the one mispredicted return a
 * call from Java still had over liburing's (~50 ns an io_uring NOP at QD1 here: runner README,
 * Benchmarks). It does so only after {@link #probeInvokerEpilogue} has read those two bytes behind the
 * invoker's call and found them; on any other JDK they keep the plain {@code jmp} return
 * ({@link #FOLDS_INVOKER_EPILOGUE} says which).
 *
 * <p>Only on x86-64, and only where user shadow stacks are off (a return by {@code jmp} would leave the
 * shadow stack behind); elsewhere, or with {@code -Dkrepro.sys.rawSyscalls=false}, {@link #AVAILABLE}
 * is false and {@link Syscalls} keeps libc's {@code syscall()}.
 */
public final class RawSyscall {

    /** Turns the machine code off (then every call goes through libc): for A/B measurements and as a way out. */
    public static final String PROPERTY = "krepro.sys.rawSyscalls";

    /** Turns the epilogue folding off (the critical calls then return by jmp into their invoker): for A/B runs. */
    public static final String FOLD_PROPERTY = "krepro.sys.foldInvokerEpilogue";

    /** Each piece of code sits at its own 64-byte slot of one page, in this order. */
    private static final long SLOT = 64;
    private static final int CALL0_AT = 0;
    private static final int CALL6_AT = 1;
    private static final int CALL0_LEAVE_AT = 2;
    private static final int CALL6_LEAVE_AT = 3;
    private static final int PROBE_AT = 4;

    /** {@code long f(long nr)}: mov rax, rdi; syscall; pop rcx; jmp rcx. */
    static final byte[] CALL0 = {
        0x48, (byte) 0x89, (byte) 0xf8, //           mov rax, rdi
        0x0f, 0x05, //                               syscall (clobbers rcx, r11)
        0x59, //                                     pop rcx: the return address
        (byte) 0xff, (byte) 0xe1, //                 jmp rcx
    };

    /**
     * {@code long f(long nr, long a1, ..., long a6)}: the C arguments (rdi, rsi, rdx, rcx, r8, r9, stack)
     * moved to the kernel's (rax, rdi, rsi, rdx, r10, r8, r9).
     */
    static final byte[] CALL6 = {
        0x48, (byte) 0x89, (byte) 0xf8, //           mov rax, rdi
        0x48, (byte) 0x89, (byte) 0xf7, //           mov rdi, rsi
        0x48, (byte) 0x89, (byte) 0xd6, //           mov rsi, rdx
        0x48, (byte) 0x89, (byte) 0xca, //           mov rdx, rcx
        0x4d, (byte) 0x89, (byte) 0xc2, //           mov r10, r8
        0x4d, (byte) 0x89, (byte) 0xc8, //           mov r8, r9
        0x4c, (byte) 0x8b, 0x4c, 0x24, 0x08, //      mov r9, [rsp+8]: the seventh C argument
        0x0f, 0x05, //                               syscall
        0x59, //                                     pop rcx
        (byte) 0xff, (byte) 0xe1, //                 jmp rcx
    };

    /** The JDK's critical invoker's epilogue, found right behind its call into the code: leave; ret. */
    static final byte[] INVOKER_EPILOGUE = {(byte) 0xc9, (byte) 0xc3};

    /** {@link #CALL0} that ends as its critical invoker would: ..., syscall, leave, pop rcx, jmp rcx. */
    static final byte[] CALL0_LEAVE = leaveFirst(CALL0);

    /** {@link #CALL6} that ends as its critical invoker would, as {@link #CALL0_LEAVE}. */
    static final byte[] CALL6_LEAVE = leaveFirst(CALL6);

    /**
     * {@code code} with {@code leave} (0xc9: rsp = the invoker's rbp, pop rbp, the Java caller's) put
     * before its closing {@code pop rcx; jmp rcx}, which then pops the invoker's own return address.
     */
    static byte[] leaveFirst(byte[] code) {
        int tail = code.length - 3;
        if (tail < 0 || code[tail] != 0x59 || code[tail + 1] != (byte) 0xff || code[tail + 2] != (byte) 0xe1) {
            throw new IllegalArgumentException("code does not end in pop rcx; jmp rcx");
        }
        byte[] out = new byte[code.length + 1];
        System.arraycopy(code, 0, out, 0, tail);
        out[tail] = (byte) 0xc9;
        System.arraycopy(code, tail, out, tail + 1, 3);
        return out;
    }

    /** {@code long f(...)}: returns its own return address (mov rax, [rsp]; ret), to find the invoker's code. */
    static final byte[] RETURN_ADDRESS = {0x48, (byte) 0x8b, 0x04, 0x24, (byte) 0xc3};

    private static final FunctionDescriptor DESC0 = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
    private static final FunctionDescriptor DESC6 = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);

    /** Whether the machine code is in use; why not, when it is not. */
    public static final boolean AVAILABLE;
    public static final String WHY_NOT;
    /** Whether the critical calls do their invoker's epilogue themselves ({@link #CALL0_LEAVE}). */
    public static final boolean FOLDS_INVOKER_EPILOGUE;
    private static final MethodHandle CALL0_CRITICAL;
    private static final MethodHandle CALL6_HANDLE;
    private static final MethodHandle CALL6_CRITICAL;

    static {
        String why = whyNot();
        MethodHandle c0 = null;
        MethodHandle c6 = null;
        MethodHandle c6c = null;
        boolean folds = false;
        if (why == null) {
            try {
                MemorySegment code = executable(CALL0, CALL6, CALL0_LEAVE, CALL6_LEAVE, RETURN_ADDRESS); // the *_AT order
                Linker linker = Linker.nativeLinker();
                Linker.Option critical = Linker.Option.critical(false);
                folds = Boolean.parseBoolean(System.getProperty(FOLD_PROPERTY, "true"))
                        && probeInvokerEpilogue(linker, code.asSlice(PROBE_AT * SLOT), critical);
                c0 = linker.downcallHandle(code.asSlice((folds ? CALL0_LEAVE_AT : CALL0_AT) * SLOT), DESC0, critical);
                c6 = linker.downcallHandle(code.asSlice(CALL6_AT * SLOT), DESC6);
                c6c = linker.downcallHandle(code.asSlice((folds ? CALL6_LEAVE_AT : CALL6_AT) * SLOT), DESC6, critical);
            } catch (RuntimeException e) {
                why = "could not map the code: " + e.getMessage();
                folds = false;
            }
        }
        AVAILABLE = why == null;
        WHY_NOT = why;
        FOLDS_INVOKER_EPILOGUE = AVAILABLE && folds;
        CALL0_CRITICAL = c0;
        CALL6_HANDLE = c6;
        CALL6_CRITICAL = c6c;
    }

    private RawSyscall() {
    }

    private static String whyNot() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return "-D" + PROPERTY + "=false";
        }
        if (Arch.CURRENT != Arch.X86_64) {
            return "x86-64 only";
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("x86_Thread_features:") && line.contains("shstk")) {
                    return "user shadow stack enabled";
                }
            }
        } catch (IOException e) {
            return "cannot read /proc/self/status: " + e.getMessage();
        }
        return null;
    }

    /**
     * Whether the JDK's critical invokers for both descriptors return by {@link #INVOKER_EPILOGUE} right
     * after calling the code: calls {@code probe} ({@link #RETURN_ADDRESS}) through an invoker of each shape
     * (the JDK makes one invoker per descriptor and options; the target is its argument) and reads the
     * two bytes at the address it returns to.
     */
    static boolean probeInvokerEpilogue(Linker linker, MemorySegment probe, Linker.Option critical) {
        try {
            long ra0 = (long) linker.downcallHandle(probe, DESC0, critical).invokeExact(0L);
            long ra6 = (long) linker.downcallHandle(probe, DESC6, critical).invokeExact(0L, 0L, 0L, 0L, 0L, 0L, 0L);
            return isEpilogueAt(ra0) && isEpilogueAt(ra6);
        } catch (Throwable t) {
            return false;
        }
    }

    static boolean isEpilogueAt(long returnAddress) {
        MemorySegment at = MemorySegment.ofAddress(returnAddress).reinterpret(INVOKER_EPILOGUE.length);
        return MemorySegment.mismatch(at, 0, INVOKER_EPILOGUE.length, MemorySegment.ofArray(INVOKER_EPILOGUE), 0,
                INVOKER_EPILOGUE.length) == -1;
    }

    /** One page holding each piece of code at its own 64-byte slot, written, then made read+execute only. */
    private static MemorySegment executable(byte[]... pieces) {
        MemorySegment errno = Errno.state();
        long page = 4096;
        MemorySegment p = Syscalls.mmap(errno, MemorySegment.NULL, page, mman_h.PROT_READ() | mman_h.PROT_WRITE(),
                mman_h.MAP_PRIVATE() | mman_h.MAP_ANONYMOUS(), -1, 0);
        if (p.address() == -1L) {
            throw new IllegalStateException("mmap: " + Errno.name(Errno.value(errno)));
        }
        MemorySegment code = p.reinterpret(page, Arena.global(), null); // kept for the JVM's life
        code.fill((byte) 0xcc); // int3 anywhere else
        for (int i = 0; i < pieces.length; i++) {
            MemorySegment.copy(pieces[i], 0, code, ValueLayout.JAVA_BYTE, i * SLOT, pieces[i].length);
        }
        if (Syscalls.mprotect(errno, code, page, mman_h.PROT_READ() | mman_h.PROT_EXEC()) != 0) {
            throw new IllegalStateException("mprotect: " + Errno.name(Errno.value(errno)));
        }
        return code;
    }

    /** A system call without arguments that cannot block (getppid). Returns the kernel's result. */
    public static long call0Critical(long nr) {
        try {
            return (long) CALL0_CRITICAL.invokeExact(nr);
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** A system call that may block. Returns the kernel's result (-errno on failure). */
    public static long call6(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return (long) CALL6_HANDLE.invokeExact(nr, a1, a2, a3, a4, a5, a6);
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** A system call that cannot block or call back (a submit-only io_uring_enter). */
    public static long call6Critical(long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return (long) CALL6_CRITICAL.invokeExact(nr, a1, a2, a3, a4, a5, a6);
        } catch (Error | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Whether a system call's result in the kernel's convention is a failure: -errno, -4095..-1. */
    static boolean failed(long ret) {
        return ret < 0 && ret >= -4095;
    }

    /** C's convention from the kernel's: -1 with errno in {@code state} for -4095..-1, else the result. */
    static long toC(long ret, MemorySegment state) {
        if (failed(ret)) {
            Lib.errno(state, (int) -ret);
            return -1;
        }
        return ret;
    }
}
