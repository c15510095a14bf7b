package org.krepro.vm.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.krepro.runner.spi.Finding;

/**
 * A small syzkaller-style console classifier: enough to title panics, oopses, BUGs, WARNINGs and hung
 * tasks from a serial console ("kernel BUG in __ext4_journal_stop", "WARNING in ext4_dirty_folio",
 * "kernel panic: sysrq triggered crash"). Each report collects lines until its end marker, then is
 * titled with the function from its RIP line, or the first non-generic frame of its call trace.
 *
 * <p>Kept beside the runner's classifier because that one has no "this oops report has ended" signal:
 * without it, an oops under panic_on_oops=0 would not end the run (see the README).
 */
public final class SimpleConsoleClassifier implements ConsoleClassifier {
    /** "[   12.345678] " printk time prefix, and an optional "[ T123]" / "[ C1]" caller id. */
    private static final Pattern PREFIX = Pattern.compile("^(?:\\[\\s*\\d+\\.\\d+\\]\\s*)?(?:\\[\\s*[TC]\\d+\\]\\s*)?");
    private static final Pattern WARNING = Pattern.compile("^WARNING: (?:CPU: \\d+ PID: \\d+ )?at (\\S+) (\\S+?)\\+0x");
    private static final Pattern WARNING_ANY = Pattern.compile("^WARNING: ");
    private static final Pattern KBUG = Pattern.compile("^kernel BUG at (\\S+?)!?$");
    private static final Pattern BUG = Pattern.compile("^BUG: (.+?)(?: at .*| for address.*)?$");
    private static final Pattern GPF = Pattern.compile("^general protection fault");
    private static final Pattern HUNG = Pattern.compile("^INFO: task (\\S+) blocked for more than");
    private static final Pattern RCU = Pattern.compile("^(?:INFO|rcu): rcu_(?:preempt|sched) (?:self-)?detected stall");
    private static final Pattern PANIC = Pattern.compile("^Kernel panic - not syncing: (.*?)\\s*$");
    private static final Pattern RIP = Pattern.compile("^RIP: 00\\d\\d:(?:\\[<[0-9a-f]+>\\] )?([A-Za-z0-9_.$]+)\\+0x");
    private static final Pattern FRAME = Pattern.compile("^\\s*(?:\\? )?([A-Za-z0-9_.$]+)\\+0x[0-9a-f]+/0x[0-9a-f]+");
    private static final Pattern END = Pattern.compile("^---\\[ end (?:trace|Kernel panic)");
    private static final Pattern FS = Pattern.compile(
            "^(EXT4-fs (?:error|warning)|EXT4-fs \\(\\S+\\): (?:error|warning)|XFS \\(\\S+\\): (?:Corruption|Metadata|.*[Ss]hutdown|metadata I/O error)"
                    + "|BTRFS (?:critical|error)|Aborting journal|JBD2: |I/O error, dev |Buffer I/O error)");
    private static final Set<String> GENERIC = Set.of(
            "dump_stack", "dump_stack_lvl", "__warn", "warn_slowpath_fmt", "report_bug", "handle_bug", "exc_invalid_op",
            "asm_exc_invalid_op", "panic", "__schedule", "schedule", "schedule_timeout", "io_schedule", "io_schedule_timeout",
            "__wait_for_common", "wait_for_completion", "rwsem_down_write_slowpath", "rwsem_down_read_slowpath",
            "down_write", "down_read", "mutex_lock", "__mutex_lock", "bit_wait_io", "__wait_on_bit", "out_of_line_wait_on_bit",
            "folio_wait_bit_common", "kthread", "ret_from_fork", "ret_from_fork_asm", "do_syscall_64",
            "entry_SYSCALL_64_after_hwframe", "sysrq_handle_crash", "__handle_sysrq", "write_sysrq_trigger");

    private final List<Finding> findings = new ArrayList<>();
    private Report open;
    private boolean fatal;
    private boolean oopsSeen;

    private static final class Report {
        final String kind; // "WARNING", "kernel BUG", "BUG", "gpf", "hung", "rcu"
        final String head;
        String func;
        String rip;
        String firstFrame;
        final StringBuilder text = new StringBuilder();

        Report(String kind, String head, String func) {
            this.kind = kind;
            this.head = head;
            this.func = func;
        }
    }

    @Override
    public synchronized void line(String raw) {
        String line = PREFIX.matcher(raw).replaceFirst("");
        Matcher m;
        if ((m = PANIC.matcher(line)).find()) {
            closeOpen();
            fatal = true;
            String reason = m.group(1);
            if (firstCrashTitleOrEmpty().isEmpty()) {
                findings.add(new Finding(Finding.Kind.KERNEL_CRASH, "kernel panic: " + reason, raw));
            } else {
                findings.add(new Finding(Finding.Kind.KERNEL_CRASH, "kernel panic: " + reason, raw));
            }
            return;
        }
        if ((m = WARNING.matcher(line)).find()) {
            start(new Report("WARNING", line, m.group(2)));
        } else if (WARNING_ANY.matcher(line).find() && !line.startsWith("WARNING: CPU")) {
            start(new Report("WARNING", line, null));
        } else if ((m = KBUG.matcher(line)).find()) {
            start(new Report("kernel BUG", line, null));
            oopsSeen = true;
        } else if (GPF.matcher(line).find()) {
            start(new Report("gpf", line, null));
            oopsSeen = true;
        } else if ((m = HUNG.matcher(line)).find()) {
            start(new Report("hung", line, null));
        } else if (RCU.matcher(line).find()) {
            start(new Report("rcu", line, null));
        } else if ((m = BUG.matcher(line)).find() && !line.startsWith("BUG: using")) {
            start(new Report("BUG", m.group(1), null));
            oopsSeen = true;
        } else if (open != null) {
            open.text.append(raw).append('\n');
            if ((m = RIP.matcher(line.trim())).find() && open.rip == null) {
                open.rip = m.group(1);
            } else if ((m = FRAME.matcher(line)).find() && open.firstFrame == null && !GENERIC.contains(m.group(1))
                    && !line.contains("? ")) {
                open.firstFrame = m.group(1);
            }
            if (END.matcher(line).find()) {
                closeOpen();
                if (oopsSeen) {
                    fatal = true;
                }
            }
        } else if (FS.matcher(line).find()) {
            findings.add(new Finding(Finding.Kind.KERNEL_FS, line.length() > 200 ? line.substring(0, 200) : line, raw));
        }
    }

    private void start(Report r) {
        closeOpen();
        open = r;
        r.text.append(r.head).append('\n');
    }

    private void closeOpen() {
        Report r = open;
        if (r == null) {
            return;
        }
        open = null;
        String func = r.func != null ? r.func : r.rip != null ? r.rip : r.firstFrame;
        if ("hung".equals(r.kind) || "rcu".equals(r.kind)) {
            func = r.firstFrame != null ? r.firstFrame : r.rip;
        }
        String where = func == null ? "" : " in " + func;
        String title = switch (r.kind) {
            case "WARNING" -> "WARNING" + where;
            case "kernel BUG" -> "kernel BUG" + where;
            case "gpf" -> "general protection fault" + where;
            case "hung" -> "INFO: task hung" + where;
            case "rcu" -> "INFO: rcu detected stall" + where;
            default -> "BUG: " + bugTitle(r.head) + where;
        };
        findings.add(new Finding(Finding.Kind.KERNEL_CRASH, title, r.text.toString()));
    }

    private static String bugTitle(String head) {
        if (head.startsWith("kernel NULL pointer dereference")) {
            return "unable to handle kernel NULL pointer dereference";
        }
        if (head.startsWith("unable to handle page fault")) {
            return "unable to handle kernel paging request";
        }
        return head;
    }

    private String firstCrashTitleOrEmpty() {
        return findings.stream().filter(f -> f.kind() == Finding.Kind.KERNEL_CRASH).map(Finding::title).findFirst().orElse("");
    }

    /** Closes a report still open (the console ended mid-report). */
    public synchronized void finish() {
        closeOpen();
    }

    @Override
    public synchronized List<Finding> findings() {
        List<Finding> out = new ArrayList<>(findings);
        if (open != null) {
            Report r = open;
            closeOpen();
            out = new ArrayList<>(findings);
            findings.removeLast();
            open = r;
        }
        return out;
    }

    @Override
    public synchronized boolean fatal() {
        return fatal;
    }
}
