package org.krepro.sys.ffi;

/**
 * {@code <sys/syscall.h>}: the numbers of the system calls glibc has no wrapper for (io_uring, the NUMA
 * calls), made through {@link unistd_h#syscall(java.lang.foreign.MemorySegment, long, long) syscall()}.
 * A number that differs between architectures is declared once per architecture, with the architecture
 * as a suffix ({@code SYS_mbind$x86_64()}, {@code SYS_mbind$aarch64()}; aarch64 uses
 * {@code <asm-generic/unistd.h>}); {@code org.krepro.sys.Abi} picks this machine's. The calls glibc does wrap are
 * declared for x86-64 only, where {@code org.krepro.sys.RawSyscall} makes them without libc.
 */
public final class syscall_h extends Lib {
    private syscall_h() {
    }

    private static final int SYS_io_uring_setup = 425;
    /** {@snippet lang=c : #define SYS_io_uring_setup 425 } */
    public static int SYS_io_uring_setup() { return SYS_io_uring_setup; }
    private static final int SYS_io_uring_enter = 426;
    /** {@snippet lang=c : #define SYS_io_uring_enter 426 } */
    public static int SYS_io_uring_enter() { return SYS_io_uring_enter; }
    private static final int SYS_io_uring_register = 427;
    /** {@snippet lang=c : #define SYS_io_uring_register 427 } */
    public static int SYS_io_uring_register() { return SYS_io_uring_register; }
    private static final int SYS_mbind$x86_64 = 237;
    /** {@snippet lang=c : #define SYS_mbind 237 // x86_64 } */
    public static int SYS_mbind$x86_64() { return SYS_mbind$x86_64; }
    private static final int SYS_mbind$aarch64 = 235;
    /** {@snippet lang=c : #define SYS_mbind 235 // aarch64 } */
    public static int SYS_mbind$aarch64() { return SYS_mbind$aarch64; }
    private static final int SYS_set_mempolicy$x86_64 = 238;
    /** {@snippet lang=c : #define SYS_set_mempolicy 238 // x86_64 } */
    public static int SYS_set_mempolicy$x86_64() { return SYS_set_mempolicy$x86_64; }
    private static final int SYS_set_mempolicy$aarch64 = 237;
    /** {@snippet lang=c : #define SYS_set_mempolicy 237 // aarch64 } */
    public static int SYS_set_mempolicy$aarch64() { return SYS_set_mempolicy$aarch64; }
    private static final int SYS_get_mempolicy$x86_64 = 239;
    /** {@snippet lang=c : #define SYS_get_mempolicy 239 // x86_64 } */
    public static int SYS_get_mempolicy$x86_64() { return SYS_get_mempolicy$x86_64; }
    private static final int SYS_get_mempolicy$aarch64 = 236;
    /** {@snippet lang=c : #define SYS_get_mempolicy 236 // aarch64 } */
    public static int SYS_get_mempolicy$aarch64() { return SYS_get_mempolicy$aarch64; }
    private static final int SYS_migrate_pages$x86_64 = 256;
    /** {@snippet lang=c : #define SYS_migrate_pages 256 // x86_64 } */
    public static int SYS_migrate_pages$x86_64() { return SYS_migrate_pages$x86_64; }
    private static final int SYS_migrate_pages$aarch64 = 238;
    /** {@snippet lang=c : #define SYS_migrate_pages 238 // aarch64 } */
    public static int SYS_migrate_pages$aarch64() { return SYS_migrate_pages$aarch64; }
    private static final int SYS_move_pages$x86_64 = 279;
    /** {@snippet lang=c : #define SYS_move_pages 279 // x86_64 } */
    public static int SYS_move_pages$x86_64() { return SYS_move_pages$x86_64; }
    private static final int SYS_move_pages$aarch64 = 239;
    /** {@snippet lang=c : #define SYS_move_pages 239 // aarch64 } */
    public static int SYS_move_pages$aarch64() { return SYS_move_pages$aarch64; }
    private static final int SYS_sched_setaffinity$x86_64 = 203;
    /** {@snippet lang=c : #define SYS_sched_setaffinity 203 // x86_64 } */
    public static int SYS_sched_setaffinity$x86_64() { return SYS_sched_setaffinity$x86_64; }
    private static final int SYS_sched_setaffinity$aarch64 = 122;
    /** {@snippet lang=c : #define SYS_sched_setaffinity 122 // aarch64 } */
    public static int SYS_sched_setaffinity$aarch64() { return SYS_sched_setaffinity$aarch64; }
    private static final int SYS_sched_getaffinity$x86_64 = 204;
    /** {@snippet lang=c : #define SYS_sched_getaffinity 204 // x86_64 } */
    public static int SYS_sched_getaffinity$x86_64() { return SYS_sched_getaffinity$x86_64; }
    private static final int SYS_sched_getaffinity$aarch64 = 123;
    /** {@snippet lang=c : #define SYS_sched_getaffinity 123 // aarch64 } */
    public static int SYS_sched_getaffinity$aarch64() { return SYS_sched_getaffinity$aarch64; }
    private static final int SYS_getcpu$x86_64 = 309;
    /** {@snippet lang=c : #define SYS_getcpu 309 // x86_64 } */
    public static int SYS_getcpu$x86_64() { return SYS_getcpu$x86_64; }
    private static final int SYS_getcpu$aarch64 = 168;
    /** {@snippet lang=c : #define SYS_getcpu 168 // aarch64 } */
    public static int SYS_getcpu$aarch64() { return SYS_getcpu$aarch64; }
    private static final int SYS_getppid$x86_64 = 110;
    /** {@snippet lang=c : #define SYS_getppid 110 // x86_64 } */
    public static int SYS_getppid$x86_64() { return SYS_getppid$x86_64; }
    private static final int SYS_getppid$aarch64 = 173;
    /** {@snippet lang=c : #define SYS_getppid 173 // aarch64 } */
    public static int SYS_getppid$aarch64() { return SYS_getppid$aarch64; }
    private static final int SYS_getdents64$x86_64 = 217;
    /** {@snippet lang=c : #define SYS_getdents64 217 // x86_64 } */
    public static int SYS_getdents64$x86_64() { return SYS_getdents64$x86_64; }
    private static final int SYS_getdents64$aarch64 = 61;
    /** {@snippet lang=c : #define SYS_getdents64 61 // aarch64 } */
    public static int SYS_getdents64$aarch64() { return SYS_getdents64$aarch64; }

    private static final int SYS_futex$x86_64 = 202;
    /** {@snippet lang=c : #define SYS_futex 202 // x86_64 } */
    public static int SYS_futex$x86_64() { return SYS_futex$x86_64; }
    private static final int SYS_futex$aarch64 = 98;
    /** {@snippet lang=c : #define SYS_futex 98 // aarch64 } */
    public static int SYS_futex$aarch64() { return SYS_futex$aarch64; }
    // The calls libc wraps, for RawSyscall's machine code, which runs on x86-64 only: x86-64's numbers alone.
    private static final int SYS_close$x86_64 = 3;
    /** {@snippet lang=c : #define SYS_close 3 // x86_64 } */
    public static int SYS_close$x86_64() { return SYS_close$x86_64; }
    private static final int SYS_lseek$x86_64 = 8;
    /** {@snippet lang=c : #define SYS_lseek 8 // x86_64 } */
    public static int SYS_lseek$x86_64() { return SYS_lseek$x86_64; }
    private static final int SYS_mmap$x86_64 = 9;
    /** {@snippet lang=c : #define SYS_mmap 9 // x86_64 } */
    public static int SYS_mmap$x86_64() { return SYS_mmap$x86_64; }
    private static final int SYS_mprotect$x86_64 = 10;
    /** {@snippet lang=c : #define SYS_mprotect 10 // x86_64 } */
    public static int SYS_mprotect$x86_64() { return SYS_mprotect$x86_64; }
    private static final int SYS_munmap$x86_64 = 11;
    /** {@snippet lang=c : #define SYS_munmap 11 // x86_64 } */
    public static int SYS_munmap$x86_64() { return SYS_munmap$x86_64; }
    private static final int SYS_pread64$x86_64 = 17;
    /** {@snippet lang=c : #define SYS_pread64 17 // x86_64 } */
    public static int SYS_pread64$x86_64() { return SYS_pread64$x86_64; }
    private static final int SYS_pwrite64$x86_64 = 18;
    /** {@snippet lang=c : #define SYS_pwrite64 18 // x86_64 } */
    public static int SYS_pwrite64$x86_64() { return SYS_pwrite64$x86_64; }
    private static final int SYS_fsync$x86_64 = 74;
    /** {@snippet lang=c : #define SYS_fsync 74 // x86_64 } */
    public static int SYS_fsync$x86_64() { return SYS_fsync$x86_64; }
    private static final int SYS_fdatasync$x86_64 = 75;
    /** {@snippet lang=c : #define SYS_fdatasync 75 // x86_64 } */
    public static int SYS_fdatasync$x86_64() { return SYS_fdatasync$x86_64; }
    private static final int SYS_ftruncate$x86_64 = 77;
    /** {@snippet lang=c : #define SYS_ftruncate 77 // x86_64 } */
    public static int SYS_ftruncate$x86_64() { return SYS_ftruncate$x86_64; }
    private static final int SYS_openat$x86_64 = 257;
    /** {@snippet lang=c : #define SYS_openat 257 // x86_64 } */
    public static int SYS_openat$x86_64() { return SYS_openat$x86_64; }
    private static final int SYS_mkdirat$x86_64 = 258;
    /** {@snippet lang=c : #define SYS_mkdirat 258 // x86_64 } */
    public static int SYS_mkdirat$x86_64() { return SYS_mkdirat$x86_64; }
    private static final int SYS_unlinkat$x86_64 = 263;
    /** {@snippet lang=c : #define SYS_unlinkat 263 // x86_64 } */
    public static int SYS_unlinkat$x86_64() { return SYS_unlinkat$x86_64; }
    private static final int SYS_fallocate$x86_64 = 285;
    /** {@snippet lang=c : #define SYS_fallocate 285 // x86_64 } */
    public static int SYS_fallocate$x86_64() { return SYS_fallocate$x86_64; }
    private static final int SYS_renameat2$x86_64 = 316;
    /** {@snippet lang=c : #define SYS_renameat2 316 // x86_64 } */
    public static int SYS_renameat2$x86_64() { return SYS_renameat2$x86_64; }
    private static final int SYS_statx$x86_64 = 332;
    /** {@snippet lang=c : #define SYS_statx 332 // x86_64 } */
    public static int SYS_statx$x86_64() { return SYS_statx$x86_64; }
}
