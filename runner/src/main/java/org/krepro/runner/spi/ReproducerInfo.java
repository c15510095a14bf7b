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
 * @param racePath        kernel functions on the bug's race path; where kprobe events exist, each test
 *                        counts how often its workload entered each one (alternatives across kernel
 *                        versions may all be listed: one a kernel lacks is reported as absent);
 *                        {@code function@fs} limits an entry to tests on that filesystem
 * @param setUpMessages   regular expressions for filesystem messages the reproducer's own set-up makes the
 *                        kernel print (a deliberately inconsistent free-space count, say): they do not fail
 *                        a test, and each test lists those it saw ({@code kernel.setup.messages}); crash
 *                        reports are never set-up messages
 */
public record ReproducerInfo(String id, String title, String seedFile, List<FsConfig> configs,
                             List<String> syscalls, boolean mayCrashKernel, List<String> knownFixedIn,
                             Duration defaultDuration, List<String> expectedSignatures, List<String> racePath,
                             List<String> setUpMessages) {

    public ReproducerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        seedFile = seedFile == null ? "" : seedFile;
        configs = List.copyOf(configs);
        syscalls = List.copyOf(syscalls);
        knownFixedIn = List.copyOf(knownFixedIn);
        expectedSignatures = List.copyOf(expectedSignatures);
        racePath = List.copyOf(racePath);
        setUpMessages = List.copyOf(setUpMessages);
        setUpMessages.forEach(java.util.regex.Pattern::compile);
        for (String f : racePath) {
            if (!f.matches("[A-Za-z_][A-Za-z0-9_.]*(@(ext4|xfs|btrfs))?")) {
                throw new IllegalArgumentException(id + ": race-path entry '" + f + "' is not a kernel function name"
                        + " (optionally @ext4, @xfs or @btrfs)");
            }
        }
        Objects.requireNonNull(defaultDuration, "defaultDuration");
        if (configs.isEmpty()) {
            throw new IllegalArgumentException(id + ": no filesystem configuration declared");
        }
    }

    /** Without a declared race path (add one with {@link #withRacePath}). */
    public ReproducerInfo(String id, String title, String seedFile, List<FsConfig> configs,
                          List<String> syscalls, boolean mayCrashKernel, List<String> knownFixedIn,
                          Duration defaultDuration, List<String> expectedSignatures) {
        this(id, title, seedFile, configs, syscalls, mayCrashKernel, knownFixedIn, defaultDuration, expectedSignatures, List.of(),
                List.of());
    }

    /**
     * The race-path functions a test on {@code fs} probes: every entry without a suffix, and those
     * written {@code function@fs} (a function only that filesystem's tests drive, e.g.
     * {@code xfs_iomap_valid@xfs}) when {@code fs} is theirs.
     */
    public List<String> racePathFor(Filesystem fs) {
        return racePath.stream().filter(f -> !f.contains("@") || f.endsWith("@" + fs.id()))
                .map(f -> f.contains("@") ? f.substring(0, f.indexOf('@')) : f).toList();
    }

    /** The same declaration with these kernel functions as its race path. */
    public ReproducerInfo withRacePath(String... functions) {
        return new ReproducerInfo(id, title, seedFile, configs, syscalls, mayCrashKernel, knownFixedIn, defaultDuration,
                expectedSignatures, List.of(functions), setUpMessages);
    }

    /** The same declaration with these set-up messages (regular expressions over the message's title). */
    public ReproducerInfo withSetUpMessages(String... regexes) {
        return new ReproducerInfo(id, title, seedFile, configs, syscalls, mayCrashKernel, knownFixedIn, defaultDuration,
                expectedSignatures, racePath, List.of(regexes));
    }
}
