package org.krepro.sys.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code <sys/mman.h>} (with {@code _GNU_SOURCE}): {@code mmap}, {@code munmap}, {@code msync},
 * {@code madvise}, {@code mincore}, {@code mlock}, {@code munlock} and their constants. The values are
 * the generic ones, identical on x86_64 and aarch64.
 *
 * <p>{@code mmap} returns {@link #MAP_FAILED()} (address -1) on failure, as in C; its result is a
 * zero-length segment that the caller reinterprets to the mapped length.
 */
public final class mman_h extends Lib {
    private mman_h() {
    }

    private static final int PROT_NONE = 0x0;
    /** {@snippet lang=c : #define PROT_NONE 0x0 } */
    public static int PROT_NONE() { return PROT_NONE; }
    private static final int PROT_READ = 0x1;
    /** {@snippet lang=c : #define PROT_READ 0x1 } */
    public static int PROT_READ() { return PROT_READ; }
    private static final int PROT_WRITE = 0x2;
    /** {@snippet lang=c : #define PROT_WRITE 0x2 } */
    public static int PROT_WRITE() { return PROT_WRITE; }
    private static final int PROT_EXEC = 0x4;
    /** {@snippet lang=c : #define PROT_EXEC 0x4 } */
    public static int PROT_EXEC() { return PROT_EXEC; }
    private static final int MAP_SHARED = 0x01;
    /** {@snippet lang=c : #define MAP_SHARED 0x01 } */
    public static int MAP_SHARED() { return MAP_SHARED; }
    private static final int MAP_PRIVATE = 0x02;
    /** {@snippet lang=c : #define MAP_PRIVATE 0x02 } */
    public static int MAP_PRIVATE() { return MAP_PRIVATE; }
    private static final int MAP_SHARED_VALIDATE = 0x03;
    /** {@snippet lang=c : #define MAP_SHARED_VALIDATE 0x03 } */
    public static int MAP_SHARED_VALIDATE() { return MAP_SHARED_VALIDATE; }
    private static final int MAP_FIXED = 0x10;
    /** {@snippet lang=c : #define MAP_FIXED 0x10 } */
    public static int MAP_FIXED() { return MAP_FIXED; }
    private static final int MAP_ANONYMOUS = 0x20;
    /** {@snippet lang=c : #define MAP_ANONYMOUS 0x20 } */
    public static int MAP_ANONYMOUS() { return MAP_ANONYMOUS; }
    private static final int MAP_NORESERVE = 0x04000;
    /** {@snippet lang=c : #define MAP_NORESERVE 0x04000 } */
    public static int MAP_NORESERVE() { return MAP_NORESERVE; }
    private static final int MAP_POPULATE = 0x08000;
    /** {@snippet lang=c : #define MAP_POPULATE 0x08000 } */
    public static int MAP_POPULATE() { return MAP_POPULATE; }
    private static final int MAP_LOCKED = 0x02000;
    /** {@snippet lang=c : #define MAP_LOCKED 0x02000 } */
    public static int MAP_LOCKED() { return MAP_LOCKED; }
    private static final int MAP_HUGETLB = 0x40000;
    /** {@snippet lang=c : #define MAP_HUGETLB 0x40000 } */
    public static int MAP_HUGETLB() { return MAP_HUGETLB; }
    private static final int MAP_FIXED_NOREPLACE = 0x100000;
    /** {@snippet lang=c : #define MAP_FIXED_NOREPLACE 0x100000 } */
    public static int MAP_FIXED_NOREPLACE() { return MAP_FIXED_NOREPLACE; }
    private static final int MS_ASYNC = 1;
    /** {@snippet lang=c : #define MS_ASYNC 1 } */
    public static int MS_ASYNC() { return MS_ASYNC; }
    private static final int MS_INVALIDATE = 2;
    /** {@snippet lang=c : #define MS_INVALIDATE 2 } */
    public static int MS_INVALIDATE() { return MS_INVALIDATE; }
    private static final int MS_SYNC = 4;
    /** {@snippet lang=c : #define MS_SYNC 4 } */
    public static int MS_SYNC() { return MS_SYNC; }
    private static final int MADV_NORMAL = 0;
    /** {@snippet lang=c : #define MADV_NORMAL 0 } */
    public static int MADV_NORMAL() { return MADV_NORMAL; }
    private static final int MADV_RANDOM = 1;
    /** {@snippet lang=c : #define MADV_RANDOM 1 } */
    public static int MADV_RANDOM() { return MADV_RANDOM; }
    private static final int MADV_SEQUENTIAL = 2;
    /** {@snippet lang=c : #define MADV_SEQUENTIAL 2 } */
    public static int MADV_SEQUENTIAL() { return MADV_SEQUENTIAL; }
    private static final int MADV_WILLNEED = 3;
    /** {@snippet lang=c : #define MADV_WILLNEED 3 } */
    public static int MADV_WILLNEED() { return MADV_WILLNEED; }
    private static final int MADV_DONTNEED = 4;
    /** {@snippet lang=c : #define MADV_DONTNEED 4 } */
    public static int MADV_DONTNEED() { return MADV_DONTNEED; }
    private static final int MADV_FREE = 8;
    /** {@snippet lang=c : #define MADV_FREE 8 } */
    public static int MADV_FREE() { return MADV_FREE; }
    private static final int MADV_REMOVE = 9;
    /** {@snippet lang=c : #define MADV_REMOVE 9 } */
    public static int MADV_REMOVE() { return MADV_REMOVE; }
    private static final int MADV_DONTFORK = 10;
    /** {@snippet lang=c : #define MADV_DONTFORK 10 } */
    public static int MADV_DONTFORK() { return MADV_DONTFORK; }
    private static final int MADV_DOFORK = 11;
    /** {@snippet lang=c : #define MADV_DOFORK 11 } */
    public static int MADV_DOFORK() { return MADV_DOFORK; }
    private static final int MADV_MERGEABLE = 12;
    /** {@snippet lang=c : #define MADV_MERGEABLE 12 } */
    public static int MADV_MERGEABLE() { return MADV_MERGEABLE; }
    private static final int MADV_UNMERGEABLE = 13;
    /** {@snippet lang=c : #define MADV_UNMERGEABLE 13 } */
    public static int MADV_UNMERGEABLE() { return MADV_UNMERGEABLE; }
    private static final int MADV_HUGEPAGE = 14;
    /** {@snippet lang=c : #define MADV_HUGEPAGE 14 } */
    public static int MADV_HUGEPAGE() { return MADV_HUGEPAGE; }
    private static final int MADV_NOHUGEPAGE = 15;
    /** {@snippet lang=c : #define MADV_NOHUGEPAGE 15 } */
    public static int MADV_NOHUGEPAGE() { return MADV_NOHUGEPAGE; }
    private static final int MADV_DONTDUMP = 16;
    /** {@snippet lang=c : #define MADV_DONTDUMP 16 } */
    public static int MADV_DONTDUMP() { return MADV_DONTDUMP; }
    private static final int MADV_DODUMP = 17;
    /** {@snippet lang=c : #define MADV_DODUMP 17 } */
    public static int MADV_DODUMP() { return MADV_DODUMP; }
    private static final int MADV_WIPEONFORK = 18;
    /** {@snippet lang=c : #define MADV_WIPEONFORK 18 } */
    public static int MADV_WIPEONFORK() { return MADV_WIPEONFORK; }
    private static final int MADV_KEEPONFORK = 19;
    /** {@snippet lang=c : #define MADV_KEEPONFORK 19 } */
    public static int MADV_KEEPONFORK() { return MADV_KEEPONFORK; }
    private static final int MADV_COLD = 20;
    /** {@snippet lang=c : #define MADV_COLD 20 } */
    public static int MADV_COLD() { return MADV_COLD; }
    private static final int MADV_PAGEOUT = 21;
    /** {@snippet lang=c : #define MADV_PAGEOUT 21 } */
    public static int MADV_PAGEOUT() { return MADV_PAGEOUT; }
    private static final int MADV_POPULATE_READ = 22;
    /** {@snippet lang=c : #define MADV_POPULATE_READ 22 } */
    public static int MADV_POPULATE_READ() { return MADV_POPULATE_READ; }
    private static final int MADV_POPULATE_WRITE = 23;
    /** {@snippet lang=c : #define MADV_POPULATE_WRITE 23 } */
    public static int MADV_POPULATE_WRITE() { return MADV_POPULATE_WRITE; }
    private static final int MADV_DONTNEED_LOCKED = 24;
    /** {@snippet lang=c : #define MADV_DONTNEED_LOCKED 24 } */
    public static int MADV_DONTNEED_LOCKED() { return MADV_DONTNEED_LOCKED; }
    private static final int MADV_COLLAPSE = 25;
    /** {@snippet lang=c : #define MADV_COLLAPSE 25 } */
    public static int MADV_COLLAPSE() { return MADV_COLLAPSE; }
    private static final int MADV_HWPOISON = 100;
    /** {@snippet lang=c : #define MADV_HWPOISON 100 } */
    public static int MADV_HWPOISON() { return MADV_HWPOISON; }
    private static final int MCL_CURRENT = 1;
    /** {@snippet lang=c : #define MCL_CURRENT 1 } */
    public static int MCL_CURRENT() { return MCL_CURRENT; }
    private static final int MCL_FUTURE = 2;
    /** {@snippet lang=c : #define MCL_FUTURE 2 } */
    public static int MCL_FUTURE() { return MCL_FUTURE; }
    private static final int MCL_ONFAULT = 4;
    /** {@snippet lang=c : #define MCL_ONFAULT 4 } */
    public static int MCL_ONFAULT() { return MCL_ONFAULT; }
    private static final int MLOCK_ONFAULT = 1;
    /** {@snippet lang=c : #define MLOCK_ONFAULT 0x01 } */
    public static int MLOCK_ONFAULT() { return MLOCK_ONFAULT; }

    private static final MemorySegment MAP_FAILED = MemorySegment.ofAddress(-1L);
    /** {@snippet lang=c : #define MAP_FAILED ((void *) -1) } */
    public static MemorySegment MAP_FAILED() { return MAP_FAILED; }

    private static class mmap {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_LONG, C_INT, C_INT, C_INT, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("mmap", DESC);
    }

    /** The descriptor mmap is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor mmap$descriptor() {
        return mmap.DESC;
    }

    /** The downcall handle of mmap; links the function if it was not yet. */
    public static MethodHandle mmap$handle() {
        return mmap.HANDLE;
    }

    /** {@snippet lang=c : void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset) } */
    public static MemorySegment mmap(MemorySegment errno$, MemorySegment addr, long len, int prot, int flags, int fd, long offset) {
        try {
            return (MemorySegment) mmap.HANDLE.invokeExact(errno$, addr, len, prot, flags, fd, offset);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class munmap {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("munmap", DESC);
    }

    /** The descriptor munmap is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor munmap$descriptor() {
        return munmap.DESC;
    }

    /** The downcall handle of munmap; links the function if it was not yet. */
    public static MethodHandle munmap$handle() {
        return munmap.HANDLE;
    }

    /** {@snippet lang=c : int munmap(void *addr, size_t len) } */
    public static int munmap(MemorySegment errno$, MemorySegment addr, long len) {
        try {
            return (int) munmap.HANDLE.invokeExact(errno$, addr, len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class mprotect {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("mprotect", DESC);
    }

    /** The descriptor mprotect is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor mprotect$descriptor() {
        return mprotect.DESC;
    }

    /** The downcall handle of mprotect; links the function if it was not yet. */
    public static MethodHandle mprotect$handle() {
        return mprotect.HANDLE;
    }

    /** {@snippet lang=c : int mprotect(void *addr, size_t len, int prot) } */
    public static int mprotect(MemorySegment errno$, MemorySegment addr, long len, int prot) {
        try {
            return (int) mprotect.HANDLE.invokeExact(errno$, addr, len, prot);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class msync {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("msync", DESC);
    }

    /** The descriptor msync is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor msync$descriptor() {
        return msync.DESC;
    }

    /** The downcall handle of msync; links the function if it was not yet. */
    public static MethodHandle msync$handle() {
        return msync.HANDLE;
    }

    /** {@snippet lang=c : int msync(void *addr, size_t len, int flags) } */
    public static int msync(MemorySegment errno$, MemorySegment addr, long len, int flags) {
        try {
            return (int) msync.HANDLE.invokeExact(errno$, addr, len, flags);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class madvise {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("madvise", DESC);
    }

    /** The descriptor madvise is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor madvise$descriptor() {
        return madvise.DESC;
    }

    /** The downcall handle of madvise; links the function if it was not yet. */
    public static MethodHandle madvise$handle() {
        return madvise.HANDLE;
    }

    /** {@snippet lang=c : int madvise(void *addr, size_t len, int advice) } */
    public static int madvise(MemorySegment errno$, MemorySegment addr, long len, int advice) {
        try {
            return (int) madvise.HANDLE.invokeExact(errno$, addr, len, advice);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class mincore {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG, C_POINTER);
        public static final MethodHandle HANDLE = downcallCapturingErrno("mincore", DESC);
    }

    /** The descriptor mincore is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor mincore$descriptor() {
        return mincore.DESC;
    }

    /** The downcall handle of mincore; links the function if it was not yet. */
    public static MethodHandle mincore$handle() {
        return mincore.HANDLE;
    }

    /** {@snippet lang=c : int mincore(void *start, size_t len, unsigned char *vec) } */
    public static int mincore(MemorySegment errno$, MemorySegment start, long len, MemorySegment vec) {
        try {
            return (int) mincore.HANDLE.invokeExact(errno$, start, len, vec);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class mlock {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("mlock", DESC);
    }

    /** The descriptor mlock is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor mlock$descriptor() {
        return mlock.DESC;
    }

    /** The downcall handle of mlock; links the function if it was not yet. */
    public static MethodHandle mlock$handle() {
        return mlock.HANDLE;
    }

    /** {@snippet lang=c : int mlock(const void *addr, size_t len) } */
    public static int mlock(MemorySegment errno$, MemorySegment addr, long len) {
        try {
            return (int) mlock.HANDLE.invokeExact(errno$, addr, len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class munlock {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("munlock", DESC);
    }

    /** The descriptor munlock is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor munlock$descriptor() {
        return munlock.DESC;
    }

    /** The downcall handle of munlock; links the function if it was not yet. */
    public static MethodHandle munlock$handle() {
        return munlock.HANDLE;
    }

    /** {@snippet lang=c : int munlock(const void *addr, size_t len) } */
    public static int munlock(MemorySegment errno$, MemorySegment addr, long len) {
        try {
            return (int) munlock.HANDLE.invokeExact(errno$, addr, len);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
