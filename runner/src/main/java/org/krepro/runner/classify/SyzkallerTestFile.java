package org.krepro.runner.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test file of syzkaller's report parser (pkg/report/testdata/linux/report/N): header lines
 * ({@code TITLE:}, {@code ALT:}, {@code TYPE:}, {@code CORRUPTED: Y}, ...; {@code #} comments), one empty
 * line, then the raw console log, optionally followed by an empty line and a {@code REPORT:} section with the
 * expected extracted report. Every '\r' is removed, as syzkaller's own test does.
 *
 * @param titles    expected titles, first report first (empty: no crash expected)
 * @param altTitles accepted alternative titles of the first report
 * @param type      expected TYPE, or ""
 * @param corrupted whether the first report is expected to be corrupted
 * @param log       the console log lines
 */
public record SyzkallerTestFile(List<String> titles, List<String> altTitles, String type, boolean corrupted,
                                List<String> log) {

    public SyzkallerTestFile {
        titles = List.copyOf(titles);
        altTitles = List.copyOf(altTitles);
        log = List.copyOf(log);
    }

    /** Whether a crash is expected. */
    public boolean expectsCrash() {
        return !titles.isEmpty();
    }

    /** Whether {@code title} is the expected first title or one of its alternatives. */
    public boolean accepts(String title) {
        return expectsCrash() && (titles.getFirst().equals(title) || altTitles.contains(title));
    }

    public static SyzkallerTestFile read(Path file) throws IOException {
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    public static SyzkallerTestFile parse(String content) {
        List<String> all = KernelLogClassifier.splitLines(content.replace("\r", ""));
        List<String> titles = new ArrayList<>();
        List<String> alts = new ArrayList<>();
        String type = "";
        boolean corrupted = false;
        int i = 0;
        for (; i < all.size(); i++) {
            String l = all.get(i);
            if (l.isEmpty()) {
                i++;
                break;
            }
            if (l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("TITLE: ")) {
                titles.add(l.substring("TITLE: ".length()));
            } else if (l.startsWith("ALT: ")) {
                alts.add(l.substring("ALT: ".length()));
            } else if (l.startsWith("TYPE: ")) {
                type = l.substring("TYPE: ".length());
            } else if (l.equals("CORRUPTED: Y")) {
                corrupted = true;
            }
        }
        List<String> log = new ArrayList<>();
        for (; i < all.size(); i++) {
            if (all.get(i).isEmpty() && i + 1 < all.size() && all.get(i + 1).equals("REPORT:")) {
                break;
            }
            log.add(all.get(i));
        }
        return new SyzkallerTestFile(titles, alts, type, corrupted, log);
    }
}
