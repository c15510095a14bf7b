package org.krepro.runner.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a reproducer declares about itself; {@code krepro list --json} prints all of it.
 *
 * @param id              stable id used on the command line ({@code --reproducer ext4-jbd2-migration})
 * @param title           one line: the bug
 * @param seedFile        the thread in shared/seeds it follows (file name), or "" for controls
 * @param configs         the filesystem set-ups it runs on
 * @param syscalls        the syscalls it drives (names as counted by the binding layer); a run must reach
 *                        a non-zero count for each
 * @param mayCrashKernel  true when it can take the kernel down: on the host only with --allow-host-crash
 * @param knownFixedIn    kernel versions or commits known to carry the fix (free text, e.g. "v6.9-rc2")
 * @param defaultDuration the time budget of one test when none is given
 * @param expectedSignatures log lines or symptoms a bad kernel shows (documentation for the reader)
 */
public record ReproducerInfo(String id, String title, String seedFile, List<FsConfig> configs,
                             List<String> syscalls, boolean mayCrashKernel, List<String> knownFixedIn,
                             Duration defaultDuration, List<String> expectedSignatures) {

    public ReproducerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        seedFile = seedFile == null ? "" : seedFile;
        configs = List.copyOf(configs);
        syscalls = List.copyOf(syscalls);
        knownFixedIn = List.copyOf(knownFixedIn);
        expectedSignatures = List.copyOf(expectedSignatures);
        Objects.requireNonNull(defaultDuration, "defaultDuration");
        if (configs.isEmpty()) {
            throw new IllegalArgumentException(id + ": no filesystem configuration declared");
        }
    }
}
