package org.krepro.runner.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Positive and negative controls for each title family, on realistic console snippets. */
class KernelLogClassifierTest {
    private final KernelLogClassifier classifier = new KernelLogClassifier();

    /** Prefixes each line with an increasing console timestamp, as a serial console shows them. */
    static List<String> console(String... lines) {
        List<String> out = new ArrayList<>();
        double t = 100.0;
        for (String l : lines) {
            out.add(String.format(Locale.ROOT, "[%12.6f] %s", t, l));
            t += 0.000123;
        }
        return out;
    }

    private CrashReport only(List<String> lines) {
        ClassifiedLog log = classifier.classify(lines);
        assertFalse(log.crashes().isEmpty(), "no crash found");
        return log.crashes().getFirst();
    }

    static final String[] EXT4_WARNING = {
            "------------[ cut here ]------------",
            "WARNING: CPU: 1 PID: 123 at fs/ext4/inode.c:3664 ext4_dirty_folio+0x5a/0x70",
            "Modules linked in:",
            "CPU: 1 UID: 0 PID: 123 Comm: xfs_io Not tainted 6.18.0 #1 PREEMPT(voluntary)",
            "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.3-debian-1.16.3-2 04/01/2014",
            "RIP: 0010:ext4_dirty_folio+0x5a/0x70",
            "Code: 48 89 df e8 a8 b2 f5 ff 48 89 ee 4c 89 e7 5b 5d 41 5c e9 b9 62 f0 ff <0f> 0b eb c9 66 0f 1f 44 00 00",
            "RSP: 0018:ffffc90000a4bc28 EFLAGS: 00010246",
            "RAX: 0000000000000000 RBX: ffff888104a3c000 RCX: 0000000000000000",
            "Call Trace:",
            " <TASK>",
            " folio_mark_dirty+0x41/0x70",
            " ? __pfx_ext4_dirty_folio+0x10/0x10",
            " unpin_user_pages_dirty_lock+0xc7/0x150",
            " iov_iter_extract_pages+0x10f/0x3b0",
            " __x64_sys_pwritev2+0xd1/0x130",
            " do_syscall_64+0x7e/0x170",
            " entry_SYSCALL_64_after_hwframe+0x76/0x7e",
            " </TASK>",
            "---[ end trace 0000000000000000 ]---"};

    @Test
    void warningIsTitledByTheFunctionInTheHeader() {
        CrashReport c = only(console(EXT4_WARNING));
        assertEquals("WARNING in ext4_dirty_folio", c.title());
        assertEquals(CrashType.WARNING, c.type());
        assertEquals("ext4_dirty_folio", c.frame());
        assertFalse(c.corrupted(), c.corruptedReason());
        assertEquals(1, c.startLine());
        assertEquals(EXT4_WARNING.length - 1, c.endLine(), "the report ends at its end-trace line");
        assertTrue(c.reportText().contains("Call Trace:"));
        assertTrue(c.reportText().contains("---[ end trace"));
    }

    @Test
    void warningWithoutStackIsCorrupted() {
        CrashReport c = only(console("WARNING: CPU: 0 PID: 7 at fs/xfs/xfs_log.c:1200 xlog_force_shutdown+0x20/0x30",
                "some unrelated line"));
        // syzkaller's convention (and syzbot's titles) for a report whose stack is missing
        assertEquals("WARNING in corrupted", c.title());
        assertTrue(c.corrupted());
        // ... but the frame still says where the header points
        assertEquals("xlog_force_shutdown", c.frame());
    }

    @Test
    void refcountWarningSkipsTheRefcountHelpers() {
        CrashReport c = only(console(
                "------------[ cut here ]------------",
                "refcount_t: underflow; use-after-free.",
                "WARNING: CPU: 0 PID: 4321 at lib/refcount.c:28 refcount_warn_saturate+0x144/0x1a0",
                "Modules linked in:",
                "RIP: 0010:refcount_warn_saturate+0x144/0x1a0",
                "Call Trace:",
                " <TASK>",
                " __refcount_sub_and_test include/linux/refcount.h:275 [inline]",
                " refcount_dec_and_test+0x30/0x40",
                " btrfs_put_ordered_extent+0x2c1/0x300",
                " btrfs_finish_one_ordered+0x9e1/0x1ea0",
                " </TASK>"));
        assertEquals("WARNING: refcount bug in btrfs_put_ordered_extent", c.title());
        assertEquals("btrfs_put_ordered_extent", c.frame());
    }

    @Test
    void kernelBugTakesTheFunctionFromRip() {
        CrashReport c = only(console(
                "------------[ cut here ]------------",
                "kernel BUG at fs/ext4/inode.c:2721!",
                "Oops: invalid opcode: 0000 [#1] PREEMPT SMP KASAN NOPTI",
                "CPU: 0 UID: 0 PID: 5340 Comm: fsstress Not tainted 6.12.0 #1",
                "RIP: 0010:ext4_do_writepages+0x3a94/0x3ad0 fs/ext4/inode.c:2721",
                "Code: ff ff 0f 0b e8 0b",
                "Call Trace:",
                " <TASK>",
                " ext4_writepages+0x213/0x3c0 fs/ext4/inode.c:2813",
                " do_writepages+0x35d/0x870 mm/page-writeback.c:2683",
                " </TASK>",
                "---[ end trace 0000000000000000 ]---"));
        assertEquals("kernel BUG in ext4_do_writepages", c.title());
        assertEquals(CrashType.BUG, c.type());
        assertEquals("fs/ext4/inode.c", c.guiltyFile());
    }

    @Test
    void kasanUseAfterFree() {
        CrashReport c = only(console(
                "==================================================================",
                "BUG: KASAN: slab-use-after-free in ext4_xattr_set_entry+0x1c4d/0x1d50 fs/ext4/xattr.c:1787",
                "Read of size 4 at addr ffff88807a8f2004 by task syz-executor.0/5123",
                "",
                "CPU: 0 PID: 5123 Comm: syz-executor.0 Not tainted 6.6.0 #1",
                "Call Trace:",
                " <TASK>",
                " __dump_stack lib/dump_stack.c:88 [inline]",
                " dump_stack_lvl+0xd9/0x1b0 lib/dump_stack.c:106",
                " print_address_description mm/kasan/report.c:364 [inline]",
                " print_report+0xc4/0x620 mm/kasan/report.c:475",
                " kasan_report+0xda/0x110 mm/kasan/report.c:588",
                " ext4_xattr_set_entry+0x1c4d/0x1d50 fs/ext4/xattr.c:1787",
                " ext4_xattr_ibody_set+0x126/0x380 fs/ext4/xattr.c:2287",
                " </TASK>",
                "",
                "Allocated by task 5123:",
                " kasan_save_stack+0x33/0x50 mm/kasan/common.c:45",
                " __kmalloc+0x5f/0x160 mm/slab_common.c:1020",
                " ext4_xattr_block_set+0x1e7/0x3180 fs/ext4/xattr.c:1897",
                "",
                "Freed by task 5123:",
                " kasan_save_stack+0x33/0x50 mm/kasan/common.c:45",
                " kfree+0x105/0x340 mm/slab_common.c:1075",
                " ext4_xattr_block_set+0xa9b/0x3180 fs/ext4/xattr.c:2089",
                "=================================================================="));
        assertEquals("KASAN: slab-use-after-free Read in ext4_xattr_set_entry", c.title());
        assertEquals(CrashType.KASAN, c.type());
        // lib/dump_stack.c and mm/kasan/ come first but are where the bug is reported, not where it is
        assertEquals("fs/ext4/xattr.c", c.guiltyFile());
        assertFalse(c.corrupted(), c.corruptedReason());
    }

    @Test
    void circularLockingDependency() {
        CrashReport c = only(console(
                "======================================================",
                "WARNING: possible circular locking dependency detected",
                "6.8.0 Not tainted",
                "------------------------------------------------------",
                "kworker/u4:3/1234 is trying to acquire lock:",
                "ffff88802a3c8650 (&ei->i_data_sem){++++}-{3:3}, at: ext4_map_blocks+0x3a4/0x1900 fs/ext4/inode.c:616",
                "",
                "but task is already holding lock:",
                "ffff88801f2d9a10 (&sbi->s_writepages_rwsem){.+.+}-{0:0}, at: do_writepages+0x1a3/0x7f0",
                "",
                "which lock already depends on the new lock.",
                "",
                "stack backtrace:",
                "Call Trace:",
                " <TASK>",
                " dump_stack_lvl+0x125/0x1b0",
                " check_noncircular+0x2e9/0x3c0",
                " __lock_acquire+0x2ecc/0x5ca0",
                " lock_acquire+0x1b1/0x540",
                " down_read+0x9a/0x330",
                " ext4_map_blocks+0x3a4/0x1900",
                " </TASK>"));
        assertEquals("possible deadlock in ext4_map_blocks", c.title());
        assertEquals(CrashType.LOCKDEP, c.type());
    }

    @Test
    void hungTaskSkipsSchedulerAndLockFrames() {
        CrashReport c = only(console(
                "INFO: task fsstress:4242 blocked for more than 143 seconds.",
                "      Not tainted 6.10.0 #1",
                "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.",
                "task:fsstress        state:D stack:25344 pid:4242  tgid:4242  ppid:4240   flags:0x00004006",
                "Call Trace:",
                " <TASK>",
                " context_switch kernel/sched/core.c:5188 [inline]",
                " __schedule+0xf15/0x5d00 kernel/sched/core.c:6529",
                " __schedule_loop kernel/sched/core.c:6606 [inline]",
                " schedule+0xe7/0x350 kernel/sched/core.c:6621",
                " io_schedule+0xbf/0x130 kernel/sched/core.c:7401",
                " bit_wait_io+0x15/0xe0 kernel/sched/wait_bit.c:209",
                " __wait_on_bit+0x62/0x180 kernel/sched/wait_bit.c:49",
                " out_of_line_wait_on_bit+0xda/0x110 kernel/sched/wait_bit.c:64",
                " jbd2_log_wait_commit+0x2ab/0x420 fs/jbd2/journal.c:734",
                " ext4_sync_file+0x78a/0xfc0 fs/ext4/fsync.c:175",
                " </TASK>"));
        // syzkaller's convention skips every frame with "wait", "sched", "lock"... in its name: the waiter is named
        assertEquals("INFO: task hung in ext4_sync_file", c.title());
        assertEquals(CrashType.HANG, c.type());
    }

    @Test
    void rcuStallNamesTheOperationAboveTheSyscallEntry() {
        CrashReport c = only(console(
                "rcu: INFO: rcu_preempt self-detected stall on CPU",
                "rcu: \t0-....: (10500 ticks this GP) idle=9a4/1/0x4000000000000000 softirq=12345/12345 fqs=5249",
                "NMI backtrace for cpu 0",
                "CPU: 0 PID: 5555 Comm: syz-executor Not tainted 6.1.0 #1",
                "Call Trace:",
                " <IRQ>",
                " nmi_cpu_backtrace+0x1d9/0x210",
                " rcu_dump_cpu_stacks+0x2a5/0x3a0",
                " rcu_sched_clock_irq+0x14be/0x2280",
                " update_process_times+0x196/0x200",
                " tick_sched_timer+0x37c/0x500",
                " __hrtimer_run_queues+0x556/0xce0",
                " hrtimer_interrupt+0x3a7/0x980",
                " __sysvec_apic_timer_interrupt+0x13d/0x4f0",
                " sysvec_apic_timer_interrupt+0x8f/0xb0",
                " </IRQ>",
                " <TASK>",
                " asm_sysvec_apic_timer_interrupt+0x16/0x20",
                "RIP: 0010:ext4_mb_regular_allocator+0x1a2/0x3d70",
                "Code: 00 00",
                " ext4_mb_new_blocks+0x1b5c/0x46c0",
                " ext4_ext_map_blocks+0x1a36/0x5640",
                " ext4_map_blocks+0x59b/0x1900",
                " ext4_fallocate+0x13a1/0x3320",
                " vfs_fallocate+0x488/0xee0",
                " __x64_sys_fallocate+0xd5/0x140",
                " do_syscall_64+0x3b/0xb0",
                " entry_SYSCALL_64_after_hwframe+0x63/0xcd",
                " </TASK>"));
        assertEquals("INFO: rcu detected stall in sys_fallocate", c.title());
        assertEquals(CrashType.HANG, c.type());
    }

    @Test
    void generalProtectionFault() {
        CrashReport c = only(console(
                "Oops: general protection fault, probably for non-canonical address 0xdffffc0000000003: 0000 [#1] PREEMPT SMP KASAN PTI",
                "KASAN: null-ptr-deref in range [0x0000000000000018-0x000000000000001f]",
                "CPU: 1 PID: 6011 Comm: syz-executor Not tainted 6.9.0 #1",
                "RIP: 0010:xfs_btree_lookup_get_block+0x1a2/0x6f0 fs/xfs/libxfs/xfs_btree.c:1860",
                "Code: 48 8b",
                "Call Trace:",
                " <TASK>",
                " xfs_btree_lookup+0x436/0x1530 fs/xfs/libxfs/xfs_btree.c:1983",
                " </TASK>"));
        assertEquals("general protection fault in xfs_btree_lookup_get_block", c.title());
        assertEquals(CrashType.DOS, c.type());
    }

    @Test
    void nullPointerDereferenceAndPagingRequest() {
        CrashReport c = only(console(
                "BUG: kernel NULL pointer dereference, address: 0000000000000008",
                "#PF: supervisor read access in kernel mode",
                "#PF: error_code(0x0000) - not-present page",
                "Oops: 0000 [#1] PREEMPT SMP NOPTI",
                "RIP: 0010:btrfs_search_slot+0x8c/0xc20",
                "Call Trace:",
                " <TASK>",
                " btrfs_lookup_inode+0x45/0xb0",
                " </TASK>"));
        assertEquals("BUG: unable to handle kernel NULL pointer dereference in btrfs_search_slot", c.title());
        assertEquals(CrashType.MEMORY_SAFETY, c.type());
        CrashReport p = only(console(
                "BUG: unable to handle page fault for address: ffffed1000000000",
                "#PF: supervisor read access in kernel mode",
                "Oops: 0000 [#1] PREEMPT SMP KASAN",
                "RIP: 0010:memcpy_orig+0x3b/0x120",
                "Call Trace:",
                " <TASK>",
                " ext4_read_inline_data+0x1b4/0x3a0",
                " </TASK>"));
        // the fault is in memcpy, a generic helper: its caller is named
        assertEquals("BUG: unable to handle kernel paging request in ext4_read_inline_data", p.title());
    }

    @Test
    void sleepingFunctionCalledFromInvalidContext() {
        CrashReport c = only(console(
                "BUG: sleeping function called from invalid context at include/linux/sched/mm.h:321",
                "in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: 999, name: fsstress",
                "preempt_count: 1, expected: 0",
                "Call Trace:",
                " <TASK>",
                " dump_stack_lvl+0x7d/0xa0",
                " __might_resched+0x2b1/0x3e0",
                " __kmalloc_noprof+0x2d5/0x4a0",
                " xfs_attr_shortform_getvalue+0x4b/0x120",
                " </TASK>"));
        assertEquals("BUG: sleeping function called from invalid context in xfs_attr_shortform_getvalue", c.title());
        assertEquals(CrashType.ATOMIC_SLEEP, c.type());
    }

    @Test
    void schedulingWhileAtomicAndSoftLockup() {
        CrashReport c = only(console(
                "BUG: scheduling while atomic: kworker/0:1/12/0x00000002",
                "Modules linked in:",
                "Call Trace:",
                " <TASK>",
                " dump_stack_lvl+0x7d/0xa0",
                " __schedule_bug+0x8e/0xb0",
                " __schedule+0x1002/0x1600",
                " schedule+0x27/0xa0",
                " btrfs_wait_ordered_range+0x1a0/0x260",
                " </TASK>"));
        assertEquals("BUG: scheduling while atomic in btrfs_wait_ordered_range", c.title());
        CrashReport s = only(console(
                "watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [fsstress:777]",
                "Modules linked in:",
                "CPU: 1 PID: 777 Comm: fsstress Not tainted 6.6.0 #1",
                "RIP: 0010:_raw_spin_lock+0x20/0x40",
                "Call Trace:",
                " <TASK>",
                " xfs_log_space_wake+0x5a/0x100",
                " xfs_ail_push_all_sync+0x87/0x120",
                " xfs_fs_sync_fs+0x55/0x90",
                " sync_filesystem+0x6d/0x90",
                " __x64_sys_syncfs+0x3f/0x90",
                " do_syscall_64+0x3b/0xb0",
                " </TASK>"));
        assertEquals("BUG: soft lockup in sys_syncfs", s.title());
        assertEquals(CrashType.HANG, s.type());
    }

    @Test
    void kernelPanicTitlesKeepTheMessageWithNumbersNormalised() {
        CrashReport c = only(console(
                "VFS: Cannot open root device \"vda\" or unknown-block(0,0): error -6",
                "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)",
                "CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.6.0 #1",
                "Call Trace:",
                " <TASK>",
                " panic+0x33c/0x370",
                " mount_root_generic+0x1c3/0x300",
                " </TASK>"));
        assertEquals("kernel panic: VFS: Unable to mount root fs on unknown-block(NUM,NUM)", c.title());
        assertEquals(CrashType.DOS, c.type());
    }

    @Test
    void memoryLeakSkipsAllocatorFrames() {
        CrashReport c = only(console(
                "kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)",
                "BUG: memory leak",
                "unreferenced object 0xffff888109c3e000 (size 1024):",
                "  comm \"mount\", pid 555, jiffies 4294944000",
                "  hex dump (first 32 bytes):",
                "    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................",
                "  backtrace (crc 3a5e1f2c):",
                "    [<ffffffff8166c2a1>] kmemleak_alloc+0x41/0x80",
                "    [<ffffffff81565e6f>] __kmalloc_noprof+0x2af/0x3e0",
                "    [<ffffffff81a7c3b1>] btrfs_alloc_device+0x71/0x2a0",
                "    [<ffffffff81a7d0f2>] btrfs_init_new_device+0x112/0x1200"));
        // allocation helpers (anything with "alloc" in its name) are skipped: the leak is named by its user
        assertEquals("memory leak in btrfs_init_new_device", c.title());
        assertEquals(CrashType.MEMORY_LEAK, c.type());
    }

    @Test
    void ubsanAndSanitizers() {
        CrashReport u = only(console(
                "------------[ cut here ]------------",
                "UBSAN: shift-out-of-bounds in fs/ext4/super.c:4452:27",
                "shift exponent 4294967295 is too large for 32-bit type 'int'",
                "CPU: 0 PID: 4000 Comm: mount Not tainted 6.5.0 #1",
                "Call Trace:",
                " <TASK>",
                " dump_stack_lvl+0x7d/0xa0",
                " ubsan_epilogue+0xa/0x40",
                " __ubsan_handle_shift_out_of_bounds+0x160/0x300",
                " ext4_fill_super+0x5a3c/0x6d10",
                " </TASK>",
                "---[ end trace ]---"));
        assertEquals("UBSAN: shift-out-of-bounds in ext4_fill_super", u.title());
        assertEquals(CrashType.UBSAN, u.type());
        CrashReport k = only(console(
                "==================================================================",
                "BUG: KCSAN: data-race in ext4_mark_iloc_dirty / ext4_reserve_inode_write",
                "",
                "write to 0xffff8881 of 4 bytes by task 1 on cpu 0:",
                " ext4_mark_iloc_dirty+0x12/0x40"));
        assertEquals("KCSAN: data-race in ext4_mark_iloc_dirty / ext4_reserve_inode_write", k.title());
        assertEquals(CrashType.KCSAN, k.type());
    }

    @Test
    void divideErrorAndInvalidOpcode() {
        CrashReport d = only(console(
                "Oops: divide error: 0000 [#1] PREEMPT SMP KASAN NOPTI",
                "CPU: 0 PID: 5001 Comm: syz-executor Not tainted 6.8.0 #1",
                "RIP: 0010:ext4_fill_flex_info+0x1f2/0x4a0",
                "Call Trace:",
                " <TASK>",
                " ext4_fill_super+0x1/0x2",
                " </TASK>"));
        assertEquals("divide error in ext4_fill_flex_info", d.title());
        CrashReport i = only(console(
                "invalid opcode: 0000 [#1] SMP",
                "RIP: 0010:xfs_trans_cancel+0x44/0x50",
                "Call Trace:",
                " xfs_create+0x1/0x2"));
        assertEquals("invalid opcode in xfs_trans_cancel", i.title());
    }

    @Test
    void suspiciousRcuUsageAndInconsistentLockState() {
        CrashReport r = only(console(
                "=============================",
                "WARNING: suspicious RCU usage",
                "6.6.0 Not tainted",
                "-----------------------------",
                "fs/btrfs/volumes.c:1234 suspicious rcu_dereference_check() usage!",
                "other info that might help us debug this:",
                "Call Trace:",
                " <TASK>",
                " lockdep_rcu_suspicious+0x220/0x340",
                " btrfs_find_device+0x2d4/0x300",
                " </TASK>"));
        assertEquals("WARNING: suspicious RCU usage in btrfs_find_device", r.title());
        CrashReport l = only(console(
                "================================",
                "WARNING: inconsistent lock state",
                "6.6.0 Not tainted",
                "--------------------------------",
                "inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.",
                "swapper/0/0 [HC0[0]:SC1[1]:HE1:SE0] takes:",
                "ffff888020a40818 (&xa->xa_lock#2){+.?.}-{2:2}, at: xfs_buf_rele+0x12/0x200",
                "{SOFTIRQ-ON-W} state was registered at:",
                "  lock_acquire+0x1b1/0x540",
                "Call Trace:",
                " <IRQ>",
                " dump_stack_lvl+0x7d/0xa0",
                " mark_lock+0x9a/0x350",
                " _raw_spin_lock+0x2e/0x40",
                " xfs_buf_ioend+0x22/0x300",
                " </IRQ>"));
        assertEquals("inconsistent lock state in xfs_buf_ioend", l.title());
        assertEquals(CrashType.LOCKDEP, l.type());
    }

    // ---- negative controls -------------------------------------------------------------------------------

    @Test
    void cleanBootLogHasNoFindings() {
        ClassifiedLog log = classifier.classify(console(
                "Linux version 6.18.0 (builder@host) (gcc 14.2.0) #1 SMP PREEMPT_DYNAMIC",
                "Command line: console=ttyS0 root=/dev/vda rw panic_on_warn=0",
                "x86/fpu: Supporting XSAVE feature 0x001: 'x87 floating point registers'",
                "BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable",
                "EXT4-fs (vda): mounted filesystem 1b2f3c4d-0000-0000-0000-000000000000 r/w with ordered data mode. Quota mode: none.",
                "XFS (loop0): Mounting V5 Filesystem 4c1e2f00-aaaa-bbbb-cccc-123456789abc",
                "XFS (loop0): Ending clean mount",
                "BTRFS: device fsid 5e6f7a8b-1111-2222-3333-444455556666 devid 1 transid 7 /dev/loop1 (7:1) scanned by mount (421)",
                "BTRFS info (device loop1): using crc32c (crc32c-intel) checksum algorithm",
                "systemd[1]: Started Journal Service.",
                "INFO: lockdep is turned off.",
                "WARNING: /etc/ssh/moduli does not exist, using fixed modulus",
                "loop0: detected capacity change from 0 to 2097152"));
        assertTrue(log.clean(), () -> "expected no findings, got " + log);
    }

    @Test
    void ext4ErrorsAreFilesystemFindingsNotCrashes() {
        ClassifiedLog log = classifier.classify(console(
                "EXT4-fs error (device loop0): ext4_lookup:1812: inode #2: comm ls: iget: bad extra_isize 2 (inode size 256)",
                "EXT4-fs (loop0): Remounting filesystem read-only",
                "EXT4-fs warning (device loop0): ext4_dx_add_entry:2582: Directory index full!"));
        assertTrue(log.crashes().isEmpty(), () -> "ext4 messages are not crashes: " + log.crashes());
        assertEquals(List.of("EXT4-fs error in ext4_lookup: iget: bad extra_isize NUM (inode size NUM)",
                "EXT4-fs: remounting filesystem read-only", "EXT4-fs warning in ext4_dx_add_entry: Directory index full!"), log.fsEvents().stream().map(FsEvent::title).toList());
    }

    // ---- console handling --------------------------------------------------------------------------------

    @Test
    void reportIsAssembledFromItsOwnTaskContextOnly() {
        List<String> lines = List.of(
                "[  100.000001][ T4242] WARNING: CPU: 1 PID: 4242 at fs/ext4/inode.c:3664 ext4_dirty_folio+0x5a/0x70\r",
                "[  100.000002][ T4242] Modules linked in:\r",
                "[  100.000003][  T999] WARNING: CPU: 0 PID: 999 at fs/xfs/xfs_inode.c:10 xfs_other+0x1/0x2\r",
                "[  100.000004][ T4242] RIP: 0010:ext4_dirty_folio+0x5a/0x70\r",
                "[  100.000005][ T4242] Call Trace:\r",
                "[  100.000006][ T4242]  <TASK>\r",
                "[  100.000007][ T4242]  folio_mark_dirty+0x41/0x70\r",
                "[  100.000008][ T4242]  </TASK>\r");
        ClassifiedLog log = classifier.classify(lines);
        assertEquals("WARNING in ext4_dirty_folio", log.firstCrashTitle());
        assertFalse(log.crashes().getFirst().reportText().contains("xfs_other"));
        assertEquals(2, log.crashes().size(), "the interleaved second WARNING is its own report");
        // T999 printed only its header: its report has no stack of its own
        assertEquals("WARNING in corrupted", log.crashes().get(1).title());
        assertEquals("xfs_other", log.crashes().get(1).frame());
    }

    @Test
    void plainTextWithoutTimestampsWorks() {
        ClassifiedLog log = classifier.classifyText(String.join("\n", EXT4_WARNING) + "\n");
        assertEquals("WARNING in ext4_dirty_folio", log.firstCrashTitle());
    }

    @Test
    void streamingGivesTheSameAnswerAsBatchAndSeesPanics() {
        List<String> lines = new ArrayList<>(console(EXT4_WARNING));
        lines.addAll(console("Kernel panic - not syncing: kernel: panic_on_warn set ...", "---[ end Kernel panic - not syncing ]---"));
        StreamingClassifier s = new StreamingClassifier();
        assertFalse(s.crashSeen());
        s.feed(lines.get(0));
        assertFalse(s.crashSeen());
        s.feed(lines.get(1));
        assertTrue(s.crashSeen());
        assertFalse(s.panicSeen());
        assertEquals(1, s.findings().crashes().size(), "the header alone is already a (still incomplete) finding");
        StringBuilder rest = new StringBuilder();
        for (String l : lines.subList(2, lines.size())) {
            rest.append(l).append("\r\n");
        }
        // arbitrary chunking, as bytes arrive from a serial port
        for (int i = 0; i < rest.length(); i += 7) {
            s.feedChunk(rest.subSequence(i, Math.min(rest.length(), i + 7)));
        }
        s.flush();
        assertTrue(s.panicSeen());
        assertEquals(classifier.classify(lines).crashes(), s.findings().crashes());
        assertEquals("WARNING in ext4_dirty_folio", s.findings().firstCrashTitle());
    }

    @Test
    void hugeReportWithoutItsDetailLineDoesNotOverflow() {
        List<String> lines = new ArrayList<>();
        lines.add("BUG: KASAN: use-after-free in ext4_find_extent+0x1/0x2");
        for (int i = 0; i < 50_000; i++) {
            lines.add(" ext4_ext_map_blocks+0x" + Integer.toHexString(i) + "/0x5640");
        }
        long t0 = System.nanoTime();
        ClassifiedLog log = classifier.classify(lines);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, log.crashes().size());
        assertTrue(log.crashes().getFirst().corrupted());
        assertTrue(ms < 20_000, "took " + ms + " ms");
    }

    @Test
    void reportStopsAtItsEndTraceLine() {
        List<String> lines = new ArrayList<>(console(EXT4_WARNING));
        lines.addAll(console("EXT4-fs (loop0): unmounting filesystem.", "loop0: detected capacity change from 0 to 8"));
        CrashReport c = only(lines);
        assertEquals(EXT4_WARNING.length - 1, c.endLine());
        assertFalse(c.reportText().contains("unmounting"), c.reportText());
    }

    @Test
    void dmesgHumanTimestampsAndJournalFormatsWork() {
        List<String> dmesgT = new ArrayList<>();
        List<String> journal = new ArrayList<>();
        List<String> iso = new ArrayList<>();
        for (String l : EXT4_WARNING) {
            dmesgT.add("[Sun Nov 22 02:53:00 2026] " + l);
            journal.add("Nov 22 02:53:00 testhost kernel: " + l);
            iso.add("2026-11-22T02:53:00.123456+00:00 testhost kernel: " + l);
        }
        for (List<String> log : List.of(dmesgT, journal, iso)) {
            CrashReport c = only(log);
            assertEquals("WARNING in ext4_dirty_folio", c.title(), log.get(1));
            assertFalse(c.corrupted(), c.corruptedReason());
        }
    }

    @Test
    void reportTextEndsWhereTheNextReportStarts() {
        List<String> lines = console(
                "WARNING: CPU: 0 PID: 7 at fs/xfs/xfs_log.c:1200 xlog_cil_push_work+0x20/0x30",
                "RIP: 0010:xlog_cil_push_work+0x20/0x30",
                "Call Trace:",
                " process_one_work+0x1/0x2",
                "BUG: kernel NULL pointer dereference, address: 0000000000000008",
                "RIP: 0010:xfs_buf_item_unpin+0x8c/0xc20",
                "Call Trace:",
                " xfs_trans_committed_bulk+0x1/0x2");
        ClassifiedLog log = classifier.classify(lines);
        assertEquals(List.of("WARNING in xlog_cil_push_work", "BUG: unable to handle kernel NULL pointer dereference in xfs_buf_item_unpin"),
                log.crashes().stream().map(CrashReport::title).toList());
        CrashReport first = log.crashes().getFirst();
        assertEquals(3, first.endLine());
        assertFalse(first.reportText().contains("NULL pointer"), first.reportText());
        assertEquals(4, log.crashes().get(1).startLine());
    }
}
