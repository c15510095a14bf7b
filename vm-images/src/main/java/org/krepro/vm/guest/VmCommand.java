package org.krepro.vm.guest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.KreproCommand;
import org.krepro.vm.VmCache;
import org.krepro.vm.image.GuestImage;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.Kernels;
import org.krepro.vm.qemu.Accelerator;
import org.krepro.vm.qemu.VmSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code krepro vm --kernel K [run options]}: runs reproducers in one QEMU guest booting kernel K. */
@Command(name = "vm", mixinStandardHelpOptions = true,
        description = {"Runs reproducers inside a QEMU guest booting the given kernel (NVMe disks, two NUMA nodes,"
                + " serial console captured and classified). A kernel crash becomes a titled FAIL.",
                "Kernels: debian:NAME (e.g. debian:6.12.115+deb12-cloud-amd64, fetched with apt-get), a bzImage"
                        + " in a build tree, or /boot/vmlinuz-REL. See `krepro kernels`."})
public final class VmCommand implements KreproCommand, Callable<Integer> {
    @Option(names = "--kernel", required = true, description = "debian:NAME or a bzImage path")
    String kernel;
    @Option(names = "--modules", description = "modules directory for a bzImage without a build tree (lib/modules/REL)")
    Path modules;
    @Mixin
    VmOptions opts = new VmOptions();
    @Option(names = "--bench", description = "also boot the same kernel with a busybox-only initramfs first and print"
            + " a benchmark line: plain boot vs boot to the first reproducer iteration")
    boolean bench;

    @Override
    public Integer call() throws Exception {
        VmCache cache = VmCache.defaultCache();
        GuestKernel k = new Kernels(cache).resolve(kernel, modules);
        Accelerator.Probe plain = null;
        if (bench) {
            VmSpec shape = opts.spec();
            String accel = Accelerator.choose(shape.accel(), cache, new GuestImage(cache, GuestImage.hostJdk()), k,
                    opts.workDir()).accel();
            plain = Accelerator.benchBoot(new GuestImage(cache, GuestImage.hostJdk()), k, accel, shape,
                    opts.workDir().resolve("bench-busybox"));
        }
        VmReport r = runOne(cache, k, opts);
        if (opts.kcidb != null) {
            org.krepro.runner.report.kcidb.KcidbReport.export(java.util.List.of(r.reportDir()), opts.kcidb,
                    org.krepro.runner.report.kcidb.KcidbReport.DEFAULT_ORIGIN);
        }
        if (plain != null) {
            System.out.println(VmBench.line(k.label(), r, plain));
        }
        return r.passed() ? ExitCodes.ALL_PASSED : r.verdict() == org.krepro.runner.report.Verdict.FAIL ? ExitCodes.REPRODUCER_FAILED : ExitCodes.INTERNAL;
    }

    /** One guest run with its summary on stdout; matrix runs one per kernel. */
    public static VmReport runOne(VmCache cache, GuestKernel k, VmOptions opts) throws Exception {
        Path work = opts.workDir().resolve(k.label().replaceAll("[^A-Za-z0-9._+-]", "_"));
        Files.createDirectories(work);
        VmRunner runner = new VmRunner(cache);
        VmReport r = runner.run(new VmRunner.Request(k, opts.spec(), opts.guestArgs(), opts.guestShell, opts.testName(), opts.run.reportDir, work,
                System.err, opts.guest.echoConsole()));
        System.out.printf("%s  %s  %s%s%n", r.verdict(), k.label(), r.testName(), r.title().isEmpty() ? "" : "  " + r.title());
        System.out.printf("  accelerator %s; NUMA %s%n", r.accel(), r.numa());
        System.out.printf("  boot to /init %.1f s, to krepro %.1f s, to first test %.1f s, total %.1f s%n",
                r.bootSeconds(), r.javaSeconds(), r.markerSeconds(), r.totalSeconds());
        String hit = r.properties().get("vm.seconds.test-start-to-crash");
        if (hit != null) {
            System.out.println("  first crash report " + hit + " s (guest clock) after its test's start marker");
        }
        System.out.println("  reports: " + r.reportDir() + "  console: " + r.consoleLog());
        return r;
    }
}
