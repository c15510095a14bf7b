package org.krepro.bisect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes a failure "the bug": {@code --bad-title REGEX} patterns when given, else the reproducer's
 * declared expected signatures ("WARNING ... jbd2_journal_dirty_metadata", "kernel BUG in a / b"),
 * matched loosely: the parts around "..." must appear in order, a trailing "(...)" comment is ignored,
 * and "x in f / g" also matches "x in g".
 */
public final class Signature {
    private final List<Pattern> patterns;
    private final List<List<String>> declared;
    private final List<String> declaredText;

    private Signature(List<Pattern> patterns, List<List<String>> declared, List<String> declaredText) {
        this.patterns = patterns;
        this.declared = declared;
        this.declaredText = declaredText;
    }

    /** Any failure is the bug (no pattern and no declared signature). */
    public static Signature any() {
        return new Signature(List.of(), List.of(), List.of());
    }

    public static Signature of(List<String> badTitles, List<String> expectedSignatures) {
        List<Pattern> ps = new ArrayList<>();
        for (String t : badTitles) {
            ps.add(Pattern.compile(t));
        }
        List<List<String>> decl = new ArrayList<>();
        for (String s : expectedSignatures) {
            decl.addAll(pieces(s));
        }
        return new Signature(List.copyOf(ps), List.copyOf(decl), List.copyOf(expectedSignatures));
    }

    /** True when --bad-title patterns were given: only failures whose title matches count. */
    public boolean explicit() {
        return !patterns.isEmpty();
    }

    /** True when there is anything to match against (patterns or declared signatures). */
    public boolean known() {
        return !patterns.isEmpty() || !declared.isEmpty();
    }

    /**
     * Whether a finding is the bug: --bad-title patterns look at its title only; declared signatures
     * (written from the seed threads as the kernel prints them, "kernel BUG at fs/ext4/ext4_jbd2.c:53")
     * also at the report itself, since the title is syzkaller's ("kernel BUG in __ext4_journal_stop").
     */
    public boolean matches(org.krepro.runner.spi.Finding f) {
        return matches(f.title()) || patterns.isEmpty() && f.detail() != null && matches(f.detail());
    }

    /** Whether a failure title is the bug's signature. */
    public boolean matches(String title) {
        if (title == null) {
            return false;
        }
        if (!patterns.isEmpty()) {
            return patterns.stream().anyMatch(p -> p.matcher(title).find());
        }
        String t = title.toLowerCase(Locale.ROOT);
        for (List<String> parts : declared) {
            int at = 0;
            boolean ok = true;
            for (String part : parts) {
                int i = t.indexOf(part, at);
                if (i < 0) {
                    ok = false;
                    break;
                }
                at = i + part.length();
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /** The ordered pieces of one declared signature, with " / " alternatives expanded. */
    static List<List<String>> pieces(String sig) {
        String s = sig.replaceAll("\\s*\\([^()]*\\)\\s*$", "").trim().toLowerCase(Locale.ROOT);
        List<String> variants = new ArrayList<>();
        String[] alts = s.split("\\s+/\\s+");
        variants.add(alts[0]);
        int sp = alts[0].lastIndexOf(' ');
        for (int i = 1; i < alts.length; i++) {
            variants.add((sp < 0 ? "" : alts[0].substring(0, sp + 1)) + alts[i]);
        }
        List<List<String>> out = new ArrayList<>();
        for (String v : variants) {
            List<String> parts = new ArrayList<>();
            for (String p : v.split("\\.\\.\\.|…")) {
                if (!p.isBlank()) {
                    parts.add(p.trim());
                }
            }
            if (!parts.isEmpty()) {
                out.add(parts);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        if (!patterns.isEmpty()) {
            return "--bad-title " + patterns;
        }
        return declaredText.isEmpty() ? "any failure of the reproducer" : "declared signatures " + declaredText;
    }
}
