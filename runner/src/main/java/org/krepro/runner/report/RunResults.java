package org.krepro.runner.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything one {@code krepro run} found on one kernel, as written to
 * {@code <report-dir>/<kernel release>/results.json} beside the JUnit files. A QEMU host reads a
 * guest's results back with {@link #read}, adds what it saw on the console and in its own fsck, and
 * writes the JUnit again.
 *
 * @param host       the kernel and machine judged
 * @param timestamp  start of the run, local time, ISO-8601 without zone (as JUnit wants)
 * @param properties run-wide facts (device kind, accelerator, command line...)
 * @param tests      every test, in run order
 */
public record RunResults(HostInfo host, String timestamp, SortedMap<String, String> properties, List<TestResult> tests) {

    public static final String FILE_NAME = "results.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public RunResults {
        properties = new TreeMap<>(properties);
        tests = List.copyOf(tests);
    }

    public RunResults withTests(List<TestResult> newTests) {
        return new RunResults(host, timestamp, properties, newTests);
    }

    public RunResults withProperties(Map<String, String> more) {
        SortedMap<String, String> p = new TreeMap<>(properties);
        p.putAll(more);
        return new RunResults(host, timestamp, p, tests);
    }

    public RunResults plus(TestResult test) {
        List<TestResult> all = new ArrayList<>(tests);
        all.add(test);
        return withTests(all);
    }

    /** The worst verdict: FAIL over ERROR over PASS/SKIPPED, as the exit code wants it. */
    public int exitCode() {
        boolean failed = tests.stream().anyMatch(t -> t.verdict() == Verdict.FAIL);
        boolean errored = tests.stream().anyMatch(t -> t.verdict() == Verdict.ERROR);
        return failed ? 1 : errored ? 4 : 0;
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static RunResults read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RunResults.class);
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
