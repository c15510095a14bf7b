package org.krepro.runner.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.krepro.runner.io.Processes;
import org.krepro.runner.spi.Filesystem;

/**
 * Turns a file offset into a device location with the file's FIEMAP extents. On ext4 and xfs the FIEMAP
 * physical address is the device offset; on btrfs it is an address in btrfs's logical space, which
 * {@code btrfs-map-logical} maps to a device and offset (per mirror).
 */
final class DeviceMap {
    private static final Pattern MIRROR = Pattern.compile(
            "mirror (\\d+) logical (\\d+) physical (\\d+) device (\\S+)");

    private DeviceMap() {
    }

    static DeviceLocation locate(List<Extent> extents, long fileOffset, List<Path> devices, Filesystem fs) {
        return locateAll(extents, fileOffset, devices, fs).get(0);
    }

    /** Every copy of the byte: one location, or one per btrfs mirror (raid1, dup), mirror 1 first. */
    static List<DeviceLocation> locateAll(List<Extent> extents, long fileOffset, List<Path> devices, Filesystem fs) {
        Extent e = null;
        for (Extent x : extents) {
            if (x.contains(fileOffset)) {
                e = x;
                break;
            }
        }
        if (e == null) {
            return List.of(DeviceLocation.unknown("no extent at this offset: a hole"));
        }
        long physical = e.physical() + (fileOffset - e.logical());
        if (!e.addressable()) {
            return List.of(new DeviceLocation(null, -1, e, "extent has no plain device address (" + e.flagNames() + ")"));
        }
        String note = "";
        if ((e.flags() & Extent.UNWRITTEN) != 0) {
            note = "unwritten extent: reads return zeros";
        }
        if (fs == Filesystem.BTRFS) {
            return btrfs(physical, e, devices, note);
        }
        if (devices.size() == 1) {
            return List.of(new DeviceLocation(devices.get(0).toString(), physical, e, note));
        }
        return List.of(new DeviceLocation(null, physical, e, join(devices.isEmpty() ? "fiemap physical; device not given"
                : "fiemap physical; filesystem on " + devices.size() + " devices", note)));
    }

    /** Maps a btrfs logical address with btrfs-map-logical: one location per mirror; the first names the others. */
    private static List<DeviceLocation> btrfs(long logical, Extent e, List<Path> devices, String note) {
        String base = String.format("btrfs logical 0x%x", logical);
        if (devices.isEmpty() || !Files.exists(devices.get(0))) {
            return List.of(new DeviceLocation(null, logical, e, join(base + ", not a device offset (no device to map it with)", note)));
        }
        List<String[]> mirrors = new ArrayList<>();
        String failure = null;
        try {
            String out = run(List.of("btrfs-map-logical", "-l", Long.toString(logical), "-b", "4096", devices.get(0).toString()));
            Matcher m = MIRROR.matcher(out);
            while (m.find()) {
                mirrors.add(new String[] {m.group(1), m.group(3), m.group(4)});
            }
            if (mirrors.isEmpty()) {
                failure = "btrfs-map-logical printed no mirror: " + out.strip();
            }
        } catch (IOException ex) {
            failure = ex.getMessage();
        }
        if (failure != null) {
            return List.of(new DeviceLocation(null, logical, e, join(base + ", not a device offset (" + failure + ")", note)));
        }
        List<DeviceLocation> out = new ArrayList<>();
        for (int i = 0; i < mirrors.size(); i++) {
            StringBuilder n = new StringBuilder(base);
            if (mirrors.size() > 1) {
                n.append(", mirror ").append(mirrors.get(i)[0]).append(" of ").append(mirrors.size());
            }
            for (int j = 0; j < mirrors.size(); j++) {
                if (j != i) {
                    String[] mm = mirrors.get(j);
                    n.append(String.format("; mirror %s: device %s offset 0x%x", mm[0], mm[2], Long.parseLong(mm[1])));
                }
            }
            out.add(new DeviceLocation(mirrors.get(i)[2], Long.parseLong(mirrors.get(i)[1]), e, join(n.toString(), note)));
        }
        return out;
    }

    private static String join(String a, String b) {
        return b.isEmpty() ? a : a + "; " + b;
    }

    static String run(List<String> command) throws IOException {
        return Processes.runMerged(command, null, 60).check().output();
    }
}
