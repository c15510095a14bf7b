package org.krepro.runner.spi;

import java.util.List;
import java.util.Objects;

/**
 * One filesystem set-up a reproducer declares: which filesystem, how to make it and how to mount it.
 * It is data: the runner turns it into image files, loop (or guest NVMe) devices, a mkfs command line
 * and mount options, so that a reproducer never formats or mounts anything itself.
 *
 * @param fs            the filesystem
 * @param name          the option set's short name, unique within a reproducer for this filesystem
 *                      (e.g. "4k", "2k-data-journal", "raid0"); it names the JUnit test case
 * @param mkfsOptions   extra mkfs arguments, before the device(s), e.g. {@code ["-b", "1024", "-O", "inline_data,^has_journal"]}
 * @param mountOptions  mount -o options, e.g. {@code ["data=journal", "errors=continue"]}
 * @param devices       how many block devices the filesystem spans (more than one for btrfs raid)
 * @param deviceBytes   size of each device (sparse image file on the host)
 * @param loopDirectIo  attach the loop device with direct I/O on the backing file
 */
public record FsConfig(Filesystem fs, String name, List<String> mkfsOptions, List<String> mountOptions,
                       int devices, long deviceBytes, boolean loopDirectIo) {

    public static final long MIB = 1024L * 1024;
    public static final long GIB = 1024L * MIB;

    public FsConfig {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(name, "name");
        mkfsOptions = List.copyOf(mkfsOptions);
        mountOptions = List.copyOf(mountOptions);
        if (devices < 1) {
            throw new IllegalArgumentException("devices must be >= 1: " + devices);
        }
        if (deviceBytes < 16 * MIB) {
            throw new IllegalArgumentException("device smaller than 16 MiB: " + deviceBytes);
        }
    }

    /** A filesystem with default mkfs and mount options on one device of the given size. */
    public static FsConfig of(Filesystem fs, String name, long deviceBytes) {
        return new FsConfig(fs, name, List.of(), List.of(), 1, deviceBytes, false);
    }

    public FsConfig withMkfs(String... options) {
        return new FsConfig(fs, name, List.of(options), mountOptions, devices, deviceBytes, loopDirectIo);
    }

    public FsConfig withMount(String... options) {
        return new FsConfig(fs, name, mkfsOptions, List.of(options), devices, deviceBytes, loopDirectIo);
    }

    public FsConfig withDevices(int count) {
        return new FsConfig(fs, name, mkfsOptions, mountOptions, count, deviceBytes, loopDirectIo);
    }

    public FsConfig withLoopDirectIo(boolean directIo) {
        return new FsConfig(fs, name, mkfsOptions, mountOptions, devices, deviceBytes, directIo);
    }

    /** "ext4/4k": how reports and logs name this set-up. */
    public String label() {
        return fs.id() + "/" + name;
    }
}
