package org.krepro.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.fiemap;
import org.krepro.sys.ffi.fiemap_extent;
import org.krepro.sys.ffi.ioctl_h;
import org.krepro.sys.ffi.iovec;
import org.krepro.sys.ffi.stat_h;
import org.krepro.sys.ffi.statx;
import org.krepro.sys.ffi.statx_timestamp;
import org.krepro.sys.ffi.unistd_h;

/**
 * An open file descriptor: positional I/O into {@link MemorySegment}s, syncing, space management and
 * the file's extent map. Every failure throws {@link ErrnoException} naming the call, the file and the
 * arguments.
 *
 * <p>Flags are those of {@link fcntl_h} ({@code fcntl_h.O_RDWR() | Abi.O_DIRECT()}); {@code O_CLOEXEC}
 * is always added so that processes krepro starts (mkfs, fsck) do not inherit the descriptor. With
 * {@code O_DIRECT}, buffers, offsets and lengths must be aligned: see {@link AlignedBuffers}.
 *
 * <p>The positional calls may be made from several threads at once (that is how reproducers race).
 * {@link #close()} must come after all of them: closing releases the number for reuse.
 */
public final class NativeFile implements AutoCloseable {
    private final AtomicInteger fd;
    private final String name;

    private NativeFile(int fd, String name) {
        this.fd = new AtomicInteger(fd);
        this.name = name;
    }

    /** Opens {@code path} with {@code flags} ({@code O_CREAT} files get mode 0644). */
    public static NativeFile open(Path path, int flags) {
        return open(path, flags, 0644);
    }

    /** Opens {@code path} with {@code flags} and, with {@code O_CREAT}, {@code mode}. */
    public static NativeFile open(Path path, int flags, int mode) {
        MemorySegment errno = Errno.state();
        String name = path.toString();
        int fd = Syscalls.open(errno, PathStrings.of(0, name), flags | fcntl_h.O_CLOEXEC(), mode);
        if (fd < 0) {
            throw ErrnoException.fromState("open", path + ", flags=0" + Integer.toOctalString(flags)
                    + ", mode=0" + Integer.toOctalString(mode), errno);
        }
        return new NativeFile(fd, name);
    }

    /** Opens {@code name} relative to the directory {@code dir} ({@code openat(2)}); {@code mode} applies with {@code O_CREAT}. */
    public static NativeFile openAt(NativeFile dir, String name, int flags, int mode) {
        MemorySegment errno = Errno.state();
        int fd = Syscalls.openat(errno, dir.fd(), PathStrings.of(0, name), flags | fcntl_h.O_CLOEXEC(), mode);
        if (fd < 0) {
            throw ErrnoException.fromState("openat", "dirfd=" + dir.fd() + " (" + dir.name() + "), " + name
                    + ", flags=0" + Integer.toOctalString(flags) + ", mode=0" + Integer.toOctalString(mode), errno);
        }
        return new NativeFile(fd, dir.name() + "/" + name);
    }

    /**
     * Takes ownership of an open descriptor (for example one returned by an io_uring OPENAT);
     * {@code name} is used in error messages.
     */
    public static NativeFile adopt(int fd, String name) {
        if (fd < 0) {
            throw new IllegalArgumentException("not a file descriptor: " + fd);
        }
        return new NativeFile(fd, name);
    }

    /** The descriptor number (valid until {@link #close()}). */
    public int fd() {
        int n = fd.get();
        if (n < 0) {
            throw new IllegalStateException(name + " is closed");
        }
        return n;
    }

    /** The path (or name) the file was opened with. */
    public String name() {
        return name;
    }

    private String where() {
        return "fd=" + fd.get() + " (" + name + ")";
    }

    /** Reads up to {@code buffer.byteSize()} bytes at {@code offset}; returns the count read (0 at end of file). */
    public long pread(MemorySegment buffer, long offset) {
        MemorySegment errno = Errno.state();
        long n = Syscalls.pread(errno, fd(), buffer, buffer.byteSize(), offset);
        if (n < 0) {
            throw ErrnoException.fromState("pread", where() + ", count=" + buffer.byteSize() + ", offset=" + offset, errno);
        }
        return n;
    }

    /** Writes {@code buffer} at {@code offset}; returns the count written (short only on a full device or a signal). */
    public long pwrite(MemorySegment buffer, long offset) {
        MemorySegment errno = Errno.state();
        long n = Syscalls.pwrite(errno, fd(), buffer, buffer.byteSize(), offset);
        if (n < 0) {
            throw ErrnoException.fromState("pwrite", where() + ", count=" + buffer.byteSize() + ", offset=" + offset, errno);
        }
        return n;
    }

    /** Reads until {@code buffer} is full or end of file; returns the count read. */
    public long readFully(MemorySegment buffer, long offset) {
        long done = 0;
        while (done < buffer.byteSize()) {
            long n = pread(buffer.asSlice(done), offset + done);
            if (n == 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    /** Writes all of {@code buffer}, retrying short writes; fails with ENOSPC (or other) when the kernel refuses. */
    public void writeFully(MemorySegment buffer, long offset) {
        long done = 0;
        while (done < buffer.byteSize()) {
            done += pwrite(buffer.asSlice(done), offset + done);
        }
    }

    /** Vectored read at {@code offset} into {@code buffers} in order; returns the total count read. */
    public long preadv(List<MemorySegment> buffers, long offset) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment iov = iovecs(arena, buffers);
            MemorySegment errno = Errno.state();
            long n = Syscalls.preadv(errno, fd(), iov, buffers.size(), offset);
            if (n < 0) {
                throw ErrnoException.fromState("preadv", where() + ", iovcnt=" + buffers.size() + ", offset=" + offset, errno);
            }
            return n;
        }
    }

    /** Vectored write of {@code buffers} in order at {@code offset}; returns the total count written. */
    public long pwritev(List<MemorySegment> buffers, long offset) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment iov = iovecs(arena, buffers);
            MemorySegment errno = Errno.state();
            long n = Syscalls.pwritev(errno, fd(), iov, buffers.size(), offset);
            if (n < 0) {
                throw ErrnoException.fromState("pwritev", where() + ", iovcnt=" + buffers.size() + ", offset=" + offset, errno);
            }
            return n;
        }
    }

    /** An array of {@code struct iovec} describing {@code buffers}, allocated in {@code arena}. */
    public static MemorySegment iovecs(Arena arena, List<MemorySegment> buffers) {
        MemorySegment iov = iovec.allocateArray(buffers.size(), arena);
        for (int i = 0; i < buffers.size(); i++) {
            MemorySegment one = iovec.asSlice(iov, i);
            iovec.iov_base(one, buffers.get(i));
            iovec.iov_len(one, buffers.get(i).byteSize());
        }
        return iov;
    }

    /** {@code fsync(2)}: data and metadata to stable storage. */
    public void fsync() {
        MemorySegment errno = Errno.state();
        if (Syscalls.fsync(errno, fd()) < 0) {
            throw ErrnoException.fromState("fsync", where(), errno);
        }
    }

    /** {@code fdatasync(2)}: data and the metadata needed to read it back. */
    public void fdatasync() {
        MemorySegment errno = Errno.state();
        if (Syscalls.fdatasync(errno, fd()) < 0) {
            throw ErrnoException.fromState("fdatasync", where(), errno);
        }
    }

    /** Sets the file size to {@code length}. */
    public void ftruncate(long length) {
        MemorySegment errno = Errno.state();
        if (Syscalls.ftruncate(errno, fd(), length) < 0) {
            throw ErrnoException.fromState("ftruncate", where() + ", length=" + length, errno);
        }
    }

    /**
     * {@code lseek(fd, from, SEEK_DATA)}: the first offset at or after {@code from} that holds data, or -1
     * when there is none before the end of the file (ENXIO).
     */
    public long nextData(long from) {
        return seek(from, unistd_h.SEEK_DATA(), "SEEK_DATA");
    }

    /**
     * {@code lseek(fd, from, SEEK_HOLE)}: the first offset at or after {@code from} in a hole (the end of
     * the file counts as one), or -1 when {@code from} is at or past the end (ENXIO).
     */
    public long nextHole(long from) {
        return seek(from, unistd_h.SEEK_HOLE(), "SEEK_HOLE");
    }

    private long seek(long from, int whence, String name) {
        MemorySegment errno = Errno.state();
        long r = Syscalls.lseek(errno, fd(), from, whence);
        if (r < 0) {
            ErrnoException e = ErrnoException.fromState("lseek", where() + ", offset=" + from + ", " + name, errno);
            if (e.is(errno_h.ENXIO())) {
                return -1;
            }
            throw e;
        }
        return r;
    }

    /** {@code fallocate(2)} with {@code FALLOC_FL_*} {@code mode} bits (0 allocates and extends the size). */
    public void fallocate(int mode, long offset, long length) {
        MemorySegment errno = Errno.state();
        if (Syscalls.fallocate(errno, fd(), mode, offset, length) < 0) {
            throw ErrnoException.fromState("fallocate", where() + ", mode=0x" + Integer.toHexString(mode)
                    + ", offset=" + offset + ", len=" + length, errno);
        }
    }

    /** Deallocates {@code [offset, offset+length)} keeping the size ({@code PUNCH_HOLE | KEEP_SIZE}). */
    public void punchHole(long offset, long length) {
        fallocate(fcntl_h.FALLOC_FL_PUNCH_HOLE() | fcntl_h.FALLOC_FL_KEEP_SIZE(), offset, length);
    }

    /** Zeroes {@code [offset, offset+length)}, usually by converting it to unwritten extents ({@code ZERO_RANGE}). */
    public void zeroRange(long offset, long length) {
        fallocate(fcntl_h.FALLOC_FL_ZERO_RANGE(), offset, length);
    }

    /**
     * {@code sync_file_range(2)} with {@code SYNC_FILE_RANGE_*} flags: starts (and with the WAIT flags
     * waits for) writeback of a range without the metadata. {@code nbytes} 0 means to end of file.
     */
    public void syncFileRange(long offset, long nbytes, int flags) {
        MemorySegment errno = Errno.state();
        if (Syscalls.sync_file_range(errno, fd(), offset, nbytes, flags) < 0) {
            throw ErrnoException.fromState("sync_file_range", where() + ", offset=" + offset + ", nbytes=" + nbytes
                    + ", flags=0x" + Integer.toHexString(flags), errno);
        }
    }

    /**
     * {@code posix_fadvise(2)} with a {@code POSIX_FADV_*} advice ({@code DONTNEED} drops clean page
     * cache of the range). The call returns its error instead of setting errno; it is thrown the same way.
     */
    public void fadvise(long offset, long length, int advice) {
        int err = Syscalls.posix_fadvise(fd(), offset, length, advice);
        if (err != 0) {
            throw new ErrnoException("posix_fadvise", where() + ", offset=" + offset + ", len=" + length
                    + ", advice=" + advice, err);
        }
    }

    /** {@code statx(2)} of this descriptor ({@code AT_EMPTY_PATH}), basic stats plus O_DIRECT alignment. */
    public FileStat statx() {
        return statx(fd(), PathStrings.of(0, ""), fcntl_h.AT_EMPTY_PATH(), this, null);
    }

    /** {@code statx(2)} of {@code path} (following symlinks). */
    public static FileStat statx(Path path) {
        String name = path.toString();
        return statx(fcntl_h.AT_FDCWD(), PathStrings.of(0, name), 0, null, name);
    }

    /** Each thread's {@code struct statx}: copied out into a {@link FileStat} before the call returns. */
    private static final ThreadLocal<MemorySegment> STATX_BUFFER = ThreadLocal.withInitial(() -> statx.allocate(Arena.ofAuto()));

    /** The failure names {@code file} or, without one, {@code path} (built only then: this is on metadata loops). */
    private static FileStat statx(int dirfd, MemorySegment path, int flags, NativeFile file, String name) {
        MemorySegment buf = STATX_BUFFER.get();
        MemorySegment errno = Errno.state();
        int mask = stat_h.STATX_BASIC_STATS() | stat_h.STATX_DIOALIGN();
        if (Syscalls.statx(errno, dirfd, path, flags, mask, buf) < 0) {
            throw ErrnoException.fromState("statx", file != null ? file.where() : name, errno);
        }
        return toFileStat(buf);
    }

    /** Copies a filled {@code struct statx} (from {@code statx(2)} or an io_uring STATX) into a {@link FileStat}. */
    public static FileStat toFileStat(MemorySegment buf) {
        MemorySegment mtime = statx.stx_mtime(buf);
        return new FileStat(statx.stx_mask(buf), Short.toUnsignedInt(statx.stx_mode(buf)), statx.stx_size(buf),
                statx.stx_blocks(buf), statx.stx_blksize(buf), statx.stx_ino(buf), statx.stx_nlink(buf),
                statx.stx_dev_major(buf), statx.stx_dev_minor(buf), statx_timestamp.tv_sec(mtime),
                statx_timestamp.tv_nsec(mtime), statx.stx_dio_mem_align(buf), statx.stx_dio_offset_align(buf));
    }

    /** The whole file's extent map after syncing its data ({@code FIEMAP_FLAG_SYNC}), so delalloc ranges get placed. */
    public List<Extent> fiemap() {
        return fiemap(0, ioctl_h.FIEMAP_MAX_OFFSET(), ioctl_h.FIEMAP_FLAG_SYNC());
    }

    /**
     * The extents overlapping {@code [start, start+length)}, with {@code FIEMAP_FLAG_*} {@code flags};
     * asks in batches of 256 extents until the last one.
     */
    public List<Extent> fiemap(long start, long length, int flags) {
        final int batch = 256;
        List<Extent> out = new ArrayList<>();
        long end = length == ioctl_h.FIEMAP_MAX_OFFSET() ? Long.MAX_VALUE : start + length;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = arena.allocate(fiemap.sizeof() + batch * fiemap_extent.sizeof(), 8);
            MemorySegment errno = Errno.state();
            long next = start;
            while (Long.compareUnsigned(next, end) < 0) {
                req.fill((byte) 0);
                fiemap.fm_start(req, next);
                fiemap.fm_length(req, end == Long.MAX_VALUE ? ioctl_h.FIEMAP_MAX_OFFSET() : end - next);
                fiemap.fm_flags(req, flags);
                fiemap.fm_extent_count(req, batch);
                if (Syscalls.ioctl(errno, fd(), ioctl_h.FS_IOC_FIEMAP(), req) < 0) {
                    throw ErrnoException.fromState("ioctl", where() + ", FS_IOC_FIEMAP, start=" + next, errno);
                }
                int mapped = fiemap.fm_mapped_extents(req);
                MemorySegment extents = req.asSlice(fiemap.fm_extents$offset());
                Extent last = null;
                for (int i = 0; i < mapped; i++) {
                    MemorySegment e = fiemap_extent.asSlice(extents, i);
                    last = new Extent(fiemap_extent.fe_logical(e), fiemap_extent.fe_physical(e),
                            fiemap_extent.fe_length(e), fiemap_extent.fe_flags(e));
                    out.add(last);
                }
                if (last == null || last.isLast() || mapped < batch) {
                    break;
                }
                next = last.logical() + last.length();
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The size in bytes of the block device this descriptor is open on ({@code BLKGETSIZE64}). */
    public long blockDeviceSize() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment errno = Errno.state();
            if (Syscalls.ioctl(errno, fd(), ioctl_h.BLKGETSIZE64(), size) < 0) {
                throw ErrnoException.fromState("ioctl", where() + ", BLKGETSIZE64", errno);
            }
            return size.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /** Closes the descriptor (once; later calls do nothing). A failing close (EIO from writeback) is thrown. */
    @Override
    public void close() {
        int n = fd.getAndSet(-1);
        if (n < 0) {
            return;
        }
        MemorySegment errno = Errno.state();
        if (Syscalls.close(errno, n) < 0) {
            throw ErrnoException.fromState("close", "fd=" + n + " (" + name + ")", errno);
        }
    }

    @Override
    public String toString() {
        return "NativeFile[" + where() + "]";
    }
}
