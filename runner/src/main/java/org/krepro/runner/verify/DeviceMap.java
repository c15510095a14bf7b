package org.krepro.runner.verify;

import java.nio.file.Path;
import java.util.List;
import org.krepro.runner.spi.Filesystem;

/** Turns a file offset into a device location with the file's FIEMAP extents. */
final class DeviceMap {
    private DeviceMap() {
    }

    static DeviceLocation locate(List<Extent> extents, long fileOffset, List<Path> devices, Filesystem fs) {
        Extent e = null;
        for (Extent x : extents) {
            if (x.contains(fileOffset)) {
                e = x;
                break;
            }
        }
        if (e == null) {
            return DeviceLocation.unknown("no extent at this offset: a hole");
        }
        long physical = e.physical() + (fileOffset - e.logical());
        if (!e.addressable()) {
            return new DeviceLocation(null, -1, e, "extent has no plain device address (" + e.flagNames() + ")");
        }
        String note = "";
        if ((e.flags() & Extent.UNWRITTEN) != 0) {
            note = "unwritten extent: reads return zeros";
        }
        if (fs == Filesystem.BTRFS) {
            var mapped = BtrfsLogicalMap.map(physical, devices, e, note);
            if (mapped.isPresent()) {
                return mapped.get();
            }
            return new DeviceLocation(null, physical, e, join("btrfs logical address, not a device offset;"
                    + " map with btrfs-map-logical -l " + physical, note));
        }
        if (devices.size() == 1) {
            return new DeviceLocation(devices.get(0).toString(), physical, e, note);
        }
        return new DeviceLocation(null, physical, e, join(devices.isEmpty() ? "device not given" : "filesystem on "
                + devices.size() + " devices", note));
    }

    private static String join(String a, String b) {
        return b.isEmpty() ? a : a + "; " + b;
    }
}
