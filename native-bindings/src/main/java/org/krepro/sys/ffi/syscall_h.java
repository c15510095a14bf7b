package org.krepro.sys.ffi;

import java.lang.foreign.MemorySegment;
import org.krepro.sys.Arch;
import org.krepro.sys.SyscallCounters;

/**
 * {@code <sys/syscall.h>}: the numbers of the system calls glibc has no wrapper for (io_uring, the NUMA
 * calls), chosen per architecture at run time (x86_64 has its own table; aarch64 uses
 * {@code <asm-generic/unistd.h>}), and one Java method per call made through
 * {@link unistd_h#syscall(MemorySegment, long, long) syscall()}, each counted under the call's name.
 *
 * <p>Every argument is widened to {@code long} as the kernel reads it: unsigned {@code int}s
 * zero-extended, signed ones sign-extended, pointers as their address.
 */
public final class syscall_h extends Lib {
    private syscall_h() {
    }

    private static final Arch ARCH = Arch.CURRENT;

    private static final int SYS_io_uring_setup = 425;
    /** {@snippet lang=c : #define SYS_io_uring_setup 425 } */
    public static int SYS_io_uring_setup() { return SYS_io_uring_setup; }
    private static final int SYS_io_uring_enter = 426;
    /** {@snippet lang=c : #define SYS_io_uring_enter 426 } */
    public static int SYS_io_uring_enter() { return SYS_io_uring_enter; }
    private static final int SYS_io_uring_register = 427;
    /** {@snippet lang=c : #define SYS_io_uring_register 427 } */
    public static int SYS_io_uring_register() { return SYS_io_uring_register; }
    private static final int SYS_mbind = ARCH.pick(237, 235);
    /** {@snippet lang=c : #define SYS_mbind 237 // x86_64; 235 on aarch64 } */
    public static int SYS_mbind() { return SYS_mbind; }
    private static final int SYS_set_mempolicy = ARCH.pick(238, 237);
    /** {@snippet lang=c : #define SYS_set_mempolicy 238 // x86_64; 237 on aarch64 } */
    public static int SYS_set_mempolicy() { return SYS_set_mempolicy; }
    private static final int SYS_get_mempolicy = ARCH.pick(239, 236);
    /** {@snippet lang=c : #define SYS_get_mempolicy 239 // x86_64; 236 on aarch64 } */
    public static int SYS_get_mempolicy() { return SYS_get_mempolicy; }
    private static final int SYS_migrate_pages = ARCH.pick(256, 238);
    /** {@snippet lang=c : #define SYS_migrate_pages 256 // x86_64; 238 on aarch64 } */
    public static int SYS_migrate_pages() { return SYS_migrate_pages; }
    private static final int SYS_move_pages = ARCH.pick(279, 239);
    /** {@snippet lang=c : #define SYS_move_pages 279 // x86_64; 239 on aarch64 } */
    public static int SYS_move_pages() { return SYS_move_pages; }
    private static final int SYS_getcpu = ARCH.pick(309, 168);
    /** {@snippet lang=c : #define SYS_getcpu 309 // x86_64; 168 on aarch64 } */
    public static int SYS_getcpu() { return SYS_getcpu; }

    private static final SyscallCounters.Counter io_uring_setup$CALLS = SyscallCounters.counter("io_uring_setup");

    /**
     * Through {@code syscall(SYS_io_uring_setup, ...)}; returns -1 and sets {@code errno} on failure. Pointer
     * arguments are passed by address: their segments must stay alive for the call.
     * {@snippet lang=c : int io_uring_setup(u32 entries, struct io_uring_params *p) }
     */
    public static long io_uring_setup(MemorySegment errno$, int entries, MemorySegment p) {
        try {
            io_uring_setup$CALLS.increment();
            return (long) unistd_h.syscall$2.HANDLE.invokeExact(errno$, (long) SYS_io_uring_setup, Integer.toUnsignedLong(entries), p.address());
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static final SyscallCounters.Counter io_uring_enter$CALLS = SyscallCounters.counter("io_uring_enter");

    /**
     * Through {@code syscall(SYS_io_uring_enter, ...)}; returns -1 and sets {@code errno} on failure. Pointer
     * arguments are passed by address: their segments must stay alive for the call.
     * {@snippet lang=c : int io_uring_enter(unsigned int fd, u32 to_submit, u32 min_complete, u32 flags, const sigset_t *sig, size_t sigsz) }
     */
    public static long io_uring_enter(MemorySegment errno$, int fd, int to_submit, int min_complete, int flags, MemorySegment sig, long sigsz) {
        try {
            io_uring_enter$CALLS.increment();
            return (long) unistd_h.syscall$6.HANDLE.invokeExact(errno$, (long) SYS_io_uring_enter, Integer.toUnsignedLong(fd), Integer.toUnsignedLong(to_submit), Integer.toUnsignedLong(min_complete), Integer.toUnsignedLong(flags), sig.address(), sigsz);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static final SyscallCounters.Counter io_uring_register$CALLS = SyscallCounters.counter("io_uring_register");

    /**
     * Through {@code syscall(SYS_io_uring_register, ...)}; returns -1 and sets {@code errno} on failure. Pointer
     * arguments are passed by address: their segments must stay alive for the call.
     * {@snippet lang=c : int io_uring_register(unsigned int fd, unsigned int opcode, void *arg, unsigned int nr_args) }
     */
    public static long io_uring_register(MemorySegment errno$, int fd, int opcode, MemorySegment arg, int nr_args) {
        try {
            io_uring_register$CALLS.increment();
            return (long) unistd_h.syscall$4.HANDLE.invokeExact(errno$, (long) SYS_io_uring_register, Integer.toUnsignedLong(fd), Integer.toUnsignedLong(opcode), arg.address(), Integer.toUnsignedLong(nr_args));
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static final SyscallCounters.Counter move_pages$CALLS = SyscallCounters.counter("move_pages");

    /**
     * Through {@code syscall(SYS_move_pages, ...)}; returns -1 and sets {@code errno} on failure. Pointer
     * arguments are passed by address: their segments must stay alive for the call.
     * {@snippet lang=c : long move_pages(int pid, unsigned long count, void **pages, const int *nodes, int *status, int flags) }
     */
    public static long move_pages(MemorySegment errno$, int pid, long count, MemorySegment pages, MemorySegment nodes, MemorySegment status, int flags) {
        try {
            move_pages$CALLS.increment();
            return (long) unistd_h.syscall$6.HANDLE.invokeExact(errno$, (long) SYS_move_pages, (long) pid, count, pages.address(), nodes.address(), status.address(), Integer.toUnsignedLong(flags));
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static final SyscallCounters.Counter get_mempolicy$CALLS = SyscallCounters.counter("get_mempolicy");

    /**
     * Through {@code syscall(SYS_get_mempolicy, ...)}; returns -1 and sets {@code errno} on failure. Pointer
     * arguments are passed by address: their segments must stay alive for the call.
     * {@snippet lang=c : long get_mempolicy(int *mode, unsigned long *nodemask, unsigned long maxnode, void *addr, unsigned long flags) }
     */
    public static long get_mempolicy(MemorySegment errno$, MemorySegment mode, MemorySegment nodemask, long maxnode, MemorySegment addr, long flags) {
        try {
            get_mempolicy$CALLS.increment();
            return (long) unistd_h.syscall$5.HANDLE.invokeExact(errno$, (long) SYS_get_mempolicy, mode.address(), nodemask.address(), maxnode, addr.address(), flags);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static final SyscallCounters.Counter mbind$CALLS = SyscallCounters.counter("mbind");

    /**
     * Through {@code syscall(SYS_mbind, ...)}; returns -1 and sets {@code errno} on failure. Pointer
     * arguments are passed by address: their segments must stay alive for the call.
     * {@snippet lang=c : long mbind(void *addr, unsigned long len, int mode, const unsigned long *nodemask, unsigned long maxnode, unsigned int flags) }
     */
    public static long mbind(MemorySegment errno$, MemorySegment addr, long len, int mode, MemorySegment nodemask, long maxnode, int flags) {
        try {
            mbind$CALLS.increment();
            return (long) unistd_h.syscall$6.HANDLE.invokeExact(errno$, (long) SYS_mbind, addr.address(), len, (long) mode, nodemask.address(), maxnode, Integer.toUnsignedLong(flags));
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static final SyscallCounters.Counter set_mempolicy$CALLS = SyscallCounters.counter("set_mempolicy");

    /**
     * Through {@code syscall(SYS_set_mempolicy, ...)}; returns -1 and sets {@code errno} on failure. Pointer
     * arguments are passed by address: their segments must stay alive for the call.
     * {@snippet lang=c : long set_mempolicy(int mode, const unsigned long *nodemask, unsigned long maxnode) }
     */
    public static long set_mempolicy(MemorySegment errno$, int mode, MemorySegment nodemask, long maxnode) {
        try {
            set_mempolicy$CALLS.increment();
            return (long) unistd_h.syscall$3.HANDLE.invokeExact(errno$, (long) SYS_set_mempolicy, (long) mode, nodemask.address(), maxnode);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
