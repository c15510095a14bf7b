package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.krepro.runner.bench.ScratchFilesystem;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.mman_h;
import org.krepro.sys.ffi.stat_h;

/** NativeFile, Mapping and AlignedBuffers against the running kernel, on an ext4 loop image made here. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("root")
class FileIoKernelTest {
    static final long MiB = 1 << 20;
    ScratchFilesystem fs;

    @BeforeAll
    void mount() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for loop devices and mount");
        fs = ScratchFilesystem.ext4(64 * MiB, "-b", "4096");
    }

    @AfterAll
    void unmount() throws IOException {
        if (fs != null) {
            fs.close();
        }
    }

    Path file(String name) {
        return fs.mountPoint().resolve(name);
    }

    static int rwCreate() {
        return fcntl_h.O_RDWR() | fcntl_h.O_CREAT();
    }

    @Test
    void directIoRoundTripWithAlignedMemory() {
        try (Arena arena = Arena.ofConfined();
             NativeFile f = NativeFile.open(file("direct"), rwCreate() | Abi.O_DIRECT())) {
            MemorySegment out = AlignedBuffers.allocate(arena, 64 * 1024);
            assertTrue(AlignedBuffers.isAligned(out, 4096));
            AlignedBuffers.fillPattern(out, 0xD1EC7L, 8192);
            assertEquals(out.byteSize(), f.pwrite(out, 8192));
            MemorySegment in = AlignedBuffers.allocate(arena, 64 * 1024);
            assertEquals(in.byteSize(), f.pread(in, 8192));
            assertEquals(-1, AlignedBuffers.firstPatternMismatch(in, 0xD1EC7L, 8192));
            assertEquals(8192 + 64 * 1024, f.statx().size());
        }
    }

    @Test
    void openAtCreatesRelativeToADirectory() {
        try (NativeFile dir = NativeFile.open(fs.mountPoint(), fcntl_h.O_RDONLY() | Abi.O_DIRECTORY());
             NativeFile f = NativeFile.openAt(dir, "at", rwCreate() | fcntl_h.O_EXCL(), 0600)) {
            assertEquals(0600, f.statx().mode() & 0777);
            assertEquals(f.statx().inode(), NativeFile.statx(file("at")).inode());
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> NativeFile.openAt(dir, "at", rwCreate() | fcntl_h.O_EXCL(), 0600));
            assertEquals("EEXIST", e.errnoName());
            assertEquals("openat", e.call());
        }
    }

    @Test
    void statxReportsDirectIoAlignmentAndType() {
        try (NativeFile f = NativeFile.open(file("stat"), rwCreate())) {
            f.ftruncate(12345);
            FileStat st = f.statx();
            assertEquals(12345, st.size());
            assertEquals(stat_h.S_IFREG(), st.mode() & stat_h.S_IFMT());
            assertEquals(st, NativeFile.statx(file("stat")));
            if ((st.mask() & stat_h.STATX_DIOALIGN()) != 0) {
                assertTrue(st.dioMemAlign() > 0 && st.dioOffsetAlign() > 0, st.toString());
            }
        }
    }

    @Test
    void vectoredIoAndSyncCalls() {
        try (Arena arena = Arena.ofConfined(); NativeFile f = NativeFile.open(file("vec"), rwCreate())) {
            MemorySegment a = arena.allocateFrom("hello, ");
            MemorySegment b = arena.allocateFrom("world");
            assertEquals(a.byteSize() + b.byteSize(), f.pwritev(List.of(a, b), 100));
            f.fdatasync();
            f.syncFileRange(0, 0, fcntl_h.SYNC_FILE_RANGE_WAIT_BEFORE() | fcntl_h.SYNC_FILE_RANGE_WRITE()
                    | fcntl_h.SYNC_FILE_RANGE_WAIT_AFTER());
            f.fsync();
            MemorySegment x = arena.allocate(a.byteSize());
            MemorySegment y = arena.allocate(b.byteSize());
            assertEquals(x.byteSize() + y.byteSize(), f.preadv(List.of(x, y), 100));
            assertEquals("hello, ", x.getString(0));
            assertEquals("world", y.getString(0));
        }
    }

    @Test
    void fallocatePunchHoleFreesBlocks() {
        try (NativeFile f = NativeFile.open(file("holes"), rwCreate())) {
            f.fallocate(0, 0, MiB);
            long before = f.statx().blocks();
            assertTrue(before >= MiB / 512, "allocated blocks: " + before);
            assertTrue(f.fiemap().stream().allMatch(Extent::isUnwritten), "fallocated extents are unwritten");
            f.punchHole(0, MiB / 2);
            assertEquals(MiB, f.statx().size());
            assertTrue(f.statx().blocks() <= before - MiB / 2 / 512, "blocks after punch: " + f.statx().blocks());
        }
    }

    @Test
    void pageoutThroughMappingEvictsPagesAsMincoreShows() {
        long len = 64 * 4096;
        try (Arena arena = Arena.ofConfined(); NativeFile f = NativeFile.open(file("pageout"), rwCreate())) {
            MemorySegment data = arena.allocate(len);
            data.fill((byte) 0x5a);
            // One write per page, so the page cache holds 64 order-0 folios. A single 256 KiB write gets one
            // order-6 folio on ext4 (6.18), and when the mapping of that folio crosses a 2 MiB page-table
            // boundary MADV_PAGEOUT must split it first; the split fails and nothing is paged out: "left 64
            // of 64 resident", as CI saw. 63 of the 512 page offsets in a 2 MiB block make a 64-page mapping
            // cross (12%); a C program doing this test on fresh ext4 mounts failed 25 times in 170, and of
            // 20 runs with the address printed the 7 failures all crossed, the 13 successes none. Written a
            // page at a time: 0 failures in 180. Where mmap puts the mapping is not ours to choose.
            for (long off = 0; off < len; off += 4096) {
                f.writeFully(data.asSlice(off, 4096), off);
            }
            f.fsync(); // clean pages can be reclaimed at once
            try (Mapping m = Mapping.map(f, 0, len, mman_h.PROT_READ(), mman_h.MAP_SHARED())) {
                for (long off = 0; off < len; off += Mapping.pageSize()) {
                    assertEquals((byte) 0x5a, m.loadByte(off));
                }
                assertEquals(64, m.residentPages(), "pages in cache after the write");
                m.madvise(mman_h.MADV_COLD()); // only deactivates: the pages stay
                m.madvise(mman_h.MADV_PAGEOUT());
                int resident = m.residentPages();
                assertTrue(resident < 64, "MADV_PAGEOUT left " + resident + " of 64 pages resident");
            }
        }
    }

    @Test
    void mlockFaultsInAnonymousMemory() {
        try (Mapping m = Mapping.anonymous(16 * Mapping.pageSize())) {
            assertEquals(0, m.residentPages(), "untouched anonymous memory has no pages");
            m.mlock();
            assertEquals(16, m.residentPages());
            m.munlock();
            m.madvise(mman_h.MADV_DONTNEED());
            assertEquals(0, m.residentPages(), "MADV_DONTNEED drops private anonymous pages");
        }
    }

    @Test
    void fadviseDontneedDropsCleanPageCache() {
        long len = 32 * 4096;
        try (Arena arena = Arena.ofConfined(); NativeFile f = NativeFile.open(file("fadvise"), rwCreate())) {
            f.writeFully(arena.allocate(len), 0);
            f.fsync();
            try (Mapping m = Mapping.map(f, 0, len, mman_h.PROT_READ(), mman_h.MAP_SHARED())) {
                assertEquals(32, m.residentPages());
                f.fadvise(0, 0, fcntl_h.POSIX_FADV_DONTNEED());
                assertEquals(0, m.residentPages());
            }
            ErrnoException e = assertThrows(ErrnoException.class, () -> f.fadvise(0, 0, 1234));
            assertTrue(e.is(errno_h.EINVAL()), e.getMessage());
        }
    }

    @Test
    void seekDataAndSeekHoleWalkASparseFile() {
        try (Arena arena = Arena.ofConfined(); NativeFile f = NativeFile.open(file("sparse"), rwCreate())) {
            f.ftruncate(64 * 4096);
            f.writeFully(arena.allocate(2 * 4096), 8 * 4096);    // data in [32k, 40k)
            f.writeFully(arena.allocate(4096), 20 * 4096);       // and [80k, 84k)
            f.fsync();
            assertEquals(8 * 4096, f.nextData(0));
            assertEquals(10 * 4096, f.nextHole(8 * 4096));
            assertEquals(20 * 4096, f.nextData(10 * 4096));
            assertEquals(21 * 4096, f.nextHole(20 * 4096));
            assertEquals(-1, f.nextData(21 * 4096), "no data before the end: ENXIO");
            assertEquals(21 * 4096, f.nextHole(21 * 4096), "already in a hole");
            assertEquals(-1, f.nextHole(64 * 4096), "at the end: ENXIO");
        }
    }

    @Test
    void sharedStoreAndMsyncReachTheDisk() {
        try (Arena arena = Arena.ofConfined(); NativeFile f = NativeFile.open(file("shared"), rwCreate())) {
            f.ftruncate(2 * 4096);
            try (Mapping m = Mapping.shared(f, 0, 2 * 4096)) {
                m.storeByte(4096 + 7, (byte) 0x42);
                m.segment().set(ValueLayout.JAVA_LONG, 0, 0x1122334455667788L);
                m.msync(mman_h.MS_SYNC());
            }
            // Read back with O_DIRECT: from the device, not from the page cache the mapping shares.
            try (NativeFile direct = NativeFile.open(file("shared"), fcntl_h.O_RDONLY() | Abi.O_DIRECT())) {
                MemorySegment buf = AlignedBuffers.allocate(arena, 2 * 4096);
                assertEquals(2 * 4096, direct.pread(buf, 0));
                assertEquals(0x1122334455667788L, buf.get(ValueLayout.JAVA_LONG, 0));
                assertEquals((byte) 0x42, buf.get(ValueLayout.JAVA_BYTE, 4096 + 7));
            }
        }
    }

    @Test
    void mappingOnACallersArenaIsUnmappedWhenTheArenaCloses() {
        MemorySegment segment;
        long munmaps = SyscallCounters.count("munmap");
        try (Arena arena = Arena.ofConfined(); NativeFile f = NativeFile.open(file("arena-map"), rwCreate())) {
            f.ftruncate(4 * 4096);
            Mapping m = Mapping.map(arena, f, 0, 4 * 4096, mman_h.PROT_READ() | mman_h.PROT_WRITE(), mman_h.MAP_SHARED());
            m.close(); // does nothing: the arena owns the mapping
            m.storeByte(3 * 4096, (byte) 9);
            // The stored page is resident; its neighbours only if readahead/fault-around brought them in.
            assertTrue(m.residentPages() >= 1, "stored page resident");
            segment = m.segment();
        }
        MemorySegment gone = segment;
        assertThrows(IllegalStateException.class, () -> gone.get(ValueLayout.JAVA_BYTE, 0));
        assertTrue(SyscallCounters.count("munmap") >= munmaps + 1, "the arena's cleanup called munmap");
    }

    @Test
    void fiemapPhysicalOffsetHoldsTheFileDataOnTheLoopDevice() {
        try (Arena arena = Arena.ofConfined(); NativeFile f = NativeFile.open(file("fiemap"), rwCreate())) {
            MemorySegment data = AlignedBuffers.allocate(arena, 3 * 4096);
            AlignedBuffers.fillPattern(data, 0xF1E3A9L, 0);
            f.writeFully(data, 0);
            List<Extent> extents = f.fiemap(); // FIEMAP_FLAG_SYNC: delalloc gets placed
            assertFalse(extents.isEmpty());
            Extent first = extents.get(0);
            assertEquals(0, first.logical());
            assertTrue(first.hasPlainPhysicalLocation(), first.flagNames().toString());
            assertTrue(extents.get(extents.size() - 1).isLast());
            try (NativeFile dev = NativeFile.open(fs.device(), fcntl_h.O_RDONLY() | Abi.O_DIRECT())) {
                assertEquals(64 * MiB, dev.blockDeviceSize());
                MemorySegment onDisk = AlignedBuffers.allocate(arena, 4096);
                long secondBlock = first.length() >= 2 * 4096 ? first.physical() + 4096 : extents.get(1).physical();
                assertEquals(4096, dev.pread(onDisk, secondBlock));
                assertArrayEquals(data.asSlice(4096, 4096).toArray(ValueLayout.JAVA_BYTE),
                        onDisk.toArray(ValueLayout.JAVA_BYTE));
            }
        }
    }

    @Test
    void errnoIsNamedAndCarriesTheCall() {
        Path missing = file("no/such/file");
        ErrnoException e = assertThrows(ErrnoException.class, () -> NativeFile.open(missing, fcntl_h.O_RDONLY()));
        assertEquals(errno_h.ENOENT(), e.errno());
        assertEquals("ENOENT", e.errnoName());
        assertEquals("open", e.call());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        ErrnoException exists = assertThrows(ErrnoException.class,
                () -> NativeFile.open(fs.mountPoint(), fcntl_h.O_RDWR()));
        assertEquals("EISDIR", exists.errnoName());
        // The raw block device enforces O_DIRECT alignment (ext4 may fall back to buffered I/O instead).
        try (Arena arena = Arena.ofConfined();
             NativeFile dev = NativeFile.open(fs.device(), fcntl_h.O_RDONLY() | Abi.O_DIRECT())) {
            MemorySegment buf = AlignedBuffers.allocate(arena, 4096);
            ErrnoException misaligned = assertThrows(ErrnoException.class, () -> dev.pread(buf, 1));
            assertTrue(misaligned.is(errno_h.EINVAL()), misaligned.getMessage());
            assertEquals("pread", misaligned.call());
        }
    }

    @Test
    void everyCallIsCounted() {
        long preads = SyscallCounters.count("pread");
        try (Arena arena = Arena.ofConfined(); NativeFile f = NativeFile.open(file("count"), rwCreate())) {
            f.pread(arena.allocate(16), 0);
            f.pread(arena.allocate(16), 0);
        }
        assertTrue(SyscallCounters.count("pread") >= preads + 2);
        assertTrue(SyscallCounters.snapshot().keySet().containsAll(List.of("open", "pread", "close")));
    }
}
