package org.krepro.sys.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * {@code <sys/ioctl.h>} with the requests krepro makes, from {@code <linux/fs.h>} and
 * {@code <linux/fiemap.h>}: {@code FS_IOC_FIEMAP} (a file's extent map, see {@link fiemap}) and
 * {@code BLKGETSIZE64} (a block device's size in bytes). The {@code _IOC} encoding is the generic one,
 * the same on x86_64 and aarch64.
 *
 * <p>{@code ioctl} is variadic; it is bound with one pointer argument, which covers both requests.
 */
public final class ioctl_h extends Lib {
    private ioctl_h() {
    }

    private static final long FS_IOC_FIEMAP = 0xC020660BL;
    /** {@snippet lang=c : #define FS_IOC_FIEMAP _IOWR('f', 11, struct fiemap) } */
    public static long FS_IOC_FIEMAP() { return FS_IOC_FIEMAP; }
    private static final long BLKGETSIZE64 = 0x80081272L;
    /** {@snippet lang=c : #define BLKGETSIZE64 _IOR(0x12, 114, size_t) } */
    public static long BLKGETSIZE64() { return BLKGETSIZE64; }
    private static final long BLKSSZGET = 0x1268L;
    /** {@snippet lang=c : #define BLKSSZGET _IO(0x12, 104) } */
    public static long BLKSSZGET() { return BLKSSZGET; }
    private static final long BLKFLSBUF = 0x1261L;
    /** {@snippet lang=c : #define BLKFLSBUF _IO(0x12, 97) } */
    public static long BLKFLSBUF() { return BLKFLSBUF; }
    private static final long FIGETBSZ = 0x2L;
    /** {@snippet lang=c : #define FIGETBSZ _IO(0x00, 2) } */
    public static long FIGETBSZ() { return FIGETBSZ; }
    private static final long FIEMAP_MAX_OFFSET = 0xFFFFFFFFFFFFFFFFL;
    /** {@snippet lang=c : #define FIEMAP_MAX_OFFSET (~0ULL) } */
    public static long FIEMAP_MAX_OFFSET() { return FIEMAP_MAX_OFFSET; }
    private static final int FIEMAP_FLAG_SYNC = 0x00000001;
    /** {@snippet lang=c : #define FIEMAP_FLAG_SYNC 0x00000001 } */
    public static int FIEMAP_FLAG_SYNC() { return FIEMAP_FLAG_SYNC; }
    private static final int FIEMAP_FLAG_XATTR = 0x00000002;
    /** {@snippet lang=c : #define FIEMAP_FLAG_XATTR 0x00000002 } */
    public static int FIEMAP_FLAG_XATTR() { return FIEMAP_FLAG_XATTR; }
    private static final int FIEMAP_FLAG_CACHE = 0x00000004;
    /** {@snippet lang=c : #define FIEMAP_FLAG_CACHE 0x00000004 } */
    public static int FIEMAP_FLAG_CACHE() { return FIEMAP_FLAG_CACHE; }
    private static final int FIEMAP_EXTENT_LAST = 0x00000001;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_LAST 0x00000001 } */
    public static int FIEMAP_EXTENT_LAST() { return FIEMAP_EXTENT_LAST; }
    private static final int FIEMAP_EXTENT_UNKNOWN = 0x00000002;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_UNKNOWN 0x00000002 } */
    public static int FIEMAP_EXTENT_UNKNOWN() { return FIEMAP_EXTENT_UNKNOWN; }
    private static final int FIEMAP_EXTENT_DELALLOC = 0x00000004;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_DELALLOC 0x00000004 } */
    public static int FIEMAP_EXTENT_DELALLOC() { return FIEMAP_EXTENT_DELALLOC; }
    private static final int FIEMAP_EXTENT_ENCODED = 0x00000008;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_ENCODED 0x00000008 } */
    public static int FIEMAP_EXTENT_ENCODED() { return FIEMAP_EXTENT_ENCODED; }
    private static final int FIEMAP_EXTENT_DATA_ENCRYPTED = 0x00000080;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_DATA_ENCRYPTED 0x00000080 } */
    public static int FIEMAP_EXTENT_DATA_ENCRYPTED() { return FIEMAP_EXTENT_DATA_ENCRYPTED; }
    private static final int FIEMAP_EXTENT_NOT_ALIGNED = 0x00000100;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_NOT_ALIGNED 0x00000100 } */
    public static int FIEMAP_EXTENT_NOT_ALIGNED() { return FIEMAP_EXTENT_NOT_ALIGNED; }
    private static final int FIEMAP_EXTENT_DATA_INLINE = 0x00000200;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_DATA_INLINE 0x00000200 } */
    public static int FIEMAP_EXTENT_DATA_INLINE() { return FIEMAP_EXTENT_DATA_INLINE; }
    private static final int FIEMAP_EXTENT_DATA_TAIL = 0x00000400;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_DATA_TAIL 0x00000400 } */
    public static int FIEMAP_EXTENT_DATA_TAIL() { return FIEMAP_EXTENT_DATA_TAIL; }
    private static final int FIEMAP_EXTENT_UNWRITTEN = 0x00000800;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_UNWRITTEN 0x00000800 } */
    public static int FIEMAP_EXTENT_UNWRITTEN() { return FIEMAP_EXTENT_UNWRITTEN; }
    private static final int FIEMAP_EXTENT_MERGED = 0x00001000;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_MERGED 0x00001000 } */
    public static int FIEMAP_EXTENT_MERGED() { return FIEMAP_EXTENT_MERGED; }
    private static final int FIEMAP_EXTENT_SHARED = 0x00002000;
    /** {@snippet lang=c : #define FIEMAP_EXTENT_SHARED 0x00002000 } */
    public static int FIEMAP_EXTENT_SHARED() { return FIEMAP_EXTENT_SHARED; }

    private static class ioctl {
        public static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_LONG, C_POINTER);
        public static final MethodHandle HANDLE = downcallCapturingErrno("ioctl", DESC, Linker.Option.firstVariadicArg(2));
    }

    /** The descriptor ioctl is linked with (parameters after the errno capture segment, if any). */
    public static FunctionDescriptor ioctl$descriptor() {
        return ioctl.DESC;
    }

    /** The downcall handle of ioctl; links the function if it was not yet. */
    public static MethodHandle ioctl$handle() {
        return ioctl.HANDLE;
    }

    /** {@snippet lang=c : int ioctl(int fd, unsigned long request, ...) // bound with one pointer argument } */
    public static int ioctl(MemorySegment errno$, int fd, long request, MemorySegment arg) {
        try {
            return (int) ioctl.HANDLE.invokeExact(errno$, fd, request, arg);
        } catch (Error | RuntimeException ex) {
            throw ex;
        } catch (Throwable ex$) {
            throw unreachable(ex$);
        }
    }
}
