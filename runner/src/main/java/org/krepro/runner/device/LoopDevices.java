package org.krepro.runner.device;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.krepro.runner.io.ProcessFailedException;
import org.krepro.runner.io.Processes;

/**
 * Loop devices, through losetup(8), and their kernel state in /sys/block/loopN/loop. krepro detaches a loop
 * device only after checking that its backing file is still the image krepro attached.
 */
public final class LoopDevices {
    private static final Path SYS_BLOCK = Path.of("/sys/block");
    private static final String DELETED = " (deleted)";

    private LoopDevices() {
    }

    /** Attaches an image file to a free loop device and returns the device (e.g. /dev/loop3). */
    public static Path attach(Path image, boolean directIo, Consumer<String> log) throws IOException {
        List<String> argv = new ArrayList<>(List.of("losetup", "--find", "--show"));
        if (directIo) {
            argv.add("--direct-io=on");
        }
        argv.add(image.toString());
        Processes.Result r = Processes.run(argv, log).ran();
        if (!r.ok()) {
            throw new ProcessFailedException(r, "cannot attach " + image + " to a loop device");
        }
        String dev = r.stdout().strip();
        if (!dev.startsWith("/dev/loop")) {
            throw new IOException(r.commandLine() + " printed no loop device: '" + dev + "' " + r.stderr().strip());
        }
        Path device = Path.of(dev);
        if (directIo && !directIoEnabled(device)) {
            log.accept("note: " + device + " was attached without direct I/O (the backing filesystem refused it): "
                    + r.stderr().strip());
        }
        return device;
    }

    /** True when /sys says the loop device does direct I/O on its backing file. */
    public static boolean directIoEnabled(Path device) {
        try {
            return Files.readString(sysLoop(device).resolve("dio")).strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    /** The file a loop device is bound to, from /sys/block/loopN/loop/backing_file (" (deleted)" removed). */
    public static Optional<Path> backingFile(Path device) {
        try {
            String s = Files.readString(sysLoop(device).resolve("backing_file")).strip();
            if (s.endsWith(DELETED)) {
                s = s.substring(0, s.length() - DELETED.length());
            }
            return s.isEmpty() ? Optional.empty() : Optional.of(Path.of(s));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // not a loop device, or not bound
        }
    }

    /** Every loop device currently bound to that image file. */
    public static List<Path> boundTo(Path image) throws IOException {
        Path want = canonical(image);
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(SYS_BLOCK, "loop*")) {
            for (Path p : ds) {
                Path dev = Path.of("/dev", p.getFileName().toString());
                Optional<Path> b = backingFile(dev);
                if (b.isPresent() && b.get().equals(want)) {
                    out.add(dev);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Detaches a loop device, but only when its backing file is {@code expectedImage}; a device that is
     * already free, or bound to another file (reused by someone else), is left alone.
     *
     * @return true when krepro detached it
     */
    public static boolean detach(Path device, Path expectedImage, Consumer<String> log) throws IOException {
        Optional<Path> backing = backingFile(device);
        if (backing.isEmpty()) {
            log.accept(device + " is no longer attached; nothing to detach");
            return false;
        }
        if (!backing.get().equals(canonical(expectedImage))) {
            log.accept("not detaching " + device + ": its backing file is " + backing.get() + ", not krepro's "
                    + expectedImage);
            return false;
        }
        Processes.Result r = Processes.run(List.of("losetup", "--detach", device.toString()), log).ran();
        if (!r.ok()) {
            throw new ProcessFailedException(r, "cannot detach " + device);
        }
        return true;
    }

    static Path sysLoop(Path device) {
        String name = device.getFileName().toString();
        if (!name.matches("loop[0-9]+")) {
            throw new IllegalArgumentException("not a loop device: " + device);
        }
        return SYS_BLOCK.resolve(name).resolve("loop");
    }

    /** The absolute path with symbolic links resolved as far as the file exists (the kernel's spelling). */
    static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            Path parent = abs.getParent();
            if (parent == null) {
                return abs;
            }
            try {
                return parent.toRealPath().resolve(abs.getFileName());
            } catch (IOException e2) {
                return abs;
            }
        }
    }
}
