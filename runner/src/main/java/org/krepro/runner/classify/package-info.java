/**
 * Kernel-log classification: crash reports with syzkaller-style titles, and filesystem findings.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link org.krepro.runner.classify.KernelLogClassifier}: {@code classify(List<String> lines)},
 *       {@code classifyText(String)}, {@code classifyFile(Path)}, {@code classifyRecords(List<KmsgRecord>)};
 *       optionally restricted to test block devices for filesystem/I/O findings.</li>
 *   <li>{@link org.krepro.runner.classify.StreamingClassifier}: {@code feed(line)} / {@code feedChunk(text)}
 *       for a live console (QEMU serial), {@code findings()}, {@code crashSeen()}, {@code panicSeen()}.</li>
 *   <li>Results: {@link org.krepro.runner.classify.ClassifiedLog} holds
 *       {@link org.krepro.runner.classify.CrashReport}s (title, alternative titles, {@link
 *       org.krepro.runner.classify.CrashType}, guilty frame, corrupted + reason, first/last line, report text)
 *       and {@link org.krepro.runner.classify.FsEvent}s (title, filesystem, device, severity, line, lines).</li>
 * </ul>
 *
 * <h2>How a crash is titled</h2>
 * A report starts at a line holding an oops header ("BUG:", "WARNING:", "INFO:", "general protection fault",
 * "Kernel panic", "kernel BUG", "UBSAN:", ...; see {@code CrashRules}) that none of the header's known
 * false positives match. The report is the lines of the same printk context (caller id when the kernel
 * prints one) up to the next unrelated report or the "---[ end trace ]---" line. The title rule is the one
 * whose pattern matches earliest; its guilty frame is the first function of the relevant stack (the
 * faulting RIP, the first "Call Trace:", the lockdep "at:" line...) that is not a generic helper
 * ({@code StackFrames.GENERIC_SKIP}: report/WARN machinery, sanitizers, lockdep and lock primitives,
 * allocators, string/memory/list helpers, user-copy helpers, driver-core and workqueue plumbing). Stalls and
 * hangs use anchor frames instead (syscall entry, workqueue, timers). Numbers and addresses in titles become
 * NUM/ADDR/LINE. These facts follow syzkaller's pkg/report so that titles match syzbot's; a report whose
 * frame cannot be found is titled "... in corrupted" as there, and marked corrupted.
 *
 * <h2>Filesystem findings</h2>
 * ext4 ("EXT4-fs error/warning", remount read-only, aborted transactions), jbd2 (journal aborts, I/O errors),
 * XFS (metadata corruption, metadata I/O errors, shutdowns, internal errors), btrfs (critical/error messages,
 * corrupted leaf/node, transaction aborts, forced read-only, csum failures) and the block layer (I/O errors on
 * a device, buffer I/O errors). They are kept apart from crashes: a corrupted image is expected to produce
 * them. Each gets a short stable title.
 */
package org.krepro.runner.classify;
