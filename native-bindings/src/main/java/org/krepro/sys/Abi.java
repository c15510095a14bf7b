package org.krepro.sys;

import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.syscall_h;

/**
 * The constants whose value differs between x86_64 and aarch64, picked once for this JVM's
 * {@link Arch}. The raw layer declares both values ({@code fcntl_h.O_DIRECT$x86_64()},
 * {@code fcntl_h.O_DIRECT$aarch64()}); use these instead, never one architecture's value.
 */
public final class Abi {
    private static final Arch ARCH = Arch.CURRENT;

    private static final int O_DIRECT = ARCH.pick(fcntl_h.O_DIRECT$x86_64(), fcntl_h.O_DIRECT$aarch64());
    private static final int O_DIRECTORY = ARCH.pick(fcntl_h.O_DIRECTORY$x86_64(), fcntl_h.O_DIRECTORY$aarch64());
    private static final int O_NOFOLLOW = ARCH.pick(fcntl_h.O_NOFOLLOW$x86_64(), fcntl_h.O_NOFOLLOW$aarch64());
    private static final int O_TMPFILE = ARCH.pick(fcntl_h.O_TMPFILE$x86_64(), fcntl_h.O_TMPFILE$aarch64());

    static final long SYS_mbind = ARCH.pick(syscall_h.SYS_mbind$x86_64(), syscall_h.SYS_mbind$aarch64());
    static final long SYS_set_mempolicy =
            ARCH.pick(syscall_h.SYS_set_mempolicy$x86_64(), syscall_h.SYS_set_mempolicy$aarch64());
    static final long SYS_get_mempolicy =
            ARCH.pick(syscall_h.SYS_get_mempolicy$x86_64(), syscall_h.SYS_get_mempolicy$aarch64());
    static final long SYS_move_pages = ARCH.pick(syscall_h.SYS_move_pages$x86_64(), syscall_h.SYS_move_pages$aarch64());
    static final long SYS_sched_setaffinity = ARCH.pick(syscall_h.SYS_sched_setaffinity$x86_64(), syscall_h.SYS_sched_setaffinity$aarch64());
    static final long SYS_getppid = ARCH.pick(syscall_h.SYS_getppid$x86_64(), syscall_h.SYS_getppid$aarch64());
    static final long SYS_futex = ARCH.pick(syscall_h.SYS_futex$x86_64(), syscall_h.SYS_futex$aarch64());
    static final long SYS_sched_getaffinity = ARCH.pick(syscall_h.SYS_sched_getaffinity$x86_64(), syscall_h.SYS_sched_getaffinity$aarch64());

    private Abi() {
    }

    /** {@code O_DIRECT}: 040000 on x86_64, 0200000 on aarch64. */
    public static int O_DIRECT() {
        return O_DIRECT;
    }

    /** {@code O_DIRECTORY}: 0200000 on x86_64, 040000 on aarch64. */
    public static int O_DIRECTORY() {
        return O_DIRECTORY;
    }

    /** {@code O_NOFOLLOW}: 0400000 on x86_64, 0100000 on aarch64. */
    public static int O_NOFOLLOW() {
        return O_NOFOLLOW;
    }

    /** {@code O_TMPFILE}: {@code 020000000 | O_DIRECTORY}. */
    public static int O_TMPFILE() {
        return O_TMPFILE;
    }
}
