package org.krepro.runner.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;

/**
 * The one place a test's verdict is decided: from what the detectors found, what went wrong in krepro
 * itself, and whether the machine spoiled the test. A finding fails the test; without one, an error of
 * krepro's makes it ERROR (the kernel was not judged); otherwise it passes. A skip ends a test before
 * it is judged, so nothing found by then counts.
 */
public final class Verdicts {
    /** Test property: "environment" on an ERROR the machine caused (a full work dir), not krepro. */
    public static final String ERROR_CAUSE = "error.cause";

    private Verdicts() {
    }

    /**
     * How a test ended.
     *
     * @param verdict    PASS, FAIL, ERROR or SKIPPED
     * @param findings   the findings that stand (every one, the first titles a FAIL)
     * @param reason     the error message of an ERROR, the reason of a SKIPPED, "" otherwise
     * @param notes      lines for the report, after the test's own notes
     * @param properties test properties the decision adds
     */
    public record Decision(Verdict verdict, List<Finding> findings, String reason, List<String> notes,
                           Map<String, String> properties) {
        public Decision {
            Objects.requireNonNull(verdict, "verdict");
            findings = List.copyOf(findings);
            reason = reason == null ? "" : reason;
            notes = List.copyOf(notes);
            properties = Map.copyOf(properties);
        }
    }

    /**
     * Every detector's findings in one list: all leading findings first (in detector order), then each
     * detector's own, in the order the detectors are given.
     */
    public static List<Finding> ordered(List<? extends Detector> detectors) {
        List<Finding> out = new ArrayList<>();
        detectors.forEach(d -> out.addAll(d.leading()));
        detectors.forEach(d -> out.addAll(d.findings()));
        return out;
    }

    /**
     * The verdict of a test that ran.
     *
     * @param findings   what the detectors found, in report order ({@link #ordered})
     * @param errors     what went wrong in krepro, first cause first (the first one is the ERROR's reason)
     * @param workDirFull null, or why the work dir ran out of space: then nothing found counts, since a full
     *                   host disk breaks the images and what the detectors saw is not the kernel's doing
     */
    public static Decision decide(List<Finding> findings, List<String> errors, String workDirFull) {
        List<String> notes = new ArrayList<>();
        List<Finding> standing = findings;
        String error = errors.isEmpty() ? null : errors.getFirst();
        Map<String, String> props = Map.of();
        if (workDirFull != null) {
            findings.forEach(f -> notes.add("not judged, the work dir was full: " + f.title()));
            standing = List.of();
            error = workDirFull;
            props = Map.of(ERROR_CAUSE, "environment");
        }
        Verdict verdict = !standing.isEmpty() ? Verdict.FAIL : error != null ? Verdict.ERROR : Verdict.PASS;
        if (verdict == Verdict.FAIL && error != null) {
            notes.add("krepro error after the findings: " + error);
        }
        return new Decision(verdict, standing, verdict == Verdict.ERROR ? error : "", notes, props);
    }

    /**
     * The verdict of a case a remote run (a guest boot, a container) leaves to the host, for what no test of
     * the remote side reported: what the host saw there (console crash reports, a hang, host fsck damage)
     * fails it; without that it passes only when the remote side ended as it should, else it is an ERROR.
     *
     * @param hostSaw      what the host found, in report order
     * @param endedCleanly whether the remote side ended as it should (a guest command that exited 0)
     * @param error        the ERROR's reason when it did not
     */
    public static Decision remote(List<Finding> hostSaw, boolean endedCleanly, String error) {
        Verdict verdict = !hostSaw.isEmpty() ? Verdict.FAIL : endedCleanly ? Verdict.PASS : Verdict.ERROR;
        return new Decision(verdict, hostSaw, verdict == Verdict.ERROR ? error : "", List.of(), Map.of());
    }

    /** The test that heads a whole run: its first FAIL, else its first ERROR; empty when the rest passed or skipped. */
    public static Optional<TestResult> headline(List<TestResult> tests) {
        return tests.stream().filter(t -> t.verdict() == Verdict.FAIL).findFirst()
                .or(() -> tests.stream().filter(t -> t.verdict() == Verdict.ERROR).findFirst());
    }

    /** The verdict of a whole run: its headline's, PASS without one. */
    public static Verdict overall(List<TestResult> tests) {
        return headline(tests).map(TestResult::verdict).orElse(Verdict.PASS);
    }

    /** A test that could not run here; the reason says why. */
    public static Decision skipped(String reason) {
        return new Decision(Verdict.SKIPPED, List.of(), reason, List.of(), Map.of());
    }
}
