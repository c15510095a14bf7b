package org.krepro.runner.device;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.UsageException;
import org.krepro.runner.io.Processes;

/**
 * Checks the block devices a user names with {@code --devices} before anything runs, since krepro formats
 * them: a device that is mounted (anywhere, a partition of it included), used as swap, held by device
 * mapper or md, or that holds any filesystem, partition table or RAID signature is refused, the last unless
 * the user says {@code --overwrite-devices} (mkfs.xfs and mkfs.btrfs refuse without -f for the same
 * reason). A QEMU guest's disks are fresh sparse files, so they pass on their own.
 */
public final class DeviceGuard {
    /** The flag that lets krepro format a device holding a signature. */
    public static final String OVERWRITE_FLAG = "--overwrite-devices";

    private DeviceGuard() {
    }

    /** Refuses (exit 3, naming the device and what is on it) unless every device is free to format. */
    public static void check(List<Path> devices, boolean overwrite) throws IOException {
        List<Path> seen = new ArrayList<>();
        for (Path given : devices) {
            Path dev = LoopDevices.canonical(given);
            String name = dev.getFileName().toString();
            Path sys = Path.of("/sys/class/block", name);
            if (!Files.exists(dev) || !Files.isDirectory(sys)) {
                throw new UsageException("--devices " + given + ": not a block device");
            }
            if (seen.contains(dev)) {
                throw new UsageException("--devices " + given + ": named twice");
            }
            seen.add(dev);
            List<String> numbers = new ArrayList<>();
            numbers.add(Files.readString(sys.resolve("dev")).strip());
            List<String> parts = partitions(sys, name);
            for (String p : parts) {
                numbers.add(Files.readString(Path.of("/sys/class/block", p, "dev")).strip());
            }
            String mountedOn = mountPointOf(numbers);
            if (mountedOn != null) {
                throw new EnvironmentException("--devices " + given + " is mounted on " + mountedOn
                        + "; krepro formats the devices it is given, so it refuses a mounted one");
            }
            String swap = swapOf(dev, parts);
            if (swap != null) {
                throw new EnvironmentException("--devices " + given + " is in use as swap (" + swap + "); refusing to format it");
            }
            List<String> holders = holders(sys, parts);
            if (!holders.isEmpty()) {
                throw new EnvironmentException("--devices " + given + " is held by " + String.join(", ", holders)
                        + " (device mapper, md or LVM); refusing to format it");
            }
            if (!overwrite) {
                List<String> signatures = signatures(dev);
                if (!signatures.isEmpty()) {
                    throw new EnvironmentException("--devices " + given + " holds data (" + String.join(", ", signatures)
                            + "); krepro would destroy it: pass " + OVERWRITE_FLAG + " if that is what you want");
                }
            }
        }
    }

    private static List<String> partitions(Path sys, String name) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(sys, name + "*")) {
            for (Path p : ds) {
                if (Files.exists(p.resolve("partition"))) {
                    out.add(p.getFileName().toString());
                }
            }
        }
        return out;
    }

    /** The mount point of the first mount whose device number is one of {@code numbers} (mountinfo field 3). */
    static String mountPointOf(List<String> numbers) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4 && numbers.contains(f[2])) {
                return f[4].replace("\\040", " ");
            }
        }
        return null;
    }

    private static String swapOf(Path dev, List<String> parts) throws IOException {
        Path swaps = Path.of("/proc/swaps");
        if (!Files.exists(swaps)) {
            return null;
        }
        for (String line : Files.readAllLines(swaps)) {
            String src = line.split("\\s+")[0];
            if (src.equals(dev.toString()) || parts.stream().anyMatch(p -> src.equals("/dev/" + p))) {
                return src;
            }
        }
        return null;
    }

    private static List<String> holders(Path sys, List<String> parts) throws IOException {
        List<String> out = new ArrayList<>();
        List<Path> dirs = new ArrayList<>(List.of(sys.resolve("holders")));
        parts.forEach(p -> dirs.add(Path.of("/sys/class/block", p, "holders")));
        for (Path d : dirs) {
            if (Files.isDirectory(d)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
                    ds.forEach(h -> out.add(h.getFileName().toString()));
                }
            }
        }
        return out;
    }

    /** Every signature wipefs finds (filesystems, partition tables, RAID superblocks), as "TYPE at OFFSET". */
    static List<String> signatures(Path dev) throws IOException {
        Processes.Result r;
        try {
            r = Processes.run(List.of("wipefs", "--no-act", "--noheadings", "--output", "TYPE,OFFSET", dev.toString())).ran();
        } catch (IOException e) {
            throw new EnvironmentException("wipefs (util-linux) is needed to check --devices for data: " + e.getMessage(), e);
        }
        if (r.exitCode() != 0) {
            throw new EnvironmentException("cannot read --devices " + dev + " to check it for data (wipefs exit "
                    + r.exitCode() + ": " + r.stderr().strip() + ")");
        }
        List<String> out = new ArrayList<>();
        for (String line : r.stdout().strip().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && !f[0].isEmpty()) {
                out.add(kind(f[0]) + " at " + f[1]);
            }
        }
        return out;
    }

    private static String kind(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("dos") || t.equals("gpt") || t.equals("pmbr") || t.equals("sun") || t.equals("bsd")) {
            return type + " partition table";
        }
        if (t.contains("raid") || t.equals("ddf_raid_member") || t.equals("lvm2_member")) {
            return type + " signature";
        }
        return type + " filesystem";
    }
}
