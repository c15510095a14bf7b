package org.krepro.runner.controls;

import java.time.Duration;
import java.util.List;
import org.krepro.runner.kmsg.KmsgWriter;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestContext;

/**
 * Positive control of the kernel-log detector: writes a realistic WARNING report, with its call trace,
 * into /dev/kmsg while the filesystem is mounted. The run must FAIL titled
 * {@code "WARNING in ext4_dirty_folio"}, and a test right after it must not inherit the finding (the
 * window markers keep tests apart). The report is the one seed 001 produced on a 6.1 guest; a line
 * before it says that krepro injected it, for whoever reads this machine's dmesg later. After the
 * injection it keeps writing verified data until its budget is spent, like a reproducer still racing
 * after the kernel has spoken: a long budget ends early only because the engine stops it.
 */
public final class KernelWarningControl implements Reproducer {

    public static final String ID = "control-kernel-warning";
    public static final String EXPECTED_TITLE = "WARNING in ext4_dirty_folio";

    @Override
    public ReproducerInfo info() {
        return new ReproducerInfo(ID, "Positive control: a WARNING report injected into the kernel log must fail the test",
                "", List.of(FsConfig.of(Filesystem.EXT4, "4k", 64 * FsConfig.MIB)), List.of("open", "pwrite", "fsync", "pread"), false, List.of(),
                Duration.ofSeconds(1), List.of(EXPECTED_TITLE))
                .withRacePath("ext4_file_write_iter", "vfs_fsync_range");
    }

    /** The injected report, one kernel-log record per line. */
    public static List<String> report(long pid) {
        return List.of(
                "------------[ cut here ]------------",
                "WARNING: CPU: 1 PID: " + pid + " at fs/ext4/inode.c:3664 ext4_dirty_folio+0x5a/0x70",
                "Modules linked in: loop ext4 mbcache jbd2",
                "CPU: 1 PID: " + pid + " Comm: krepro Not tainted 6.1.0-krepro #1 Debian",
                "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014",
                "RIP: 0010:ext4_dirty_folio+0x5a/0x70",
                "Call Trace:",
                " <TASK>",
                " bio_set_pages_dirty+0x4b/0x90",
                " iomap_dio_bio_iter+0x3a1/0x5e0",
                " __iomap_dio_rw+0x2c3/0x7c0",
                " ext4_file_read_iter+0x12e/0x1b0",
                " vfs_read+0x1d4/0x2d0",
                " __x64_sys_pread64+0x98/0xd0",
                " do_syscall_64+0x58/0xc0",
                " entry_SYSCALL_64_after_hwframe+0x64/0xce",
                " </TASK>",
                "---[ end trace 0000000000000000 ]---");
    }

    @Override
    public void run(TestContext ctx) throws Exception {
        KmsgWriter kmsg = new KmsgWriter();
        kmsg.write(KmsgWriter.LEVEL_NOTICE, "krepro: " + ID + ": the WARNING report below is injected by krepro, not produced by the kernel");
        kmsg.writeAll(KmsgWriter.LEVEL_WARNING, report(ProcessHandle.current().pid()));
        ctx.telemetry().add("kmsg.lines.injected", report(0).size());
        CleanControl.writeVerifiedData(ctx);
    }

    @Override
    public void verify(TestContext ctx) throws Exception {
        CleanControl.verifyData(ctx);
    }
}
