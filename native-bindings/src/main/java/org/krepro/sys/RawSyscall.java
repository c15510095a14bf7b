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
 * <p>Only on x86-64, and only where user shadow stacks are off (a return by {@code jmp} would leave the
 * shadow stack behind); elsewhere, or with {@code -Dkrepro.sys.rawSyscalls=false}, {@link #AVAILABLE}
 * is false and {@link Syscalls} keeps libc's {@code syscall()}.
 */
public final class RawSyscall {

    /** Turns the machine code off (then every call goes through libc): for A/B measurements and as a way out. */
    public static final String PROPERTY = "krepro.sys.rawSyscalls";

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

    private static final FunctionDescriptor DESC0 = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
    private static final FunctionDescriptor DESC6 = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);

    /** Whether the machine code is in use; why not, when it is not. */
    public static final boolean AVAILABLE;
    public static final String WHY_NOT;
    private static final MethodHandle CALL0_CRITICAL;
    private static final MethodHandle CALL6_HANDLE;
    private static final MethodHandle CALL6_CRITICAL;

    static {
        String why = whyNot();
        MethodHandle c0 = null;
        MethodHandle c6 = null;
        MethodHandle c6c = null;
        if (why == null) {
            try {
                MemorySegment code = executable(CALL0, CALL6);
                Linker linker = Linker.nativeLinker();
                Linker.Option critical = Linker.Option.critical(false);
                c0 = linker.downcallHandle(code, DESC0, critical);
                MemorySegment at6 = code.asSlice(64);
                c6 = linker.downcallHandle(at6, DESC6);
                c6c = linker.downcallHandle(at6, DESC6, critical);
            } catch (RuntimeException e) {
                why = "could not map the code: " + e.getMessage();
            }
        }
        AVAILABLE = why == null;
        WHY_NOT = why;
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

    /** One page holding {@code call0} at 0 and {@code call6} at 64, written, then made read+execute only. */
    private static MemorySegment executable(byte[] call0, byte[] call6) {
        MemorySegment errno = Errno.state();
        long page = 4096;
        MemorySegment p = Syscalls.mmap(errno, MemorySegment.NULL, page, mman_h.PROT_READ() | mman_h.PROT_WRITE(),
                mman_h.MAP_PRIVATE() | mman_h.MAP_ANONYMOUS(), -1, 0);
        if (p.address() == -1L) {
            throw new IllegalStateException("mmap: " + Errno.name(Errno.value(errno)));
        }
        MemorySegment code = p.reinterpret(page, Arena.global(), null); // kept for the JVM's life
        code.fill((byte) 0xcc); // int3 anywhere else
        MemorySegment.copy(call0, 0, code, ValueLayout.JAVA_BYTE, 0, call0.length);
        MemorySegment.copy(call6, 0, code, ValueLayout.JAVA_BYTE, 64, call6.length);
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

    /** C's convention from the kernel's: -1 with errno in {@code state} for -4095..-1, else the result. */
    static long toC(long ret, MemorySegment state) {
        if (ret < 0 && ret >= -4095) {
            Lib.errno(state, (int) -ret);
            return -1;
        }
        return ret;
    }
}
