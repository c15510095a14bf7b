package org.krepro.runner.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IllegalFormatException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds crash reports in console lines and titles them (see {@link CrashRules} for the table).
 *
 * <p>Steps for one report: find the first line holding an oops header; collect the lines of the same printk
 * context from there (plus a few lines of context before it); stop the part used for the title at the next
 * unrelated report; pick the title rule; extract the guilty frame; decide whether the report is corrupted.
 */
final class CrashParser {
    /** A report printed after enough of another one (panic_on_warn, lockdep noise of the oops) is cut off. */
    private static final int MIN_LINES_BEFORE_CUT = 22;
    /** KMSAN reports are shorter (no "Call Trace:" heading), so they are cut sooner. */
    private static final int MIN_LINES_BEFORE_CUT_KMSAN = 16;
    private static final Pattern TIMESTAMP_IN_TITLE = Pattern.compile("\\[ *[0-9]+\\.[0-9]+\\]");
    /** The frame named by a title: what follows its last " in ". */
    private static final Pattern TITLE_FRAME = Pattern.compile(".* in ((?:<[a-zA-Z0-9_: ]+>)?[a-zA-Z0-9_:]+)");
    /** GCE serial console disconnects right after panics; the report is likely truncated. */
    private static final String CONSOLE_HANGUP = "serialport: VM disconnected.";

    /** How far past the next report's header lines are still collected (they can finish an interleaved report). */
    private static final int LINES_AFTER_NEXT_REPORT = 1000;
    /** Last line of an oops or WARNING that did not panic (or of the panic itself). */
    private static final Pattern END_OF_REPORT = Pattern.compile("^---\\[ end (?:trace [0-9a-f]+|Kernel panic.*) \\]---");

    private final List<ConsoleLine> lines;
    /** The oops group each line's header belongs to, or null: computed once, used by every report. */
    private final CrashRules.OopsGroup[] headers;
    private final boolean consoleHangup;

    CrashParser(List<ConsoleLine> lines) {
        this.lines = lines;
        this.headers = new CrashRules.OopsGroup[lines.size()];
        boolean hangup = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i).raw();
            headers[i] = group(raw);
            hangup |= raw.contains(CONSOLE_HANGUP);
        }
        this.consoleHangup = hangup;
    }

    /** Every report, in order: after one report the search goes on from the line after its header. */
    List<CrashReport> parseAll() {
        List<CrashReport> out = new ArrayList<>();
        int from = 0;
        while (from < lines.size()) {
            int start = findOops(from);
            if (start < 0) {
                break;
            }
            out.add(parseSafely(from, start));
            from = start + 1;
        }
        return out;
    }

    /** Index of the first line at or after {@code from} that holds an oops header, or -1. */
    int findOops(int from) {
        for (int i = from; i < lines.size(); i++) {
            if (headers[i] != null) {
                return i;
            }
        }
        return -1;
    }

    static CrashRules.OopsGroup group(String line) {
        for (CrashRules.OopsGroup g : CrashRules.GROUPS) {
            if (g.matchesLine(line)) {
                return g;
            }
        }
        return null;
    }

    /** A pathological report must not take the whole classification down with it. */
    private CrashReport parseSafely(int from, int start) {
        try {
            return parse(from, start);
        } catch (StackOverflowError e) {
            String header = lines.get(start).text();
            return new CrashReport(TitleSanitizer.sanitize(header), List.of(), typeOf(header), "", "", true,
                    "report too large to parse", start, start, header);
        }
    }

    private CrashReport parse(int from, int start) {
        ConsoleLine header = lines.get(start);
        CrashRules.OopsGroup group = headers[start];
        String context = header.context();

        // Up to 5 lines before the header from the same context (50 with caller ids: they are the same task).
        int maxPrefix = ConsoleLine.TASK_CONTEXT.matcher(context).find() ? 50 : 5;
        Deque<String> prefix = new ArrayDeque<>();
        for (int i = from; i < start; i++) {
            ConsoleLine l = lines.get(i);
            if (l.context().equals(context) && !l.text().isEmpty() && !l.questionable()) {
                prefix.addLast(l.text());
                if (prefix.size() > maxPrefix) {
                    prefix.removeFirst();
                }
            }
        }

        Collected c = collect(start, context, header);
        List<String> report = c.lines();
        int reportEnd = c.titledCount();
        int lastOopsLine = c.lastOopsLine();
        // The whole collected text decides "corrupted" (as syzkaller does); the part before the next report
        // gives the title and is the report text shown to users.
        String fullText = joinLines(report, report.size());
        String shownText = joinLines(report, reportEnd);
        Description d = describe(shownText, group);
        int endLine = reportEnd > 0 ? c.lineIndex().get(reportEnd - 1) : start;
        if (d.title.isEmpty()) {
            // Nothing matched the context-filtered text: retry on the raw lines up to the last oops header.
            prefix.clear();
            List<String> raw = new ArrayList<>();
            for (int i = start; i <= lastOopsLine; i++) {
                raw.add(lines.get(i).raw());
            }
            fullText = String.join("\n", raw);
            shownText = fullText;
            d = describe(fullText, group);
            endLine = lastOopsLine;
        }
        String reason = d.corruptedReason;
        if (reason.isEmpty()) {
            reason = corruptedReason(d.title, fullText, d.rule);
        }
        String title = TitleSanitizer.sanitize(d.title);
        Set<String> alts = new LinkedHashSet<>();
        for (String alt : d.altTitles) {
            alts.add(TitleSanitizer.sanitize(alt));
        }
        alts.remove(title);
        if (reason.isEmpty() && consoleHangup) {
            reason = "console disconnected";
        }
        Matcher fm = TITLE_FRAME.matcher(title);
        String frame = fm.find() ? fm.group(1) : "";
        if (frame.equals(NO_FRAME)) {
            // The title keeps syzkaller's "in corrupted"; the frame names what the report does show.
            frame = fallbackFrame(header.text(), fullText);
        }
        StringBuilder text = new StringBuilder();
        for (String p : prefix) {
            text.append(p).append('\n');
        }
        text.append(shownText);
        return new CrashReport(title, List.copyOf(alts), typeOf(title), frame, guiltyFile(title, fullText),
                !reason.isEmpty(), reason, start, Math.max(start, endLine), text.toString());
    }

    /** "fs/ext4/inode.c:3664" in a symbolized report. */
    private static final Pattern SOURCE_FILE = Pattern.compile("(?<![a-zA-Z0-9_\\-./])([a-zA-Z0-9_\\-./]*[a-zA-Z0-9_\\-]+\\.[ch]):[0-9]+");
    /** Source files that are where bugs are reported or passed through, rarely where they are. */
    private static final List<Pattern> GENERIC_FILES = java.util.Arrays.stream(new String[] {
            ".*\\.h", "^lib/.*", "^virt/lib/.*", "^mm/kasan/.*", "^mm/kmsan/.*", "^kernel/kcov.c", "^mm/sl.b.c",
            "^mm/filemap.c", "^mm/folio-compat.c", "^mm/truncate.c", "^mm/memory.c", "^mm/percpu.*", "^mm/vmalloc.c",
            "^mm/page_alloc.c", "^mm/mempool.c", "^mm/util.c", "^kernel/rcu/.*", "^arch/.*/kernel/traps.c",
            "^arch/.*/kernel/unwind.*.c", "^arch/.*/mm/fault.c", "^arch/.*/mm/physaddr.c", "^arch/.*/kernel/stacktrace.c",
            "^arch/.*/kernel/apic/apic.c", "^arch/arm64/kernel/entry.*.c", "^arch/arm64/kernel/process\\.c",
            "^kernel/locking/.*", "^kernel/panic.c", "^kernel/printk/printk.*.c", "^kernel/softirq.c",
            "^kernel/kthread.c", "^kernel/sched/.*.c", "^kernel/stacktrace.c", "^kernel/time/timer.c",
            "^kernel/workqueue.c", "^net/core/dev.c", "^net/core/sock.c", "^net/core/skbuff.c", "^fs/proc/generic.c",
            "^drivers/usb/core/urb.c", "^arch/.*/lib/crc.*"}).map(Pattern::compile).toList();
    /** Lockdep's irq-state lines name files unrelated to the bug. */
    private static final Pattern GUILTY_LINE_IGNORE = Pattern.compile("(hardirqs|softirqs)\\s+last\\s+(enabled|disabled)");

    /** The first non-generic source file in the report (for RCU stalls: below the timer interrupt). */
    static String guiltyFile(String title, String report) {
        String text = report;
        if (title.startsWith("INFO: rcu detected stall")) {
            for (String entry : List.of("apic_timer_interrupt+0x", "el1h_64_irq+0x", "Exception stack")) {
                int pos = text.indexOf(entry);
                if (pos >= 0) {
                    text = text.substring(pos);
                    break;
                }
            }
        }
        String first = "";
        for (String line : text.split("\n")) {
            if (!line.contains(".c:") && !line.contains(".h:")) {
                continue; // cheap pre-check: most lines name no source file
            }
            Matcher m = SOURCE_FILE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String file = m.group(1).replaceFirst("^\\./", "");
            if (first.isEmpty()) {
                first = file;
            }
            if (GUILTY_LINE_IGNORE.matcher(line).find() || StackFrames.matchesAny(GENERIC_FILES, file)) {
                continue;
            }
            return file;
        }
        return first;
    }

    /**
     * The lines of one report.
     *
     * @param lines        report lines (prefix stripped) of the header's context, from the header on
     * @param lineIndex    input line index of each
     * @param titledCount  how many of them come before the next report (they give the title)
     * @param lastOopsLine input index of the last oops header seen while collecting
     */
    private record Collected(List<String> lines, List<Integer> lineIndex, int titledCount, int lastOopsLine) {
    }

    /**
     * Collects the report starting at {@code start}: lines of the same printk context (all CPUs' contexts
     * after "Sending NMI from CPU"), without unreliable frames, stopping at "---[ end trace ]---". The part
     * used for the title ends at the next report's header unless caller ids tell the reports apart. A panic
     * or lockdep report that follows enough of this one (panic_on_warn, locking noise of the oops) is dropped.
     */
    private Collected collect(int start, String context, ConsoleLine header) {
        List<String> report = new ArrayList<>();
        List<Integer> reportLineIndex = new ArrayList<>();
        int reportEnd = 0;
        int lastOopsLine = start;
        int secondReport = -1;
        int textLines = 0;
        boolean skipRest = false;
        boolean allCpuBacktrace = false;
        int minLines = header.raw().contains("BUG: KMSAN:") ? MIN_LINES_BEFORE_CUT_KMSAN : MIN_LINES_BEFORE_CUT;
        for (int i = start; i < lines.size(); i++) {
            ConsoleLine l = lines.get(i);
            boolean isHeader = i == start;
            if (!isHeader && secondReport >= 0 && i - secondReport > LINES_AFTER_NEXT_REPORT) {
                // Lines this far past the next report only serve the corrupted check: bound the work per
                // report, or a log with many reports costs reports x lines.
                break;
            }
            if (headers[i] != null) {
                lastOopsLine = i;
                if (!isHeader && secondReport < 0 && !StackFrames.matchesAny(CrashRules.NOT_A_NEW_REPORT, l.raw())) {
                    secondReport = i;
                }
            } else if (!isHeader && secondReport < 0 && CrashRules.INFO_WITH_STACK.stream().anyMatch(l.raw()::contains)) {
                secondReport = i;
            }
            if (!isHeader && (l.questionable() || !l.context().equals(context)
                    && (!allCpuBacktrace || !ConsoleLine.CPU_CONTEXT.matcher(l.context()).find()))) {
                continue;
            }
            textLines++;
            boolean skipLine = skipRest;
            if (l.raw().contains("Disabling lock debugging due to kernel taint")) {
                skipLine = true;
            } else if (l.raw().contains("Sending NMI from CPU")) {
                // Backtraces of all CPUs follow, each in its own context: keep them.
                allCpuBacktrace = true;
            } else if ((l.raw().contains("Kernel panic - not syncing")
                    || l.raw().contains("WARNING: possible circular locking dependency detected"))
                    && textLines > minLines) {
                // panic_on_warn repeats the stack we already have; oopses often provoke lockdep reports.
                skipRest = true;
                skipLine = true;
            }
            if (!isHeader && skipLine) {
                continue;
            }
            report.add(l.text());
            reportLineIndex.add(i);
            if (secondReport < 0 || ConsoleLine.isCallerContext(context)) {
                reportEnd = report.size();
            }
            if (!isHeader && END_OF_REPORT.matcher(l.text()).find()) {
                // The kernel closes a WARNING/oops with "---[ end trace ... ]---": when the machine survives,
                // whatever follows is ordinary log, not part of the report.
                break;
            }
        }

        return new Collected(report, reportLineIndex, reportEnd, lastOopsLine);
    }

    /** Frame placeholder in titles of reports whose guilty frame could not be found. */
    static final String NO_FRAME = "corrupted";
    /** "name+0x12/0x34" */
    private static final Pattern FUNCTION_WITH_OFFSET = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\.[a-z0-9.]+)?\\+0x[0-9a-f]+/0x[0-9a-f]+");

    /**
     * For reports whose guilty frame is unknown: the function named by the header line ("WARNING: ... at
     * file.c:12 f+0x1/0x2") or else by the faulting-IP line, or "corrupted" when neither names one.
     */
    private static String fallbackFrame(String headerText, String report) {
        Matcher m = FUNCTION_WITH_OFFSET.matcher(headerText);
        if (m.find()) {
            return m.group(1);
        }
        Matcher rip = CrashRules.RIP_FRAME.matcher(report);
        if (rip.find() && rip.group(1) != null) {
            return rip.group(1);
        }
        return NO_FRAME;
    }

    private static String joinLines(List<String> lines, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(lines.get(i)).append('\n');
        }
        return sb.toString();
    }

    /** Title, alternatives and the rule that produced them (null when no rule applied and the header line is used). */
    private record Description(String title, String corruptedReason, List<String> altTitles, CrashRule rule) {
    }

    private static Description describe(String text, CrashRules.OopsGroup group) {
        int bestPos = Integer.MAX_VALUE;
        String title = "";
        String reason = "";
        List<String> alts = new ArrayList<>();
        CrashRule chosen = null;
        boolean titleMatched = false;
        for (CrashRule rule : group.rules()) {
            Matcher m = rule.title().matcher(text);
            if (!m.find() || m.start() > bestPos) {
                continue;
            }
            if (m.start() == bestPos && !title.isEmpty()) {
                continue;
            }
            if (m.start() < bestPos) {
                title = "";
                chosen = null;
                alts.clear();
                bestPos = m.start();
            }
            titleMatched = true;
            if (rule.detail() != null) {
                m = rule.detail().matcher(text);
                if (!m.find()) {
                    continue;
                }
            }
            List<Object> args = new ArrayList<>();
            for (int g = 1; g <= m.groupCount(); g++) {
                args.add(m.group(g) == null ? "" : m.group(g));
            }
            reason = "";
            List<String> canonical = List.of();
            List<String> rawFrames = List.of();
            if (rule.stack() != null) {
                StackFrames.Frames f = StackFrames.extract(rule.stack(), text.substring(m.start()));
                canonical = f.canonical();
                rawFrames = f.raw();
                if (!f.ok()) {
                    reason = "no guilty frame found";
                }
            }
            List<Object> full = new ArrayList<>(args);
            full.addAll(canonical);
            title = format(rule.format(), full);
            alts.clear();
            for (String alt : rule.altFormats()) {
                alts.add(format(alt, full));
            }
            // The same title with the frame's syscall prefix kept or partly stripped: syzbot knows bugs by those too.
            if (!rawFrames.isEmpty()) {
                List<String> prefixes = new ArrayList<>();
                prefixes.add("");
                prefixes.addAll(StackFrames.STRIP_PREFIXES);
                for (String p : prefixes) {
                    boolean changed = p.isEmpty();
                    List<Object> variant = new ArrayList<>(args);
                    for (String rf : rawFrames) {
                        String t = rf.startsWith(p) ? rf.substring(p.length()) : rf;
                        changed |= !t.equals(rf);
                        variant.add(t);
                    }
                    if (changed) {
                        String v = format(rule.format(), variant);
                        if (!v.equals(title)) {
                            alts.add(v);
                        }
                        for (String alt : rule.altFormats()) {
                            alts.add(format(alt, variant));
                        }
                    }
                }
            }
            chosen = rule;
        }
        if (title.isEmpty()) {
            if (titleMatched) {
                reason = "header matched but not the rest of the report";
            }
            int pos = text.indexOf(group.header());
            if (pos < 0) {
                return new Description("", reason, List.of(), null);
            }
            int eol = text.indexOf('\n', pos);
            title = text.substring(pos, eol < 0 ? text.length() : eol);
            chosen = null;
        }
        if (reason.isEmpty() && chosen != null && chosen.corrupted()) {
            reason = "truncated header";
        }
        return new Description(title, reason, alts, chosen);
    }

    private static String format(String fmt, List<Object> args) {
        try {
            return String.format(fmt, args.toArray());
        } catch (IllegalFormatException e) {
            return fmt;
        }
    }

    /** Why a titled report is considered corrupted, or "" when it is not. */
    private static String corruptedReason(String title, String report, CrashRule rule) {
        if (TIMESTAMP_IN_TITLE.matcher(title).find()) {
            return "timestamp inside the title (interleaved output)";
        }
        if (rule == null || rule.noStackTrace()) {
            return "";
        }
        boolean hasStack = false;
        for (Pattern heading : StackFrames.STACK_START) {
            Matcher m = heading.matcher(report);
            if (!m.find()) {
                continue;
            }
            String[] after = report.substring(m.start()).split("\n", -1);
            if (after.length < 4) {
                return "stack trace cut off";
            }
            boolean frameSeen = false;
            for (int i = 1; i < after.length && i <= 15; i++) {
                if (StackFrames.matchesAny(StackFrames.STACK_START, after[i])) {
                    break;
                }
                if (after[i].contains("(stack is not available)")
                        || StackFrames.matchesAny(StackFrames.FRAME_LINES, after[i])) {
                    frameSeen = true;
                    break;
                }
            }
            if (frameSeen) {
                hasStack = true;
            } else if (heading != StackFrames.RISCV_STACK_START) {
                return "no frames in a stack trace";
            }
        }
        return hasStack ? "" : "no stack trace in report";
    }

    /** Broad class of a report from its title. */
    static CrashType typeOf(String title) {
        if (title.startsWith("KASAN:")) {
            return CrashType.KASAN;
        }
        if (startsWithAny(title, "KFENCE:", "BUG: unable to handle kernel", "BUG: corrupted list",
                "UBSAN: array-index-out-of-bounds", "BUG: Object already free", "BUG: Bad page",
                "VFS: Close: file count is zero", "VFS: Busy inodes")) {
            return CrashType.MEMORY_SAFETY;
        }
        if (title.startsWith("KMSAN:")) {
            return CrashType.KMSAN;
        }
        if (title.startsWith("KCSAN:")) {
            return CrashType.KCSAN;
        }
        if (title.startsWith("UBSAN:")) {
            return CrashType.UBSAN;
        }
        if (startsWithAny(title, "possible deadlock", "inconsistent lock state", "BUG: bad unlock balance",
                "BUG: held lock freed", "BUG: rwlock", "BUG: spinlock", "BUG: still has locks held", "BUG: using",
                "WARNING: bad unlock balance", "WARNING: held lock freed", "WARNING: lock held",
                "WARNING: locking bug", "WARNING: nested lock", "WARNING: still has locks held",
                "WARNING: suspicious RCU usage", "INFO: suspicious RCU usage", "BUG: lock held",
                "INFO: trying to register non-static key", "WARNING: possible circular locking")) {
            return CrashType.LOCKDEP;
        }
        if (startsWithAny(title, "BUG: scheduling while atomic", "BUG: sleeping function called from invalid context")) {
            return CrashType.ATOMIC_SLEEP;
        }
        if (title.startsWith("memory leak in")) {
            return CrashType.MEMORY_LEAK;
        }
        if (startsWithAny(title, "BUG: soft lockup", "INFO: rcu detected stall", "INFO: task hung",
                "INFO: task can't die", "BUG: workqueue lockup")) {
            return CrashType.HANG;
        }
        if (startsWithAny(title, "kernel BUG", "BUG: bad usercopy")) {
            return CrashType.BUG;
        }
        if (title.startsWith("WARNING")) {
            return CrashType.WARNING;
        }
        if (startsWithAny(title, "general protection fault", "kernel panic", "kernel stack overflow", "PANIC:",
                "divide error", "invalid opcode", "stack segment fault", "Internal error", "Unhandled fault",
                "Alignment trap", "unregister_netdevice", "trusty:", "panic:", "go runtime error", "BUG: stack guard page")
                || title.contains(" with overflow in ")) {
            return CrashType.DOS;
        }
        if (title.startsWith("unexpected kernel reboot")) {
            return CrashType.REBOOT;
        }
        if (startsWithAny(title, "SYZFAIL", "SYZFATAL")) {
            return CrashType.HARNESS;
        }
        if (title.startsWith("BUG")) {
            return CrashType.BUG;
        }
        return CrashType.UNKNOWN;
    }

    private static boolean startsWithAny(String s, String... prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
