package org.krepro.runner.device;

import java.nio.file.Path;
import java.util.Locale;

/** What kind of block device a test ran on; reported as the JUnit property "device kind". */
public enum DeviceKind {
    /** A loop device krepro attached to a sparse image file (host runs). */
    LOOP,
    /** An NVMe namespace given to krepro (QEMU guests). */
    NVME,
    /** A virtio-blk disk given to krepro. */
    VIRTIO,
    /** Another block device given to krepro explicitly. */
    GIVEN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Guesses the kind of a given device from its name: nvme*, vd*, loop*, else given. */
    public static DeviceKind ofDeviceName(Path device) {
        String n = LoopDevices.canonical(device).getFileName().toString();
        if (n.startsWith("nvme")) {
            return NVME;
        }
        if (n.matches("vd[a-z]+[0-9]*")) {
            return VIRTIO;
        }
        if (n.matches("loop[0-9]+")) {
            return LOOP;
        }
        return GIVEN;
    }
}
