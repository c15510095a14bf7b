package org.krepro.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Guest and run options shared by {@code krepro vm} and {@code krepro matrix} (a picocli mixin). */
public final class VmOptions {
    @Option(names = "--reproducer", description = "reproducer id(s) to run in the guest (default: all)", split = ",")
    List<String> reproducers = new ArrayList<>();
    @Option(names = "--fs", description = "filesystem(s): ext4, xfs, btrfs (default: every one the reproducer declares)", split = ",")
    List<String> fs = new ArrayList<>();
    @Option(names = "--duration", description = "workload budget per test, e.g. 30s, 2m (passed to the guest runner)")
    String duration;
    @Option(names = "--seed", description = "seed (passed to the guest runner)")
    String seed;
    @Option(names = "--report-dir", description = "report root; each kernel's files go to DIR/<release>/ (default: ${DEFAULT-VALUE})")
    Path reportDir = Path.of("reports");
    @Option(names = "--work-dir", description = "scratch for disk images, initrd and logs (default: ${DEFAULT-VALUE})")
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "krepro-vm");
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
        int tests = reproducers.isEmpty() ? 20 : reproducers.size() * Math.max(1, fs.isEmpty() ? 3 : fs.size());
        int timeout = timeoutSeconds != null ? timeoutSeconds : 300 + 3 * (int) parseSeconds(duration, 60) * tests;
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
        for (String r : reproducers) {
            a.addAll(List.of("--reproducer", r));
        }
        if (!fs.isEmpty()) {
            a.addAll(List.of("--fs", String.join(",", fs)));
        }
        if (duration != null) {
            a.addAll(List.of("--duration", duration));
        }
        if (seed != null) {
            a.addAll(List.of("--seed", seed));
        }
        return a;
    }

    String testName() {
        String name = reproducers.isEmpty() ? "guest" : String.join("+", reproducers);
        return fs.isEmpty() ? name : name + "[" + String.join(",", fs) + "]";
    }

    static long parseSeconds(String d, long dflt) {
        if (d == null || d.isBlank()) {
            return dflt;
        }
        String s = d.trim().toLowerCase();
        try {
            if (s.endsWith("ms")) {
                return Math.max(1, Long.parseLong(s.substring(0, s.length() - 2)) / 1000);
            }
            if (s.endsWith("s")) {
                return Long.parseLong(s.substring(0, s.length() - 1));
            }
            if (s.endsWith("m")) {
                return 60 * Long.parseLong(s.substring(0, s.length() - 1));
            }
            if (s.endsWith("h")) {
                return 3600 * Long.parseLong(s.substring(0, s.length() - 1));
            }
            if (s.startsWith("pt")) {
                return Duration.parse(s.toUpperCase()).toSeconds();
            }
            return Long.parseLong(s);
        } catch (RuntimeException e) {
            return dflt;
        }
    }
}
