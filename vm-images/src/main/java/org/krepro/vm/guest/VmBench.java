package org.krepro.vm.guest;

import org.krepro.vm.qemu.Accelerator;

/**
 * The guest benchmark row: a busybox-only boot of a kernel beside a krepro guest of the same kernel,
 * measured in the same invocation; printed by {@code krepro vm --bench} and {@code krepro bench vm}.
 */
public final class VmBench {
    private VmBench() {
    }

    /** "vm-boot 6.12.115+deb12-cloud-amd64 tcg: busybox /init 4.1 s (off 4.6 s) | krepro /init 7.9 s, java 12.0 s, first test 14.2 s". */
    public static String line(String release, VmReport r, Accelerator.Probe plain) {
        return String.format("bench vm-boot %s %s: plain busybox boot to /init %.2f s (powered off at %.2f s) | krepro guest:"
                        + " /init %.2f s, krepro output %.2f s, first reproducer iteration %.2f s, total %.2f s",
                release, r.accel().split(" ")[0], plain.initSeconds(), plain.seconds(), r.bootSeconds(), r.javaSeconds(),
                r.markerSeconds(), r.totalSeconds());
    }
}
