package org.krepro.vm.guest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.krepro.runner.bench.BenchOptions;
import org.krepro.runner.bench.BenchRow;
import org.krepro.runner.bench.BenchSuite;
import org.krepro.runner.bench.BenchUnavailableException;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.io.Processes;
import org.krepro.runner.report.RunEvents;
import org.krepro.vm.VmCache;
import org.krepro.vm.image.GuestImage;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.Kernels;
import org.krepro.vm.qemu.Accelerator;
import org.krepro.vm.qemu.VmSpec;

/**
 * {@code krepro bench vm}: boot to the first reproducer iteration in a krepro guest (control-clean on
 * ext4) beside a plain busybox boot of the same kernel, same guest shape, measured in the same run.
 * Rates are boots per hour of wall time (basis "wall"); the ratio is how much of a plain boot's speed
 * a krepro guest keeps. Kernel: $KREPRO_BENCH_KERNEL, default debian:6.12.115+deb12-cloud-amd64.
 */
public final class VmBootBench implements BenchSuite {

    @Override
    public String name() {
        return "vm";
    }

    @Override
    public String description() {
        return "QEMU guest: boot to first reproducer iteration vs a plain busybox boot of the same kernel";
    }

    @Override
    public List<BenchRow> run(BenchOptions options) throws Exception {
        BenchUnavailableException.requireRoot(name(), "guest disks, kernel cache");
        if (Processes.which("qemu-system-x86_64").isEmpty()) {
            throw new BenchUnavailableException("qemu-system-x86_64 is not installed");
        }
        String spec = System.getenv().getOrDefault("KREPRO_BENCH_KERNEL", "debian:6.12.115+deb12-cloud-amd64");
        VmCache cache = VmCache.defaultCache();
        GuestKernel k = new Kernels(cache).resolve(spec, null);
        Path work = Files.createTempDirectory("krepro-bench-vm");
        try {
            return measure(options, k, cache, work);
        } finally {
            FileTrees.delete(work); // the guests' disks, consoles and reports: the rows and the progress keep what counts
        }
    }

    private static List<BenchRow> measure(BenchOptions options, GuestKernel k, VmCache cache, Path work) throws Exception {
        VmSpec shape = VmSpec.defaults().withDisks(1, 256L << 20).withTimeout(Duration.ofMinutes(6));
        GuestImage images = new GuestImage(cache, GuestImage.hostJdk());
        String accel = Accelerator.choose("auto", cache, images, k, work).accel();
        options.progress().println("vm bench: plain busybox boot of " + k.release() + " (" + accel + ")");
        Accelerator.Probe plain = Accelerator.benchBoot(images, k, accel, shape, work.resolve("busybox"));
        options.progress().println("vm bench: krepro guest, control-clean on ext4");
        VmReport r = new VmRunner(cache).run(new VmRunner.Request(k, shape,
                List.of("run", "--devices", "@DEVICES@", "--allow-host-crash", "--report-dir", "@REPORTS@",
                        "--reproducer", "control-clean", "--fs", "ext4", "--duration", "5s"),
                null, "control-clean", work.resolve("reports"), work.resolve("guest"), options.progress(), false));
        options.progress().println(VmBench.line(k.release(), r, plain));
        String firstIteration = r.properties().get("vm.phase." + RunEvents.FIRST_ITERATION);
        if (firstIteration == null) {
            throw new IllegalStateException("the krepro guest never reached its first iteration: " + r.end() + " " + r.title());
        }
        double first = Double.parseDouble(firstIteration);
        return List.of(
                new BenchRow("vm boots/hour to /init, krepro initrd vs busybox (" + k.release() + ", " + accel + ")",
                        3600 / r.bootSeconds(), 3600 / plain.initSeconds(), "busybox", "wall"),
                new BenchRow("vm boots/hour to first reproducer iteration vs busybox to /init (" + k.release() + ", " + accel + ")",
                        3600 / first, 3600 / plain.initSeconds(), "busybox", "wall"));
    }
}
