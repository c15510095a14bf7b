package org.krepro.vm.guest;

import java.util.Locale;
import java.util.Map;
import org.krepro.runner.report.RunEvents;
import org.krepro.vm.qemu.Accelerator;
import org.krepro.vm.qemu.Qemu;

/**
 * The guest benchmark row: a busybox-only boot of a kernel beside a krepro guest of the same kernel,
 * measured in the same invocation; printed by {@code krepro vm --bench} and {@code krepro bench vm}.
 */
public final class VmBench {
    private VmBench() {
    }

    /** The bench line (QEMU start to /init, krepro's output, the first test) and, below it, the phases. */
    public static String line(String release, VmReport r, Accelerator.Probe plain) {
        String first = r.properties().get("vm.phase." + RunEvents.FIRST_ITERATION);
        return String.format(Locale.ROOT, "bench vm-boot %s %s: plain busybox boot to /init %.2f s (powered off at %.2f s) | krepro guest:"
                        + " /init %.2f s, krepro output %.2f s, first test's marker %.2f s, first reproducer iteration %s s, total %.2f s",
                release, r.accel().split(" ")[0], plain.initSeconds(), plain.seconds(), r.bootSeconds(), r.javaSeconds(),
                r.markerSeconds(), first == null ? "-" : String.format(Locale.ROOT, "%.2f", Double.parseDouble(first)),
                r.totalSeconds()) + "\n" + phases(r.properties());
    }

    /**
     * "  phases (s from QEMU start): kernel 0.9, init 2.4 (+1.5), ...": when the host saw each step of the
     * first boot, and what each step added; from the report's vm.phase.* properties.
     */
    public static String phases(Map<String, String> props) {
        StringBuilder sb = new StringBuilder("  phases (s from QEMU start, + the step's own):");
        double before = 0;
        for (String phase : Qemu.PHASES) {
            String v = props.get("vm.phase." + phase);
            if (v != null) {
                double at = Double.parseDouble(v);
                sb.append(String.format(Locale.ROOT, " %s %.2f (+%.2f),", phase, at, at - before));
                before = at;
            }
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
