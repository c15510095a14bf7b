package org.krepro.runner.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.io.Processes;

/**
 * A throwaway file system on a loop device: a sparse image file in a fresh temporary directory,
 * attached with {@code losetup --find --show}, formatted, mounted under the same directory. {@link #close()}
 * unmounts, detaches exactly the device it attached and deletes the directory, also after partial
 * failures. Needs root.
 *
 * <p>For the bindings' kernel tests ({@code FileIoKernelTest}, {@code IoUringKernelTest}) and {@code bench
 * syscalls} only. Reproducers and the engine use the runner's Workspace/TestFilesystem instead, whose loop
 * devices and mounts are also cleaned up after a SIGKILL.
 */
public final class ScratchFilesystem implements AutoCloseable {
    private final Path dir;
    private final Path image;
    private final Path mountPoint;
    private String device;
    private boolean mounted;

    private ScratchFilesystem(Path dir) {
        this.dir = dir;
        this.image = dir.resolve("image");
        this.mountPoint = dir.resolve("mnt");
    }

    /** An ext4 file system of {@code sizeBytes} ({@code mkfs.ext4 -q -F} plus {@code mkfsOptions}). */
    public static ScratchFilesystem ext4(long sizeBytes, String... mkfsOptions) throws IOException {
        List<String> mkfs = new ArrayList<>(List.of("mkfs.ext4", "-q", "-F"));
        mkfs.addAll(List.of(mkfsOptions));
        return create(sizeBytes, mkfs);
    }

    /** A file system of {@code sizeBytes} made by {@code mkfsCommand} (the device path is appended). */
    public static ScratchFilesystem create(long sizeBytes, List<String> mkfsCommand) throws IOException {
        Path dir = Files.createTempDirectory("krepro-scratch-");
        ScratchFilesystem fs = new ScratchFilesystem(dir);
        try {
            try (RandomAccessFile f = new RandomAccessFile(fs.image.toFile(), "rw")) {
                f.setLength(sizeBytes);
            }
            fs.device = run(List.of("losetup", "--find", "--show", fs.image.toString())).strip();
            if (!fs.device.startsWith("/dev/loop")) {
                throw new IOException("losetup printed no loop device: " + fs.device);
            }
            List<String> mkfs = new ArrayList<>(mkfsCommand);
            mkfs.add(fs.device);
            run(mkfs);
            Files.createDirectory(fs.mountPoint);
            run(List.of("mount", fs.device, fs.mountPoint.toString()));
            fs.mounted = true;
            return fs;
        } catch (IOException | RuntimeException e) {
            try {
                fs.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The mounted file system's root. */
    public Path mountPoint() {
        return mountPoint;
    }

    /** The loop device ({@code /dev/loopN}). */
    public Path device() {
        return Path.of(device);
    }

    /** Writes back and drops the page cache of the whole machine ({@code sync; echo 3 > drop_caches}). */
    public static void dropCaches() throws IOException {
        run(List.of("sync"));
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        if (mounted) {
            try {
                run(List.of("umount", mountPoint.toString()));
                mounted = false;
            } catch (IOException e) {
                failure = e;
            }
        }
        if (device != null && !mounted) {
            try {
                run(List.of("losetup", "-d", device));
                device = null;
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (!mounted && device == null) {
            Files.deleteIfExists(mountPoint);
            Files.deleteIfExists(image);
            Files.deleteIfExists(dir);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs a command for at most two minutes; its output (stdout and stderr), or a failure naming its exit status. */
    private static String run(List<String> command) throws IOException {
        return Processes.runMerged(command, null, 120).check().output();
    }
}
