package org.krepro.bisect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.report.RunResults;

/**
 * What {@code krepro bisect-run} keeps between {@code git bisect run} steps (JSON, default
 * {@code $GIT_DIR/krepro-bisect.json}): the calibration on the known-bad side and every step's verdict,
 * so that each step plans with the same p and prints the accumulated probability of a wrong answer.
 *
 * @param reproducer          the reproducer the calibration belongs to
 * @param calibrationKernel   where it was measured (commit or kernel)
 * @param calibrationRuns     runs of the calibration (fixed-count runs only, pooled over --calibrate calls)
 * @param calibrationFailures failures among them
 * @param steps               every judged step, in order
 */
public record BisectState(String reproducer, String calibrationKernel, int calibrationRuns, int calibrationFailures,
                          List<Step> steps) {

    public static final String FILE_NAME = "krepro-bisect.json";

    /**
     * One step.
     *
     * @param commit       git describe/rev of the step ("" for --kernel)
     * @param kernel       the kernel spec or the built bzImage
     * @param release      uname -r of the kernel
     * @param verdict      GOOD, BAD, SKIP
     * @param runs         judged runs
     * @param failures     runs with the bug
     * @param errors       runs that ended ERROR
     * @param p            the p planned with
     * @param miss         for GOOD: (1-p)^runs
     * @param buildSeconds kernel build time (0 for a given kernel)
     * @param seconds      time of the runs
     * @param reason       one line
     * @param at           when (ISO local time)
     */
    public record Step(String commit, String kernel, String release, String verdict, int runs, int failures, int errors,
                       double p, double miss, double buildSeconds, double seconds, String reason, String at) {
    }

    public BisectState {
        steps = steps == null ? List.of() : List.copyOf(steps);
        calibrationKernel = calibrationKernel == null ? "" : calibrationKernel;
    }

    public static BisectState empty(String reproducer) {
        return new BisectState(reproducer, "", 0, 0, List.of());
    }

    public static BisectState load(Path file, String reproducer) throws IOException {
        if (!Files.isRegularFile(file)) {
            return empty(reproducer);
        }
        return RunResults.json().readValue(file.toFile(), BisectState.class);
    }

    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        RunResults.json().writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public boolean calibrated() {
        return calibrationRuns > 0;
    }

    /** Adds a calibration's runs (pooled: fixed-count samples of the same kernel side add up). */
    public BisectState withCalibration(String kernel, int runs, int failures) {
        String k = calibrationKernel.isEmpty() || calibrationKernel.equals(kernel) ? kernel : calibrationKernel + ", " + kernel;
        return new BisectState(reproducer, k, calibrationRuns + runs, calibrationFailures + failures, steps);
    }

    public BisectState plus(Step s) {
        List<Step> all = new ArrayList<>(steps);
        all.add(s);
        return new BisectState(reproducer, calibrationKernel, calibrationRuns, calibrationFailures, all);
    }

    /** Sum over GOOD steps of (1-p)^runs: the union bound on a wrong answer so far. */
    public double accumulatedMiss() {
        return steps.stream().filter(s -> "GOOD".equals(s.verdict())).mapToDouble(Step::miss).sum();
    }
}
