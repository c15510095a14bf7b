package org.krepro.bisect;

import java.nio.file.Path;

/**
 * What one run of the reproducer on one kernel showed.
 *
 * @param kind      CLEAN (the reproducer passed), BUG (it failed with the bug's signature) or ERROR (the
 *                  kernel could not be judged: build or boot failure, a different crash, infrastructure)
 * @param title     the failure's title, or the error's reason ("" when clean)
 * @param reportDir where this run's JUnit and evidence are (null when there are none)
 * @param seconds   wall time of the run
 */
public record RunOutcome(Kind kind, String title, Path reportDir, double seconds) {

    public enum Kind { CLEAN, BUG, ERROR }

    public RunOutcome {
        title = title == null ? "" : title;
    }

    public static RunOutcome clean() {
        return new RunOutcome(Kind.CLEAN, "", null, 0);
    }

    public static RunOutcome bug(String title) {
        return new RunOutcome(Kind.BUG, title, null, 0);
    }

    public static RunOutcome error(String reason) {
        return new RunOutcome(Kind.ERROR, reason, null, 0);
    }
}
