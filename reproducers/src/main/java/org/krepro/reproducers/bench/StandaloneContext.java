package org.krepro.reproducers.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.spi.Budget;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Telemetry;
import org.krepro.runner.spi.TestContext;

/**
 * A {@link TestContext} over a filesystem someone else mounted: what the reproducers' benchmark (and
 * their unit tests, before the runner's engine) hand a reproducer. Findings and notes are collected.
 */
public final class StandaloneContext implements TestContext {
    private final FsConfig config;
    private final Path mountPoint;
    private final List<Path> devices;
    private final long seed;
    private final Path scratch;
    private final Duration duration;
    private final long maxIterations;
    private final Telemetry telemetry = new Telemetry();
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private volatile Budget budget;

    public StandaloneContext(FsConfig config, Path mountPoint, List<Path> devices, long seed, Path scratch,
                             Duration duration, long maxIterations) {
        this.config = config;
        this.mountPoint = mountPoint;
        this.devices = List.copyOf(devices);
        this.seed = seed;
        this.scratch = scratch;
        this.duration = duration;
        this.maxIterations = maxIterations;
        this.budget = Budget.start(duration, maxIterations);
    }

    /** Starts the budget now (call right before {@code run}). */
    public void startBudget() {
        budget = Budget.start(duration, maxIterations);
    }

    @Override
    public FsConfig config() {
        return config;
    }

    @Override
    public Path mountPoint() {
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
    public synchronized void report(Finding finding) {
        findings.add(finding);
    }

    @Override
    public synchronized void note(String line) {
        notes.add(line);
    }

    @Override
    public Path scratchDir() {
        return scratch;
    }

    public synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }

    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }
}
