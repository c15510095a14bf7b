package org.krepro.bisect;

import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.coverage.RaceCoverage;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;

/**
 * Turns one guest run's results into a {@link RunOutcome}.
 * <ul>
 *   <li>BUG: a test of the reproducer FAILed (with {@code --bad-title}: with a matching title), or the
 *       host saw a crash, hang or fsck damage (the guest's own case) whose title is the bug's signature.</li>
 *   <li>ERROR (skip): a FAIL with another title (a different bug or a panic that is not this one), a
 *       crash before the first test, no results, every test of the reproducer SKIPPED or ERROR.</li>
 *   <li>CLEAN: the reproducer's tests PASSed (some may be SKIPPED), drove their race path wherever
 *       kprobes could count it, and nothing else failed; a PASS whose race path was not reached is ERROR.</li>
 * </ul>
 */
public final class OutcomeClassifier {
    private OutcomeClassifier() {
    }

    /**
     * @param results     the merged results the VM runner wrote (guest tests + the host's case), or null
     * @param reproducer  the reproducer id
     * @param sig         what counts as the bug
     * @param reachedTest whether the guest reached the first test marker (false: boot or set-up failure)
     * @param vmVerdict   the VM report's headline verdict and title, for the error message when results are missing
     */
    public static RunOutcome classify(RunResults results, String reproducer, Signature sig, boolean reachedTest,
                                      String vmVerdict) {
        if (results == null) {
            return RunOutcome.error("no results from the guest (" + vmVerdict + ")");
        }
        List<TestResult> mine = new ArrayList<>();
        List<TestResult> host = new ArrayList<>();
        List<TestResult> others = new ArrayList<>();
        for (TestResult t : results.tests()) {
            if (t.properties().containsKey("vm.end")) {
                host.add(t);
            } else if (t.reproducer().equals(reproducer)) {
                mine.add(t);
            } else {
                others.add(t);
            }
        }
        // 1. The reproducer's own FAILs.
        List<String> otherTitles = new ArrayList<>();
        for (TestResult t : mine) {
            if (t.verdict() != Verdict.FAIL) {
                continue;
            }
            if (!sig.explicit()) {
                return RunOutcome.bug(t.headline());
            }
            for (Finding f : t.findings()) {
                if (sig.matches(f)) {
                    return RunOutcome.bug(f.title());
                }
            }
            otherTitles.add(t.headline());
        }
        // 2. What the host saw: a crash/hang/fsck damage not attributed to a guest test.
        for (TestResult t : host) {
            if (t.verdict() != Verdict.FAIL) {
                continue;
            }
            for (Finding f : t.findings()) {
                if (sig.known() && sig.matches(f)) {
                    return RunOutcome.bug(f.title());
                }
            }
            String title = t.headline();
            if (!reachedTest) {
                return RunOutcome.error("the guest failed before the first test: " + title);
            }
            if (!sig.known() && t.reproducer().equals(reproducer)) {
                // The guest died running this reproducer and nothing says what the bug looks like.
                return RunOutcome.error("the guest failed while running " + reproducer + " with '" + title
                        + "'; no signature to tell whether it is the bug (give --bad-title REGEX)");
            }
            otherTitles.add(title);
        }
        if (!otherTitles.isEmpty()) {
            return RunOutcome.error("failed, but not with the bug's signature (" + sig + "): " + String.join("; ", otherTitles));
        }
        // 3. Clean, or not judged.
        for (TestResult t : mine) {
            if (t.verdict() == Verdict.ERROR) {
                return RunOutcome.error(t.caseName() + " ended ERROR: " + t.headline());
            }
        }
        boolean passed = mine.stream().anyMatch(t -> t.verdict() == Verdict.PASS);
        if (!passed) {
            return RunOutcome.error(mine.isEmpty() ? "the guest ran no test of " + reproducer
                    : "every test of " + reproducer + " was skipped: " + mine.getFirst().headline());
        }
        for (TestResult t : others) {
            if (t.verdict() == Verdict.FAIL) {
                return RunOutcome.error("another test failed: " + t.caseName() + ": " + t.headline());
            }
        }
        // A PASS that never drove the race path says nothing about the bug: skip, never good.
        for (TestResult t : mine) {
            if (t.verdict() == Verdict.PASS && RaceCoverage.reach(t.properties()) == RaceCoverage.Reach.NOT_REACHED) {
                return RunOutcome.error(t.caseName() + " passed without reaching its race path ("
                        + RaceCoverage.summary(t.properties()) + ")");
            }
        }
        return RunOutcome.clean();
    }
}
