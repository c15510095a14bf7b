package org.krepro.runner.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.spi.TestSkipped;

/**
 * Block devices given to krepro explicitly (by the user, or by a QEMU guest's init: /dev/nvme0n1 ...).
 * krepro creates no loop devices and no images with it, and formats only these devices; one test at a
 * time holds them.
 */
public final class GivenDeviceSource implements DeviceSource {
    private final List<Path> devices;
    private final Workspace ws;
    private final AtomicBoolean inUse = new AtomicBoolean();

    /**
     * @throws EnvironmentException when a path is not a block device or is mounted
     */
    public GivenDeviceSource(Workspace ws, List<Path> devices) throws IOException {
        this.ws = ws;
        if (devices.isEmpty()) {
            throw new EnvironmentException("no block devices given");
        }
        List<Path> checked = new ArrayList<>();
        for (Path d : devices) {
            Path real = LoopDevices.canonical(d);
            if (!Files.exists(real) || !Files.isDirectory(Path.of("/sys/class/block", real.getFileName().toString()))) {
                throw new EnvironmentException("given device " + d + " is not a block device");
            }
            if (checked.contains(real)) {
                throw new EnvironmentException("device " + d + " given twice");
            }
            checked.add(real);
        }
        requireUnmounted(checked);
        this.devices = List.copyOf(checked);
    }

    private static void requireUnmounted(List<Path> devs) throws IOException {
        for (Mounts.Entry e : Mounts.list()) {
            for (Path d : devs) {
                if (e.source().equals(d.toString())) {
                    throw new EnvironmentException("given device " + d + " is mounted on " + e.target()
                            + "; krepro formats the devices it is given, refusing");
                }
            }
        }
    }

    public List<Path> devices() {
        return devices;
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.ofDeviceName(devices.getFirst());
    }

    @Override
    public DeviceSet acquire(String testId, int count, long bytesEach, boolean loopDirectIo) throws IOException {
        if (count > devices.size()) {
            throw new TestSkipped("needs " + count + " block devices, only " + devices.size() + " given: " + devices);
        }
        List<Device> mine = new ArrayList<>();
        for (Path d : devices.subList(0, count)) {
            long size = sizeOf(d);
            if (size < bytesEach) {
                throw new TestSkipped("device " + d + " has " + size + " bytes, the test needs " + bytesEach);
            }
            mine.add(new Device(d, DeviceKind.ofDeviceName(d), null));
        }
        requireUnmounted(devices.subList(0, count));
        if (!inUse.compareAndSet(false, true)) {
            throw new IllegalStateException("the given devices are held by another test");
        }
        ws.log("test " + testId + " uses given devices " + mine);
        DeviceSet set = new DeviceSet() {
            private boolean closed;

            @Override
            public List<Device> devices() {
                return List.copyOf(mine);
            }

            @Override
            public DeviceKind kind() {
                return mine.getFirst().kind();
            }

            @Override
            public List<Path> keepImages(Path dir) {
                ws.log("given devices have no image files to keep; the devices keep the evidence until the next test");
                return List.of();
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    inUse.set(false);
                    ws.untrack(this);
                }
            }

            @Override
            public String toString() {
                return "given devices " + mine;
            }
        };
        ws.track(set);
        return set;
    }

    /** The size in bytes from /sys/class/block/NAME/size (512-byte sectors). */
    static long sizeOf(Path device) throws IOException {
        String name = device.getFileName().toString();
        return Long.parseLong(Files.readString(Path.of("/sys/class/block", name, "size")).strip()) * 512;
    }
}
