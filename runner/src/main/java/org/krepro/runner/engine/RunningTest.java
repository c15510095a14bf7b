package org.krepro.runner.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.krepro.runner.spi.Budget;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.TestContext;
import org.krepro.runner.spi.Telemetry;

/** The runner's side of {@link TestContext}: one test's state as the reproducer sees it. */
final class RunningTest implements TestContext {
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

    RunningTest(FsConfig config, long seed, Path scratchDir, java.time.Duration duration, long iterations) {
        this.config = config;
        this.seed = seed;
        this.scratchDir = scratchDir;
        this.duration = duration;
        this.iterations = iterations;
        this.budget = Budget.start(duration, iterations);
    }

    void mounted(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    void devices(List<Path> devices) {
        this.devices = List.copyOf(devices);
    }

    /** Starts the workload's clock. */
    void startBudget() {
        this.budget = Budget.start(duration, iterations);
    }

    List<Finding> findings() {
        synchronized (findings) {
            return List.copyOf(findings);
        }
    }

    List<String> notes() {
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
    public SplittableRandom random(String stream) {
        // A stable per-stream seed: the run's seed mixed with the stream name's hash.
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        return new SplittableRandom(h);
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
    }

    @Override
    public String exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
