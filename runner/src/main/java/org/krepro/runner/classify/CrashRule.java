package org.krepro.runner.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One way of turning a report into a title.
 *
 * @param title        pattern that identifies this kind of report (searched in the report text)
 * @param detail       optional pattern that must also match for the rule to apply; when present its groups
 *                     (instead of the title's) are the title arguments
 * @param format       {@link String#format} pattern of the title; arguments are the pattern's groups followed
 *                     by the guilty frame(s), e.g. {@code "KASAN: %1$s %3$s in %4$s"}
 * @param altFormats   formats of alternative titles, same arguments
 * @param stack        how to find the guilty frame, or null when the title names none
 * @param noStackTrace the report legitimately has no stack trace (do not call it corrupted for that)
 * @param corrupted    reports matched by this rule are always corrupted (truncated headers)
 */
record CrashRule(Pattern title, Pattern detail, String format, List<String> altFormats, StackSpec stack,
                 boolean noStackTrace, boolean corrupted) {

    /**
     * Expands the shorthands used in the rule table: {{PC}}, {{FUNC}}, {{SRC}}, {{ADDR}}. The table writes
     * "skip whole lines" as {@code (?:.*\n)+?}; java.util.regex recurses once per repetition of a group, which
     * overflows the stack on long logs, so it is rewritten to the equivalent {@code .*\n(?:[\s\S]*?\n)??}.
     */
    static Pattern compile(String re) {
        return Pattern.compile(re
                .replace("(?:.*\\n)+?", ".*\\n(?:[\\s\\S]*?\\n)??")
                .replace("{{ADDR}}", "0x[0-9a-f]+")
                .replace("{{PC}}", "\\[<?(?:0x)?[0-9a-f]+>?\\]")
                .replace("{{FUNC}}", "([a-zA-Z0-9_]+)(?:\\.|\\+)")
                .replace("{{SRC}}", "([a-zA-Z0-9_/.\\-]+\\.[a-z]+:[0-9]+)"));
    }

    static Builder rule(String title) {
        return new Builder(title);
    }

    /** Small builder so that the rule table reads like a table. */
    static final class Builder {
        private final Pattern title;
        private Pattern detail;
        private String format;
        private final List<String> alt = new ArrayList<>();
        private List<Pattern> steps;
        private List<Pattern> altSteps = List.of();
        private final List<String> skip = new ArrayList<>();
        private StackSpec.FrameChooser chooser = StackSpec.FrameChooser.FIRST;
        private boolean noStackTrace;
        private boolean corrupted;

        private Builder(String title) {
            this.title = compile(title);
        }

        Builder detail(String re) {
            detail = compile(re);
            return this;
        }

        Builder fmt(String f) {
            format = f;
            return this;
        }

        Builder alt(String... f) {
            alt.addAll(Arrays.asList(f));
            return this;
        }

        Builder stack(Pattern... s) {
            steps = List.of(s);
            return this;
        }

        Builder altStack(Pattern... s) {
            altSteps = List.of(s);
            return this;
        }

        Builder skip(String... s) {
            skip.addAll(Arrays.asList(s));
            return this;
        }

        Builder chooser(StackSpec.FrameChooser c) {
            chooser = c;
            return this;
        }

        Builder noStackTrace() {
            noStackTrace = true;
            return this;
        }

        Builder corrupted() {
            corrupted = true;
            return this;
        }

        CrashRule build() {
            StackSpec spec = steps == null ? null : new StackSpec(steps, altSteps, List.copyOf(skip), chooser);
            return new CrashRule(title, detail, format, List.copyOf(alt), spec, noStackTrace, corrupted);
        }
    }
}
