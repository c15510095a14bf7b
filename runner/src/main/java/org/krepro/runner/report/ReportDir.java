package org.krepro.runner.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One kernel's report directory and everything about its layout, in one place:
 * <pre>
 *   reports/RELEASE/
 *     results.json             every test of the run, with properties and evidence paths
 *     TEST-krepro.FS.xml       JUnit, one file per filesystem (and TEST-krepro.vm.xml for a guest's own case)
 *     evidence/FS/CASE/        findings.txt, kernel-log.txt, fsck.txt, verifier.txt, kept images
 *     krepro.log, console.log, guest-output.log ...   logs of whoever ran it
 * </pre>
 * The report files (results.json and the JUnit XML) are always written together from one
 * {@link RunResults} ({@link #write}); a run that ran elsewhere (a guest, a container) comes back as
 * another report directory whose evidence and logs are copied in ({@link #copyEvidenceFrom}) and whose
 * results are merged by the caller before {@link #write}.
 */
public final class ReportDir {
    public static final String RESULTS = RunResults.FILE_NAME;
    private static final String JUNIT_PREFIX = "TEST-krepro.";

    private final Path dir;

    private ReportDir(Path dir) {
        this.dir = dir;
    }

    public static ReportDir of(Path dir) {
        return new ReportDir(dir);
    }

    public Path path() {
        return dir;
    }

    /** results.json. */
    public Path results() {
        return dir.resolve(RESULTS);
    }

    /** The JUnit file of one filesystem's test suite ({@code "vm"} for a guest's own case). */
    public Path junit(String suite) {
        return dir.resolve(junitName(suite));
    }

    /** The JUnit file's name, for links relative to the report directory. */
    public static String junitName(String suite) {
        return JUNIT_PREFIX + suite + ".xml";
    }

    /** A test's evidence folder (not created). */
    public Path evidence(String fs, String caseName) {
        return dir.resolve("evidence").resolve(fs).resolve(caseName.replaceAll("[^A-Za-z0-9._\\[\\]-]", "_"));
    }

    /** Whether {@code file} is one of the report files {@link #write} rewrites (results.json, TEST-*.xml). */
    public static boolean isReportFile(Path file) {
        String fn = file.getFileName().toString();
        return fn.equals(RESULTS) || fn.startsWith("TEST-") && fn.endsWith(".xml");
    }

    /** The run's results, read back. */
    public RunResults read() throws IOException {
        return RunResults.read(results());
    }

    /** Whether the directory holds results. */
    public boolean hasResults() {
        return Files.isRegularFile(results());
    }

    /**
     * Writes the report files of {@code run}: results.json and one JUnit file per suite, after removing
     * the report files an earlier run left (its JUnit for a filesystem this run did not test would lie).
     */
    public void write(RunResults run) throws IOException {
        Files.createDirectories(dir);
        clearReportFiles();
        JUnitWriter.write(run, dir);
        run.write(results());
    }

    /** Removes results.json and TEST-*.xml (not evidence or logs). */
    public void clearReportFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(ReportDir::isReportFile).toList()) {
                Files.delete(f);
            }
        }
    }

    /** Copies every file of {@code other} except its report files, at the same paths. */
    public void copyEvidenceFrom(Path other) throws IOException {
        copyEvidenceFrom(other, name -> name);
    }

    /**
     * Copies every file of {@code other} except its report files (evidence, logs) into this directory,
     * at the same relative path; {@code rename} may rename a top-level file (e.g. krepro.log of a second
     * boot to krepro-boot2.log).
     */
    public void copyEvidenceFrom(Path other, UnaryOperator<String> rename) throws IOException {
        if (!Files.isDirectory(other)) {
            return;
        }
        try (Stream<Path> s = Files.walk(other)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                if (f.getParent().equals(other) && isReportFile(f)) {
                    continue; // rewritten from the merged results
                }
                String rel = other.relativize(f).toString();
                if (f.getParent().equals(other)) {
                    rel = rename.apply(rel);
                }
                Path dst = dir.resolve(rel);
                Files.createDirectories(dst.getParent());
                Files.copy(f, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Every results.json under {@code root} (a report root of one or many kernels), sorted. */
    public static List<Path> findResults(Path root) throws IOException {
        return findResults(root, Integer.MAX_VALUE);
    }

    /** Every results.json at most {@code maxDepth} levels below {@code root}, sorted. */
    public static List<Path> findResults(Path root, int maxDepth) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root, maxDepth)) {
            s.filter(p -> p.getFileName().toString().equals(RESULTS) && Files.isRegularFile(p)).sorted().forEach(out::add);
        }
        return out;
    }
}
