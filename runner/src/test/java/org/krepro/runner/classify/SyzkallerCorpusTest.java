package org.krepro.runner.classify;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Measures the classifier on the public half of syzkaller's Linux report-parser test logs
 * (../shared/corpus/syzkaller-reports): crash/no-crash agreement must be >= 99% and exact-title agreement
 * (our first title equals TITLE or one of the ALT titles) >= 90%. Prints the figures and every disagreement.
 */
class SyzkallerCorpusTest {
    private static final double MIN_CRASH_AGREEMENT = 0.99;
    private static final double MIN_TITLE_AGREEMENT = 0.90;

    static Path corpusDir() {
        String root = System.getProperty("krepro.repo.root");
        if (root == null || root.isBlank()) {
            fail("system property krepro.repo.root is not set (surefire sets it to the repository root)");
        }
        Path dir = Path.of(root).resolve("../shared/corpus/syzkaller-reports").normalize();
        if (!Files.isDirectory(dir)) {
            fail("syzkaller report corpus missing: " + dir);
        }
        return dir;
    }

    static List<Path> corpusFiles() throws IOException {
        try (Stream<Path> s = Files.list(corpusDir())) {
            return s.filter(p -> p.getFileName().toString().matches("[0-9]+")).sorted().toList();
        }
    }

    @Test
    void agreesWithSyzkallerOnThePublicCorpus() throws IOException {
        List<Path> files = corpusFiles();
        assertTrue(files.size() > 300, "expected the public half (354 files), found " + files.size());
        KernelLogClassifier classifier = new KernelLogClassifier();
        int crashAgree = 0;
        int titleAgree = 0;
        List<String> crashDisagreements = new ArrayList<>();
        List<String> titleDisagreements = new ArrayList<>();
        int corruptedAgree = 0;
        int withCrash = 0;
        List<String> corruptedDisagreements = new ArrayList<>();
        for (Path f : files) {
            SyzkallerTestFile test = SyzkallerTestFile.read(f);
            ClassifiedLog log = classifier.classify(test.log());
            String title = log.firstCrashTitle();
            if (test.expectsCrash() && log.firstCrash().isPresent()) {
                withCrash++;
                if (log.firstCrash().get().corrupted() == test.corrupted()) {
                    corruptedAgree++;
                } else {
                    corruptedDisagreements.add(f.getFileName() + ": corrupted=" + log.firstCrash().get().corrupted()
                            + " (" + log.firstCrash().get().corruptedReason() + "), expected " + test.corrupted());
                }
            }
            boolean found = !title.isEmpty();
            String expected = test.expectsCrash() ? test.titles().getFirst() : "";
            if (found == test.expectsCrash()) {
                crashAgree++;
            } else {
                crashDisagreements.add(f.getFileName() + ": expected " + (test.expectsCrash() ? "crash" : "no crash")
                        + ", got '" + title + "'");
            }
            if (test.expectsCrash() ? test.accepts(title) : !found) {
                titleAgree++;
            } else {
                titleDisagreements.add(f.getFileName() + ": got '" + title + "', expected '" + expected + "'");
            }
        }
        double crashRate = (double) crashAgree / files.size();
        double titleRate = (double) titleAgree / files.size();
        System.out.printf("syzkaller corpus: %d files, crash/no-crash agreement %d (%.2f%%), exact title %d (%.2f%%)%n",
                files.size(), crashAgree, 100 * crashRate, titleAgree, 100 * titleRate);
        System.out.printf("  corrupted flag (informational): agrees on %d of %d crashes%n", corruptedAgree, withCrash);
        crashDisagreements.forEach(d -> System.out.println("  crash/no-crash: " + d));
        corruptedDisagreements.forEach(d -> System.out.println("  corrupted: " + d));
        titleDisagreements.forEach(d -> System.out.println("  title: " + d));
        assertTrue(crashRate >= MIN_CRASH_AGREEMENT, String.format(
                "crash/no-crash agreement %.2f%% < %.0f%%: %s", 100 * crashRate, 100 * MIN_CRASH_AGREEMENT, crashDisagreements));
        assertTrue(titleRate >= MIN_TITLE_AGREEMENT, String.format(
                "exact-title agreement %.2f%% < %.0f%%: %s", 100 * titleRate, 100 * MIN_TITLE_AGREEMENT, titleDisagreements));
    }

    /**
     * The same logs as a QEMU serial console delivers them (CRLF line ends, arriving in arbitrary chunks) must
     * give exactly the batch results.
     */
    @Test
    void streamingSerialConsoleGivesTheBatchResults() throws IOException {
        KernelLogClassifier classifier = new KernelLogClassifier();
        List<String> differences = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        for (Path f : corpusFiles()) {
            List<String> log = SyzkallerTestFile.read(f).log();
            ClassifiedLog batch = classifier.classify(log);
            StreamingClassifier stream = new StreamingClassifier();
            StringBuilder serial = new StringBuilder();
            for (String l : log) {
                serial.append(l).append("\r\n");
            }
            for (int pos = 0; pos < serial.length(); ) {
                int n = 1 + random.nextInt(300);
                stream.feedChunk(serial.subSequence(pos, Math.min(serial.length(), pos + n)));
                pos += n;
            }
            stream.flush();
            ClassifiedLog live = stream.findings();
            if (!batch.crashes().equals(live.crashes()) || !batch.fsEvents().equals(live.fsEvents())) {
                differences.add(f.getFileName() + ": batch " + batch.firstCrashTitle() + " / live " + live.firstCrashTitle());
            }
            if (stream.crashSeen() != !batch.crashes().isEmpty()) {
                differences.add(f.getFileName() + ": crashSeen " + stream.crashSeen());
            }
        }
        assertTrue(differences.isEmpty(), "streaming differs from batch: " + differences);
    }

    @Test
    void corpusFileFormatIsReadAsDocumented() {
        SyzkallerTestFile t = SyzkallerTestFile.parse("""
                # a comment
                TITLE: WARNING in foo
                ALT: bad-access in foo
                TYPE: WARNING
                CORRUPTED: Y

                [    1.000000] line one\r
                line two

                REPORT:
                expected report text
                """);
        org.junit.jupiter.api.Assertions.assertEquals(List.of("WARNING in foo"), t.titles());
        org.junit.jupiter.api.Assertions.assertEquals(List.of("bad-access in foo"), t.altTitles());
        org.junit.jupiter.api.Assertions.assertEquals("WARNING", t.type());
        assertTrue(t.corrupted());
        org.junit.jupiter.api.Assertions.assertEquals(List.of("[    1.000000] line one", "line two"), t.log());
        assertTrue(t.accepts("bad-access in foo"));
        SyzkallerTestFile none = SyzkallerTestFile.parse("\nsome log\n");
        org.junit.jupiter.api.Assertions.assertFalse(none.expectsCrash());
        org.junit.jupiter.api.Assertions.assertEquals(List.of("some log"), none.log());
    }
}
