package org.krepro.bisect;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a kernel is judged, shared by {@code bisect-run} and {@code bisect} so that both spell and check
 * these options the same way: what counts as the bug, the reproduction probability (or leave it to a
 * calibration), the accepted risk, and when to give up on a kernel. ({@code --calibrate} stays with each
 * command: a step measures on the commit it is run on, the prebuilt bisect on the known-bad end.)
 */
public final class JudgeOptions {
    @Option(names = "--p-bad", paramLabel = "P", description = "reproduction probability on the bad side, instead of a calibration")
    Double pBad;
    @Option(names = "--bound", paramLabel = "B", description = "accepted probability of calling a bad kernel good (default: ${DEFAULT-VALUE})")
    double bound = 0.05;
    @Option(names = "--bad-after", paramLabel = "K", description = "failures that make a kernel bad (default: ${DEFAULT-VALUE})")
    int badAfter = 1;
    @Option(names = "--max-runs", paramLabel = "N", description = "runs before an inconclusive kernel is skipped (default: 3n)")
    int maxRuns;
    @Option(names = "--max-errors", paramLabel = "N", description = "runs ending ERROR before a kernel is skipped (default: ${DEFAULT-VALUE})")
    int maxErrors = 2;
    @Option(names = "--bad-title", paramLabel = "REGEX", description = "only failures whose title matches count as the bug"
            + " (default: any FAIL of the reproducer; a guest crash must match the reproducer's declared signatures)")
    List<String> badTitles = new ArrayList<>();

    /** What is wrong with these values ("0 < --bound < 1, ..."), or null when they are usable. */
    String problem() {
        if (!(bound > 0 && bound < 1) || badAfter < 1 || maxErrors < 1 || maxRuns < 0 || pBad != null && !(pBad > 0 && pBad <= 1)) {
            return "0 < --bound < 1, 0 < --p-bad <= 1, --bad-after >= 1, --max-errors >= 1, --max-runs >= 0";
        }
        return null;
    }
}
