package org.krepro.runner.classify;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes titles stable across runs: addresses, numbers, line numbers, IP addresses and the names of
 * syzkaller's executor processes are replaced by placeholders (ADDR, NUM, LINE, IP), as syzbot does so that
 * the same bug always gets the same title.
 */
final class TitleSanitizer {
    private TitleSanitizer() {
    }

    private record Replacement(Pattern pattern, String with) {
        Replacement(String re, String with) {
            this(Pattern.compile(re), with);
        }
    }

    /** Applied in order, each until nothing changes (matches can overlap, e.g. "0,1,2"). */
    private static final List<Replacement> REPLACEMENTS = List.of(
            new Replacement("syz-executor\\.?[0-9]+((/|:)[0-9]+)?", "syz-executor"),
            new Replacement("syzkaller[0-9]+((/|:)[0-9]+)?", "syzkaller"),
            // anything that looks like an address
            new Replacement("([^a-zA-Z0-9])(?:0x)?[0-9a-f]{6,}", "$1ADDR"),
            new Replacement("([0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3})", "IP"),
            // file:line
            new Replacement("(\\.\\w+)(:[0-9]+)+", "$1:LINE"),
            // "f+0x12/0x34" -> "f": offsets change with every build
            new Replacement("([a-zA-Z][a-zA-Z0-9_.]+)\\+0x[0-9a-z]+/0x[0-9a-z]+", "$1"),
            new Replacement("CPU#[0-9]+", "CPU"),
            // remaining decimal numbers, but not digits inside identifiers such as cfg80211_...
            new Replacement("(\\W)(\\d+)(\\W|$)", "$1NUM$3"),
            new Replacement("(\\d+){7,}", "NUM"));

    private static final int MAX_TITLE_LENGTH = 120;

    static String sanitize(String title) {
        String s = title;
        for (Replacement r : REPLACEMENTS) {
            while (true) {
                String next = r.pattern().matcher(s).replaceAll(r.with());
                if (next.equals(s)) {
                    break;
                }
                s = next;
            }
        }
        return clean(s);
    }

    /** Drops control and non-ASCII characters, squeezes spaces, caps the length (interleaved lines can be huge). */
    static String clean(String title) {
        StringBuilder sb = new StringBuilder();
        char prev = ' ';
        for (int i = 0; i < title.length() && i < MAX_TITLE_LENGTH; i++) {
            char ch = title.charAt(i);
            if (ch == '\t') {
                ch = ' ';
            } else if (ch < 0x20 || ch >= 0x7f) {
                continue;
            }
            if (ch == ' ' && prev == ' ') {
                continue;
            }
            sb.append(ch);
            prev = ch;
        }
        return sb.toString().trim();
    }
}
