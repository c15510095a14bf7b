package org.krepro.runner.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.krepro.runner.io.Processes;
import org.krepro.runner.spi.Filesystem;

/**
 * Read-only checks of an unmounted filesystem: {@code e2fsck -fn}, {@code xfs_repair -n} (which also tells a
 * dirty log apart), {@code btrfs check --readonly} on the first device. Nothing is repaired.
 */
public final class Fsck {
    /** What xfs_repair prints when the log holds changes that were never replayed (with -n, and without). */
    static final String XFS_DIRTY_LOG = "valuable metadata changes in a log";

    private Fsck() {
    }

    /** The check's command line for this filesystem on these devices. */
    public static List<String> commandFor(Filesystem fs, List<Path> devices) {
        String dev = devices.getFirst().toString();
        return switch (fs) {
            case EXT4 -> List.of("e2fsck", "-fn", dev);
            case XFS -> List.of("xfs_repair", "-n", dev);
            case BTRFS -> List.of("btrfs", "check", "--readonly", dev);
        };
    }

    /** Runs the check; never throws for what the checker reports, only returns it. */
    public static FsckResult check(Filesystem fs, List<Path> devices, Consumer<String> log) {
        List<String> argv = commandFor(fs, devices);
        String tool = argv.getFirst();
        Processes.Result r;
        try {
            r = Processes.run(argv, log).ran();
        } catch (IOException e) {
            return new FsckResult(tool, Processes.toShell(argv), -1, e.getMessage(), false, FsckResult.Status.FAILED);
        }
        FsckResult.Status status = classify(fs, r.exitCode(), r.output());
        FsckResult result = new FsckResult(tool, r.commandLine(), r.exitCode(), r.output(),
                status == FsckResult.Status.CLEAN, status);
        log.accept(result.title());
        return result;
    }

    static FsckResult.Status classify(Filesystem fs, int exit, String output) {
        if (exit > 128) {
            return FsckResult.Status.FAILED; // killed by a signal
        }
        return switch (fs) {
            // 0 clean; 1, 2 corrected (not with -n); 4 uncorrected; 8 operational error (also a superblock
            // it cannot read); 16 usage; 32 cancelled
            case EXT4 -> exit == 0 ? FsckResult.Status.CLEAN
                    : (exit & (16 | 32)) != 0 ? FsckResult.Status.FAILED : FsckResult.Status.ERRORS;
            // 0 clean; 1 corruption found (with -n); 2 dirty log (without -n)
            case XFS -> output.contains(XFS_DIRTY_LOG) ? FsckResult.Status.DIRTY_LOG
                    : exit == 0 ? FsckResult.Status.CLEAN : FsckResult.Status.ERRORS;
            // 0 clean; 1 errors (including a filesystem it cannot open)
            case BTRFS -> exit == 0 ? FsckResult.Status.CLEAN : FsckResult.Status.ERRORS;
        };
    }
}
