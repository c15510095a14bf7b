package org.krepro.runner.classify;

import java.util.List;
import java.util.Optional;

/**
 * Everything the classifier found in one log.
 *
 * @param crashes  crash reports in log order (the first is the one a verdict should name)
 * @param fsEvents filesystem/block findings in log order
 */
public record ClassifiedLog(List<CrashReport> crashes, List<FsEvent> fsEvents) {

    public ClassifiedLog {
        crashes = List.copyOf(crashes);
        fsEvents = List.copyOf(fsEvents);
    }

    /** The first crash, if any. */
    public Optional<CrashReport> firstCrash() {
        return crashes.isEmpty() ? Optional.empty() : Optional.of(crashes.getFirst());
    }

    /** Title of the first crash, or "" when there is none. */
    public String firstCrashTitle() {
        return firstCrash().map(CrashReport::title).orElse("");
    }

    /** True when there is neither a crash nor a filesystem finding. */
    public boolean clean() {
        return crashes.isEmpty() && fsEvents.isEmpty();
    }
}
