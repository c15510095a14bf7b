package org.krepro.runner.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.krepro.runner.spi.Filesystem;

/**
 * What {@code krepro run} was asked to do.
 *
 * @param reproducers     reproducer ids to run; empty = every one that is safe here
 * @param filesystems     filesystems to run on; empty = every one the reproducer declares
 * @param optionSets      option-set names to run; empty = all
 * @param duration        workload budget per test; null = each reproducer's default
 * @param iterations      iteration budget per test (Long.MAX_VALUE = none)
 * @param seed            the run's seed
 * @param reportDir       JUnit and evidence go to {@code reportDir/<kernel release>/}
 * @param workDir         krepro's work directory (images, mounts, state)
 * @param keepImages      keep every image (failed tests always keep theirs as evidence)
 * @param allowHostCrash  run reproducers that may crash this kernel
 * @param devices         block devices to use instead of loop devices (a guest's NVMe disks); empty = loop
 * @param hangGrace       how long past its budget a workload may take before it is declared hung
 * @param cycleCheck      compare every file's data before the unmount with the remounted disk's
 *                        ({@link org.krepro.runner.detect.UnmountCycleCheck}); off, the unmount follows the
 *                        workload at once
 * @param fullBudget      run every workload for its whole budget even after the verdict is certain (to
 *                        measure a rate); off, a test stops within seconds of its first decisive finding
 */
public record RunOptions(Set<String> reproducers, Set<Filesystem> filesystems, Set<String> optionSets,
                         Duration duration, long iterations, long seed, Path reportDir, Path workDir,
                         boolean keepImages, boolean allowHostCrash, List<Path> devices, Duration hangGrace,
                         boolean cycleCheck, boolean fullBudget) {

    public RunOptions {
        reproducers = Set.copyOf(reproducers);
        filesystems = Set.copyOf(filesystems);
        optionSets = Set.copyOf(optionSets);
        devices = List.copyOf(devices);
    }

    /** Stopping early once the verdict is certain. */
    public RunOptions(Set<String> reproducers, Set<Filesystem> filesystems, Set<String> optionSets,
                      Duration duration, long iterations, long seed, Path reportDir, Path workDir,
                      boolean keepImages, boolean allowHostCrash, List<Path> devices, Duration hangGrace,
                      boolean cycleCheck) {
        this(reproducers, filesystems, optionSets, duration, iterations, seed, reportDir, workDir, keepImages,
                allowHostCrash, devices, hangGrace, cycleCheck, false);
    }

    /** With the same options but {@code fullBudget} as given. */
    public RunOptions withFullBudget(boolean full) {
        return new RunOptions(reproducers, filesystems, optionSets, duration, iterations, seed, reportDir, workDir,
                keepImages, allowHostCrash, devices, hangGrace, cycleCheck, full);
    }

    /** With the unmount-cycle check on. */
    public RunOptions(Set<String> reproducers, Set<Filesystem> filesystems, Set<String> optionSets,
                      Duration duration, long iterations, long seed, Path reportDir, Path workDir,
                      boolean keepImages, boolean allowHostCrash, List<Path> devices, Duration hangGrace) {
        this(reproducers, filesystems, optionSets, duration, iterations, seed, reportDir, workDir, keepImages,
                allowHostCrash, devices, hangGrace, true, false);
    }
}
