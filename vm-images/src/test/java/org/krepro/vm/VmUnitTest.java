package org.krepro.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.spi.Finding;

/** Fast tests: no QEMU, no downloads. */
class VmUnitTest {

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
    void timeToHitComesFromTheConsoleClock(@TempDir Path dir) throws Exception {
        Path console = Files.writeString(dir.resolve("console.log"), """
                [   50.000000] krepro: run 1a-1 test control-clean_4k_ start aa
                [   51.000000] krepro: run 1a-1 test control-clean_4k_ end aa
                [   63.509830] krepro: run 1a-2 test ext4-inline-data-mkwrite_inline-1k-nojournal_ start d2
                [   68.171265] kernel BUG at fs/ext4/ext4_jbd2.c:53!
                """);
        assertEquals(4.661, VmRunner.markerToCrash(console), 0.001);
        Files.writeString(console, "[    1.0] WARNING: CPU: 0 PID: 0 at x.c:1 f+0x1/0x2\n");
        assertEquals(-1, VmRunner.markerToCrash(console));
    }

    @Test
    void cpioIsReadableByCpio(@TempDir Path dir) throws Exception {
        Path src = Files.writeString(dir.resolve("src.txt"), "hello\n");
        Path out = dir.resolve("a.cpio");
        try (CpioWriter w = new CpioWriter(out)) {
            w.file("usr/bin/hello", src, 0755);
            w.symlink("bin/hi", "/usr/bin/hello");
            w.text("krepro/run.env", "MODE='run'\n", 0644);
            w.chardev("dev/console", 5, 1);
        }
        Cmd.Result r = Cmd.run(List.of("sh", "-c", "cpio -itv < " + out), null, 30);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("usr/bin/hello"), r.output());
        assertTrue(r.output().contains("bin/hi -> /usr/bin/hello"), r.output());
        assertTrue(r.output().contains("krepro/run.env"), r.output());
        Path x = Files.createDirectories(dir.resolve("x"));
        Cmd.run(List.of("sh", "-c", "cpio -id --no-absolute-filenames usr/bin/hello < " + out), x, 30).check();
        assertEquals("hello\n", Files.readString(x.resolve("usr/bin/hello")));
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
    void kernelFromAPathWithAModulesDirLoadsXfsAndBtrfsAfterTheirDependencies() throws Exception {
        // a 6.1 Debian kernel (plain .ko modules), fetched like the guest tests fetch theirs, then named
        // the other way: a bzImage path plus a modules directory
        Kernels kernels = new Kernels(VmCache.defaultCache());
        GuestKernel deb = kernels.resolve(kernels.pinnedOrNewest("debian:6.1.0-56-cloud-amd64", "debian:6\\.1\\.0-\\d+-cloud-amd64"), null);
        GuestKernel k = kernels.resolve(deb.image().toString(), deb.modulesDir());
        assertEquals(deb.release(), k.release());
        assertTrue(k.release().startsWith("6.1.0-"), k.release());
        KernelModules km = KernelModules.of(k);
        assertEquals(KernelModules.Status.BUILTIN, km.status("nvme"));
        assertEquals(KernelModules.Status.BUILTIN, km.status("ext4"));
        assertEquals(KernelModules.Status.MODULE, km.status("xfs"));
        List<String> order = km.loadOrder(KernelModules.WANTED).stream().map(KernelModules::nameOf).toList();
        assertTrue(order.indexOf("libcrc32c") < order.indexOf("xfs"), order.toString());
        assertTrue(order.indexOf("raid6_pq") < order.indexOf("btrfs") && order.indexOf("xor") < order.indexOf("btrfs"), order.toString());
        assertTrue(order.indexOf("virtio") < order.indexOf("virtio_blk"), order.toString());
    }

    @Test
    void kernelVersionsSortNumerically() {
        assertTrue(Kernels.compareVersions("debian:6.1.0-9-cloud-amd64", "debian:6.1.0-56-cloud-amd64") < 0);
        assertTrue(Kernels.compareVersions("debian:6.12.9+deb12-cloud-amd64", "debian:6.12.115+deb12-cloud-amd64") < 0);
        assertTrue(Kernels.compareVersions("debian:6.1.0-56-cloud-amd64", "debian:6.12.1+deb12-cloud-amd64") < 0);
    }

    @Test
    void guestJarMergesServiceFiles(@TempDir Path dir) throws Exception {
        Path jar = GuestJar.locate(dir);
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertEquals("org.krepro.runner.cli.Main", jf.getManifest().getMainAttributes().getValue("Main-Class"));
            String cmds = new String(jf.getInputStream(jf.getEntry("META-INF/services/org.krepro.runner.cli.KreproCommand")).readAllBytes());
            assertTrue(cmds.contains("org.krepro.vm.VmCommand"), cmds);
            assertTrue(cmds.contains("org.krepro.runner.cli.ListCommand"), cmds);
            String reps = new String(jf.getInputStream(jf.getEntry("META-INF/services/org.krepro.runner.spi.Reproducer")).readAllBytes());
            assertTrue(reps.contains("org.krepro.vm.controls.ControlKernelPanic"), reps);
            assertTrue(jf.getEntry("picocli/CommandLine.class") != null);
            assertTrue(jf.getEntry("org/junit/jupiter/api/Test.class") == null);
        }
    }

    @Test
    void anInt3OopsBeforeKreproStartedUnderTcgIsAnEmulatorBootCrashAndNothingElseIs(@TempDir Path dir) throws Exception {
        Path console = dir.resolve("console.log");
        Files.writeString(console, "[    2.303085] sched_clock: Marking stable (2280106061, 22875858)->(2312896314, -9914395)\n"
                + "[    2.307231] Oops: int3: 0000 [#1] PREEMPT SMP NOPTI\n"
                + "[    2.308326] RIP: 0010:sched_clock_cpu+0x9/0x190\n");
        Qemu.Outcome beforeKrepro = new Qemu.Outcome(Qemu.End.CRASHED, 0, 8.9, -1, -1, -1, "", "");
        Qemu.Outcome afterKrepro = new Qemu.Outcome(Qemu.End.CRASHED, 0, 30, 5, 9, 20, "", "");
        assertTrue(VmRunner.emulatorBootCrash("tcg", beforeKrepro, console) != null);
        assertEquals(null, VmRunner.emulatorBootCrash("kvm", beforeKrepro, console), "KVM does not emulate: the kernel's own");
        assertEquals(null, VmRunner.emulatorBootCrash("tcg", afterKrepro, console), "once krepro runs, a crash is a finding");
        Files.writeString(console, "[    2.3] BUG: kernel NULL pointer dereference, address: 0000000000000000\n");
        assertEquals(null, VmRunner.emulatorBootCrash("tcg", beforeKrepro, console), "other boot crashes are the kernel's");
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
