package org.krepro.runner.classify;

import static org.krepro.runner.classify.CrashRule.compile;
import static org.krepro.runner.classify.CrashRule.rule;
import static org.krepro.runner.classify.StackSpec.PARSE_STACK;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The table of Linux oops headers and how each kind of report is titled.
 *
 * <p>The facts here (which headers start a report, which title each gets, where its guilty frame is) follow
 * syzkaller's pkg/report, so titles are comparable with syzbot's; the code is krepro's own. A line starts a
 * report when it contains a group's {@link OopsGroup#header} and none of the group's suppressions. Within a
 * group, the rule whose title pattern matches earliest in the report wins (ties: the first in table order
 * whose detail pattern also matches).
 */
final class CrashRules {
    private CrashRules() {
    }

    /**
     * A family of reports sharing a header string.
     *
     * @param header       substring that makes a line an oops header
     * @param rules        title rules, in priority order
     * @param suppressions lines containing the header but matching one of these are not oopses
     */
    record OopsGroup(String header, List<CrashRule> rules, List<Pattern> suppressions) {
        boolean matchesLine(String line) {
            if (!line.contains(header)) {
                return false;
            }
            for (Pattern p : suppressions) {
                if (p.matcher(line).find()) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---- Shared step patterns -------------------------------------------------------------------------

    /** The faulting instruction pointer line: x86 "RIP: 0010:f+0x1/0x2", powerpc "NIP", arm "pc :", "PC is at". */
    static final Pattern RIP_FRAME = compile("(?:IP|NIP|pc |PC is at):? (?:(?:[0-9]+:)?(?:{{PC}} +){0,2}{{FUNC}}"
            + "|(?:[0-9]+:)?0x[0-9a-f]+|(?:[0-9]+:)?{{PC}} +\\[< *\\(null\\)>\\] +\\(null\\)|[0-9]+: +\\(null\\))");
    /** Heading of a stack trace. */
    static final Pattern CALL_TRACE = compile("(?:Call (?:T|t)race:)|(?:Backtrace:)");
    /** WARNING stacks start at the RIP line (x86) or "--- interrupt: N at f" (powerpc). */
    static final Pattern WARNING_TOP = compile("(?:" + RIP_FRAME.pattern() + "|--- interrupt: [0-9]+ at {{FUNC}})");
    /** A lockdep "... at: f+0x1/0x2" line. */
    static final Pattern LOCKDEP_AT = compile("at: (?:{{PC}} +)?{{FUNC}}");
    /** KMSAN origin headings. */
    static final Pattern KMSAN_ORIGIN = compile("(Local variable .* created at:|Uninit was created at:)");

    private static CrashRule.Builder warning(String title, String fmt, String... skip) {
        return rule(title).fmt(fmt).stack(WARNING_TOP, PARSE_STACK).altStack(CALL_TRACE, PARSE_STACK).skip(skip);
    }

    private static List<Pattern> patterns(String... res) {
        return Arrays.stream(res).map(CrashRule::compile).toList();
    }

    private static OopsGroup group(String header, List<Pattern> suppressions, CrashRule.Builder... rules) {
        return new OopsGroup(header, Arrays.stream(rules).map(CrashRule.Builder::build).toList(), suppressions);
    }

    /**
     * Headers that do not start a new report when seen inside one (they are part of it or follow from it).
     */
    static final List<Pattern> NOT_A_NEW_REPORT = patterns(
            "invalid opcode: 0000",
            "Kernel panic - not syncing",
            "unregister_netdevice: waiting for",
            "PANIC: double fault",
            "Internal error:");

    /**
     * Messages that are not bugs themselves but print a stack trace; seen inside a report they mean the text
     * that follows may belong to them rather than to the report.
     */
    static final List<String> INFO_WITH_STACK = List.of(
            "vmalloc: allocation failure:",
            "FAULT_INJECTION: forcing a failure",
            "FAULT_FLAG_ALLOW_RETRY missing");

    static final List<OopsGroup> GROUPS = List.of(
            group("BUG:", patterns("ODEBUG:", "Boot_DEBUG:", "xlog_status:", "DEBUG:",
                            "BUG: no syscalls can create resource"),
                    rule("BUG: KASAN:")
                            .detail("BUG: KASAN: ([a-z\\-]+) in {{FUNC}}(?:.*\\n)+?.*(Read|Write) (?:of size|at addr) (?:[0-9a-f]+)")
                            .fmt("KASAN: %1$s %3$s in %4$s").alt("bad-access in %4$s")
                            .stack(compile("BUG: KASAN: (?:[a-z\\-]+) in {{FUNC}}"), CALL_TRACE, PARSE_STACK)
                            // frames of hardware-tag KASAN (arm64 MTE) fault handling
                            .skip("kernel_fault", "tag_check", "mem_abort", "^el1_", "^el1h_"),
                    rule("BUG: KASAN:")
                            .detail("BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {{FUNC}}")
                            .fmt("KASAN: invalid-free in %2$s").alt("invalid-free in %2$s")
                            .stack(compile("BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in {{FUNC}}"),
                                    CALL_TRACE, PARSE_STACK)
                            .skip("slab_", "kfree", "vunmap", "vfree"),
                    rule("BUG: KASAN: ([a-z\\-]+) on address(?:.*\\n)+?.*(Read|Write) of size ([0-9]+)")
                            .fmt("KASAN: %1$s %2$s"),
                    rule("BUG: KASAN: (.*)").fmt("KASAN: %1$s").corrupted(),
                    rule("BUG: KMSAN: kernel-usb-infoleak").detail("BUG: KMSAN: kernel-usb-infoleak in {{FUNC}}")
                            .fmt("KMSAN: kernel-usb-infoleak in %2$s").alt("KMSAN origin in %3$s")
                            .stack(PARSE_STACK, KMSAN_ORIGIN, PARSE_STACK)
                            .skip("alloc_skb", "usb_submit_urb", "usb_start_wait_urb", "usb_bulk_msg",
                                    "usb_interrupt_msg", "usb_control_msg")
                            .noStackTrace(),
                    rule("BUG: KMSAN:").detail("BUG: KMSAN: ([a-z\\-]+) in {{FUNC}}")
                            .fmt("KMSAN: %1$s in %3$s").alt("bad-access in %3$s")
                            .stack(PARSE_STACK, KMSAN_ORIGIN, PARSE_STACK)
                            // generic crypto code is where uninit data is used, not where the bug is
                            .skip("alloc_skb", "netlink_ack", "netlink_rcv_skb", "_encrypt$",
                                    "^(?:crypto|cipher|drbg|rng)_")
                            .noStackTrace(),
                    rule("BUG: KCSAN: data-race").detail("BUG: KCSAN: (.*)").fmt("KCSAN: %1$s").noStackTrace(),
                    rule("BUG: KCSAN:").detail("BUG: KCSAN: (.*)").fmt("KCSAN: %1$s").noStackTrace(),
                    rule("BUG: KFENCE: (use-after-free|out-of-bounds) (read|write) in {{FUNC}}")
                            .fmt("KFENCE: %1$s %2$s in %4$s").alt("bad-access in %4$s")
                            .stack(compile("BUG: KFENCE: (?:[a-z\\- ]+) in {{FUNC}}"), PARSE_STACK),
                    rule("BUG: KFENCE: invalid free in {{FUNC}}")
                            .fmt("KFENCE: invalid free in %2$s").alt("invalid-free in %2$s")
                            .stack(compile("BUG: KFENCE: (?:[a-z\\- ]+) in {{FUNC}}"), PARSE_STACK).noStackTrace(),
                    rule("BUG: KFENCE: invalid (read|write) in {{FUNC}}")
                            .fmt("KFENCE: invalid %1$s in %3$s").alt("bad-access in %3$s")
                            .stack(compile("BUG: KFENCE: (?:[a-z\\- ]+) in {{FUNC}}"), PARSE_STACK),
                    rule("BUG: KFENCE: memory corruption in {{FUNC}}")
                            .fmt("KFENCE: memory corruption in %2$s")
                            .stack(compile("BUG: KFENCE: (?:[a-z\\- ]+) in {{FUNC}}"), PARSE_STACK).noStackTrace(),
                    rule("BUG: (?:unable to handle kernel paging request|unable to handle page fault for address"
                            + "|Unable to handle kernel data access)")
                            .fmt("BUG: unable to handle kernel paging request in %1$s").alt("bad-access in %1$s")
                            .stack(RIP_FRAME, CALL_TRACE, PARSE_STACK),
                    rule("BUG: (?:unable to handle kernel NULL pointer dereference|kernel NULL pointer dereference"
                            + "|Kernel NULL pointer dereference)")
                            .fmt("BUG: unable to handle kernel NULL pointer dereference in %1$s").alt("bad-access in %1$s")
                            .stack(RIP_FRAME, CALL_TRACE, PARSE_STACK),
                    // The second half of the header is a separate printk and may be lost.
                    rule("BUG: (?:unable to handle kernel|Unable to handle kernel)")
                            .fmt("BUG: unable to handle kernel").corrupted(),
                    rule("BUG: (spinlock|rwlock) (lockup suspected|already unlocked|recursion|cpu recursion|bad magic"
                            + "|wrong owner|wrong CPU|trylock failure on UP)")
                            .fmt("BUG: %1$s %2$s in %3$s").stack(CALL_TRACE, PARSE_STACK)
                            .skip("spin_", "_lock", "_unlock"),
                    rule("BUG: soft lockup").fmt("BUG: soft lockup in %1$s").alt("stall in %1$s")
                            .stack(RIP_FRAME, CALL_TRACE, PARSE_STACK).chooser(StackSpec.FrameChooser.STALL),
                    rule("BUG: .*still has locks held!").detail("BUG: .*still has locks held!(?:.*\\n)+?.*{{PC}} +{{FUNC}}")
                            .fmt("BUG: still has locks held in %1$s"),
                    rule("BUG: scheduling while atomic").fmt("BUG: scheduling while atomic in %1$s")
                            .stack(CALL_TRACE, PARSE_STACK).skip("schedule"),
                    rule("BUG: lock held when returning to user space")
                            .detail("BUG: lock held when returning to user space(?:.*\\n)+?"
                                    + ".*leaving the kernel with locks still held(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}")
                            .fmt("BUG: lock held when returning to user space in %1$s").noStackTrace(),
                    rule("BUG: bad unlock balance detected!").fmt("BUG: bad unlock balance in %1$s")
                            .stack(compile("{{PC}} +{{FUNC}}"), CALL_TRACE, PARSE_STACK),
                    rule("BUG: held lock freed!").detail("BUG: held lock freed!(?:.*\\n)+?.*{{PC}} +{{FUNC}}")
                            .fmt("BUG: held lock freed in %1$s"),
                    rule("BUG: Bad rss-counter state").fmt("BUG: Bad rss-counter state").noStackTrace(),
                    rule("BUG: non-zero nr_ptes on freeing mm").fmt("BUG: non-zero nr_ptes on freeing mm").noStackTrace(),
                    rule("BUG: non-zero nr_pmds on freeing mm").fmt("BUG: non-zero nr_pmds on freeing mm").noStackTrace(),
                    // The message names the filesystem and block device; neither belongs in a stable title.
                    rule("BUG: Dentry .* still in use")
                            .detail("BUG: Dentry .* still in use \\([0-9]+\\) \\[(unmount) of ([^\\]]+)\\]")
                            .fmt("BUG: Dentry still in use in %1$s").alt("BUG: Dentry still in use [%1$s of %2$s]"),
                    rule("BUG: Bad page (state|cache)").fmt("BUG: Bad page %1$s in %2$s")
                            .stack(compile("page last allocated"), PARSE_STACK)
                            .skip("(free|put|get|update|release)_page", "free_unref", "^_*folio", "truncate_inode_pages",
                                    "page_frag_free", "alloc", "vmap", "page_owner"),
                    rule("BUG: Bad page map").fmt("BUG: Bad page map"),
                    rule("BUG: workqueue lockup").fmt("BUG: workqueue lockup").noStackTrace(),
                    rule("BUG: sleeping function called from invalid context at (.*)")
                            .fmt("BUG: sleeping function called from invalid context in %2$s").stack(CALL_TRACE, PARSE_STACK),
                    rule("BUG: using ([a-z_]+)\\(\\) in preemptible")
                            .fmt("BUG: using %1$s() in preemptible code in %2$s").stack(CALL_TRACE, PARSE_STACK)
                            .skip("dump_stack", "preemption", "preempt", "debug_", "processor_id", "this_cpu"),
                    rule("BUG: workqueue leaked lock or atomic")
                            .detail("BUG: workqueue leaked lock or atomic(?:.*\\n)+?.*last function: ([a-zA-Z0-9_]+)\\n")
                            .fmt("BUG: workqueue leaked lock or atomic in %1$s").noStackTrace(),
                    rule("BUG: memory leak").fmt("memory leak in %1$s")
                            .stack(compile("backtrace(?: \\(crc \\p{XDigit}*\\))?:"), PARSE_STACK)
                            .skip("kmemleak", "mmap", "kmem", "slab", "alloc", "create_object", "idr_get", "list_lru_init",
                                    "kasprintf", "kvasprintf", "pcpu_create", "strdup", "strndup", "memdup"),
                    rule("BUG: .*stack guard page was hit at").fmt("BUG: stack guard page was hit in %1$s")
                            .alt("stack-overflow in %1$s").stack(RIP_FRAME, CALL_TRACE, PARSE_STACK)
                            .chooser(StackSpec.FrameChooser.STALL),
                    // arm/arm64 report this as "BUG: Invalid wait context"; x86 as a lockdep WARNING.
                    rule("BUG: Invalid wait context").fmt("WARNING: locking bug in %1$s").stack(CALL_TRACE, PARSE_STACK)
                            .skip("lock_sock", "release_sock"),
                    rule("BUG:\\s*(?:\\n|$)").fmt("BUG: corrupted").corrupted()),

            group("WARNING:", patterns(
                            "WARNING: /etc/ssh/moduli does not exist, using fixed modulus",
                            "WARNING: workqueue cpumask: online intersect > possible intersect",
                            "WARNING: [Tt]he mand mount option",
                            "WARNING: Unsupported flag value\\(s\\) of 0x%x in DT_FLAGS_1",
                            "WARNING: Unprivileged eBPF is enabled with eIBRS",
                            "WARNING: fbcon: Driver '(.*)' missed to adjust virtual screen size",
                            "WARNING: See https.* for mitigation options.",
                            "WARNING: kernel not compiled with CPU_SRSO",
                            "EXT4-[Ff][Ss](?: \\(.*\\))?:", // ext4 messages: filesystem findings, not crashes
                            "(?i)warning: .* uses (deprecated v2 capabilities|wireless extensions)",
                            "XFS \\(\\w+\\): WARNING"),
                    warning("WARNING: .*lib/debugobjects\\.c.* (?:debug_print|debug_check|at)", "WARNING: ODEBUG bug in %1$s",
                            "debug_", "rcu", "hrtimer_", "timer_", "work_", "percpu_", "vunmap", "vfree", "__free_",
                            "debug_check", "kobject_"),
                    warning("WARNING: .*mm/usercopy\\.c.* (?:usercopy_warn|at)", "WARNING: bad usercopy in %1$s",
                            "usercopy", "__check"),
                    warning("WARNING: .*lib/kobject\\.c.* (?:kobject_|at)", "WARNING: kobject bug in %1$s", "kobject_"),
                    warning("WARNING: .*fs/proc/generic\\.c.* (?:proc_register|at)", "WARNING: proc registration bug in %1$s",
                            "proc_"),
                    warning("WARNING: .*lib/refcount\\.c.* (?:refcount_|at)", "WARNING: refcount bug in %1$s",
                            "refcount", "kobject_"),
                    warning("WARNING: .*kernel/locking/lockdep\\.c.*lock_", "WARNING: locking bug in %1$s",
                            "lock_sock", "release_sock"),
                    rule("WARNING: .*still has locks held!").detail("WARNING: .*still has locks held!(?:.*\\n)+?.*at: {{FUNC}}")
                            .fmt("WARNING: still has locks held in %1$s"),
                    warning("WARNING: Nested lock was not taken", "WARNING: nested lock was not taken in %1$s"),
                    rule("WARNING: lock held when returning to user space")
                            .detail("WARNING: lock held when returning to user space(?:.*\\n)+?"
                                    + ".*leaving the kernel with locks still held(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}")
                            .fmt("WARNING: lock held when returning to user space in %1$s").noStackTrace(),
                    warning("WARNING: .*mm/.*\\.c.* k?.?malloc", "WARNING: kmalloc bug in %1$s",
                            "kmalloc", "krealloc", "slab", "kmem"),
                    warning("WARNING: .*mm/vmalloc.c.*__vmalloc_node", "WARNING: zero-size vmalloc in %1$s"),
                    warning("WARNING: .* usb_submit_urb", "WARNING in %1$s/usb_submit_urb",
                            "usb_submit_urb", "usb_start_wait_urb", "usb_bulk_msg", "usb_interrupt_msg", "usb_control_msg"),
                    // Header format of Linux 6.19+: "WARNING: fs/ext4/inode.c:3664 at 0x..., CPU#1: ..."
                    warning("WARNING: {{SRC}} at 0x\\d+, CPU#\\d+", "WARNING in %2$s"),
                    // The classic "WARNING: CPU: 1 PID: 123 at fs/ext4/inode.c:3664 ext4_dirty_folio+0x5a/0x70"
                    warning("WARNING: .* at {{SRC}} {{FUNC}}", "WARNING in %3$s"),
                    warning("WARNING: {{SRC}} at {{FUNC}}", "WARNING in %3$s"),
                    warning("WARNING: \\[.*\\] {{SRC}} at {{FUNC}}.*", "WARNING in %3$s"),
                    rule("WARNING: possible circular locking dependency detected")
                            .detail("WARNING: possible circular locking dependency detected(?:.*\\n)+?.*is trying to acquire lock")
                            .fmt("possible deadlock in %1$s").stack(LOCKDEP_AT, LOCKDEP_AT, PARSE_STACK)
                            // these take locks on behalf of work items: the deadlock is in the work item
                            .skip("process_one_work", "flush_workqueue", "drain_workqueue", "destroy_workqueue"),
                    rule("WARNING: possible irq lock inversion dependency detected")
                            .detail("WARNING: possible irq lock inversion dependency detected(?:.*\\n)+?"
                                    + ".*just changed the state of lock(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}")
                            .fmt("possible deadlock in %1$s"),
                    rule("WARNING: .*-safe -> .*-unsafe lock order detected").fmt("possible deadlock in %1$s")
                            .stack(compile("which became (?:.*) at:"), PARSE_STACK),
                    rule("WARNING: possible recursive locking detected")
                            .detail("WARNING: possible recursive locking detected(?:.*\\n)+?.*is trying to acquire lock"
                                    + "(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}")
                            .fmt("possible deadlock in %1$s"),
                    rule("WARNING: inconsistent lock state")
                            .detail("WARNING: inconsistent lock state(?:.*\\n)+?.*takes(?:.*\\n)+?.*at: (?:{{PC}} +)?{{FUNC}}")
                            .fmt("inconsistent lock state in %2$s").stack(CALL_TRACE, PARSE_STACK),
                    rule("WARNING: suspicious RCU usage").detail("WARNING: suspicious RCU usage(?:.*\\n)+?.*?{{SRC}}")
                            .fmt("WARNING: suspicious RCU usage in %2$s").stack(CALL_TRACE, PARSE_STACK)
                            .skip("rcu", "kmem", "slab"),
                    rule("WARNING: kernel stack regs at [0-9a-f]+ in [^ ]* has bad '([^']+)' value")
                            .fmt("WARNING: kernel stack regs has bad '%1$s' value").noStackTrace(),
                    rule("WARNING: kernel stack frame pointer at [0-9a-f]+ in [^ ]* has bad value")
                            .fmt("WARNING: kernel stack frame pointer has bad value").noStackTrace(),
                    rule("WARNING: bad unlock balance detected!").fmt("WARNING: bad unlock balance in %1$s")
                            .stack(compile("{{PC}} +{{FUNC}}"), CALL_TRACE, PARSE_STACK),
                    rule("WARNING: held lock freed!").detail("WARNING: held lock freed!(?:.*\\n)+?.*at:(?: {{PC}})? +{{FUNC}}")
                            .fmt("WARNING: held lock freed in %1$s"),
                    rule("WARNING: kernel stack regs .* has bad 'bp' value")
                            .fmt("WARNING: kernel stack regs has bad value").noStackTrace(),
                    rule("WARNING: kernel stack frame pointer .* has bad value")
                            .fmt("WARNING: kernel stack regs has bad value").noStackTrace(),
                    rule("WARNING:\\s*(?:\\n|$)").fmt("WARNING: corrupted").corrupted()),

            group("INFO:", patterns(
                            "INFO: lockdep is turned off",
                            "INFO: Stall ended before state dump start",
                            "INFO: NMI handler",
                            "INFO: recovery required on readonly filesystem",
                            "(handler|interrupt).*took too long",
                            "INFO: sys_.* is not present in /proc/kallsyms",
                            "INFO: no syscalls can create resource",
                            "rmt_storage:INFO:",
                            "_INFO:"),
                    // Old (pre-4.x) lockdep headers: "[ INFO: possible circular locking dependency detected ]"
                    rule("INFO: possible circular locking dependency detected")
                            .detail("INFO: possible circular locking dependency detected \\](?:.*\\n)+?.*is trying to acquire lock"
                                    + "(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}")
                            .fmt("possible deadlock in %1$s"),
                    rule("INFO: possible irq lock inversion dependency detected")
                            .detail("INFO: possible irq lock inversion dependency detected \\](?:.*\\n)+?"
                                    + ".*just changed the state of lock(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}")
                            .fmt("possible deadlock in %1$s"),
                    rule("INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected")
                            .detail("INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected \\](?:.*\\n)+?"
                                    + ".*is trying to acquire(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}")
                            .fmt("possible deadlock in %1$s"),
                    rule("INFO: possible recursive locking detected")
                            .detail("INFO: possible recursive locking detected \\](?:.*\\n)+?.*is trying to acquire lock"
                                    + "(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}")
                            .fmt("possible deadlock in %1$s"),
                    rule("INFO: inconsistent lock state")
                            .detail("INFO: inconsistent lock state \\](?:.*\\n)+?.*takes(?:.*\\n)+?.*at: {{PC}} +{{FUNC}}")
                            .fmt("inconsistent lock state in %1$s"),
                    rule("INFO: rcu_(?:preempt|sched|bh) (?:self-)?detected(?: expedited)? stall")
                            .fmt("INFO: rcu detected stall in %1$s").alt("stall in %1$s")
                            .stack(compile("apic_timer_interrupt"), RIP_FRAME, PARSE_STACK)
                            .altStack(compile("(?:apic_timer_interrupt|Exception stack|el1h_64_irq)"), PARSE_STACK)
                            .skip("apic_timer_interrupt", "rcu").chooser(StackSpec.FrameChooser.STALL),
                    rule("INFO: trying to register non-static key").fmt("INFO: trying to register non-static key in %1$s")
                            .stack(CALL_TRACE, PARSE_STACK).skip("stack", "lock", "IRQ"),
                    rule("INFO: suspicious RCU usage").detail("INFO: suspicious RCU usage(?:.*\\n)+?.*?{{SRC}}")
                            .fmt("INFO: suspicious RCU usage in %2$s").stack(CALL_TRACE, PARSE_STACK)
                            .skip("rcu", "kmem", "slab"),
                    rule("INFO: task .* blocked for more than [0-9]+ seconds").fmt("INFO: task hung in %1$s")
                            .alt("hang in %1$s").stack(CALL_TRACE, PARSE_STACK).chooser(StackSpec.FrameChooser.HANG),
                    rule("INFO: task .* can't die for more than .* seconds").fmt("INFO: task can't die in %1$s")
                            .alt("hang in %1$s").stack(CALL_TRACE, PARSE_STACK).skip("schedule"),
                    // What is left of an old-style KASAN report whose header was lost.
                    rule("INFO: (Freed|Allocated) in (.*)").fmt("INFO: %1$s in %2$s").corrupted(),
                    rule("INFO:\\s*(?:\\n|$)").fmt("INFO: corrupted").corrupted()),

            group("Unable to handle kernel", List.of(),
                    rule("Unable to handle kernel (paging request|NULL pointer dereference|access to user memory)")
                            .fmt("BUG: unable to handle kernel %1$s in %2$s").alt("bad-access in %2$s")
                            .stack(RIP_FRAME, CALL_TRACE, PARSE_STACK)),
            group("general protection fault", patterns("general protection fault .* error:\\d+ in "),
                    rule("general protection fault.*:").fmt("general protection fault in %1$s").alt("bad-access in %1$s")
                            .stack(RIP_FRAME, CALL_TRACE, PARSE_STACK)),
            group("stack segment: ", List.of(),
                    rule("stack segment: ").fmt("stack segment fault in %1$s").stack(RIP_FRAME, CALL_TRACE, PARSE_STACK)),
            group("Kernel panic", List.of(),
                    // The stack protector may fail to print a symbol or to unwind.
                    rule("Kernel panic - not syncing: stack-protector:")
                            .detail("Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: {{FUNC}}")
                            .fmt("kernel panic: stack is corrupted in %1$s").noStackTrace(),
                    rule("Kernel panic - not syncing: stack-protector:")
                            .detail("Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: [a-f0-9]+")
                            .fmt("kernel panic: stack is corrupted in %1$s").stack(CALL_TRACE, PARSE_STACK).skip("stack_chk"),
                    rule("Kernel panic - not syncing: corrupted stack end")
                            .detail("Kernel panic - not syncing: corrupted stack end detected inside scheduler")
                            .fmt("kernel panic: corrupted stack end in %1$s").alt("stack-overflow in %1$s")
                            .stack(CALL_TRACE, PARSE_STACK).skip("schedule", "retint_kernel")
                            .chooser(StackSpec.FrameChooser.STALL),
                    rule("Kernel panic - not syncing: kernel stack overflow").fmt("kernel stack overflow in %1$s")
                            .alt("stack-overflow in %1$s").stack(CALL_TRACE, PARSE_STACK).skip("bad_stack")
                            .chooser(StackSpec.FrameChooser.STALL),
                    rule("Kernel panic - not syncing: Attempted to kill init!").fmt("kernel panic: Attempted to kill init!"),
                    rule("Kernel panic - not syncing: Couldn't open N_TTY ldisc for [^ ]+ --- error -[0-9]+")
                            .fmt("kernel panic: Couldn't open N_TTY ldisc"),
                    // These panics follow another report; seen as the first header, the real one was lost.
                    rule("Kernel panic - not syncing: Fatal exception").fmt("kernel panic: Fatal exception").corrupted(),
                    rule("Kernel panic - not syncing: panic_on_warn set").fmt("kernel panic: panic_on_warn set").corrupted(),
                    rule("Kernel panic - not syncing: hung_task: blocked tasks")
                            .fmt("kernel panic: hung_task: blocked tasks").corrupted(),
                    rule("Kernel panic - not syncing: (.*)").fmt("kernel panic: %1$s")),
            group("PANIC: double fault", List.of(),
                    rule("PANIC: double fault").fmt("PANIC: double fault in %1$s").stack(RIP_FRAME)),
            group("rust_kernel: panicked", List.of(),
                    rule("rust_kernel: panicked").detail("rust_kernel: panicked at [^\\n]*?\\n(.+?)\\n")
                            .fmt("%1$s in %2$s").stack(CALL_TRACE, PARSE_STACK)
                            .skip(Pattern.quote("__rustc::rust_begin_unwind"))),
            group("kernel BUG", List.of(),
                    rule("kernel BUG at mm/usercopy.c").fmt("BUG: bad usercopy in %1$s").stack(CALL_TRACE, PARSE_STACK)
                            .skip("usercopy", "__check"),
                    rule("kernel BUG at lib/list_debug.c").fmt("BUG: corrupted list in %1$s").alt("bad-access in %1$s")
                            .stack(CALL_TRACE, PARSE_STACK),
                    // BUG_ON in skb helpers almost always means a bug in the caller.
                    rule("kernel BUG at (.*)").fmt("kernel BUG in %2$s").stack(RIP_FRAME, CALL_TRACE, PARSE_STACK)
                            .skip("^skb_")),
            group("Kernel BUG", List.of(), rule("Kernel BUG (.*)").fmt("kernel BUG %1$s")),
            group("BUG kmalloc-", List.of(), rule("BUG kmalloc-.*: Object already free").fmt("BUG: Object already free")),
            group("divide error:", List.of(), rule("divide error: ").fmt("divide error in %1$s").stack(RIP_FRAME)),
            // Misspelling introduced by 9d06c4027f21 ("x86/entry: Convert Divide Error to IDTENTRY").
            group("divide_error:", List.of(), rule("divide_error: ").fmt("divide error in %1$s").stack(RIP_FRAME)),
            group("invalid opcode:", List.of(), rule("invalid opcode: ").fmt("invalid opcode in %1$s").stack(RIP_FRAME)),
            group("UBSAN:", List.of(),
                    rule("UBSAN:").detail("UBSAN: Undefined behaviour in").fmt("UBSAN: undefined-behaviour in %1$s")
                            .stack(CALL_TRACE, PARSE_STACK).skip("ubsan", "overflow"),
                    rule("UBSAN: array-index-out-of-bounds in").fmt("UBSAN: array-index-out-of-bounds in %1$s")
                            .alt("bad-access in %1$s").stack(CALL_TRACE, PARSE_STACK).skip("ubsan", "overflow"),
                    rule("UBSAN:").detail("UBSAN: (.*?) in").fmt("UBSAN: %1$s in %2$s")
                            .stack(CALL_TRACE, PARSE_STACK).skip("ubsan", "overflow")),
            // Boot messages in the middle of a log: the machine rebooted.
            group("Booting the kernel.", patterns("Parsing ELF|Decompressing Linux|Unknown parameter '"),
                    rule("^Booting the kernel").fmt("unexpected kernel reboot").noStackTrace()),
            group("unregister_netdevice: waiting for", List.of(),
                    rule("unregister_netdevice: waiting for (?:.*) to become free")
                            .fmt("unregister_netdevice: waiting for DEV to become free").noStackTrace()),
            group("VFS: Close: file count is 0", List.of(),
                    rule("VFS: Close: file count is 0").fmt("VFS: Close: file count is zero (use-after-free)").noStackTrace()),
            group("VFS: Busy inodes after unmount", List.of(),
                    rule("VFS: Busy inodes after unmount").fmt("VFS: Busy inodes after unmount (use-after-free)")
                            .noStackTrace()),
            // arm64 reports some faults as "Internal error: ..." where arm says "Unable to handle kernel paging".
            group("Internal error:", List.of(),
                    rule("Internal error:").fmt("Internal error in %1$s").alt("bad-access in %1$s")
                            .stack(RIP_FRAME, CALL_TRACE, PARSE_STACK)),
            group("Unhandled fault:", List.of(),
                    rule("Unhandled fault:").fmt("Unhandled fault in %1$s").alt("bad-access in %1$s")
                            .stack(RIP_FRAME, CALL_TRACE, PARSE_STACK)),
            group("Alignment trap:", List.of(),
                    rule("Alignment trap:").fmt("Alignment trap in %1$s").stack(RIP_FRAME, CALL_TRACE, PARSE_STACK)),
            group("trusty: panic", List.of(),
                    rule("trusty: panic.* ASSERT FAILED")
                            .detail("trusty: panic \\(.*?\\):(?: DEBUG)? ASSERT FAILED at \\(.*?\\): (.+)")
                            .fmt("trusty: ASSERT FAILED: %1$s").noStackTrace(),
                    rule("trusty: panic.* ASSERT FAILED.*: *(.*)").fmt("trusty: ASSERT FAILED: %1$s").corrupted(),
                    rule("trusty: panic").detail("trusty: panic \\(.*?\\): (.+)").fmt("trusty: panic: %1$s").noStackTrace()),
            // Go runtime crashes (syzkaller's own tools, gVisor); kept so console logs of such runs classify.
            group("fatal error:", patterns("ALSA", "fatal error: cannot create timer"),
                    rule("fatal error:").fmt("go runtime error").noStackTrace()),
            // syzkaller executor failures.
            group("SYZFAIL:", List.of(), rule("SYZFAIL:(.*)").fmt("SYZFAIL:%1$s").noStackTrace()),
            group("SYZFATAL:", List.of(), rule("SYZFATAL:(.*)()").fmt("SYZFATAL:%1$s").alt("SYZFATAL%2$s").noStackTrace()),
            group("panic:", patterns("_panic:", "xlog_status:", "ddb\\.onpanic:", "evtlog_status:"),
                    rule("panic: Sentry detected .* stuck task").fmt("panic: Sentry detected stuck tasks").noStackTrace(),
                    rule("panic:(.*)").fmt("panic:%1$s").noStackTrace()));
}
