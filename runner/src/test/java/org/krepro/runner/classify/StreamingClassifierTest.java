package org.krepro.runner.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the streaming classifier says the kernel is done for, on real console logs. */
class StreamingClassifierTest {

    /** The console lines of a file under testdata/: a syzkaller test file's log, or a console log as it is. */
    static List<String> console(String name) throws IOException {
        try (InputStream in = StreamingClassifierTest.class.getResourceAsStream("testdata/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return name.startsWith("syzkaller-") ? SyzkallerTestFile.parse(text).log() : text.lines().toList();
        }
    }

    /** The index of the line after which kernelDone() first held, -1 when it never did. */
    static int doneAt(StreamingClassifier c, List<String> lines) {
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            c.feed(lines.get(i));
            if (at < 0 && c.kernelDone()) {
                at = i;
            }
        }
        return at;
    }

    static int firstLineWith(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + text);
    }

    @Test
    void aPanicIsTheEnd() throws IOException {
        List<String> log = console("sysrq-panic.log");
        StreamingClassifier c = new StreamingClassifier();
        assertEquals(firstLineWith(log, "Kernel panic - not syncing"), doneAt(c, log));
        assertTrue(c.panicSeen());
    }

    @Test
    void anOopsReportThatEndsWithoutAPanicIsTheEnd() throws IOException {
        for (String name : List.of("kernel-bug-ext4-journal-stop.log", "syzkaller-586", "syzkaller-148", "syzkaller-738")) {
            List<String> log = console(name);
            StreamingClassifier c = new StreamingClassifier();
            int end = firstLineWith(log, "---[ end trace");
            assertEquals(end, doneAt(c, log.subList(0, end + 1)), name);
            assertFalse(c.panicSeen(), name + ": done before any panic line");
            assertTrue(c.crashSeen(), name);
        }
    }

    @Test
    void aWarningIsNotTheEnd() throws IOException {
        // A WARNING's report ends with an end trace too, and then a KASAN report (no end trace) follows.
        List<String> log = console("syzkaller-696");
        StreamingClassifier c = new StreamingClassifier();
        assertTrue(firstLineWith(log, "---[ end trace") > 0);
        assertEquals(-1, doneAt(c, log));
        assertTrue(c.crashSeen());
        assertFalse(c.findings().crashes().isEmpty());
    }

    @Test
    void everyPanickedCorpusLogIsDone() throws IOException {
        int panicked = 0;
        for (Path f : SyzkallerCorpusTest.corpusFiles()) {
            List<String> log = SyzkallerTestFile.read(f).log();
            if (log.stream().anyMatch(l -> l.contains("Kernel panic - not syncing"))) {
                panicked++;
                StreamingClassifier c = new StreamingClassifier();
                assertTrue(doneAt(c, log) >= 0, f.getFileName().toString());
            }
        }
        assertTrue(panicked > 50, "panicked logs in the corpus: " + panicked);
    }
}
