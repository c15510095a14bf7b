package org.krepro.runner.report;

import java.util.EnumMap;
import java.util.Map;

/** The table printed at the end of a run. */
public final class Summary {
    private Summary() {
    }

    public static String table(RunResults run) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-34s %-6s %-18s %-8s %8s  %s%n", "REPRODUCER", "FS", "OPTIONS", "VERDICT", "SECONDS", "FIRST FINDING / REASON"));
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (TestResult t : run.tests()) {
            counts.merge(t.verdict(), 1, Integer::sum);
            b.append(String.format("%-34s %-6s %-18s %-8s %8.1f  %s%n", t.reproducer(), t.fs(), t.optionSet(), t.verdict(),
                    t.seconds(), t.headline()));
        }
        b.append(String.format("%nkernel %s: %d tests, %d passed, %d failed, %d errors, %d skipped%n",
                run.host().kernelRelease(), run.tests().size(), counts.getOrDefault(Verdict.PASS, 0),
                counts.getOrDefault(Verdict.FAIL, 0), counts.getOrDefault(Verdict.ERROR, 0),
                counts.getOrDefault(Verdict.SKIPPED, 0)));
        return b.toString();
    }
}
