package org.krepro.runner.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stack-trace parsing and the choice of the guilty frame.
 *
 * <p>The guilty frame is the first function in the relevant stack that is not a generic helper: the code
 * that reports the bug (WARN/BUG machinery, KASAN, lockdep, dump_stack, printk), locking primitives,
 * allocators, string/memory helpers, list helpers, user-copy helpers, and the driver-core/workqueue
 * plumbing through which many unrelated bugs pass. The list is {@link #GENERIC_SKIP}; rules add their own.
 */
final class StackFrames {
    private StackFrames() {
    }

    /** A function in a stack line: optional "[<ffffffff81234567>]" addresses, then "name+0x12/0x34" or "name.isra.0". */
    static final Pattern FRAME_LINE = CrashRule.compile("^ *(?:{{PC}} ){0,2}{{FUNC}}");
    /** ARM "[<c0123456>] (foo) from [<c0123458>] (bar+0x10/0x20)": both functions are frames. */
    static final Pattern ARM_FRAME_LINE = CrashRule.compile("^ *{{PC}} \\(([a-zA-Z0-9_.]+)\\) from {{PC}} \\({{FUNC}}");
    static final List<Pattern> FRAME_LINES = List.of(FRAME_LINE, ARM_FRAME_LINE);

    /** riscv show_regs() prints the stack right after this line without a heading. */
    static final Pattern RISCV_STACK_START =
            Pattern.compile("status: [0-9a-f]{16} badaddr: [0-9a-f]{16} cause: [0-9a-f]{16}");

    /** Headings that start a stack trace (and so end the previous one). */
    static final List<Pattern> STACK_START = List.of(
            Pattern.compile("Call (?:T|t)race"),
            Pattern.compile("Allocated:"),
            Pattern.compile("Allocated by task [0-9]+:"),
            Pattern.compile("Freed:"),
            Pattern.compile("Freed by task [0-9]+:"),
            // "backtrace:" of kmemleak (optionally with a crc), but not lockdep's "stack backtrace:"
            Pattern.compile("[^k] backtrace(?: \\(crc \\p{XDigit}*\\))?:"),
            Pattern.compile("Backtrace:"),
            Pattern.compile("Uninit was stored to memory at"),
            RISCV_STACK_START);

    /** Fault-injection stacks interleave with reports; seeing one makes the frame choice unreliable. */
    static final List<Pattern> CORRUPTING_LINES =
            List.of(Pattern.compile("^( \\[<?(?:0x)?[0-9a-f]+>?\\])? should_fail(slab)?(\\.[a-z0-9.]+)?\\+0x"));

    /** Syscall-entry prefixes that differ between architectures and kernel versions; removed from frames. */
    static final List<String> STRIP_PREFIXES = List.of("SYSC_", "SyS_", "sys_", "__x64_", "__ia32_", "__arm64_",
            "____sys_", "___sys_", "__sys_", "__se_", "__se_sys_", "__do_sys_", "compat_SYSC_", "compat_SyS_", "ksys_");

    /**
     * Functions never taken as the guilty frame (unanchored regular expressions on the function name).
     * Grouped by why they are skipped.
     */
    static final List<String> GENERIC_SKIP = List.of(
            // sanitizers and their report machinery
            "__sanitizer", "__asan", "kasan", "hwasan", "__msan", "kmsan", "kcsan_setup_watchpoint",
            "check_memory_region", "check_heap_object", "check_object", "read_word_at_a_time",
            "(read|write)_once_.*nocheck", "print_address_description", "print_report",
            // WARN/BUG/panic/trap machinery and stack dumping
            "panic", "invalid_op", "report_bug", "fixup_bug", "print_usage_bug", "do_error", "_trap$|do_trap",
            "show_stack", "dump_stack", "walk_stack", "dump_backtrace", "warn_slowpath", "warn_alloc", "warn_bogus",
            "__warn", "print_tainted", "^get_taint$", "__fortify_report", "assertfail",
            "stack_trace_consume_entry", "arch_stack_walk", "stack_trace_save",
            // allocators and page cache lookup
            "alloc_page", "k?v?(?:m|z|c)alloc", "krealloc", "kmem_cache", "allocate_slab", "__alloc_frozen_pages_noprof",
            "folio_(?:alloc|unlock)", "filemap_alloc_folio", "__filemap_get_folio", "find_or_create_page",
            "do_read_cache_folio", "read_cache_page", "pagecache_get_page", "grab_cache_page_write_begin", "slab_",
            "^kv?free$", "kfree_skb", "memdup", "strdup", "strndup", "ida_free",
            // debug objects
            "debug_object", "timer_is_static_object", "work_is_static_object",
            // lockdep, locks, atomics, reference counts
            "__might_fault", "print_unlock", "imbalance_bug", "lockdep", "bh_enable", "bh_disable", "perf_trace",
            "lock_acquire", "lock_release", "lock_class", "mark_lock", "(reacquire|mark)_held_locks", "raw_spin_rq",
            "spin_lock", "spin_trylock", "spin_unlock", "read_lock", "read_trylock", "write_lock", "write_trylock",
            "read_unlock", "write_unlock", "^down$", "down_read", "down_write", "down_read_trylock",
            "down_write_trylock", "down_trylock", "up_read", "up_write", "^mutex_", "^__mutex_", "^rt_mutex_",
            "owner_on_cpu", "osq_lock", "osq_unlock",
            "atomic(64)?_(dec|inc|read|set|or|xor|and|add|sub|fetch|xchg|cmpxchg|try)", "(set|clear|change|test)_bit",
            "__wake_up", "^refcount_", "^kref_", "ref_tracker", "seqprop_assert", "(trace|lockdep)_(hard|soft)irq",
            "^(un)?lock_page",
            // memory and string helpers
            "memcpy", "memcmp", "memset", "memchr", "memmove", "strcmp", "strncmp", "strcpy", "strlcpy", "strncpy",
            "strscpy", "strlen", "strstr", "strnstr", "strnlen", "strchr", "string", "pointer", "snprintf",
            "scnprintf", "kasprintf", "kvasprintf", "printk", "va_format", "hex_dump_to_buffer", "print_hex_dump",
            "^crc\\d+", "crc_itu_t",
            // user copies and sleeping checks
            "copy_to_user", "copy_from_user", "copy_to_iter", "copy_from_iter", "copy_page_to_iter",
            "copy_page_from_iter", "copy_folio_to_iter", "^copyin$", "^copyout$", "put_user", "get_user",
            "might_fault", "might_sleep", "__might_resched", "extract_(user|iter)_to_sg",
            // data-structure helpers
            "list_add", "list_del", "list_replace", "list_move", "list_splice", "^rb_", "^__rb_", "^klist_",
            "xas_(?:start|load|find)", "rhashtable_lookup",
            // retpolines
            "_indirect_thunk_",
            // device/driver-core, workqueue, timer and completion plumbing
            "dev_info", "dev_notice", "dev_warn", "dev_err", "dev_alert", "dev_crit", "dev_emerg",
            "program_check_exception", "program_check_common", "del_timer", "flush_work", "__cancel_work_timer",
            "cancel_work_sync", "try_to_grab_pending", "flush_workqueue", "drain_workqueue", "destroy_workqueue",
            "queue_work", "insert_work", "__queue_delayed_work", "queue_delayed_work_on", "finish_wait",
            "kthread_stop", "kobject_", "add_uevent_var", "get_device_parent", "device_add", "device_del",
            "device_unregister", "device_destroy", "device_release", "devres_release_all", "hwrng_unregister",
            "i2c_del_adapter", "__unregister_client", "device_for_each_child", "rollback_registered",
            "unregister_netdev", "sysfs_remove", "device_remove_file", "tty_unregister_device", "^put_device$",
            "dummy_urb_enqueue", "usb_kill_urb", "usb_kill_anchored_urbs", "usb_control_msg", "usb_hcd_submit_urb",
            "usb_submit_urb", "^complete$", "wait_for_completion", "lock_timer_base", "__timer_delete_sync",
            "sk_stop_timer_sync", "__mod_timer", "cleanup_srcu_struct",
            // MMIO accessors
            "readb$", "readw$", "readl$", "readq$", "writeb$", "writew$", "writel$", "writeq$", "logic_in", "logic_out",
            // inode/dentry reference drops: the bug is in whoever dropped the last reference
            "^iput$", "^iput_final$", "^ihold$", "drop_nlink", "fast_dput", "dput",
            // page cache truncation
            "find_lock_entries", "truncate_inode_pages_range", "__phys_addr",
            // arm64 fault entry
            "do_(kernel|translation)_fault", "do_mem_abort", "el1_abort", "el1h_64_sync(?:_handler)?");

    /**
     * Anchors for stalls and lockups: generic dispatch points (syscall entry, workqueues, timers, softirqs)
     * and the file/socket operations that name what the looping code was doing.
     */
    static final List<Pattern> STALL_ANCHORS = compileAll(
            "process_one_work", "do_syscall_", "do_fast_syscall_", "sysenter_dispatch", "tracesys_phase2",
            "el0_svc_handler", "invoke_syscall", "ret_fast_syscall", "netif_receive_skb", "do_softirq",
            "call_timer_fn", "_run_timers", "run_timer_softirq", "hrtimer_run", "run_ksoftirqd", "smpboot_thread_fn",
            "^kthread$", "start_secondary", "cpu_startup_entry", "ret_from_fork",
            "vfs_write", "vfs_read", "vfs_iter_read", "vfs_iter_write", "do_iter_read", "do_iter_write",
            "call_read_iter", "call_write_iter", "new_sync_read", "new_sync_write", "vfs_ioctl", "ksys_ioctl",
            "compat_ioctl", "compat_sys_ioctl", "blkdev_driver_ioctl", "blkdev_ioctl", "^call_read_iter",
            "^call_write_iter", "do_iter_readv_writev", "^call_mmap", "mmap_region", "do_mmap", "do_dentry_open",
            "vfs_open",
            "^sock_sendmsg", "^sock_recvmsg", "^sock_release", "^__sock_release", "^setsockopt$", "kernel_setsockopt",
            "sock_common_setsockopt", "^listen$", "kernel_listen", "sk_common_release", "^sock_mmap", "^accept$",
            "kernel_accept", "^sock_do_ioctl", "^sock_ioctl", "^compat_sock_ioctl", "^nfnetlink_rcv_msg",
            "^rtnetlink_rcv_msg", "^netlink_dump", "^(sys_)?(socketpair|connect|ioctl)",
            "__do_fault", "do_page_fault", "^page_fault$",
            "__fput", "task_work_run", "exit_to_usermode", "smp_call_function", "tasklet_action", "tasklet_hi_action");

    /** Hung-task frames that are waiting primitives rather than the waiter (substring match). */
    static final List<String> HANG_SKIP = List.of("sched", "_lock", "_slowlock", "down", "rwsem", "completion",
            "kthread", "wait", "synchronize", "context_switch", "__switch_to", "cancel_delayed_work", "rcu_barrier");

    private static List<Pattern> compileAll(String... res) {
        List<Pattern> out = new ArrayList<>();
        for (String re : res) {
            out.add(Pattern.compile(re));
        }
        return out;
    }

    private static final Pattern GENERIC_SKIP_RE = Pattern.compile(String.join("|", GENERIC_SKIP));

    /** Result of frame extraction: one frame per stack group; {@code ok} false when a frame was not found. */
    record Frames(List<String> canonical, List<String> raw, boolean ok) {
    }

    /** Extracts the guilty frame(s) from {@code text} (the report from the matched header on). */
    static Frames extract(StackSpec spec, String text) {
        Pattern skip = spec.skip().isEmpty() ? GENERIC_SKIP_RE
                : Pattern.compile(GENERIC_SKIP_RE.pattern() + "|" + String.join("|", spec.skip()));
        String[] lines = text.split("\n", -1);
        Frames f = extract(spec.steps(), spec.chooser(), skip, lines);
        if (f.ok() || spec.altSteps().isEmpty()) {
            return f;
        }
        return extract(spec.altSteps(), spec.chooser(), skip, lines);
    }

    private static Frames extract(List<Pattern> steps, StackSpec.FrameChooser chooser, Pattern skip, String[] lines) {
        List<String> collected = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        boolean ok = true;
        int stacks = 0;
        int li = 0;
        for (int step = 0; ; step++) {
            if (step == steps.size() || (steps.get(step) == StackSpec.PARSE_STACK && stacks > 0)) {
                // Close the frames collected so far into one guilty frame.
                Choice c = choose(chooser, strip(collected));
                if (c == null) {
                    canonical.add("corrupted");
                    raw.add("corrupted");
                    ok = false;
                } else {
                    canonical.add(c.name());
                    raw.add(collected.get(c.index()));
                }
                collected.clear();
            }
            if (step == steps.size()) {
                break;
            }
            Pattern p = steps.get(step);
            if (p == StackSpec.PARSE_STACK) {
                stacks++;
                boolean advanced = false;
                while (li < lines.length && !advanced) {
                    String ln = lines[li++];
                    if (matchesAny(CORRUPTING_LINES, ln)) {
                        ok = false;
                        advanced = true;
                    } else if (matchesAny(STACK_START, ln)) {
                        advanced = true;
                    } else {
                        if (step + 1 < steps.size()) {
                            Matcher next = steps.get(step + 1).matcher(ln);
                            if (next.find()) {
                                addGroups(collected, next, skip);
                                step++;
                                advanced = true;
                                continue;
                            }
                        }
                        for (Pattern fr : FRAME_LINES) {
                            Matcher m = fr.matcher(ln);
                            if (m.find()) {
                                addGroups(collected, m, skip);
                                break;
                            }
                        }
                    }
                }
            } else {
                while (li < lines.length) {
                    String ln = lines[li++];
                    if (matchesAny(CORRUPTING_LINES, ln)) {
                        ok = false;
                        break;
                    }
                    Matcher m = p.matcher(ln);
                    if (m.find()) {
                        addGroups(collected, m, skip);
                        break;
                    }
                }
            }
        }
        return new Frames(canonical, raw, ok);
    }

    private static void addGroups(List<String> frames, Matcher m, Pattern skip) {
        for (int g = 1; g <= m.groupCount(); g++) {
            String f = m.group(g);
            if (f != null) {
                f = Demangler.demangle(f);
            }
            if (f != null && !skip.matcher(f).find()) {
                frames.add(f);
            }
        }
    }

    static boolean matchesAny(List<Pattern> ps, CharSequence s) {
        for (Pattern p : ps) {
            if (p.matcher(s).find()) {
                return true;
            }
        }
        return false;
    }

    /** Removes the longest architecture-specific syscall prefix from each frame. */
    static List<String> strip(List<String> frames) {
        List<String> out = new ArrayList<>(frames.size());
        for (String f : frames) {
            String best = f;
            for (String prefix : STRIP_PREFIXES) {
                if (f.startsWith(prefix) && f.length() - prefix.length() < best.length()) {
                    best = f.substring(prefix.length());
                }
            }
            out.add(best);
        }
        return out;
    }

    /** The chosen frame: its index among the collected frames and the name to put in the title. */
    private record Choice(int index, String name) {
    }

    /** Picks the guilty frame among (prefix-stripped) frames, or null when there is none. */
    private static Choice choose(StackSpec.FrameChooser chooser, List<String> frames) {
        if (frames.isEmpty()) {
            return null;
        }
        return switch (chooser) {
            case FIRST -> new Choice(0, frames.getFirst());
            case STALL -> chooseStall(frames);
            case HANG -> chooseHang(frames);
        };
    }

    private static Choice chooseStall(List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (matchesAny(STALL_ANCHORS, frames.get(i))) {
                if (frames.get(i).contains("smp_call_function")) {
                    // many variants below it: name the dispatch itself
                    return new Choice(i, "smp_call_function");
                }
                int prev = Math.max(0, i - 1);
                return new Choice(prev, frames.get(prev));
            }
        }
        return null;
    }

    private static Choice chooseHang(List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            String f = frames.get(i);
            if (f.contains("rtnl_lock")) {
                return new Choice(i, f);
            }
            if (f.contains("synchronize_rcu") || f.contains("synchronize_srcu")
                    || f.contains("synchronize_net") || f.contains("synchronize_sched")) {
                return new Choice(i, "synchronize_rcu");
            }
        }
        outer:
        for (int i = 0; i < frames.size(); i++) {
            for (String s : HANG_SKIP) {
                if (frames.get(i).contains(s)) {
                    continue outer;
                }
            }
            return new Choice(i, frames.get(i));
        }
        return null;
    }
}
