package org.krepro.vm.controls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestContext;

/**
 * Positive control for guest crash handling: crashes the kernel with sysrq-c
 * ("Kernel panic - not syncing: sysrq triggered crash"). A QEMU guest run of it must end as a FAIL titled
 * from the serial console, within its timeout, with no QEMU left. It takes the kernel down, so the host
 * runner refuses it without --allow-host-crash (mayCrashKernel); guests always allow it.
 */
public final class ControlKernelPanic implements Reproducer {
    public static final String ID = "control-kernel-panic";

    @Override
    public ReproducerInfo info() {
        return new ReproducerInfo(ID, "Positive control: crash the kernel with sysrq-c (run it in a VM only)", "",
                List.of(FsConfig.of(Filesystem.EXT4, "default", 64 * FsConfig.MIB)),
                List.of("write"), true, List.of(), Duration.ofSeconds(5),
                List.of("sysrq: Trigger a crash", "Kernel panic - not syncing: sysrq triggered crash"))
                .withRacePath("sysrq_handle_crash");
    }

    @Override
    public void run(TestContext ctx) throws IOException {
        ctx.note("triggering sysrq-c: the kernel panics now");
        ctx.telemetry().add("sysrq.c", 1);
        Path file = ctx.mountPoint().resolve("before-crash");
        Files.writeString(file, "written before the crash\n");
        Files.writeString(Path.of("/proc/sys/kernel/sysrq"), "1\n");
        Files.writeString(Path.of("/proc/sysrq-trigger"), "c\n");
        // Not reached on a real kernel.
        throw new IllegalStateException("sysrq-c returned: the kernel did not crash");
    }
}
