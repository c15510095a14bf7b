package org.krepro.bisect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;

/**
 * Merges several runs on one kernel (shards of a nightly, or the repeated runs of a bisect step) into
 * one {@link RunResults}: tests concatenated in order, each part's evidence under its own
 * subdirectory, run-wide properties unioned (the first part wins a conflict).
 */
public final class ReportMerge {
    private ReportMerge() {
    }

    /**
     * One part.
     *
     * @param results        the part's results
     * @param evidencePrefix subdirectory of the merged report dir where this part's evidence files go ("" for none)
     * @param caseSuffix     appended to the option set of the part's test cases (" run 03"), "" for none
     */
    public record Part(RunResults results, String evidencePrefix, String caseSuffix) {
    }

    public static RunResults merge(List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        RunResults first = parts.getFirst().results();
        String timestamp = first.timestamp();
        SortedMap<String, String> props = new TreeMap<>();
        List<TestResult> tests = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Part p : parts) {
            RunResults r = p.results();
            if (r.timestamp() != null && (timestamp == null || r.timestamp().compareTo(timestamp) < 0)) {
                timestamp = r.timestamp();
            }
            r.properties().forEach(props::putIfAbsent);
            for (TestResult t : r.tests()) {
                String optionSet = t.optionSet() + p.caseSuffix();
                int dup = 2;
                String unique = optionSet;
                while (!seen.add(t.fs() + "\u0000" + t.reproducer() + "[" + unique + "]")) {
                    unique = optionSet + " #" + dup++;
                }
                Map<String, String> ev = new TreeMap<>();
                t.evidence().forEach((k, v) -> ev.put(k, p.evidencePrefix().isEmpty() ? v : p.evidencePrefix() + "/" + v));
                tests.add(new TestResult(t.reproducer(), t.fs(), unique, t.verdict(), t.reason(), t.findings(), t.seconds(),
                        t.properties(), t.notes(), t.kernelLog(), t.fsckOutput(), ev));
            }
        }
        return new RunResults(first.host(), timestamp, props, tests);
    }

    /**
     * Copies a report directory's evidence (everything but results.json and the TEST-*.xml files, which
     * are rewritten from the merged results) into {@code dst}.
     */
    public static void copyEvidence(Path src, Path dst) throws IOException {
        ReportDir.of(dst).copyEvidenceFrom(src);
    }
}
