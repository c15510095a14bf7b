package org.krepro.runner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.krepro.runner.io.Processes;

/**
 * debugfs for the run: fstests re-arms WARN_ONCE before every test through
 * {@code /sys/kernel/debug/clear_warn_once}, which needs debugfs mounted. When it is not, krepro mounts
 * it for the run and unmounts it at the end (it leaves no mount of its own behind).
 */
final class DebugFs implements AutoCloseable {
    static final Path MOUNT_POINT = Path.of("/sys/kernel/debug");

    private final boolean mountedByUs;
    private final Consumer<String> log;

    private DebugFs(boolean mountedByUs, Consumer<String> log) {
        this.mountedByUs = mountedByUs;
        this.log = log;
    }

    static boolean mounted() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(l -> l.split(" "))
                    .anyMatch(f -> f.length > 2 && f[1].equals(MOUNT_POINT.toString()) && f[2].equals("debugfs"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Mounts debugfs when it is not mounted and the kernel has it; never fails the run. */
    static DebugFs ensure(Consumer<String> log) {
        if (mounted() || !Files.isDirectory(MOUNT_POINT)) {
            return new DebugFs(false, log);
        }
        boolean ok = Processes.succeeds("mount", "-t", "debugfs", "debugfs", MOUNT_POINT.toString());
        if (!ok) {
            log.accept("debugfs could not be mounted: WARN_ONCE sites cannot be re-armed between tests");
            return new DebugFs(false, log);
        }
        try {
            Files.writeString(MOUNT_POINT.resolve("clear_warn_once"), "1");
        } catch (IOException e) {
            // Kernel lockdown (integrity or confidentiality) refuses debugfs writes: no use keeping it.
            Processes.succeeds("umount", MOUNT_POINT.toString());
            log.accept("debugfs mounted but clear_warn_once refused (" + e.getMessage()
                    + "; kernel lockdown?): unmounted again; WARN_ONCE sites cannot be re-armed between tests");
            return new DebugFs(false, log);
        }
        log.accept("mounted debugfs on " + MOUNT_POINT + " (for clear_warn_once)");
        return new DebugFs(true, log);
    }

    @Override
    public void close() {
        if (mountedByUs) {
            boolean ok = Processes.succeeds("umount", MOUNT_POINT.toString());
            log.accept(ok ? "unmounted debugfs from " + MOUNT_POINT : "debugfs stays mounted on " + MOUNT_POINT + " (busy)");
        }
    }
}
