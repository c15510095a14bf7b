package org.krepro.runner.report;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.krepro.runner.spi.Finding;

/**
 * One test: one reproducer on one filesystem option set, with everything a kernel developer needs to
 * check the verdict: every finding of every detector, the kernel-log excerpt, fsck's output, the
 * commands used, the telemetry and the evidence files.
 *
 * @param reproducer      reproducer id
 * @param fs              filesystem id (ext4, xfs, btrfs)
 * @param optionSet       the FsConfig name
 * @param verdict         PASS, FAIL, ERROR or SKIPPED
 * @param reason          skip reason or error message ("" otherwise)
 * @param findings        every finding, in the order found (first one titles a FAIL)
 * @param seconds         wall time of the whole test (set-up, workload, verification, fsck)
 * @param properties      mkfs and mount command lines, device kind, seed, duration, iterations, telemetry
 * @param notes           lines the reproducer or the runner wanted in the report
 * @param kernelLog       the kernel log records attributed to this test (between its markers)
 * @param fsckOutput      fsck's command line, exit status and full output
 * @param evidence        evidence name -> file path relative to the report directory
 */
public record TestResult(String reproducer, String fs, String optionSet, Verdict verdict, String reason,
                         List<Finding> findings, double seconds, Map<String, String> properties,
                         List<String> notes, String kernelLog, String fsckOutput, Map<String, String> evidence) {

    public TestResult {
        reason = reason == null ? "" : reason;
        findings = List.copyOf(findings);
        properties = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(properties));
        notes = List.copyOf(notes);
        kernelLog = kernelLog == null ? "" : kernelLog;
        fsckOutput = fsckOutput == null ? "" : fsckOutput;
        evidence = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(evidence));
    }

    /** The JUnit test case name: {@code reproducer[optionSet]}. */
    public String caseName() {
        return reproducer + "[" + optionSet + "]";
    }

    /** The title of the first finding, or the reason. */
    public String headline() {
        return findings.isEmpty() ? reason : findings.getFirst().title();
    }

    public TestResult withFindings(List<Finding> more, Verdict newVerdict) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.addAll(more);
        return new TestResult(reproducer, fs, optionSet, newVerdict, reason, all, seconds, properties, notes,
                kernelLog, fsckOutput, evidence);
    }

    public TestResult withEvidence(Map<String, String> more) {
        SortedMap<String, String> e = new TreeMap<>(evidence);
        e.putAll(more);
        return new TestResult(reproducer, fs, optionSet, verdict, reason, findings, seconds, properties, notes,
                kernelLog, fsckOutput, e);
    }

    public TestResult withProperties(Map<String, String> more) {
        SortedMap<String, String> p = new TreeMap<>(properties);
        p.putAll(more);
        return new TestResult(reproducer, fs, optionSet, verdict, reason, findings, seconds, p, notes,
                kernelLog, fsckOutput, evidence);
    }
}
