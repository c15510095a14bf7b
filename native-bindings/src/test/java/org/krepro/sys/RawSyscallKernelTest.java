package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.mman_h;
import org.krepro.sys.ffi.unistd_h;

/**
 * The machine-code entry into the kernel against the real kernel: results, -errno, every argument
 * register and the seventh C argument (from the stack), and the same answers as libc.
 */
class RawSyscallKernelTest {

    // x86-64 numbers, used only where the machine code runs (x86-64)
    static final long SYS_close = 3;
    static final long SYS_mmap = 9;
    static final long SYS_munmap = 11;

    @Test
    void runsOnThisX8664Host() {
        Assumptions.assumeTrue(Arch.CURRENT == Arch.X86_64);
        assertTrue(RawSyscall.AVAILABLE, "not in use: " + RawSyscall.WHY_NOT);
    }

    @Test
    void getppidAgreesWithLibcAndTheJdk() {
        Assumptions.assumeTrue(RawSyscall.AVAILABLE);
        long ppid = ProcessHandle.current().parent().orElseThrow().pid();
        assertEquals(ppid, RawSyscall.call0Critical(Abi.SYS_getppid));
        assertEquals(ppid, unistd_h.getppid());
        assertEquals(ppid, Syscalls.getppid());
    }

    @Test
    void failureIsMinusErrnoAndCsConventionAfterToC() {
        Assumptions.assumeTrue(RawSyscall.AVAILABLE);
        long r = RawSyscall.call6(SYS_close, -1, 0, 0, 0, 0, 0);
        assertEquals(-errno_h.EBADF(), r);
        MemorySegment errno = Errno.state();
        assertEquals(-1, RawSyscall.toC(r, errno));
        assertEquals(errno_h.EBADF(), Errno.value(errno));
        assertEquals(7, RawSyscall.toC(7, errno));
        assertEquals(-4096, RawSyscall.toC(-4096, errno)); // not an errno: an address or a value, passed on
    }

    /** mmap takes six arguments; the sixth (the file offset) is the seventh C argument, read from the stack. */
    @Test
    void allSixArgumentsReachTheKernel(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(RawSyscall.AVAILABLE);
        byte[] data = new byte[3 * 4096];
        Arrays.fill(data, 4096, 8192, (byte) 'B');
        Arrays.fill(data, 8192, data.length, (byte) 'C');
        Path f = Files.write(dir.resolve("pages"), data);
        try (NativeFile nf = NativeFile.open(f, fcntl_h.O_RDONLY())) {
            for (long page : List.of(1L, 2L)) {
                long addr = RawSyscall.call6(SYS_mmap, 0, 4096, mman_h.PROT_READ(), mman_h.MAP_PRIVATE(), nf.fd(), page * 4096);
                assertTrue(addr > 0, "mmap: " + addr);
                MemorySegment m = MemorySegment.ofAddress(addr).reinterpret(4096);
                assertEquals(page == 1 ? 'B' : 'C', (char) m.get(ValueLayout.JAVA_BYTE, 0));
                assertEquals(0, RawSyscall.call6(SYS_munmap, addr, 4096, 0, 0, 0, 0));
            }
            // an offset that is not page-aligned: the kernel says EINVAL, so it saw that argument
            assertEquals(-errno_h.EINVAL(), RawSyscall.call6(SYS_mmap, 0, 4096, mman_h.PROT_READ(), mman_h.MAP_PRIVATE(), nf.fd(), 100));
        }
    }

    /** Many calls in a row: the return by jmp leaves the stack as a ret would. */
    @Test
    void aMillionCallsLeaveTheStackAsItWas() {
        Assumptions.assumeTrue(RawSyscall.AVAILABLE);
        long ppid = unistd_h.getppid();
        long sum = 0;
        for (int i = 0; i < 1_000_000; i++) {
            sum += RawSyscall.call0Critical(Abi.SYS_getppid);
        }
        assertEquals(ppid * 1_000_000, sum);
    }

    /**
     * On this JDK (Temurin 25) the critical invokers end in leave; ret, so the folding is on: if a JDK
     * update changes them, this fails and says so, while the calls themselves fall back to the jmp return.
     */
    @Test
    void foldsTheInvokerEpilogueOnThisJdk() {
        Assumptions.assumeTrue(RawSyscall.AVAILABLE);
        assertTrue(RawSyscall.FOLDS_INVOKER_EPILOGUE, "the critical invoker no longer returns by leave; ret");
    }

    /** The folded code is its twin with one leave before the closing pop rcx; jmp rcx, and nothing else. */
    @Test
    void foldedCodeIsItsTwinWithLeave() {
        assertEquals("48 89 f8 0f 05 c9 59 ff e1", hex(RawSyscall.CALL0_LEAVE));
        assertEquals(hex(RawSyscall.CALL6).replace("0f 05 59", "0f 05 c9 59"), hex(RawSyscall.CALL6_LEAVE));
        assertThrows(IllegalArgumentException.class, () -> RawSyscall.leaveFirst(RawSyscall.RETURN_ADDRESS));
    }

    private static String hex(byte[] code) {
        StringBuilder b = new StringBuilder();
        for (byte x : code) {
            b.append(b.isEmpty() ? "" : " ").append(String.format("%02x", x));
        }
        return b.toString();
    }

    /** The probe reads the invoker's own code: it finds leave; ret there, and not in code that is something else. */
    @Test
    void probeRecognisesOnlyTheEpilogue() {
        Assumptions.assumeTrue(RawSyscall.AVAILABLE);
        MemorySegment probe = Arena.global().allocate(16);
        assertFalse(RawSyscall.isEpilogueAt(probe.address()), "zeros taken for leave; ret");
        probe.copyFrom(MemorySegment.ofArray(RawSyscall.INVOKER_EPILOGUE));
        assertTrue(RawSyscall.isEpilogueAt(probe.address()));
    }

    /** Critical calls through the folded epilogue, between ordinary Java calls and a GC: values and stack intact. */
    @Test
    void foldedCallsKeepTheCallersFrame() {
        Assumptions.assumeTrue(RawSyscall.AVAILABLE);
        long ppid = unistd_h.getppid();
        long[] seen = new long[3];
        for (int i = 0; i < 300_000; i++) {
            long a = RawSyscall.call0Critical(Abi.SYS_getppid);
            long b = RawSyscall.call6Critical(Abi.SYS_getppid, i, i + 1, i + 2, i + 3, i + 4, i + 5);
            seen[i % 3] += (a == ppid && b == ppid) ? 1 : 0;
            if (i == 150_000) {
                System.gc();
            }
        }
        assertEquals(300_000, seen[0] + seen[1] + seen[2]);
    }

    /** With the folding off, the critical calls return into their invoker (jmp), in a JVM of its own. */
    @Test
    void unfoldedWhenTurnedOff() throws Exception {
        Assumptions.assumeTrue(RawSyscall.AVAILABLE);
        assertEquals("true null false " + ProcessHandle.current().pid() + " 8", childSays(RawSyscall.FOLD_PROPERTY));
    }

    /** With the property off, the same calls go through libc's syscall() (the path aarch64 takes), in a JVM of their own. */
    @Test
    void libcPathWhenTurnedOff() throws Exception {
        try (IoUring ring = IoUring.open(8)) {
            assertTrue(ring.fd() >= 0);
        } catch (RuntimeException e) {
            Assumptions.abort("io_uring is not usable here: " + e.getMessage());
        }
        assertEquals("false -D" + RawSyscall.PROPERTY + "=false false " + ProcessHandle.current().pid() + " 8",
                childSays(RawSyscall.PROPERTY));
    }

    /** What {@link LibcPath} prints in a JVM of its own with {@code -D<property>=false}; it must exit 0. */
    private static String childSays(String property) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-D" + property + "=false",
                "-cp", System.getProperty("java.class.path"), LibcPath.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /** The child of {@link #libcPathWhenTurnedOff} and {@link #unfoldedWhenTurnedOff}: whether the code is used, why not, whether it folds, getppid, and NOPs. */
    public static final class LibcPath {
        public static void main(String[] args) {
            int nops;
            try (IoUring ring = IoUring.open(8)) {
                for (int i = 0; i < 8; i++) {
                    ring.prepNop(i);
                }
                ring.submitAndWait(8);
                nops = ring.reap((u, res, f) -> { });
            }
            System.out.println(RawSyscall.AVAILABLE + " " + RawSyscall.WHY_NOT + " " + RawSyscall.FOLDS_INVOKER_EPILOGUE + " "
                    + Syscalls.getppid() + " " + nops);
        }
    }
}
