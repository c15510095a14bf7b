package org.krepro.bisect;

/**
 * Runs the reproducer once on a kernel. The real one boots a QEMU guest ({@link VmKernelRunner}); tests
 * script outcomes. Implementations should not throw for a kernel that cannot be judged: they return an
 * ERROR outcome (a thrown exception is treated the same way).
 */
@FunctionalInterface
public interface KernelRunner {
    /**
     * @param kernel the kernel (as given on the command line)
     * @param run    1-based index of this run on this kernel
     */
    RunOutcome run(String kernel, int run) throws Exception;

    /**
     * {@link #run} guarded as the judge and the calibration need it: a null or a thrown outcome (anything but
     * {@link CannotTest}, which ends the kernel's judgement) is an ERROR run, and an outcome without a
     * duration gets the measured one.
     */
    default RunOutcome runGuarded(String kernel, int run) throws CannotTest {
        long t0 = System.nanoTime();
        RunOutcome o;
        try {
            o = run(kernel, run);
            if (o == null) {
                o = RunOutcome.error("the runner returned no outcome");
            }
        } catch (CannotTest e) {
            throw e;
        } catch (Throwable e) { // a broken run must not end the bisect: it is an ERROR outcome
            o = RunOutcome.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return o.seconds() == 0 ? new RunOutcome(o.kind(), o.title(), o.reportDir(), (System.nanoTime() - t0) / 1e9) : o;
    }

    /**
     * How log lines name {@code kernel}: the spec itself here; the VM runner adds the release it booted,
     * since in a {@code git bisect run} every step's spec is the same bzImage path.
     */
    default String describe(String kernel) {
        return kernel;
    }

    /** Called when the plan is known (after calibration), before the kernels it plans are run. */
    default void planned(Plan plan) {
    }

    /** Called once after a kernel was judged (the VM runner writes the kernel's merged JUnit here). */
    default void judged(String kernel, Judgement j) throws Exception {
    }

    /** {@link #judged} with any failure only logged: reports must not end a bisect. */
    default void judgedQuietly(String kernel, Judgement j, java.io.PrintStream log) {
        try {
            judged(kernel, j);
        } catch (Throwable e) {
            log.println("krepro bisect: cannot write the report of " + kernel + ": " + e);
        }
    }
}
