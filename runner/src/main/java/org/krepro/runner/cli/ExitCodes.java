package org.krepro.runner.cli;

/** The documented exit codes of {@code krepro}; {@code krepro --help} lists them. */
public final class ExitCodes {
    /** Every test passed (or was skipped for a stated reason). */
    public static final int ALL_PASSED = 0;
    /** At least one reproducer failed: the bug (or an injected fault) was detected. */
    public static final int REPRODUCER_FAILED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The environment cannot run the request: not root, no loop devices, a missing tool. */
    public static final int ENVIRONMENT = 3;
    /** krepro itself failed (a test ended ERROR, or an unexpected exception). */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
