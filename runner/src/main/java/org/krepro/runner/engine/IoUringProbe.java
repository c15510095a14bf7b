package org.krepro.runner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.sys.IoUring;

/**
 * Whether this process may create an io_uring, asked before a test that declares io_uring calls: with
 * {@code kernel.io_uring_disabled} set the workload would die on io_uring_setup's EPERM and the test
 * would end ERROR, when the truth is that it cannot run here (SKIPPED, saying why).
 */
public final class IoUringProbe {
    static final Path SYSCTL = Path.of("/proc/sys/kernel/io_uring_disabled");

    private IoUringProbe() {
    }

    /** The skip reason for {@code info} here and now, or null when it uses no io_uring or io_uring works. */
    public static String skipReason(ReproducerInfo info) {
        if (info.syscalls().stream().noneMatch(s -> s.startsWith("io_uring"))) {
            return null;
        }
        return probe();
    }

    /** Null when a one-entry ring can be set up, else why not. */
    public static String probe() {
        try (IoUring ring = IoUring.open(1)) {
            return null;
        } catch (RuntimeException e) {
            String sysctl = sysctl();
            return switch (sysctl) {
                case "2" -> "io_uring is disabled by kernel.io_uring_disabled=2";
                case "1" -> "io_uring is restricted by kernel.io_uring_disabled=1 to the group in"
                        + " kernel.io_uring_group, and this process is not in it";
                default -> "io_uring cannot be set up here (kernel.io_uring_disabled=" + sysctl + "): " + e.getMessage();
            };
        }
    }

    static String sysctl() {
        try {
            return Files.readString(SYSCTL).strip();
        } catch (IOException e) {
            return "absent";
        }
    }
}
