package org.krepro.runner.classify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of console or kernel-log output with its printk prefix split off.
 *
 * <p>A console line looks like {@code "[   12.345678] text"}, or with CONFIG_PRINTK_CALLER
 * {@code "[   12.345678][ T1234] text"} (task) / {@code "[...][   C1] text"} (CPU, in interrupts). The caller
 * id is the line's <em>context</em>: a report is assembled from the lines of its header's context only, which
 * untangles reports printed concurrently from several CPUs.
 *
 * @param raw          the line as read (carriage returns removed)
 * @param context      "" when the line has no printk prefix, {@link #CONSOLE} when it has one without a caller
 *                     id, otherwise the caller id such as "[ T1234]"
 * @param text         the line without the printk prefix
 * @param questionable a stack frame the unwinder marked unreliable ("? foo+0x1/0x2"), which reports ignore
 */
record ConsoleLine(String raw, String context, String text, boolean questionable) {
    static final String CONSOLE = "console";

    /** printk prefix, optionally preceded by the junk serial consoles add ("** N printk messages dropped **", a login prompt, "<N>"). */
    private static final Pattern PRINTK_PREFIX = Pattern.compile(
            "^(?:\\*\\* [0-9]+ printk messages dropped \\*\\* )?(?:.* login: )?(?:<[0-9]+>)?"
                    + "\\[ *[0-9]+\\.[0-9]+\\](\\[ *(?:C|T)[0-9]+\\])? ");
    /**
     * Saved kernel logs in other tools' formats: {@code dmesg -T} ("[Sun Nov 22 02:53:00 2026] "), syslog and
     * {@code journalctl -k} ("Nov 22 02:53:00 host kernel: ", with an optional "[   12.345678] " after it), and
     * ISO-timestamped journal exports ("2026-11-22T02:53:00.123456+00:00 host kernel: ").
     */
    private static final Pattern OTHER_LOG_PREFIX = Pattern.compile(
            "^(?:\\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\\] "
                    + "|[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d \\S+ kernel: (?:\\[ *[0-9]+\\.[0-9]+\\] )?"
                    + "|\\d{4}-\\d\\d-\\d\\dT\\S+ \\S+ kernel: (?:\\[ *[0-9]+\\.[0-9]+\\] )?)");
    /** x86 unreliable frame: "? foo+0x1/0x2", optionally after a "[<address>]". */
    private static final Pattern QUESTIONABLE_FRAME = Pattern.compile("(\\[<[0-9a-f]+>\\])? \\? ");
    static final Pattern TASK_CONTEXT = Pattern.compile("\\[ *T[0-9]+\\]");
    static final Pattern CPU_CONTEXT = Pattern.compile("\\[ *C[0-9]+\\]");

    static ConsoleLine parse(String line) {
        String raw = line.indexOf('\r') >= 0 ? line.replace("\r", "") : line;
        Matcher m = PRINTK_PREFIX.matcher(raw);
        String context;
        String text;
        if (m.find()) {
            context = m.group(1) == null ? CONSOLE : m.group(1);
            text = raw.substring(raw.indexOf("] ") + 2);
        } else {
            Matcher other = OTHER_LOG_PREFIX.matcher(raw);
            if (!other.find()) {
                return new ConsoleLine(raw, "", raw, false);
            }
            context = CONSOLE;
            text = raw.substring(other.end());
        }
        if (!text.contains("<EOI>")) {
            if (QUESTIONABLE_FRAME.matcher(text).find()) {
                return new ConsoleLine(raw, context, text.substring(text.indexOf(" ? ") + 2), true);
            }
            if (text.endsWith(" (unreliable)")) { // powerpc
                return new ConsoleLine(raw, context, text.substring(0, text.length() - 13), true);
            }
        }
        return new ConsoleLine(raw, context, text, false);
    }

    /** True when the line carries a caller id (CONFIG_PRINTK_CALLER), not just a timestamp. */
    static boolean isCallerContext(String context) {
        return !context.isEmpty() && !context.equals(CONSOLE);
    }
}
