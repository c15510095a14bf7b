package org.krepro.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.spi.Finding;
import org.krepro.vm.kernel.GuestKernel;

/** Console classification, QEMU command lines, console line splitting: no QEMU, no downloads. */
class QemuUnitTest {

    /** A console log under testdata/, as QEMU's stdout gives it. */
    private static List<String> console(String name) throws Exception {
        try (InputStream in = QemuUnitTest.class.getResourceAsStream("testdata/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** How the host names the steps of a guest's start from its output port (init lines, krepro's text, events). */
    @Test
    void guestOutputLinesMarkTheStartPhases() throws Exception {
        List<String> phases = console("guest-output-phases.log").stream().map(Qemu::phaseOf)
                .filter(java.util.Objects::nonNull).distinct().toList();
        assertEquals(List.of("init", "exec-java", "krepro", "test-start", "mounted", "first-iteration"), phases);
        assertTrue(Qemu.PHASES.containsAll(phases));
    }

    @Test
    void panicIsFatalAndTitledFromTheConsole() throws Exception {
        for (ConsoleClassifier c : List.of(new RunnerConsoleClassifier())) {
            assertFalse(c.fatal());
            console("sysrq-panic.log").forEach(c::line);
            assertTrue(c.fatal(), c.getClass().getSimpleName());
            assertTrue(c.firstCrashTitle().contains("sysrq triggered crash"), c.getClass().getSimpleName() + ": " + c.firstCrashTitle());
        }
    }

    @Test
    void oopsEndsTheRunEvenWithoutPanic() throws Exception {
        for (ConsoleClassifier c : List.of(new RunnerConsoleClassifier())) {
            console("kernel-bug-ext4-journal-stop.log").forEach(c::line);
            assertTrue(c.fatal(), c.getClass().getSimpleName());
            assertEquals("kernel BUG in __ext4_journal_stop", c.firstCrashTitle(), c.getClass().getSimpleName());
        }
    }

    @Test
    void warningIsAFindingButNotFatal() {
        RunnerConsoleClassifier c = new RunnerConsoleClassifier();
        List.of("[    1.0] WARNING: CPU: 1 PID: 2 at fs/ext4/inode.c:3664 ext4_dirty_folio+0x6b/0x80",
                "[    1.0] RIP: 0010:ext4_dirty_folio+0x6b/0x80", "[    1.0] ---[ end trace 0000000000000000 ]---").forEach(c::line);
        assertFalse(c.fatal());
        assertEquals("WARNING in ext4_dirty_folio", c.firstCrashTitle());
        assertEquals(Finding.Kind.KERNEL_CRASH, c.findings().getFirst().kind());
    }

    @Test
    void twoNumaNodesOneSocketEach() {
        VmSpec s = VmSpec.defaults();
        assertEquals("cpus=2,sockets=2,cores=1,threads=1", s.smp());
        assertEquals("0", s.cpusOf(0));
        assertEquals("1", s.cpusOf(1));
        assertEquals(1024, s.memOf(0));
        List<String> cmd = Qemu.command(s, "tcg", new GuestKernel("x", "r", Path.of("/k"), null, null), Path.of("/i"),
                List.of(new Qemu.Disk(Path.of("/d0.img"), "krepro0"), new Qemu.Disk(Path.of("/java.img"), "kreprojava", true)),
                Path.of("/o"), Path.of("/p"), "n");
        String line = String.join(" ", cmd);
        // the java disk is shared by guests running at once: read-only, never written back
        assertTrue(line.contains("file=/java.img,if=none,id=d1,format=raw,readonly=on "), line);
        assertTrue(line.contains("file=/d0.img,if=none,id=d0,format=raw,cache=unsafe"), line);
        assertTrue(line.contains("-numa node,nodeid=0,memdev=mem0,cpus=0"), line);
        assertTrue(line.contains("-numa node,nodeid=1,memdev=mem1,cpus=1"), line);
        assertTrue(line.contains("-device nvme,drive=d0,serial=krepro0"), line);
        assertTrue(line.contains("-accel tcg,thread=multi"), line);
        assertTrue(line.contains("-no-reboot") && line.contains("panic=-1"), line);
    }

    @Test
    void aKnockoutsLabelAndDefaultParametersReachTheGuest() {
        GuestKernel plain = new GuestKernel("x", "r", Path.of("/k"), null, null);
        assertEquals("r", plain.label(), "the release when nothing else is given");
        assertEquals(List.of(), plain.cmdline());
        GuestKernel ko = new GuestKernel("knockout:000", "6.12.118-krepro-ko000", Path.of("/k"), null, null,
                "6.12.118+krepro-ko000", List.of("ext4.krepro_ko_delay_ms=10"));
        assertEquals("6.12.118+krepro-ko000", ko.label());
        VmSpec d = VmSpec.defaults();
        VmSpec s = new VmSpec(d.cpus(), d.memoryMib(), d.numaNodes(), d.diskKind(), d.disks(), d.diskBytes(), d.accel(),
                d.timeout(), d.silence(), true, false, 60, List.of("ext4.krepro_ko_delay_ms=50"));
        List<String> cmd = Qemu.command(s, "tcg", ko, Path.of("/i"), List.of(new Qemu.Disk(Path.of("/d0.img"), "krepro0")),
                Path.of("/o"), Path.of("/p"), "n");
        String append = cmd.get(cmd.indexOf("-append") + 1);
        // The knock-out's default first, so that --cmdline (later on the line) wins.
        assertTrue(append.indexOf("ext4.krepro_ko_delay_ms=10") >= 0
                && append.indexOf("ext4.krepro_ko_delay_ms=10") < append.indexOf("ext4.krepro_ko_delay_ms=50"), append);
    }

    @Test
    void consoleBytesBecomeLinesWhateverTheChunks() {
        List<String> got = new java.util.ArrayList<>();
        LineSplitter split = new LineSplitter(got::add);
        byte[] all = "[    1.0] WARNING: CPU: 0 PID: 1 at fs/ext4/extents.c:5028 ext4_fiemap+0xca/0xe0\r\nµs ok\n\npartial"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < all.length; i += 3) { // 3-byte chunks: cuts the CRLF and the two-byte 'µ'
            byte[] chunk = java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + 3));
            split.feed(chunk, chunk.length);
        }
        assertEquals(List.of("[    1.0] WARNING: CPU: 0 PID: 1 at fs/ext4/extents.c:5028 ext4_fiemap+0xca/0xe0", "µs ok", ""), got);
        split.finish();
        assertEquals("partial", got.getLast());
        split.finish();
        assertEquals(4, got.size()); // nothing pending twice
    }

    /** qboot when the package put it there, QEMU's own SeaBIOS when not: a guest boots either way. */
    @Test
    void firmwareIsQbootWhenInstalledElseQemusDefault(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path rom = dir.resolve("qboot.rom");
        assertEquals(List.of(), Qemu.firmware(rom));
        Files.write(rom, new byte[] {0});
        assertEquals(List.of("-bios", rom.toString()), Qemu.firmware(rom));
    }

    /** A failed KVM probe on a PVM-only host says why; with a hardware vendor module loaded it says nothing more. */
    @Test
    void aPvmOnlyHostIsNamedInTheProbesReason(@TempDir Path sys) throws Exception {
        assertEquals("", Accelerator.kvmVendorNote(sys));
        Files.createDirectories(sys.resolve("kvm_pvm"));
        assertTrue(Accelerator.kvmVendorNote(sys).contains("KVM is PVM (kvm_pvm)"), Accelerator.kvmVendorNote(sys));
        Files.createDirectories(sys.resolve("kvm_amd"));
        assertEquals("", Accelerator.kvmVendorNote(sys));
    }
}
