package org.krepro.vm.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.krepro.runner.spi.Finding;
import org.krepro.vm.kernel.GuestKernel;

/** Console classification, QEMU command lines, console line splitting: no QEMU, no downloads. */
class QemuUnitTest {

    private static final String PANIC = """
            [   16.912345] sysrq: Trigger a crash
            [   16.912999] Kernel panic - not syncing: sysrq triggered crash
            [   16.913100] CPU: 1 UID: 0 PID: 171 Comm: sh Not tainted 6.12.115+deb12-cloud-amd64 #1  Debian 6.12.115-2~deb12u1
            [   16.913200] Call Trace:
            [   16.913300]  <TASK>
            [   16.913400]  panic+0x33b/0x370
            [   16.913500]  sysrq_handle_crash+0x1a/0x20
            [   16.913600]  __handle_sysrq.cold+0x9b/0xe2
            [   16.913700]  write_sysrq_trigger+0x5f/0x80
            [   16.913800]  proc_reg_write+0x5a/0xa0
            [   16.913900]  vfs_write+0xf5/0x460
            [   16.914000]  ksys_write+0x6d/0xf0
            [   16.914100]  do_syscall_64+0x82/0x190
            [   16.914200]  entry_SYSCALL_64_after_hwframe+0x76/0x7e
            [   16.914300]  </TASK>
            [   16.914400] Kernel Offset: disabled
            [   16.914500] ---[ end Kernel panic - not syncing: sysrq triggered crash ]---
            """;

    private static final String BUG = """
            [   40.100000] ------------[ cut here ]------------
            [   40.100001] kernel BUG at fs/ext4/ext4_jbd2.c:53!
            [   40.100002] Oops: invalid opcode: 0000 [#1] PREEMPT SMP NOPTI
            [   40.100003] CPU: 0 UID: 0 PID: 300 Comm: java Not tainted 6.12.115+deb12-cloud-amd64 #1
            [   40.100004] RIP: 0010:__ext4_journal_stop+0x9b/0xa0 [ext4]
            [   40.100005] Call Trace:
            [   40.100006]  <TASK>
            [   40.100007]  ext4_write_inline_data_end+0x1a3/0x3c0
            [   40.100008]  generic_perform_write+0x136/0x2a0
            [   40.100009]  ext4_buffered_write_iter+0x6c/0x130
            [   40.100010]  vfs_write+0x25c/0x460
            [   40.100011]  __x64_sys_pwrite64+0x9c/0xd0
            [   40.100012]  </TASK>
            [   40.100013] ---[ end trace 0000000000000000 ]---
            """;

    @Test
    void panicIsFatalAndTitledFromTheConsole() {
        for (ConsoleClassifier c : List.of(new SimpleConsoleClassifier(), new RunnerConsoleClassifier())) {
            assertFalse(c.fatal());
            PANIC.lines().forEach(c::line);
            assertTrue(c.fatal(), c.getClass().getSimpleName());
            assertTrue(c.firstCrashTitle().contains("sysrq triggered crash"), c.getClass().getSimpleName() + ": " + c.firstCrashTitle());
        }
    }

    @Test
    void oopsEndsTheRunEvenWithoutPanic() {
        for (ConsoleClassifier c : List.of(new SimpleConsoleClassifier(), new RunnerConsoleClassifier())) {
            BUG.lines().forEach(c::line);
            assertTrue(c.fatal(), c.getClass().getSimpleName());
            assertEquals("kernel BUG in __ext4_journal_stop", c.firstCrashTitle(), c.getClass().getSimpleName());
        }
    }

    @Test
    void warningIsAFindingButNotFatal() {
        SimpleConsoleClassifier c = new SimpleConsoleClassifier();
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
                List.of(new Qemu.Disk(Path.of("/d0.img"), "krepro0")), Path.of("/o"), Path.of("/p"), "n");
        String line = String.join(" ", cmd);
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
}
