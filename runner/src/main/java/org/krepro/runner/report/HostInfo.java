package org.krepro.runner.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run judged: the kernel under test and what it ran on. In a QEMU guest this describes
 * the guest.
 */
public record HostInfo(String hostname, String kernelRelease, String kernelVersion, String arch, int cpus,
                       long memoryBytes, List<Integer> numaNodes, String kreproVersion) {

    public HostInfo {
        numaNodes = List.copyOf(numaNodes);
    }

    /** Reads the running kernel's identity from /proc and /sys. */
    public static HostInfo current(String kreproVersion) {
        return new HostInfo(currentHostname(), read("/proc/sys/kernel/osrelease", System.getProperty("os.version")),
                read("/proc/sys/kernel/version", ""), machineArch(), Runtime.getRuntime().availableProcessors(),
                memTotal(), onlineNodes(), kreproVersion);
    }

    /** Kernel architecture as uname -m prints it. */
    public static String machineArch() {
        String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> a;
        };
    }

    static String currentHostname() {
        String h = read("/proc/sys/kernel/hostname", "");
        if (!h.isEmpty()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** NUMA nodes from /sys/devices/system/node/online ("0" or "0-1"); [0] when absent. */
    public static List<Integer> onlineNodes() {
        String s = read("/sys/devices/system/node/online", "0");
        List<Integer> nodes = new ArrayList<>();
        for (String part : s.split(",")) {
            part = part.trim();
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                nodes.add(Integer.parseInt(part));
            } else {
                for (int n = Integer.parseInt(part.substring(0, dash)); n <= Integer.parseInt(part.substring(dash + 1)); n++) {
                    nodes.add(n);
                }
            }
        }
        return nodes.isEmpty() ? List.of(0) : nodes;
    }

    static String read(String path, String fallback) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            return fallback;
        }
    }
}
