package org.krepro.vm.qemu;

import java.time.Duration;
import java.util.List;

/**
 * The shape of one guest.
 *
 * @param cpus          vCPUs
 * @param memoryMib     guest memory, split evenly over the NUMA nodes
 * @param numaNodes     NUMA nodes (2 by default, so that move_pages has somewhere to move pages)
 * @param diskKind      how test disks are attached
 * @param disks         number of test disks (several for btrfs raid0)
 * @param diskBytes     size of each sparse test disk image
 * @param accel         "auto" (probe KVM, fall back to TCG), "kvm" or "tcg"
 * @param timeout       overall limit of the guest run
 * @param silence       no output on either serial port for this long ends the run as a hang
 * @param panicOnOops   kernel.panic_on_oops in the guest
 * @param panicOnWarn   kernel.panic_on_warn in the guest
 * @param hungTaskSecs  kernel.hung_task_timeout_secs in the guest (0: the kernel's default)
 * @param extraCmdline  appended to the kernel command line
 */
public record VmSpec(int cpus, int memoryMib, int numaNodes, DiskKind diskKind, int disks, long diskBytes,
                     String accel, Duration timeout, Duration silence, boolean panicOnOops, boolean panicOnWarn,
                     int hungTaskSecs, List<String> extraCmdline) {

    public enum DiskKind { NVME, VIRTIO }

    public VmSpec {
        if (cpus < 1 || memoryMib < 256 || numaNodes < 1 || disks < 0) {
            throw new IllegalArgumentException("bad guest shape: cpus=" + cpus + " memory=" + memoryMib + " nodes=" + numaNodes);
        }
        extraCmdline = List.copyOf(extraCmdline);
    }

    public static VmSpec defaults() {
        return new VmSpec(2, 2048, 2, DiskKind.NVME, 2, 1L << 30, "auto", Duration.ofMinutes(10), Duration.ofSeconds(180),
                true, false, 60, List.of());
    }

    public VmSpec withTimeout(Duration t) {
        return new VmSpec(cpus, memoryMib, numaNodes, diskKind, disks, diskBytes, accel, t, silence, panicOnOops, panicOnWarn,
                hungTaskSecs, extraCmdline);
    }

    public VmSpec withDisks(int n, long bytes) {
        return new VmSpec(cpus, memoryMib, numaNodes, diskKind, n, bytes, accel, timeout, silence, panicOnOops, panicOnWarn,
                hungTaskSecs, extraCmdline);
    }

    /** With more kernel command-line arguments after the ones already given. */
    public VmSpec withMoreCmdline(List<String> more) {
        List<String> all = new java.util.ArrayList<>(extraCmdline);
        all.addAll(more);
        return new VmSpec(cpus, memoryMib, numaNodes, diskKind, disks, diskBytes, accel, timeout, silence, panicOnOops, panicOnWarn,
                hungTaskSecs, all);
    }

    public VmSpec withAccel(String a) {
        return new VmSpec(cpus, memoryMib, numaNodes, diskKind, disks, diskBytes, a, timeout, silence, panicOnOops, panicOnWarn,
                hungTaskSecs, extraCmdline);
    }

    /** "2 nodes: node0 cpus 0 1024 MiB, node1 cpus 1 1024 MiB" as QEMU is told. */
    public String numaLayout() {
        StringBuilder sb = new StringBuilder(numaNodes + (numaNodes == 1 ? " node" : " nodes") + ":");
        for (int n = 0; n < numaNodes; n++) {
            sb.append(n == 0 ? " " : ", ").append("node").append(n).append(" cpus ").append(cpusOf(n).isEmpty() ? "none" : cpusOf(n))
                    .append(' ').append(memOf(n)).append(" MiB");
        }
        return sb.toString();
    }

    /**
     * QEMU's -smp topology: one socket per NUMA node when the CPUs divide evenly (so that no cache
     * domain spans nodes, which the kernel warns about in topology_sane), else one socket per CPU.
     */
    String smp() {
        if (numaNodes > 1 && cpus % numaNodes == 0) {
            return "cpus=" + cpus + ",sockets=" + numaNodes + ",cores=" + (cpus / numaNodes) + ",threads=1";
        }
        return "cpus=" + cpus + ",sockets=" + cpus + ",cores=1,threads=1";
    }

    /** The CPUs of node n, space separated ("" when none): whole sockets, contiguous when they divide evenly. */
    String cpusOf(int node) {
        StringBuilder sb = new StringBuilder();
        if (cpus % numaNodes == 0) {
            int per = cpus / numaNodes;
            for (int c = node * per; c < (node + 1) * per; c++) {
                sb.append(sb.isEmpty() ? "" : " ").append(c);
            }
            return sb.toString();
        }
        for (int c = node; c < cpus; c += numaNodes) {
            sb.append(sb.isEmpty() ? "" : " ").append(c);
        }
        return sb.toString();
    }

    int memOf(int node) {
        int base = memoryMib / numaNodes;
        return node == numaNodes - 1 ? memoryMib - base * (numaNodes - 1) : base;
    }
}
