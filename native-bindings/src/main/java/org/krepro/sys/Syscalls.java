package org.krepro.sys;

import java.lang.foreign.MemorySegment;
import org.krepro.sys.SyscallCounters.Counter;
import org.krepro.sys.ffi.dirent_h;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.ioctl_h;
import org.krepro.sys.ffi.mman_h;
import org.krepro.sys.ffi.stat_h;
import org.krepro.sys.ffi.stdio_h;
import org.krepro.sys.ffi.syscall_h;
import org.krepro.sys.ffi.uio_h;
import org.krepro.sys.ffi.unistd_h;

/**
 * Every system call krepro makes, counted in {@link SyscallCounters} under the call's name, then made
 * through the raw layer ({@link org.krepro.sys.ffi}) with its C result: -1 (or {@code MAP_FAILED}) and
 * {@code errno} in the capture segment ({@link Errno#state()}) on failure. The rest of this package and
 * reproducers that count their own errors in a race call these; the raw layer itself counts nothing.
 *
 * <p>The calls C has no wrapper for go in with this architecture's number ({@link Abi}) and every
 * argument widened to {@code long} as the kernel reads it: unsigned {@code int}s zero-extended, signed
 * ones sign-extended, pointers as their address (their segments must stay alive for the call); through
 * {@link RawSyscall}'s machine code where it runs (x86-64), else libc's {@code syscall()}. Where that
 * code runs, the file, path and mapping calls libc wraps (open, close, pread, pwrite, fsync, mmap, ...)
 * go in the same way, by their x86-64 numbers; elsewhere through libc. Either way the caller sees C's
 * convention.
 */
public final class Syscalls {
    private Syscalls() {
    }

    private static final Counter CLOSE = SyscallCounters.counter("close");

    /** {@link unistd_h#close}, counted. */
    public static int close(MemorySegment errno, int fd) {
        CLOSE.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_close$x86_64(), fd, 0, 0, 0) : unistd_h.close(errno, fd);
    }

    private static final Counter PREAD = SyscallCounters.counter("pread");

    /** {@link unistd_h#pread}, counted. */
    public static long pread(MemorySegment errno, int fd, MemorySegment buf, long nbytes, long offset) {
        PREAD.increment();
        return RAW ? syscall(errno, syscall_h.SYS_pread64$x86_64(), fd, buf.address(), nbytes, offset) : unistd_h.pread(errno, fd, buf, nbytes, offset);
    }

    private static final Counter PWRITE = SyscallCounters.counter("pwrite");

    /** {@link unistd_h#pwrite}, counted. */
    public static long pwrite(MemorySegment errno, int fd, MemorySegment buf, long n, long offset) {
        PWRITE.increment();
        return RAW ? syscall(errno, syscall_h.SYS_pwrite64$x86_64(), fd, buf.address(), n, offset) : unistd_h.pwrite(errno, fd, buf, n, offset);
    }

    private static final Counter LSEEK = SyscallCounters.counter("lseek");

    /** {@link unistd_h#lseek}, counted. */
    public static long lseek(MemorySegment errno, int fd, long offset, int whence) {
        LSEEK.increment();
        return RAW ? syscall(errno, syscall_h.SYS_lseek$x86_64(), fd, offset, Integer.toUnsignedLong(whence), 0) : unistd_h.lseek(errno, fd, offset, whence);
    }

    private static final Counter FSYNC = SyscallCounters.counter("fsync");

    /** {@link unistd_h#fsync}, counted. */
    public static int fsync(MemorySegment errno, int fd) {
        FSYNC.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_fsync$x86_64(), fd, 0, 0, 0) : unistd_h.fsync(errno, fd);
    }

    private static final Counter FDATASYNC = SyscallCounters.counter("fdatasync");

    /** {@link unistd_h#fdatasync}, counted. */
    public static int fdatasync(MemorySegment errno, int fd) {
        FDATASYNC.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_fdatasync$x86_64(), fd, 0, 0, 0) : unistd_h.fdatasync(errno, fd);
    }

    private static final Counter FTRUNCATE = SyscallCounters.counter("ftruncate");

    /** {@link unistd_h#ftruncate}, counted. */
    public static int ftruncate(MemorySegment errno, int fd, long length) {
        FTRUNCATE.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_ftruncate$x86_64(), fd, length, 0, 0) : unistd_h.ftruncate(errno, fd, length);
    }

    private static final Counter SYSCONF = SyscallCounters.counter("sysconf");

    /** {@link unistd_h#sysconf}, counted. */
    public static long sysconf(MemorySegment errno, int name) {
        SYSCONF.increment();
        return unistd_h.sysconf(errno, name);
    }

    private static final Counter UNLINKAT = SyscallCounters.counter("unlinkat");

    /** {@link unistd_h#unlinkat}, counted. */
    public static int unlinkat(MemorySegment errno, int fd, MemorySegment name, int flag) {
        UNLINKAT.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_unlinkat$x86_64(), fd, name.address(), Integer.toUnsignedLong(flag), 0)
                : unistd_h.unlinkat(errno, fd, name, flag);
    }

    private static final Counter OPEN = SyscallCounters.counter("open");

    /** {@link fcntl_h#open}, counted. */
    public static int open(MemorySegment errno, MemorySegment file, int oflag, int mode) {
        OPEN.increment();
        // open(2) is openat(AT_FDCWD) in glibc too
        return RAW ? (int) syscall(errno, syscall_h.SYS_openat$x86_64(), fcntl_h.AT_FDCWD(), file.address(), Integer.toUnsignedLong(oflag), Integer.toUnsignedLong(mode))
                : fcntl_h.open(errno, file, oflag, mode);
    }

    private static final Counter OPENAT = SyscallCounters.counter("openat");

    /** {@link fcntl_h#openat}, counted. */
    public static int openat(MemorySegment errno, int fd, MemorySegment file, int oflag, int mode) {
        OPENAT.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_openat$x86_64(), fd, file.address(), Integer.toUnsignedLong(oflag), Integer.toUnsignedLong(mode))
                : fcntl_h.openat(errno, fd, file, oflag, mode);
    }

    private static final Counter FALLOCATE = SyscallCounters.counter("fallocate");

    /** {@link fcntl_h#fallocate}, counted. */
    public static int fallocate(MemorySegment errno, int fd, int mode, long offset, long len) {
        FALLOCATE.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_fallocate$x86_64(), fd, mode, offset, len) : fcntl_h.fallocate(errno, fd, mode, offset, len);
    }

    private static final Counter SYNC_FILE_RANGE = SyscallCounters.counter("sync_file_range");

    /** {@link fcntl_h#sync_file_range}, counted. */
    public static int sync_file_range(MemorySegment errno, int fd, long offset, long count, int flags) {
        SYNC_FILE_RANGE.increment();
        return fcntl_h.sync_file_range(errno, fd, offset, count, flags);
    }

    private static final Counter IOCTL = SyscallCounters.counter("ioctl");

    /** {@link ioctl_h#ioctl}, counted. */
    public static int ioctl(MemorySegment errno, int fd, long request, MemorySegment arg) {
        IOCTL.increment();
        return ioctl_h.ioctl(errno, fd, request, arg);
    }

    private static final Counter MMAP = SyscallCounters.counter("mmap");

    /** {@link mman_h#mmap}, counted. */
    public static MemorySegment mmap(MemorySegment errno, MemorySegment addr, long len, int prot, int flags, int fd, long offset) {
        MMAP.increment();
        return RAW ? MemorySegment.ofAddress(syscall(errno, syscall_h.SYS_mmap$x86_64(), addr.address(), len,
                Integer.toUnsignedLong(prot), Integer.toUnsignedLong(flags), fd, offset))
                : mman_h.mmap(errno, addr, len, prot, flags, fd, offset);
    }

    /**
     * {@link #mmap} with the kernel's result: the address, or -errno (-4095..-1), nothing captured on
     * the way. For hot paths that must compile small: {@link Mapping}'s, inlined into a caller only while
     * its compiled code stays under C2's InlineSmallCode (runner README, Benchmarks).
     */
    public static long mmapOrErrno(long addr, long len, int prot, int flags, int fd, long offset) {
        MMAP.increment();
        if (RAW) {
            return RawSyscall.call6(syscall_h.SYS_mmap$x86_64(), addr, len, Integer.toUnsignedLong(prot),
                    Integer.toUnsignedLong(flags), fd, offset);
        }
        MemorySegment errno = Errno.state();
        MemorySegment mapped = mman_h.mmap(errno, MemorySegment.ofAddress(addr), len, prot, flags, fd, offset);
        return mapped.equals(mman_h.MAP_FAILED()) ? -Errno.value(errno) : mapped.address();
    }

    private static final Counter MUNMAP = SyscallCounters.counter("munmap");

    /** {@link mman_h#munmap}, counted. */
    public static int munmap(MemorySegment errno, MemorySegment addr, long len) {
        MUNMAP.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_munmap$x86_64(), addr.address(), len, 0, 0) : mman_h.munmap(errno, addr, len);
    }

    /** {@link #munmap} with the kernel's result, as {@link #mmapOrErrno}: 0, or -errno. */
    public static int munmapOrErrno(long addr, long len) {
        MUNMAP.increment();
        if (RAW) {
            return (int) RawSyscall.call6(syscall_h.SYS_munmap$x86_64(), addr, len, 0, 0, 0, 0);
        }
        MemorySegment errno = Errno.state();
        return mman_h.munmap(errno, MemorySegment.ofAddress(addr), len) < 0 ? -Errno.value(errno) : 0;
    }

    private static final Counter MSYNC = SyscallCounters.counter("msync");

    /** {@link mman_h#msync}, counted. */
    public static int msync(MemorySegment errno, MemorySegment addr, long len, int flags) {
        MSYNC.increment();
        return mman_h.msync(errno, addr, len, flags);
    }

    private static final Counter MADVISE = SyscallCounters.counter("madvise");

    /** {@link mman_h#madvise}, counted. */
    public static int madvise(MemorySegment errno, MemorySegment addr, long len, int advice) {
        MADVISE.increment();
        return mman_h.madvise(errno, addr, len, advice);
    }

    private static final Counter MINCORE = SyscallCounters.counter("mincore");

    /** {@link mman_h#mincore}, counted. */
    public static int mincore(MemorySegment errno, MemorySegment start, long len, MemorySegment vec) {
        MINCORE.increment();
        return mman_h.mincore(errno, start, len, vec);
    }

    private static final Counter MLOCK = SyscallCounters.counter("mlock");

    /** {@link mman_h#mlock}, counted. */
    public static int mlock(MemorySegment errno, MemorySegment addr, long len) {
        MLOCK.increment();
        return mman_h.mlock(errno, addr, len);
    }

    private static final Counter MUNLOCK = SyscallCounters.counter("munlock");

    /** {@link mman_h#munlock}, counted. */
    public static int munlock(MemorySegment errno, MemorySegment addr, long len) {
        MUNLOCK.increment();
        return mman_h.munlock(errno, addr, len);
    }

    private static final Counter STATX = SyscallCounters.counter("statx");

    /** {@link stat_h#statx}, counted. */
    public static int statx(MemorySegment errno, int dirfd, MemorySegment path, int flags, int mask, MemorySegment buf) {
        STATX.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_statx$x86_64(), dirfd, path.address(), Integer.toUnsignedLong(flags),
                Integer.toUnsignedLong(mask), buf.address()) : stat_h.statx(errno, dirfd, path, flags, mask, buf);
    }

    private static final Counter MKDIRAT = SyscallCounters.counter("mkdirat");

    /** {@link stat_h#mkdirat}, counted. */
    public static int mkdirat(MemorySegment errno, int dirfd, MemorySegment path, int mode) {
        MKDIRAT.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_mkdirat$x86_64(), dirfd, path.address(), Integer.toUnsignedLong(mode), 0) : stat_h.mkdirat(errno, dirfd, path, mode);
    }

    private static final Counter PREADV = SyscallCounters.counter("preadv");

    /** {@link uio_h#preadv}, counted. */
    public static long preadv(MemorySegment errno, int fd, MemorySegment iovec, int count, long offset) {
        PREADV.increment();
        return uio_h.preadv(errno, fd, iovec, count, offset);
    }

    private static final Counter PWRITEV = SyscallCounters.counter("pwritev");

    /** {@link uio_h#pwritev}, counted. */
    public static long pwritev(MemorySegment errno, int fd, MemorySegment iovec, int count, long offset) {
        PWRITEV.increment();
        return uio_h.pwritev(errno, fd, iovec, count, offset);
    }

    private static final Counter RENAMEAT2 = SyscallCounters.counter("renameat2");

    /** {@link stdio_h#renameat2}, counted. */
    public static int renameat2(MemorySegment errno, int oldfd, MemorySegment oldpath, int newfd, MemorySegment newpath, int flags) {
        RENAMEAT2.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_renameat2$x86_64(), oldfd, oldpath.address(), newfd, newpath.address(),
                Integer.toUnsignedLong(flags)) : stdio_h.renameat2(errno, oldfd, oldpath, newfd, newpath, flags);
    }

    private static final Counter GETDENTS64 = SyscallCounters.counter("getdents64");

    /** {@link dirent_h#getdents64}, counted. */
    public static long getdents64(MemorySegment errno, int fd, MemorySegment buffer, long length) {
        GETDENTS64.increment();
        return dirent_h.getdents64(errno, fd, buffer, length);
    }

    private static final Counter POSIX_FADVISE = SyscallCounters.counter("posix_fadvise");

    /** {@link fcntl_h#posix_fadvise}, counted; returns the error number instead of setting {@code errno}. */
    public static int posix_fadvise(int fd, long offset, long len, int advise) {
        POSIX_FADVISE.increment();
        return fcntl_h.posix_fadvise(fd, offset, len, advise);
    }

    private static final Counter GETPPID = SyscallCounters.counter("getppid");

    /** getppid, counted; cannot fail. A raw system call where {@link RawSyscall} runs, else {@link unistd_h#getppid}. */
    public static int getppid() {
        GETPPID.increment();
        return RawSyscall.AVAILABLE ? (int) RawSyscall.call0Critical(Abi.SYS_getppid) : unistd_h.getppid();
    }

    private static final Counter IO_URING_SETUP = SyscallCounters.counter("io_uring_setup");

    /** {@snippet lang=c : int io_uring_setup(u32 entries, struct io_uring_params *p) } */
    public static long io_uring_setup(MemorySegment errno, int entries, MemorySegment p) {
        IO_URING_SETUP.increment();
        return syscall(errno, syscall_h.SYS_io_uring_setup(), Integer.toUnsignedLong(entries), p.address());
    }

    private static final Counter IO_URING_ENTER = SyscallCounters.counter("io_uring_enter");

    /** {@snippet lang=c : int io_uring_enter(unsigned int fd, u32 to_submit, u32 min_complete, u32 flags, const sigset_t *sig, size_t sigsz) } */
    public static long io_uring_enter(MemorySegment errno, int fd, int toSubmit, int minComplete, int flags,
                                      MemorySegment sig, long sigsz) {
        IO_URING_ENTER.increment();
        return ringEnter(errno, fd, toSubmit, minComplete, flags, sig, sigsz);
    }

    /**
     * io_uring_enter that only submits (no IORING_ENTER_GETEVENTS, so it never waits for completions):
     * linked critical, without the thread-state transition a call that may block needs, which is about a
     * quarter of an io_uring NOP's user-space cost at QD1.
     */
    public static long io_uring_submit(MemorySegment errno, int fd, int toSubmit) {
        IO_URING_ENTER.increment();
        return ringSubmit(errno, fd, toSubmit);
    }

    /** {@link #io_uring_submit}, uncounted: for {@link IoUring}, which counts its own calls ({@link SyscallCounters.Local}). */
    static long ringSubmit(MemorySegment errno, int fd, int toSubmit) {
        long nr = syscall_h.SYS_io_uring_enter();
        return RawSyscall.AVAILABLE
                ? RawSyscall.toC(RawSyscall.call6Critical(nr, Integer.toUnsignedLong(fd), Integer.toUnsignedLong(toSubmit), 0, 0, 0, 0), errno)
                : unistd_h.syscall$critical(errno, nr, Integer.toUnsignedLong(fd), Integer.toUnsignedLong(toSubmit), 0, 0, 0, 0);
    }

    /** {@link #io_uring_enter}, uncounted: for {@link IoUring}, which counts its own calls. */
    static long ringEnter(MemorySegment errno, int fd, int toSubmit, int minComplete, int flags, MemorySegment sig, long sigsz) {
        return syscall(errno, syscall_h.SYS_io_uring_enter(), Integer.toUnsignedLong(fd),
                Integer.toUnsignedLong(toSubmit), Integer.toUnsignedLong(minComplete), Integer.toUnsignedLong(flags),
                sig.address(), sigsz);
    }

    private static final Counter IO_URING_REGISTER = SyscallCounters.counter("io_uring_register");

    /** {@snippet lang=c : int io_uring_register(unsigned int fd, unsigned int opcode, void *arg, unsigned int nr_args) } */
    public static long io_uring_register(MemorySegment errno, int fd, int opcode, MemorySegment arg, int nrArgs) {
        IO_URING_REGISTER.increment();
        return syscall(errno, syscall_h.SYS_io_uring_register(), Integer.toUnsignedLong(fd),
                Integer.toUnsignedLong(opcode), arg.address(), Integer.toUnsignedLong(nrArgs));
    }

    private static final Counter MOVE_PAGES = SyscallCounters.counter("move_pages");

    /** {@snippet lang=c : long move_pages(int pid, unsigned long count, void **pages, const int *nodes, int *status, int flags) } */
    public static long move_pages(MemorySegment errno, int pid, long count, MemorySegment pages, MemorySegment nodes,
                                  MemorySegment status, int flags) {
        MOVE_PAGES.increment();
        return syscall(errno, Abi.SYS_move_pages, pid, count, pages.address(), nodes.address(),
                status.address(), Integer.toUnsignedLong(flags));
    }

    private static final Counter GET_MEMPOLICY = SyscallCounters.counter("get_mempolicy");

    /** {@snippet lang=c : long get_mempolicy(int *mode, unsigned long *nodemask, unsigned long maxnode, void *addr, unsigned long flags) } */
    public static long get_mempolicy(MemorySegment errno, MemorySegment mode, MemorySegment nodemask, long maxnode,
                                     MemorySegment addr, long flags) {
        GET_MEMPOLICY.increment();
        return syscall(errno, Abi.SYS_get_mempolicy, mode.address(), nodemask.address(), maxnode,
                addr.address(), flags);
    }

    private static final Counter MBIND = SyscallCounters.counter("mbind");

    /** {@snippet lang=c : long mbind(void *addr, unsigned long len, int mode, const unsigned long *nodemask, unsigned long maxnode, unsigned int flags) } */
    public static long mbind(MemorySegment errno, MemorySegment addr, long len, int mode, MemorySegment nodemask,
                             long maxnode, int flags) {
        MBIND.increment();
        return syscall(errno, Abi.SYS_mbind, addr.address(), len, mode, nodemask.address(), maxnode,
                Integer.toUnsignedLong(flags));
    }

    private static final Counter SET_MEMPOLICY = SyscallCounters.counter("set_mempolicy");

    /** {@snippet lang=c : long set_mempolicy(int mode, const unsigned long *nodemask, unsigned long maxnode) } */
    public static long set_mempolicy(MemorySegment errno, int mode, MemorySegment nodemask, long maxnode) {
        SET_MEMPOLICY.increment();
        return syscall(errno, Abi.SYS_set_mempolicy, mode, nodemask.address(), maxnode);
    }
    private static final Counter FUTEX = SyscallCounters.counter("futex");

    /** {@snippet lang=c : long futex(u32 *uaddr, int op, u32 val, const struct timespec *timeout, u32 *uaddr2, u32 val3) } */
    public static long futex(MemorySegment errno, MemorySegment uaddr, int op, int val, MemorySegment timeout,
                             MemorySegment uaddr2, int val3) {
        FUTEX.increment();
        return syscall(errno, Abi.SYS_futex, uaddr.address(), Integer.toUnsignedLong(op), Integer.toUnsignedLong(val),
                timeout.address(), uaddr2.address(), Integer.toUnsignedLong(val3));
    }

    private static final Counter SCHED_SETAFFINITY = SyscallCounters.counter("sched_setaffinity");

    /** {@snippet lang=c : int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask) } (pid 0: the calling thread) */
    public static long sched_setaffinity(MemorySegment errno, int tid, long size, MemorySegment mask) {
        SCHED_SETAFFINITY.increment();
        return syscall(errno, Abi.SYS_sched_setaffinity, tid, size, mask.address());
    }

    private static final Counter SCHED_GETAFFINITY = SyscallCounters.counter("sched_getaffinity");

    /** {@snippet lang=c : int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask) } (the raw call returns the bytes written) */
    public static long sched_getaffinity(MemorySegment errno, int tid, long size, MemorySegment mask) {
        SCHED_GETAFFINITY.increment();
        return syscall(errno, Abi.SYS_sched_getaffinity, tid, size, mask.address());
    }

    private static final Counter MPROTECT = SyscallCounters.counter("mprotect");

    /** {@link mman_h#mprotect}, counted. */
    public static int mprotect(MemorySegment errno, MemorySegment addr, long len, int prot) {
        MPROTECT.increment();
        return RAW ? (int) syscall(errno, syscall_h.SYS_mprotect$x86_64(), addr.address(), len, Integer.toUnsignedLong(prot), 0) : mman_h.mprotect(errno, addr, len, prot);
    }

    /**
     * Whether the calls libc wraps go in through {@link RawSyscall} too: the same kernel entry as libc's
     * wrapper, without the downcall's errno capture (a call into the JVM after each) and libc's
     * cancellation bookkeeping; {@code -Dkrepro.sys.rawSyscalls=false} turns it off with the rest. They
     * then go through {@link #syscall} (which takes the machine code whenever this is true).
     */
    private static final boolean RAW = RawSyscall.AVAILABLE;

    /** A system call by number with C's result (-1 and errno in {@code errno}); unused arguments are 0. */
    private static long syscall(MemorySegment errno, long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        return RawSyscall.AVAILABLE
                ? RawSyscall.toC(RawSyscall.call6(nr, a1, a2, a3, a4, a5, a6), errno)
                : unistd_h.syscall(errno, nr, a1, a2, a3, a4, a5, a6);
    }

    private static long syscall(MemorySegment errno, long nr, long a1, long a2) {
        return syscall(errno, nr, a1, a2, 0, 0, 0, 0);
    }

    private static long syscall(MemorySegment errno, long nr, long a1, long a2, long a3) {
        return syscall(errno, nr, a1, a2, a3, 0, 0, 0);
    }

    private static long syscall(MemorySegment errno, long nr, long a1, long a2, long a3, long a4) {
        return syscall(errno, nr, a1, a2, a3, a4, 0, 0);
    }

    private static long syscall(MemorySegment errno, long nr, long a1, long a2, long a3, long a4, long a5) {
        return syscall(errno, nr, a1, a2, a3, a4, a5, 0);
    }
}
