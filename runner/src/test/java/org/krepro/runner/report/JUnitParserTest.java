package org.krepro.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JUnit file krepro writes, read by an independent JUnit reader (Debian's python3-junitparser,
 * which CI result publishers build on), must count what results.json says: tests, failures, errors and
 * skipped, per file and in total.
 */
public class JUnitParserTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    /** ci/junit-check.py, the reader CI runs too. */
    static Path script() {
        Path root = Path.of(System.getProperty("krepro.repo.root", "."));
        return root.resolve("ci/junit-check.py");
    }

    /**
     * The reader's "junit FS T F E S" lines for a kernel report directory, after asserting that every JUnit
     * file agrees with results.json (the script's exit status).
     */
    public static List<String> readAndCompare(Path kernelDir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs Debian's python3 with python3-junitparser");
        Process p = new ProcessBuilder(PYTHON.toString(), script().toString(), kernelDir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), "junitparser's counts per filesystem against results.json:\n" + out);
        return out.lines().filter(l -> l.startsWith("junit ")).map(l -> l.substring(6)).toList();
    }

    @Test
    void junitparserCountsWhatResultsJsonSays() throws Exception {
        RunResults run = ReportFixtures.run("6.18.44-test", Map.of());
        JUnitWriter.write(run, dir);
        run.write(dir.resolve(RunResults.FILE_NAME));
        assertEquals(List.of("btrfs 1 0 1 0", "ext4 3 1 0 1"), readAndCompare(dir));
    }

    @Test
    void aWrongCountIsCaught() throws Exception {
        RunResults run = ReportFixtures.run("6.18.44-test", Map.of());
        JUnitWriter.write(run, dir);
        // results.json of a run with one test fewer: the comparison must notice
        run.withTests(run.tests().subList(0, 3)).write(dir.resolve(RunResults.FILE_NAME));
        AssertionErrorHolder h = new AssertionErrorHolder();
        try {
            readAndCompare(dir);
        } catch (AssertionError e) {
            h.error = e;
        }
        assertEquals(true, h.error != null && h.error.getMessage().contains("MISMATCH"), String.valueOf(h.error));
    }

    private static final class AssertionErrorHolder {
        AssertionError error;
    }
}
