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

    /** Prints "file tests failures errors skipped" per JUnit file, then the same from results.json per fs. */
    static final String READER = """
            import json, sys, glob, os
            from junitparser import JUnitXml, Failure, Error, Skipped
            d = sys.argv[1]
            for f in sorted(glob.glob(os.path.join(d, 'TEST-*.xml'))):
                xml = JUnitXml.fromfile(f)
                suites = [xml] if xml._tag == 'testsuite' else list(xml)
                t = fl = er = sk = 0
                for s in suites:
                    for case in s:
                        t += 1
                        kinds = [type(r) for r in case.result]
                        fl += Failure in kinds
                        er += Error in kinds
                        sk += Skipped in kinds
                    # the counts the suite claims must match its cases
                    assert (s.tests, s.failures, s.errors, s.skipped) == (t, fl, er, sk), (f, s.tests, s.failures, s.errors, s.skipped, t, fl, er, sk)
                print('junit', os.path.basename(f)[len('TEST-krepro.'):-4], t, fl, er, sk)
            r = json.load(open(os.path.join(d, 'results.json')))
            by = {}
            for t in r['tests']:
                c = by.setdefault(t['fs'], [0, 0, 0, 0])
                c[0] += 1
                c[1] += t['verdict'] == 'FAIL'
                c[2] += t['verdict'] == 'ERROR'
                c[3] += t['verdict'] == 'SKIPPED'
            for fs in sorted(by):
                print('json', fs, *by[fs])
            """;

    @TempDir
    Path dir;

    /** The reader's lines for a kernel report directory; asserts the JUnit and JSON halves agree and returns them. */
    public static List<String> readAndCompare(Path kernelDir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs Debian's python3 with python3-junitparser");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", READER, kernelDir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        List<String> junit = out.lines().filter(l -> l.startsWith("junit ")).map(l -> l.substring(6)).toList();
        List<String> json = out.lines().filter(l -> l.startsWith("json ")).map(l -> l.substring(5)).toList();
        assertEquals(json, junit, "junitparser's counts per filesystem against results.json:\n" + out);
        return junit;
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
        assertEquals(true, h.error != null && h.error.getMessage().contains("ext4"), String.valueOf(h.error));
    }

    private static final class AssertionErrorHolder {
        AssertionError error;
    }
}
