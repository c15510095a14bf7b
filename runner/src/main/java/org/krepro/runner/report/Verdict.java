package org.krepro.runner.report;

/** How a test ended. */
public enum Verdict {
    /** The workload ran its budget and no detector found anything. */
    PASS,
    /** At least one detector found something: the bug (or the injected fault) is there. */
    FAIL,
    /** krepro itself failed; the kernel was not judged. */
    ERROR,
    /** The test could not run here; the reason says why. */
    SKIPPED
}
