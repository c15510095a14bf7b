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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.krepro.sys.IoUring.Completion;
import org.krepro.runner.bench.ScratchFilesystem;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.io_uring_h;
import org.krepro.sys.ffi.io_uring_sqe;
import org.krepro.sys.ffi.stat_h;
import org.krepro.sys.ffi.statx;

/** IoUring against the running kernel on an ext4 loop image: every supported opcode checked against libc. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("root")
class IoUringKernelTest {
    ScratchFilesystem fs;

    @BeforeAll
    void mount() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for loop devices and mount");
        Path disabled = Path.of("/proc/sys/kernel/io_uring_disabled");
        assumeTrue(!Files.exists(disabled) || Files.readString(disabled).strip().equals("0"), "io_uring disabled");
        fs = ScratchFilesystem.ext4(64L << 20, "-b", "4096");
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

    static int direct() {
        return fcntl_h.O_RDWR() | fcntl_h.O_CREAT() | Abi.O_DIRECT();
    }

    @Test
    void nopsCompleteWithTheirUserDataAndAreCounted() {
        long nops = SyscallCounters.count("io_uring:NOP");
        long enters = SyscallCounters.count("io_uring_enter");
        try (IoUring ring = IoUring.open(16)) {
            assertTrue(ring.singleMmap(), "this kernel has IORING_FEAT_SINGLE_MMAP");
            for (int i = 0; i < 10; i++) {
                assertTrue(ring.prepNop(1000 + i));
            }
            List<Completion> done = ring.submitAndCollect(10);
            assertEquals(10, done.size());
            for (int i = 0; i < 10; i++) {
                assertEquals(1000 + i, done.get(i).userData());
                assertEquals(io_uring_h.IORING_OP_NOP(), done.get(i).opcode());
                assertEquals(0, done.get(i).res());
            }
            assertEquals(0, ring.cqReady());
            // the ring keeps its own counts (SyscallCounters.Local): seen while it is open...
            assertEquals(nops + 10, SyscallCounters.count("io_uring:NOP"));
            assertTrue(SyscallCounters.count("io_uring_enter") > enters);
        }
        // ...and handed to the shared counters once when it closes
        assertEquals(nops + 10, SyscallCounters.count("io_uring:NOP"));
        assertTrue(SyscallCounters.count("io_uring_enter") > enters);
    }

    @Test
    void prepSetsEveryFieldSoAReusedSlotKeepsNothing() {
        try (IoUring ring = IoUring.open(1); Arena arena = Arena.ofConfined()) {
            MemorySegment sqe = ring.sqe(0);
            MemorySegment buf = arena.allocate(4096, 4096);
            assertTrue(ring.prepReadFixed(-1, buf, 8192, 7, 42));
            assertEquals(io_uring_h.IORING_OP_READ_FIXED(), io_uring_sqe.opcode(sqe));
            assertEquals(-1, io_uring_sqe.fd(sqe));
            assertEquals(8192, io_uring_sqe.off(sqe));
            assertEquals(buf.address(), io_uring_sqe.addr(sqe));
            assertEquals(4096, io_uring_sqe.len(sqe));
            assertEquals(7, io_uring_sqe.buf_index(sqe));
            assertEquals(((long) io_uring_h.IORING_OP_READ_FIXED() << 56) | 42, io_uring_sqe.user_data(sqe));
            assertTrue(ring.submitAndCollect(1).get(0).res() < 0, "no registered buffers, no file");

            assertTrue(ring.prepNop(5)); // the same slot: a NOP is fd -1 and its user data, every other byte 0
            MemorySegment want = io_uring_sqe.allocate(arena);
            io_uring_sqe.opcode(want, (byte) io_uring_h.IORING_OP_NOP());
            io_uring_sqe.fd(want, -1);
            io_uring_sqe.user_data(want, 5);
            assertArrayEquals(want.toArray(ValueLayout.JAVA_BYTE), sqe.toArray(ValueLayout.JAVA_BYTE));
            assertEquals(0, ring.submitAndCollect(1).get(0).res());
        }
    }

    @Test
    void twoMmapFallbackWorksAndQueueFullIsReported() {
        try (IoUring ring = IoUring.open(8, 0, false)) {
            assertFalse(ring.singleMmap());
            int queued = 0;
            while (ring.prepNop(queued)) {
                queued++;
            }
            assertEquals(ring.sqEntries(), queued);
            assertEquals(0, ring.sqSpaceLeft());
            int[] seen = new int[1];
            ring.submit();
            ring.waitCompletions(queued, (ud, res, flags) -> {
                assertEquals(seen[0]++, ud);
                assertEquals(0, res);
            });
            assertEquals(queued, seen[0]);
            assertEquals(ring.sqEntries(), ring.sqSpaceLeft());
            // The slots the kernel consumed are reusable: a second full round fits.
            int again = 0;
            while (ring.prepNop(again)) {
                again++;
            }
            assertEquals(ring.sqEntries(), again);
            assertEquals(again, ring.submitAndCollect(again).size());
        }
    }

    @Test
    void readAndWriteAgreeWithLibc() {
        try (Arena arena = Arena.ofConfined(); IoUring ring = IoUring.open(8);
             NativeFile f = NativeFile.open(file("rw"), direct())) {
            MemorySegment written = AlignedBuffers.allocate(arena, 16384);
            AlignedBuffers.fillPattern(written, 0xAB, 4096);
            assertTrue(ring.prepWrite(f.fd(), written, 4096, 1));
            assertEquals(16384, ring.submitAndCollect(1).get(0).resultOrThrow());
            MemorySegment viaLibc = AlignedBuffers.allocate(arena, 16384);
            assertEquals(16384, f.pread(viaLibc, 4096));
            assertEquals(-1, AlignedBuffers.firstPatternMismatch(viaLibc, 0xAB, 4096));

            AlignedBuffers.fillPattern(viaLibc, 0xCD, 0);
            f.pwrite(viaLibc, 0);
            MemorySegment viaRing = AlignedBuffers.allocate(arena, 16384);
            assertTrue(ring.prepRead(f.fd(), viaRing, 0, 2));
            Completion c = ring.submitAndCollect(1).get(0);
            assertEquals(16384, c.resultOrThrow());
            assertEquals(io_uring_h.IORING_OP_READ(), c.opcode());
            assertEquals(-1, AlignedBuffers.firstPatternMismatch(viaRing, 0xCD, 0));

            // An error comes back as a negative errno in the completion, not as an exception of submit.
            assertTrue(ring.prepRead(f.fd(), viaRing.asSlice(0, 4096), 1, 3));
            Completion bad = ring.submitAndCollect(1).get(0);
            assertTrue(bad.res() == -errno_h.EINVAL() || bad.res() == 4096 || bad.res() == 4095, "res " + bad.res());
            assertTrue(ring.prepRead(-1, viaRing, 0, 4));
            ErrnoException e = assertThrows(ErrnoException.class, () -> ring.submitAndCollect(1).get(0).resultOrThrow());
            assertEquals("EBADF", e.errnoName());
            assertEquals("io_uring:READ", e.call());
        }
    }

    @Test
    void vectoredAndFixedBufferIoAndFsync() {
        try (Arena arena = Arena.ofConfined(); IoUring ring = IoUring.open(8);
             NativeFile f = NativeFile.open(file("vec"), direct())) {
            MemorySegment a = AlignedBuffers.allocate(arena, 4096);
            MemorySegment b = AlignedBuffers.allocate(arena, 8192);
            AlignedBuffers.fillPattern(a, 7, 0);
            AlignedBuffers.fillPattern(b, 7, 4096);
            MemorySegment iov = NativeFile.iovecs(arena, List.of(a, b));
            assertTrue(ring.prepWritev(f.fd(), iov, 2, 0, 10));
            assertEquals(12288, ring.submitAndCollect(1).get(0).resultOrThrow());
            assertTrue(ring.prepFsync(f.fd(), 0, 11));
            assertTrue(ring.prepFsync(f.fd(), io_uring_h.IORING_FSYNC_DATASYNC(), 12));
            for (Completion c : ring.submitAndCollect(2)) {
                assertEquals(io_uring_h.IORING_OP_FSYNC(), c.opcode());
                assertEquals(0, c.resultOrThrow());
            }
            MemorySegment whole = AlignedBuffers.allocate(arena, 12288);
            MemorySegment iovRead = NativeFile.iovecs(arena, List.of(whole.asSlice(0, 8192), whole.asSlice(8192)));
            assertTrue(ring.prepReadv(f.fd(), iovRead, 2, 0, 13));
            assertEquals(12288, ring.submitAndCollect(1).get(0).resultOrThrow());
            assertEquals(-1, AlignedBuffers.firstPatternMismatch(whole, 7, 0));

            MemorySegment fixedOut = AlignedBuffers.allocate(arena, 8192);
            MemorySegment fixedIn = AlignedBuffers.allocate(arena, 8192);
            ring.registerBuffers(List.of(fixedOut, fixedIn));
            AlignedBuffers.fillPattern(fixedOut, 99, 65536);
            assertTrue(ring.prepWriteFixed(f.fd(), fixedOut, 65536, 0, 14));
            assertEquals(8192, ring.submitAndCollect(1).get(0).resultOrThrow());
            assertTrue(ring.prepReadFixed(f.fd(), fixedIn.asSlice(4096), 65536 + 4096, 1, 15));
            assertEquals(4096, ring.submitAndCollect(1).get(0).resultOrThrow());
            assertEquals(-1, AlignedBuffers.firstPatternMismatch(fixedIn.asSlice(4096), 99, 65536 + 4096));
            ring.unregisterBuffers();
            MemorySegment libc = AlignedBuffers.allocate(arena, 8192);
            f.pread(libc, 65536);
            assertEquals(-1, AlignedBuffers.firstPatternMismatch(libc, 99, 65536));
        }
    }

    @Test
    void statxOpenatAndCloseAgreeWithLibc() throws IOException {
        Path p = file("meta");
        Files.writeString(p, "x".repeat(5000));
        try (Arena arena = Arena.ofConfined(); IoUring ring = IoUring.open(8)) {
            MemorySegment path = arena.allocateFrom(p.toString());
            MemorySegment buf = statx.allocate(arena);
            assertTrue(ring.prepStatx(fcntl_h.AT_FDCWD(), path, 0, stat_h.STATX_BASIC_STATS(), buf, 20));
            assertEquals(0, ring.submitAndCollect(1).get(0).resultOrThrow());
            FileStat viaRing = NativeFile.toFileStat(buf);
            FileStat viaLibc = NativeFile.statx(p);
            assertEquals(viaLibc.size(), viaRing.size());
            assertEquals(viaLibc.inode(), viaRing.inode());
            assertEquals(viaLibc.mode(), viaRing.mode());
            assertEquals(viaLibc.blocks(), viaRing.blocks());
            assertEquals(5000, viaRing.size());

            assertTrue(ring.prepOpenat(fcntl_h.AT_FDCWD(), path, fcntl_h.O_RDONLY() | fcntl_h.O_CLOEXEC(), 0, 21));
            int fd = ring.submitAndCollect(1).get(0).resultOrThrow();
            NativeFile opened = NativeFile.adopt(fd, p.toString());
            assertEquals(viaLibc.inode(), opened.statx().inode());
            MemorySegment data = arena.allocate(5000);
            assertEquals(5000, opened.pread(data, 0));
            assertTrue(ring.prepClose(fd, 22));
            assertEquals(0, ring.submitAndCollect(1).get(0).resultOrThrow());
            ErrnoException closed = assertThrows(ErrnoException.class, () -> opened.pread(data, 0));
            assertEquals("EBADF", closed.errnoName());
        }
    }

    @Test
    void probeListsTheOpsKreproUses() {
        try (IoUring ring = IoUring.open(4)) {
            for (int op : new int[] {io_uring_h.IORING_OP_NOP(), io_uring_h.IORING_OP_READ(), io_uring_h.IORING_OP_WRITE(),
                io_uring_h.IORING_OP_STATX(), io_uring_h.IORING_OP_OPENAT(), io_uring_h.IORING_OP_CLOSE(),
                io_uring_h.IORING_OP_READ_FIXED(), io_uring_h.IORING_OP_FSYNC()}) {
                assertTrue(ring.supports(op), IoUring.opName(op));
            }
            assertFalse(ring.supports(255));
        }
    }

    @Test
    void closingTheArenaClosesTheRing() {
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            IoUring ring = IoUring.open(arena, 4, 0);
            fd = ring.fd();
            assertTrue(Files.exists(Path.of("/proc/self/fd/" + fd)));
            ring.prepNop(1);
            assertEquals(1, ring.submitAndCollect(1).size());
        }
        assertFalse(Files.exists(Path.of("/proc/self/fd/" + fd)), "ring fd still open after its arena closed");
    }
}
