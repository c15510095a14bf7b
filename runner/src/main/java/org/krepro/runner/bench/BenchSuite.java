package org.krepro.runner.bench;

import java.util.List;

/**
 * A group of benchmark rows run by {@code krepro bench <name>}. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in {@code META-INF/services/org.krepro.runner.bench.BenchSuite}
 * of the module that contributes it (the data verifier and the reproducers add their own suites that way).
 * {@code krepro bench} without a name runs every suite.
 */
public interface BenchSuite {
    /** The name on the command line ({@code "syscalls"}). */
    String name();

    /** One line for {@code krepro bench --help}. */
    String description();

    /**
     * Measures the suite's rows, each krepro path beside its baseline, in one run. Progress goes to
     * {@code options.progress()}; the rows are returned in display order.
     *
     * @throws BenchUnavailableException when the machine cannot run the suite (not root, no gcc...)
     */
    List<BenchRow> run(BenchOptions options) throws Exception;

    /**
     * The JVM's total JIT compilation time so far (ms), or 0 when it does not say: suites warm their
     * Java side up until this stops growing, so that a round measures compiled code, not the compiler.
     */
    static long jitMillis() {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
