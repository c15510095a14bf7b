package org.krepro.sys.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code <unistd.h>}: {@code close}, {@code pread}, {@code pwrite}, {@code lseek}, {@code fsync}, {@code fdatasync},
 * {@code ftruncate}, {@code sysconf}, {@code getppid}, {@code unlinkat} and the variadic {@code syscall}.
 *
 * <p>{@code syscall(long number, ...)} is bound once per arity with every argument passed as a
 * {@code long} (the kernel reads whole registers; pointers are passed as their address, unsigned
 * values zero-extended by the caller). The numbers are in {@link syscall_h}.
 */
public final class unistd_h extends Lib {
    private unistd_h() {
    }

    private static final int _SC_PAGESIZE = 30;
    /** {@snippet lang=c : #define _SC_PAGESIZE 30 // enum value } */
    public static int _SC_PAGESIZE() { return _SC_PAGESIZE; }
    private static final int _SC_NPROCESSORS_ONLN = 84;
    /** {@snippet lang=c : #define _SC_NPROCESSORS_ONLN 84 // enum value } */
    public static int _SC_NPROCESSORS_ONLN() { return _SC_NPROCESSORS_ONLN; }

    private static final int SEEK_SET = 0;
    /** {@snippet lang=c : #define SEEK_SET 0 } */
    public static int SEEK_SET() { return SEEK_SET; }
    private static final int SEEK_CUR = 1;
    /** {@snippet lang=c : #define SEEK_CUR 1 } */
    public static int SEEK_CUR() { return SEEK_CUR; }
    private static final int SEEK_END = 2;
    /** {@snippet lang=c : #define SEEK_END 2 } */
    public static int SEEK_END() { return SEEK_END; }
    private static final int SEEK_DATA = 3;
    /** {@snippet lang=c : #define SEEK_DATA 3 // _GNU_SOURCE } */
    public static int SEEK_DATA() { return SEEK_DATA; }
    private static final int SEEK_HOLE = 4;
    /** {@snippet lang=c : #define SEEK_HOLE 4 // _GNU_SOURCE } */
    public static int SEEK_HOLE() { return SEEK_HOLE; }

    private static class close {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("close", DESC);
    }

    /** The descriptor close is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor close$descriptor() {
        return close.DESC;
    }

    /** The downcall handle of close; links the function if it was not yet. */
    public static MethodHandle close$handle() {
        return close.HANDLE;
    }

    /** {@snippet lang=c : int close(int fd) } */
    public static int close(MemorySegment errno$, int fd) {
        try {
            return (int) close.HANDLE.invokeExact(errno$, fd);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class pread {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("pread", DESC);
    }

    /** The descriptor pread is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor pread$descriptor() {
        return pread.DESC;
    }

    /** The downcall handle of pread; links the function if it was not yet. */
    public static MethodHandle pread$handle() {
        return pread.HANDLE;
    }

    /** {@snippet lang=c : ssize_t pread(int fd, void *buf, size_t nbytes, off_t offset) } */
    public static long pread(MemorySegment errno$, int fd, MemorySegment buf, long nbytes, long offset) {
        try {
            return (long) pread.HANDLE.invokeExact(errno$, fd, buf, nbytes, offset);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class pwrite {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_LONG, C_INT, C_POINTER, C_LONG, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("pwrite", DESC);
    }

    /** The descriptor pwrite is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor pwrite$descriptor() {
        return pwrite.DESC;
    }

    /** The downcall handle of pwrite; links the function if it was not yet. */
    public static MethodHandle pwrite$handle() {
        return pwrite.HANDLE;
    }

    /** {@snippet lang=c : ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset) } */
    public static long pwrite(MemorySegment errno$, int fd, MemorySegment buf, long n, long offset) {
        try {
            return (long) pwrite.HANDLE.invokeExact(errno$, fd, buf, n, offset);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class lseek {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_LONG, C_INT, C_LONG, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("lseek", DESC);
    }

    /** The descriptor lseek is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor lseek$descriptor() {
        return lseek.DESC;
    }

    /** The downcall handle of lseek; links the function if it was not yet. */
    public static MethodHandle lseek$handle() {
        return lseek.HANDLE;
    }

    /** {@snippet lang=c : off_t lseek(int fd, off_t offset, int whence) } */
    public static long lseek(MemorySegment errno$, int fd, long offset, int whence) {
        try {
            return (long) lseek.HANDLE.invokeExact(errno$, fd, offset, whence);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class fsync {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("fsync", DESC);
    }

    /** The descriptor fsync is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor fsync$descriptor() {
        return fsync.DESC;
    }

    /** The downcall handle of fsync; links the function if it was not yet. */
    public static MethodHandle fsync$handle() {
        return fsync.HANDLE;
    }

    /** {@snippet lang=c : int fsync(int fd) } */
    public static int fsync(MemorySegment errno$, int fd) {
        try {
            return (int) fsync.HANDLE.invokeExact(errno$, fd);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class fdatasync {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("fdatasync", DESC);
    }

    /** The descriptor fdatasync is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor fdatasync$descriptor() {
        return fdatasync.DESC;
    }

    /** The downcall handle of fdatasync; links the function if it was not yet. */
    public static MethodHandle fdatasync$handle() {
        return fdatasync.HANDLE;
    }

    /** {@snippet lang=c : int fdatasync(int fildes) } */
    public static int fdatasync(MemorySegment errno$, int fildes) {
        try {
            return (int) fdatasync.HANDLE.invokeExact(errno$, fildes);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class ftruncate {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_LONG);
        public static final MethodHandle HANDLE = downcallCapturingErrno("ftruncate", DESC);
    }

    /** The descriptor ftruncate is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor ftruncate$descriptor() {
        return ftruncate.DESC;
    }

    /** The downcall handle of ftruncate; links the function if it was not yet. */
    public static MethodHandle ftruncate$handle() {
        return ftruncate.HANDLE;
    }

    /** {@snippet lang=c : int ftruncate(int fd, off_t length) } */
    public static int ftruncate(MemorySegment errno$, int fd, long length) {
        try {
            return (int) ftruncate.HANDLE.invokeExact(errno$, fd, length);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class sysconf {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_LONG, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("sysconf", DESC);
    }

    /** The descriptor sysconf is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor sysconf$descriptor() {
        return sysconf.DESC;
    }

    /** The downcall handle of sysconf; links the function if it was not yet. */
    public static MethodHandle sysconf$handle() {
        return sysconf.HANDLE;
    }

    /** {@snippet lang=c : long sysconf(int name) } */
    public static long sysconf(MemorySegment errno$, int name) {
        try {
            return (long) sysconf.HANDLE.invokeExact(errno$, name);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class getppid {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT);
        // Cannot fail and cannot block: no errno to capture, and no thread-state transition needed.
        public static final MethodHandle HANDLE = downcall("getppid", DESC, Linker.Option.critical(false));
    }

    /** The descriptor getppid is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor getppid$descriptor() {
        return getppid.DESC;
    }

    /** The downcall handle of getppid; links the function if it was not yet. */
    public static MethodHandle getppid$handle() {
        return getppid.HANDLE;
    }

    /**
     * Linked with {@link Linker.Option#critical(boolean) critical}: it cannot fail, block or call back.
     * {@snippet lang=c : pid_t getppid(void) }
     */
    public static int getppid() {
        try {
            return (int) getppid.HANDLE.invokeExact();
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    /** {@code syscall} with {@code n} long arguments after the number (variadic from the second parameter). */
    static MethodHandle syscallHandle(int n) {
        var args = new java.lang.foreign.MemoryLayout[n + 1];
        java.util.Arrays.fill(args, C_LONG);
        return downcallCapturingErrno("syscall", FunctionDescriptor.of(C_LONG, args), Linker.Option.firstVariadicArg(1));
    }

    static final class syscall$0 {
        static final MethodHandle HANDLE = syscallHandle(0);
    }

    static final class syscall$1 {
        static final MethodHandle HANDLE = syscallHandle(1);
    }

    static final class syscall$2 {
        static final MethodHandle HANDLE = syscallHandle(2);
    }

    static final class syscall$3 {
        static final MethodHandle HANDLE = syscallHandle(3);
    }

    static final class syscall$4 {
        static final MethodHandle HANDLE = syscallHandle(4);
    }

    static final class syscall$5 {
        static final MethodHandle HANDLE = syscallHandle(5);
    }

    static final class syscall$6 {
        static final MethodHandle HANDLE = syscallHandle(6);
    }

    /** {@snippet lang=c : long syscall(long number, ...) } */
    public static long syscall(MemorySegment errno$, long number) {
        try {
            return (long) syscall$0.HANDLE.invokeExact(errno$, number);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    /** {@snippet lang=c : long syscall(long number, ...) } */
    public static long syscall(MemorySegment errno$, long number, long a1) {
        try {
            return (long) syscall$1.HANDLE.invokeExact(errno$, number, a1);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    /** {@snippet lang=c : long syscall(long number, ...) } */
    public static long syscall(MemorySegment errno$, long number, long a1, long a2) {
        try {
            return (long) syscall$2.HANDLE.invokeExact(errno$, number, a1, a2);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    /** {@snippet lang=c : long syscall(long number, ...) } */
    public static long syscall(MemorySegment errno$, long number, long a1, long a2, long a3) {
        try {
            return (long) syscall$3.HANDLE.invokeExact(errno$, number, a1, a2, a3);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    /** {@snippet lang=c : long syscall(long number, ...) } */
    public static long syscall(MemorySegment errno$, long number, long a1, long a2, long a3, long a4) {
        try {
            return (long) syscall$4.HANDLE.invokeExact(errno$, number, a1, a2, a3, a4);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    /** {@snippet lang=c : long syscall(long number, ...) } */
    public static long syscall(MemorySegment errno$, long number, long a1, long a2, long a3, long a4, long a5) {
        try {
            return (long) syscall$5.HANDLE.invokeExact(errno$, number, a1, a2, a3, a4, a5);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    /** {@snippet lang=c : long syscall(long number, ...) } */
    public static long syscall(MemorySegment errno$, long number, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return (long) syscall$6.HANDLE.invokeExact(errno$, number, a1, a2, a3, a4, a5, a6);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    static final class syscall$6critical {
        static final MethodHandle HANDLE = downcallCapturingErrno("syscall",
                FunctionDescriptor.of(C_LONG, C_LONG, C_LONG, C_LONG, C_LONG, C_LONG, C_LONG, C_LONG),
                Linker.Option.firstVariadicArg(1), Linker.Option.critical(false));
    }

    /**
     * {@code syscall} with six arguments, linked {@link Linker.Option#critical(boolean) critical}: no
     * thread-state transition around it, for a call the caller knows cannot block (the JVM cannot reach
     * a safepoint while it runs).
     * {@snippet lang=c : long syscall(long number, ...) }
     */
    public static long syscall$critical(MemorySegment errno$, long number, long a1, long a2, long a3, long a4, long a5, long a6) {
        try {
            return (long) syscall$6critical.HANDLE.invokeExact(errno$, number, a1, a2, a3, a4, a5, a6);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }

    private static class unlinkat {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_INT);
        public static final MethodHandle HANDLE = downcallCapturingErrno("unlinkat", DESC);
    }

    /** The descriptor unlinkat is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor unlinkat$descriptor() {
        return unlinkat.DESC;
    }

    /** The downcall handle of unlinkat; links the function if it was not yet. */
    public static MethodHandle unlinkat$handle() {
        return unlinkat.HANDLE;
    }

    /** {@snippet lang=c : int unlinkat(int fd, const char *name, int flag) } */
    public static int unlinkat(MemorySegment errno$, int fd, MemorySegment name, int flag) {
        try {
            return (int) unlinkat.HANDLE.invokeExact(errno$, fd, name, flag);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
