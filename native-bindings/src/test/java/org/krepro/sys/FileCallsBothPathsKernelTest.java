package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.mman_h;

/**
 * The file, path and mapping calls libc wraps, which {@link Syscalls} makes through {@link RawSyscall}
 * on x86-64 and through libc elsewhere: one script of calls, successes and failures, run in this JVM
 * and in a child JVM with the raw path turned off, must print the same transcript, and the transcript
 * must say what the kernel did.
 */
class FileCallsBothPathsKernelTest {

    @Test
    void rawAndLibcPathsAgreeOnResultsAndErrnos(@TempDir Path dir) throws Exception {
        Path here = Files.createDirectory(dir.resolve("here"));
        Path child = Files.createDirectory(dir.resolve("child"));
        List<String> mine = script(here);

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-D" + RawSyscall.PROPERTY + "=false",
                "-cp", System.getProperty("java.class.path"), LibcScript.class.getName(), child.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        List<String> theirs = out.lines().toList();
        assertEquals("raw false", theirs.getFirst(), "the child did not take the libc path");
        assertEquals(List.of("raw " + RawSyscall.AVAILABLE), mine.subList(0, 1));
        assertEquals(mine.subList(1, mine.size()), theirs.subList(1, theirs.size()));

        assertEquals(List.of(
                "mkdir d: ok", "mkdir d again: EEXIST",
                "open d/grün-ß: ok, visible to java.nio: true",
                "pwrite 5 at 4096: 5", "pread at 4096: hello", "statx size 4101",
                "ftruncate 8192, statx size 8192", "fallocate keep-size 16384: size 8192, 512-byte blocks >= 32: true",
                "fsync ok, fdatasync ok", "statx of the path: size 8192, regular file: true",
                "rename to r: ok", "open the old name: ENOENT", "open a 5000-byte name: ENAMETOOLONG",
                "rename a missing file: ENOENT",
                "mmap 4096: store 42, load 42", "mmap of length 0: EINVAL", "mincore after the arena closed: ENOMEM", "mmap through Mapping of length 0: EINVAL",
                "mmap of length 0, kernel's result: EINVAL", "munmap of an unaligned address, kernel's result: EINVAL",
                "rmdir d holding r, if empty: false", "rmdir d/e, if empty: true", "rmdir d/e again, if empty: ENOENT",
                "unlink r: ok", "unlink r again: ENOENT", "rmdir d: ok", "close a closed descriptor: EBADF"),
                mine.subList(1, mine.size()));
    }

    /** The child's side: the same script with {@code -Dkrepro.sys.rawSyscalls=false}. */
    public static final class LibcScript {
        public static void main(String[] args) {
            script(Path.of(args[0])).forEach(System.out::println);
        }
    }

    static List<String> script(Path root) {
        List<String> out = new ArrayList<>();
        out.add("raw " + RawSyscall.AVAILABLE);
        Path d = root.resolve("d");
        out.add("mkdir d: " + attempt(() -> PathCalls.mkdir(d)));
        out.add("mkdir d again: " + attempt(() -> PathCalls.mkdir(d)));
        Path file = d.resolve("grün-ß"); // UTF-8 on the way in, as java.nio spells it
        try (Arena arena = Arena.ofConfined();
             NativeFile f = NativeFile.open(file, fcntl_h.O_RDWR() | fcntl_h.O_CREAT() | fcntl_h.O_EXCL())) {
            out.add("open d/grün-ß: ok, visible to java.nio: " + Files.isRegularFile(file));
            MemorySegment hello = arena.allocateFrom("hello");
            out.add("pwrite 5 at 4096: " + f.pwrite(hello.asSlice(0, 5), 4096));
            MemorySegment back = arena.allocate(5);
            f.pread(back, 4096);
            out.add("pread at 4096: " + new String(back.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII));
            out.add("statx size " + f.statx().size());
            f.ftruncate(8192);
            out.add("ftruncate 8192, statx size " + f.statx().size());
            f.fallocate(fcntl_h.FALLOC_FL_KEEP_SIZE(), 0, 16384);
            FileStat st = f.statx();
            out.add("fallocate keep-size 16384: size " + st.size() + ", 512-byte blocks >= 32: " + (st.blocks() >= 32));
            f.fsync();
            f.fdatasync();
            out.add("fsync ok, fdatasync ok");
        }
        FileStat byPath = NativeFile.statx(file);
        out.add("statx of the path: size " + byPath.size() + ", regular file: " + ((byPath.mode() & 0170000) == 0100000));
        Path renamed = d.resolve("r");
        out.add("rename to r: " + attempt(() -> PathCalls.rename(file, renamed)));
        out.add("open the old name: " + attempt(() -> NativeFile.open(file, fcntl_h.O_RDONLY()).close()));
        out.add("open a 5000-byte name: " + attempt(() -> NativeFile.open(d.resolve("x".repeat(5000)), fcntl_h.O_RDONLY()).close()));
        out.add("rename a missing file: " + attempt(() -> PathCalls.rename(file, d.resolve("never"))));
        try (Mapping m = Mapping.anonymous(4096)) {
            m.storeByte(0, (byte) 42);
            out.add("mmap 4096: store 42, load " + m.loadByte(0));
        }
        MemorySegment errno = Errno.state();
        MemorySegment failed = Syscalls.mmap(errno, MemorySegment.NULL, 0, mman_h.PROT_READ(),
                mman_h.MAP_PRIVATE() | mman_h.MAP_ANONYMOUS(), -1, 0);
        out.add("mmap of length 0: " + (failed.equals(mman_h.MAP_FAILED()) ? Errno.name(Errno.value(errno)) : "mapped"));
        long closedAt;
        try (Arena arena = Arena.ofConfined()) {
            Mapping m = Mapping.anonymous(arena, 8192);
            m.touchEveryPage((byte) 1);
            closedAt = m.segment().address();
        }
        try (Arena arena = Arena.ofConfined()) { // mincore fails with ENOMEM where nothing is mapped
            int ret = Syscalls.mincore(errno, MemorySegment.ofAddress(closedAt), 8192, arena.allocate(2));
            out.add("mincore after the arena closed: " + (ret < 0 ? Errno.name(Errno.value(errno)) : "still mapped"));
        }
        out.add("mmap through Mapping of length 0: " + attempt(() -> Mapping.anonymous(0).close()));
        long kernelFailed = Syscalls.mmapOrErrno(0, 0, mman_h.PROT_READ(), mman_h.MAP_PRIVATE() | mman_h.MAP_ANONYMOUS(), -1, 0);
        out.add("mmap of length 0, kernel's result: " + Errno.name((int) -kernelFailed));
        out.add("munmap of an unaligned address, kernel's result: " + Errno.name(-Syscalls.munmapOrErrno(4097, 4096)));
        out.add("rmdir d holding r, if empty: " + PathCalls.rmdirIfEmpty(d));
        Path empty = d.resolve("e");
        PathCalls.mkdir(empty);
        out.add("rmdir d/e, if empty: " + PathCalls.rmdirIfEmpty(empty));
        out.add("rmdir d/e again, if empty: " + attempt(() -> PathCalls.rmdirIfEmpty(empty)));
        out.add("unlink r: " + attempt(() -> PathCalls.unlink(renamed)));
        out.add("unlink r again: " + attempt(() -> PathCalls.unlink(renamed)));
        out.add("rmdir d: " + attempt(() -> PathCalls.rmdir(d)));
        out.add("close a closed descriptor: " + (Syscalls.close(errno, 1 << 20) < 0 ? Errno.name(Errno.value(errno)) : "closed"));
        return out;
    }

    private static String attempt(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (ErrnoException e) {
            return e.errnoName();
        }
    }

    @Test
    void twoPathsOfOneCallUseTwoBuffersAndAReusedBufferIsRewritten() {
        MemorySegment a = PathStrings.of(0, "/first/path");
        MemorySegment b = PathStrings.of(1, "/second");
        assertEquals("/first/path", a.getString(0));
        assertEquals("/second", b.getString(0));
        PathStrings.of(0, "/x");
        assertEquals("/x", a.getString(0), "slot 0 is one buffer per thread, reused");
        assertTrue(PathStrings.of(0, "y".repeat(PathStrings.SLOT_BYTES)).byteSize() > PathStrings.SLOT_BYTES,
                "a path longer than PATH_MAX gets memory of its own");
    }
}
