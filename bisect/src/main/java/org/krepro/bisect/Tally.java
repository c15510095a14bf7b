package org.krepro.bisect;

import java.util.ArrayList;
import java.util.List;

/**
 * The runs of one kernel as they come: every outcome in order, and the counts a calibration or a
 * judgement decides on (runs that judged the kernel, failures with the bug among them, errors).
 */
final class Tally {
    private final List<RunOutcome> outcomes = new ArrayList<>();
    private int runs;
    private int failures;
    private int errors;

    /** The 1-based index of the next run (runs and errors alike). */
    int nextIndex() {
        return runs + errors + 1;
    }

    /** Runs the reproducer once more on {@code kernel} and counts the outcome. */
    RunOutcome runOnce(KernelRunner runner, String kernel) throws CannotTest {
        RunOutcome o;
        try {
            o = runner.runGuarded(kernel, nextIndex());
        } catch (CannotTest e) {
            outcomes.add(RunOutcome.error(e.getMessage()));
            errors++;
            throw e;
        }
        outcomes.add(o);
        switch (o.kind()) {
            case CLEAN -> runs++;
            case BUG -> {
                runs++;
                failures++;
            }
            case ERROR -> errors++;
        }
        return o;
    }

    int runs() {
        return runs;
    }

    int failures() {
        return failures;
    }

    int errors() {
        return errors;
    }

    List<RunOutcome> outcomes() {
        return outcomes;
    }
}
