package org.krepro.runner.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.krepro.runner.io.Processes;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.TestSkipped;

/** Whether this machine can make, mount and check a filesystem: its tools and the kernel's support. */
public final class FsSupport {
    private FsSupport() {
    }

    /** The tools a filesystem needs: mkfs and its checker. */
    public static List<String> tools(Filesystem fs) {
        return switch (fs) {
            case EXT4 -> List.of("mkfs.ext4", "e2fsck", "dumpe2fs");
            case XFS -> List.of("mkfs.xfs", "xfs_repair", "xfs_db");
            case BTRFS -> List.of("mkfs.btrfs", "btrfs");
        };
    }

    private static String packageOf(Filesystem fs) {
        return switch (fs) {
            case EXT4 -> "e2fsprogs";
            case XFS -> "xfsprogs";
            case BTRFS -> "btrfs-progs";
        };
    }

    /**
     * Throws {@link TestSkipped} with the reason when a tool is missing or the kernel does not support the
     * filesystem (not in /proc/filesystems, and {@code modprobe} does not load it).
     */
    public static void requireAvailable(Filesystem fs, Consumer<String> log) {
        requireAvailable(fs, Processes::which, FsSupport::kernelSupports, log);
    }

    static void requireAvailable(Filesystem fs, Function<String, Optional<Path>> findTool,
                                 Predicate<Filesystem> kernelSupports, Consumer<String> log) {
        for (String tool : tools(fs)) {
            if (findTool.apply(tool).isEmpty()) {
                throw new TestSkipped(fs.id() + ": " + tool + " is not installed (package " + packageOf(fs) + ")");
            }
        }
        if (kernelSupports.test(fs)) {
            return;
        }
        String why;
        try {
            Processes.Result r = Processes.run(List.of("modprobe", fs.id()), log).ran();
            why = r.ok() ? "modprobe " + fs.id() + " succeeded but it is still not listed"
                    : "modprobe " + fs.id() + " failed (exit " + r.exitCode() + "): " + r.output().strip();
        } catch (IOException e) {
            why = e.getMessage();
        }
        if (!kernelSupports.test(fs)) {
            throw new TestSkipped("kernel " + System.getProperty("os.version") + " does not support " + fs.id()
                    + ": not in /proc/filesystems; " + why);
        }
    }

    /** True when /proc/filesystems lists the filesystem. */
    public static boolean kernelSupports(Filesystem fs) {
        try {
            return Files.readAllLines(Path.of("/proc/filesystems")).stream()
                    .map(l -> l.substring(l.indexOf('\t') + 1).strip())
                    .anyMatch(fs.id()::equals);
        } catch (IOException e) {
            return false;
        }
    }
}
