package org.krepro.vm.guest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.krepro.vm.qemu.VmSpec;
import picocli.CommandLine.Option;

/**
 * The guest's shape and limits, one picocli mixin for every command that boots guests ({@code vm},
 * {@code matrix}, {@code bisect-run}, {@code bisect}); the run options themselves come from
 * {@link org.krepro.runner.cli.RunOptionsMixin}.
 */
public final class GuestShape {
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
    @Option(names = "--timeout", description = "overall time limit of one guest run in seconds (default: 300 + 3 x the tests' budgets)")
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

    /** Whether the guest's kernel console is echoed. */
    public boolean echoConsole() {
        return console;
    }

    /** The guest for tests whose budgets add up to about {@code testSeconds}. */
    public VmSpec spec(long testSeconds) {
        int timeout = timeoutSeconds != null ? timeoutSeconds : (int) (300 + 3 * Math.max(1, testSeconds));
        return new VmSpec(cpus, memoryMib, numaNodes, "virtio".equalsIgnoreCase(diskKind) ? VmSpec.DiskKind.VIRTIO
                : VmSpec.DiskKind.NVME, disks, diskMib << 20, accel, Duration.ofSeconds(timeout),
                Duration.ofSeconds(silenceSeconds), panicOnOops, panicOnWarn, hungTaskSecs, cmdline);
    }
}
