package org.krepro.runner.device;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A block device a test's filesystem lives on.
 *
 * @param path  the device node, e.g. /dev/loop3 or /dev/nvme1n1
 * @param kind  loop, nvme, virtio or given
 * @param image the sparse image file behind a loop device, or null for a given device
 */
public record Device(Path path, DeviceKind kind, Path image) {
    public Device {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    public Optional<Path> imageFile() {
        return Optional.ofNullable(image);
    }

    @Override
    public String toString() {
        return image == null ? path + " (" + kind.id() + ")" : path + " (" + kind.id() + " on " + image + ")";
    }
}
