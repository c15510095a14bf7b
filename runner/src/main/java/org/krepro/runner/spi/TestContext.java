package org.krepro.runner.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.krepro.runner.io.Processes;

/** What the runner hands a reproducer for one test. Implemented by the runner. */
public interface TestContext {

    /** The filesystem set-up of this test. */
    FsConfig config();

    /** Where the filesystem is mounted (valid in {@link Reproducer#run} and {@link Reproducer#verify}). */
    Path mountPoint();

    /**
     * Unmounts the test filesystem and mounts it again (same devices, same options) and returns the mount
     * point, which may have changed. For workloads that need cold metadata: a fresh mount is the only way
     * to empty some caches (btrfs keeps tree blocks in its btree inode's page cache, which drop_caches
     * leaves alone while mounted). Only during {@link Reproducer#run}, from one thread, with nothing on
     * the filesystem held open by the reproducer (else the unmount stays busy and ends lazily, noted in
     * the report). The engine's own unmount, remount and verify after the workload are unchanged.
     *
     * @throws UnsupportedOperationException when this context cannot remount (no engine-owned filesystem)
     */
    default Path remount() throws Exception {
        throw new UnsupportedOperationException("this test context cannot remount its filesystem");
    }

    /** The block devices the filesystem lives on (loop devices on the host, NVMe disks in a guest). */
    List<Path> devices();

    /** The run's seed; with it a run is reproducible. */
    long seed();

    /**
     * A random stream derived from the seed and a name, so that threads do not share one. The same seed
     * and name give the same stream wherever the reproducer runs (engine, guest, benchmark).
     */
    default SplittableRandom random(String stream) {
        return new SplittableRandom(streamSeed(seed(), stream));
    }

    /** The seed of stream {@code name} of a run seeded {@code seed}: FNV-1a of the name over the mixed seed. */
    static long streamSeed(long seed, String name) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        return h;
    }

    /** The workload budget; started when {@link Reproducer#run} is called. */
    Budget budget();

    Telemetry telemetry();

    /** Adds a finding of the workload (e.g. a syscall that returned EUCLEAN). */
    void report(Finding finding);

    /** Adds a line to the report ("one NUMA node: move_pages cannot move pages; compaction only"). */
    void note(String line);

    /** A scratch directory for this test on the host filesystem (not on the test filesystem). */
    Path scratchDir();

    /**
     * Per-test state a reproducer keeps between its hooks (what {@link Reproducer#run} wrote, for
     * {@link Reproducer#verify} to check): created on first use, dropped with the test. Reproducer
     * instances are shared by all tests, so such state must not live in their fields.
     */
    default <T> T state(Class<T> type, java.util.function.Supplier<T> create) {
        return TestStates.of(this, type, create);
    }

    /**
     * Runs a command (debugfs, xfs_db, sysctl...) with stdin closed and stderr merged into stdout, and
     * returns its output; fails on a non-zero exit or after 10 minutes (the process is killed).
     */
    default String exec(List<String> command) throws Exception {
        Processes.Result r = Processes.runMerged(command, null, 600).ran();
        if (!r.ok()) {
            throw new IOException(String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }
}
