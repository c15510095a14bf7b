package org.krepro.runner.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.krepro.runner.spi.Budget;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.TestContext;
import org.krepro.runner.spi.Telemetry;

/**
 * The runner's side of {@link TestContext}: one test's state as the reproducer sees it, findings and
 * notes collected from any thread. The engine makes one per test; the reproducers' benchmark and tests,
 * which mount their own filesystems, use it (or a subclass) the same way.
 */
public class RunningTest implements TestContext {
    private final FsConfig config;
    private final long seed;
    private final Path scratchDir;
    private final Telemetry telemetry = new Telemetry();
    private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final java.time.Duration duration;
    private final long iterations;
    private volatile Path mountPoint;
    private volatile List<Path> devices = List.of();
    private volatile Budget budget;

    public RunningTest(FsConfig config, long seed, Path scratchDir, java.time.Duration duration, long iterations) {
        this.config = config;
        this.seed = seed;
        this.scratchDir = scratchDir;
        this.duration = duration;
        this.iterations = iterations;
        this.budget = Budget.start(duration, iterations);
    }

    /** Unmounts and mounts the test filesystem, returning the new mount point (see {@link TestContext#remount}). */
    @FunctionalInterface
    public interface Remounter {
        Path remount() throws Exception;
    }

    private volatile Remounter remounter;

    /** How {@link #remount()} cycles the mount; set by whoever mounted the filesystem (the engine). */
    public void remounter(Remounter remounter) {
        this.remounter = remounter;
    }

    @Override
    public Path remount() throws Exception {
        Remounter r = remounter;
        if (r == null) {
            return TestContext.super.remount();
        }
        mountPoint(); // mounted now, or this throws
        mountPoint = null; // down until the mount succeeds: a failed remount leaves it unmounted
        Path now = r.remount();
        mountPoint = now;
        return now;
    }

    /** Where the filesystem is mounted now; null when it is not. */
    public void mounted(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    public void devices(List<Path> devices) {
        this.devices = List.copyOf(devices);
    }

    /** Starts the workload's clock. */
    public void startBudget() {
        this.budget = Budget.start(duration, iterations);
    }

    public List<Finding> findings() {
        synchronized (findings) {
            return List.copyOf(findings);
        }
    }

    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    @Override
    public FsConfig config() {
        return config;
    }

    @Override
    public Path mountPoint() {
        if (mountPoint == null) {
            throw new IllegalStateException("the filesystem is not mounted at this stage");
        }
        return mountPoint;
    }

    @Override
    public List<Path> devices() {
        return devices;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Budget budget() {
        return budget;
    }

    @Override
    public Telemetry telemetry() {
        return telemetry;
    }

    @Override
    public void report(Finding finding) {
        findings.add(finding);
    }

    @Override
    public void note(String line) {
        notes.add(line);
    }

    @Override
    public Path scratchDir() {
        return scratchDir;
    }}
