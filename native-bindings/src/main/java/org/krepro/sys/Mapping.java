package org.krepro.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Consumer;
import org.krepro.sys.ffi.mman_h;
import org.krepro.sys.ffi.unistd_h;

/**
 * A memory mapping ({@code mmap(2)}) whose {@link #segment()} is valid exactly as long as the mapping:
 * the region is unmapped when its {@link Arena} closes, so no Java code can touch it afterwards.
 *
 * <p>Two lifetimes: {@link #map(NativeFile, long, long, int, int)} and {@link #anonymous(long)} own a
 * shared arena (usable from every thread) that {@link #close()} closes; the {@code map(Arena, ...)}
 * variants bind the mapping to the caller's arena, and {@link #close()} then leaves it to that arena.
 *
 * <p>Stores through {@link #segment()} into a {@code MAP_SHARED} file mapping are the page faults
 * ({@code page_mkwrite}) the reproducers race against; a store that the kernel refuses (SIGBUS past
 * the end of file, ENOSPC in page_mkwrite) kills the JVM unless it is made from a process that expects
 * it, as with any native code.
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class Mapping implements AutoCloseable {
    private static final long PAGE_SIZE = pageSize0();

    private final MemorySegment segment;
    private final Arena ownArena;
    private final String name;
    private final long fileOffset;

    private Mapping(MemorySegment segment, Arena ownArena, String name, long fileOffset) {
        this.segment = segment;
        this.ownArena = ownArena;
        this.name = name;
        this.fileOffset = fileOffset;
    }

    /** What is mapped, for messages (built only when needed: mapping is on benchmarked paths). */
    private String what() {
        return name + ", offset=" + fileOffset + ", length=" + segment.byteSize();
    }

    private static long pageSize0() {
        MemorySegment errno = Errno.state();
        long n = Syscalls.sysconf(errno, unistd_h._SC_PAGESIZE());
        if (n <= 0) {
            throw ErrnoException.fromState("sysconf", "_SC_PAGESIZE", errno);
        }
        return n;
    }

    /** The system page size (4096 on x86_64; 4096, 16384 or 65536 on aarch64). */
    public static long pageSize() {
        return PAGE_SIZE;
    }

    /** Maps {@code length} bytes of {@code file} at {@code offset} with {@code PROT_*} and {@code MAP_*} bits; {@link #close()} unmaps. */
    public static Mapping map(NativeFile file, long offset, long length, int prot, int flags) {
        Arena arena = Arena.ofShared();
        try {
            return map(arena, arena, file.fd(), file.name(), offset, length, prot, flags);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Maps {@code length} bytes of {@code file} at {@code offset}; unmapped when {@code arena} closes. */
    public static Mapping map(Arena arena, NativeFile file, long offset, long length, int prot, int flags) {
        return map(arena, null, file.fd(), file.name(), offset, length, prot, flags);
    }

    /** A read-write {@code MAP_SHARED} mapping of {@code length} bytes of {@code file} at {@code offset}. */
    public static Mapping shared(NativeFile file, long offset, long length) {
        return map(file, offset, length, mman_h.PROT_READ() | mman_h.PROT_WRITE(), mman_h.MAP_SHARED());
    }

    /** {@code length} bytes of private anonymous memory (zero-filled on first touch). */
    public static Mapping anonymous(long length) {
        Arena arena = Arena.ofShared();
        try {
            return anonymous(arena, arena, length);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** {@code length} bytes of private anonymous memory, unmapped when {@code arena} closes. */
    public static Mapping anonymous(Arena arena, long length) {
        return anonymous(arena, null, length);
    }

    private static Mapping anonymous(Arena arena, Arena own, long length) {
        return map(arena, own, -1, "anonymous", 0, length, mman_h.PROT_READ() | mman_h.PROT_WRITE(),
                mman_h.MAP_PRIVATE() | mman_h.MAP_ANONYMOUS());
    }

    private static Mapping map(Arena arena, Arena own, int fd, String name, long offset, long length, int prot, int flags) {
        long address = Syscalls.mmapOrErrno(0, length, prot, flags, fd, offset);
        if (RawSyscall.failed(address)) {
            throw mmapFailed(name, offset, length, prot, flags, (int) -address);
        }
        // Sized first so that UNMAP, which then captures nothing, is handed the length along with the address.
        MemorySegment segment = MemorySegment.ofAddress(address).reinterpret(length).reinterpret(arena, UNMAP);
        return new Mapping(segment, own, name, offset);
    }

    private static ErrnoException mmapFailed(String name, long offset, long length, int prot, int flags, int errno) {
        return new ErrnoException("mmap", name + ", offset=" + offset + ", length=" + length + ", prot=0x"
                + Integer.toHexString(prot) + ", flags=0x" + Integer.toHexString(flags), errno);
    }

    /**
     * The arena's cleanup action, run after every access through the segment has become impossible; one
     * instance for every mapping. With {@link Syscalls#mmapOrErrno} it keeps {@code map} compiled at about
     * 2.1 KB, under C2's InlineSmallCode (2.5 KB): at 3.0 KB, callers compiled after it called it instead
     * of inlining it, and that cost 5% of an anonymous mmap + store + munmap (runner README, Benchmarks).
     */
    private static final Consumer<MemorySegment> UNMAP = Mapping::unmap;

    private static void unmap(MemorySegment mapped) {
        int ret = Syscalls.munmapOrErrno(mapped.address(), mapped.byteSize());
        if (RawSyscall.failed(ret)) {
            throw new ErrnoException("munmap", "addr=0x" + Long.toHexString(mapped.address()) + ", length=" + mapped.byteSize(), -ret);
        }
    }

    /** The mapped memory; invalid (accesses throw) once the mapping is unmapped. */
    public MemorySegment segment() {
        return segment;
    }

    /** The mapping's length in bytes. */
    public long length() {
        return segment.byteSize();
    }

    /** Stores one byte: for a shared file mapping, the write fault that dirties the page. */
    public void storeByte(long offset, byte value) {
        segment.set(ValueLayout.JAVA_BYTE, offset, value);
    }

    /** Loads one byte (faulting the page in). */
    public byte loadByte(long offset) {
        return segment.get(ValueLayout.JAVA_BYTE, offset);
    }

    /** Stores one byte in every page, dirtying (or populating) the whole mapping. */
    public void touchEveryPage(byte value) {
        for (long off = 0; off < segment.byteSize(); off += PAGE_SIZE) {
            segment.set(ValueLayout.JAVA_BYTE, off, value);
        }
    }

    /** {@code msync(2)} of the whole mapping with {@code MS_*} flags. */
    public void msync(int flags) {
        msync(0, segment.byteSize(), flags);
    }

    /** {@code msync(2)} of {@code [offset, offset+length)} of the mapping ({@code offset} page-aligned). */
    public void msync(long offset, long length, int flags) {
        MemorySegment errno = Errno.state();
        if (Syscalls.msync(errno, segment.asSlice(offset, length), length, flags) < 0) {
            throw ErrnoException.fromState("msync", what() + ", range=" + offset + "+" + length + ", flags=" + flags, errno);
        }
    }

    /** {@code madvise(2)} of the whole mapping with a {@code MADV_*} advice ({@code MADV_PAGEOUT} reclaims). */
    public void madvise(int advice) {
        madvise(0, segment.byteSize(), advice);
    }

    /** {@code madvise(2)} of {@code [offset, offset+length)} of the mapping ({@code offset} page-aligned). */
    public void madvise(long offset, long length, int advice) {
        MemorySegment errno = Errno.state();
        if (Syscalls.madvise(errno, segment.asSlice(offset, length), length, advice) < 0) {
            throw ErrnoException.fromState("madvise", what() + ", range=" + offset + "+" + length + ", advice=" + advice, errno);
        }
    }

    /**
     * {@code mincore(2)}: for each page of the mapping, whether it is resident in memory (for a file
     * mapping: in the page cache, whether or not this process mapped it).
     */
    public boolean[] residency() {
        long pages = (segment.byteSize() + PAGE_SIZE - 1) / PAGE_SIZE;
        boolean[] out = new boolean[Math.toIntExact(pages)];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vec = arena.allocate(pages);
            MemorySegment errno = Errno.state();
            if (Syscalls.mincore(errno, segment, segment.byteSize(), vec) < 0) {
                throw ErrnoException.fromState("mincore", what(), errno);
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = (vec.get(ValueLayout.JAVA_BYTE, i) & 1) != 0;
            }
        }
        return out;
    }

    /** The number of the mapping's pages resident in memory ({@link #residency()}). */
    public int residentPages() {
        int n = 0;
        for (boolean r : residency()) {
            n += r ? 1 : 0;
        }
        return n;
    }

    /** {@code mlock(2)} of the whole mapping: faults it in and keeps it from reclaim. */
    public void mlock() {
        MemorySegment errno = Errno.state();
        if (Syscalls.mlock(errno, segment, segment.byteSize()) < 0) {
            throw ErrnoException.fromState("mlock", what(), errno);
        }
    }

    /** {@code munlock(2)} of the whole mapping. */
    public void munlock() {
        MemorySegment errno = Errno.state();
        if (Syscalls.munlock(errno, segment, segment.byteSize()) < 0) {
            throw ErrnoException.fromState("munlock", what(), errno);
        }
    }

    /**
     * Unmaps when this mapping owns its arena; for a mapping made on a caller's arena does nothing (the
     * arena unmaps when it closes).
     */
    @Override
    public void close() {
        if (ownArena != null && ownArena.scope().isAlive()) {
            ownArena.close();
        }
    }

    @Override
    public String toString() {
        return "Mapping[" + what() + "]";
    }
}
