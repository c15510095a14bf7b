package org.krepro.vm;

import org.krepro.runner.cli.RunOptionsMixin;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Guest and run options shared by {@code krepro vm} and {@code krepro matrix} (a picocli mixin). */
public final class VmOptions {
    /** --reproducer, --fs, --duration, --seed, --report-dir, --work-dir...: the same options as `krepro run`. */
    @Mixin
    RunOptionsMixin run = new RunOptionsMixin();
    @Parameters(paramLabel = "GUEST-ARG", description = "after --: krepro's arguments in the guest instead of `run ...`,"
            + " e.g. `-- list` or `-- --version`; @DEVICES@ and @REPORTS@ are replaced in the guest")
    List<String> guestArgs = new ArrayList<>();
    @Option(names = "--guest-shell", description = "run this busybox sh command in the guest instead of krepro"
            + " (debugging; e.g. 'echo c > /proc/sysrq-trigger')")
    String guestShell;
    @Option(names = "--cpus", description = "vCPUs (default: ${DEFAULT-VALUE})")
    int cpus = 2;
    @Option(names = "--memory", description = "guest memory in MiB (default: ${DEFAULT-VALUE})")
    int memoryMib = 2048;
    @Option(names = "--numa-nodes", description = "NUMA nodes (default: ${DEFAULT-VALUE})")
    int numaNodes = 2;
    @Option(names = "--disk", description = "disk attachment: nvme or virtio (default: ${DEFAULT-VALUE})")
    String diskKind = "nvme";
    @Option(names = "--disks", description = "test disks (default: ${DEFAULT-VALUE}; several for btrfs raid0)")
    int disks = 2;
    @Option(names = "--disk-size", description = "size of each test disk in MiB (default: ${DEFAULT-VALUE})")
    long diskMib = 1024;
    @Option(names = "--accel", description = "auto (probe KVM, else TCG), kvm or tcg (default: ${DEFAULT-VALUE})")
    String accel = "auto";
    @Option(names = "--timeout", description = "overall guest time limit in seconds (default: 300 + 3 x the tests' budgets)")
    Integer timeoutSeconds;
    @Option(names = "--silence", description = "seconds without guest output that make a hang (default: ${DEFAULT-VALUE})")
    int silenceSeconds = 180;
    @Option(names = "--panic-on-oops", negatable = true, description = "kernel.panic_on_oops in the guest (default: on)")
    boolean panicOnOops = true;
    @Option(names = "--panic-on-warn", negatable = true, description = "kernel.panic_on_warn in the guest (default: off)")
    boolean panicOnWarn = false;
    @Option(names = "--hung-task-secs", description = "kernel.hung_task_timeout_secs in the guest (default: ${DEFAULT-VALUE})")
    int hungTaskSecs = 60;
    @Option(names = "--cmdline", description = "extra kernel command line arguments", split = " ")
    List<String> cmdline = new ArrayList<>();
    @Option(names = "--console", description = "echo the guest's kernel console")
    boolean console;

    VmSpec spec() {
        // Boot + JVM under TCG, then three times each test's budget (set-up, verification and fsck are
        // slow under emulation); all reproducers on all filesystems are about 20 tests.
        int tests = run.reproducers.isEmpty() ? 20 : run.reproducers.size() * Math.max(1, run.filesystems.isEmpty() ? 3 : run.filesystems.size());
        long budget = run.duration == null ? 60 : Math.max(1, run.duration.toSeconds());
        int timeout = timeoutSeconds != null ? timeoutSeconds : (int) (300 + 3 * budget * tests);
        return new VmSpec(cpus, memoryMib, numaNodes, "virtio".equalsIgnoreCase(diskKind) ? VmSpec.DiskKind.VIRTIO : VmSpec.DiskKind.NVME,
                disks, diskMib << 20, accel, Duration.ofSeconds(timeout), Duration.ofSeconds(silenceSeconds), panicOnOops,
                panicOnWarn, hungTaskSecs, cmdline);
    }

    /** The guest's krepro command line. */
    List<String> guestArgs() {
        if (!guestArgs.isEmpty()) {
            return List.copyOf(guestArgs);
        }
        List<String> a = new ArrayList<>(List.of("run", "--devices", "@DEVICES@", "--allow-host-crash", "--report-dir", "@REPORTS@"));
        // The guest is disposable: it always may crash (added above, so not again from the shared options).
        run.toArguments().stream().filter(x -> !x.equals("--allow-host-crash")).forEach(a::add);
        return a;
    }

    /** Host-side scratch of the guests (disk images, initrd, logs): under the run's --work-dir. */
    Path workDir() {
        return run.workDir.resolve("vm");
    }

    String testName() {
        String name = run.reproducers.isEmpty() ? "guest" : String.join("+", run.reproducers);
        return run.filesystems.isEmpty() ? name : name + "[" + String.join(",", run.filesystems) + "]";
    }
}
