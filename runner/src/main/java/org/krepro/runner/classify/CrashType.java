package org.krepro.runner.classify;

/**
 * Broad class of a crash report, derived from its title (the same buckets syzkaller's dashboard uses, so a
 * kernel developer can read them the same way).
 */
public enum CrashType {
    /** A WARN()/WARN_ON() splat: "WARNING in f" and the WARNING family. */
    WARNING,
    /** BUG()/BUG_ON(): "kernel BUG in f", "BUG: bad usercopy". */
    BUG,
    /** KASAN reports: use-after-free, out-of-bounds, invalid free... */
    KASAN,
    /** Other memory-safety reports: KFENCE, paging request, NULL dereference, corrupted list, bad page... */
    MEMORY_SAFETY,
    /** KMSAN: use of uninitialized memory, info leaks. */
    KMSAN,
    /** KCSAN: data races. */
    KCSAN,
    /** UBSAN: undefined behaviour. */
    UBSAN,
    /** Lockdep and other locking bugs: possible deadlock, inconsistent lock state, suspicious RCU usage. */
    LOCKDEP,
    /** Sleeping in atomic context. */
    ATOMIC_SLEEP,
    /** Hung task, RCU stall, soft lockup. */
    HANG,
    /** kmemleak. */
    MEMORY_LEAK,
    /** Oopses that take the machine down or kill the task: GPF, panic, divide error, double fault. */
    DOS,
    /** The machine rebooted unexpectedly. */
    REBOOT,
    /** Failures of the test harness itself (syzkaller's SYZFAIL/SYZFATAL). */
    HARNESS,
    /** Anything else that the parser recognises as a crash. */
    UNKNOWN
}
