package org.krepro.vm.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.vm.qemu.Accelerator;
import org.krepro.vm.qemu.Qemu;

/** What VmRunner reads from a console log: no QEMU, no downloads. */
class VmRunnerUnitTest {

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
    void anInt3OopsBeforeKreproStartedUnderTcgIsAnEmulatorBootCrashAndNothingElseIs(@TempDir Path dir) throws Exception {
        Path console = dir.resolve("console.log");
        Files.writeString(console, "[    2.303085] sched_clock: Marking stable (2280106061, 22875858)->(2312896314, -9914395)\n"
                + "[    2.307231] Oops: int3: 0000 [#1] PREEMPT SMP NOPTI\n"
                + "[    2.308326] RIP: 0010:sched_clock_cpu+0x9/0x190\n");
        Qemu.Outcome beforeKrepro = new Qemu.Outcome(Qemu.End.CRASHED, 0, 8.9, -1, -1, -1, "", "", java.util.Map.of());
        Qemu.Outcome afterKrepro = new Qemu.Outcome(Qemu.End.CRASHED, 0, 30, 5, 9, 20, "", "", java.util.Map.of());
        assertTrue(Accelerator.emulatorBootCrash("tcg", beforeKrepro, console) != null);
        assertEquals(null, Accelerator.emulatorBootCrash("kvm", beforeKrepro, console), "KVM does not emulate: the kernel's own");
        assertEquals(null, Accelerator.emulatorBootCrash("tcg", afterKrepro, console), "once krepro runs, a crash is a finding");
        Files.writeString(console, "[    2.3] BUG: kernel NULL pointer dereference, address: 0000000000000000\n");
        assertEquals(null, Accelerator.emulatorBootCrash("tcg", beforeKrepro, console), "other boot crashes are the kernel's");
    }

    @Test
    void theFilesystemsAGuestRunAsksForComeFromItsFsOption() {
        assertEquals(java.util.Set.of("ext4"), VmRunner.filesystemsAsked(List.of("run", "--reproducer=control-clean", "--fs=ext4")));
        assertEquals(java.util.Set.of("btrfs", "xfs"), VmRunner.filesystemsAsked(List.of("run", "--fs", "xfs,btrfs", "--seed=1")));
        assertEquals(java.util.Set.of(), VmRunner.filesystemsAsked(List.of("run", "--reproducer", "control-clean")));
    }
}
