package org.krepro.runner.classify;

import java.util.List;

/**
 * One kernel crash report found in a log.
 *
 * @param title       syzkaller-style title, e.g. "WARNING in ext4_dirty_folio"; numbers, addresses and line
 *                    numbers are replaced by NUM/ADDR/LINE so that titles are stable across runs
 * @param altTitles   other titles the same bug is known under (stripped syscall prefixes, "bad-access in f")
 * @param type        broad class of the report
 * @param frame       the guilty function named in the title, or "" when the title names none
 * @param guiltyFile  the first kernel source file of the report that is not generic code (headers, lib/,
 *                    mm/slab.c, kernel/locking/, ...): where to look first and whom to mail; "" when the
 *                    report has no file:line information (an unsymbolized log)
 * @param corrupted   true when the report is truncated or interleaved with other output so that its title may
 *                    be wrong (no stack trace, header without the expected details...)
 * @param corruptedReason why it is considered corrupted, "" when it is not
 * @param startLine   0-based index of the line in the input that starts the report (the oops header)
 * @param endLine     0-based index of the last input line that belongs to the report
 * @param reportText  the report as extracted: the header, its stack traces and related lines, with console
 *                    prefixes stripped, preceded by up to a few lines of context from the same task
 */
public record CrashReport(String title, List<String> altTitles, CrashType type, String frame, String guiltyFile,
                          boolean corrupted,
                          String corruptedReason, int startLine, int endLine, String reportText) {

    public CrashReport {
        altTitles = List.copyOf(altTitles);
    }

    /** Whether {@code candidate} is this report's title or one of its alternative titles. */
    public boolean knownAs(String candidate) {
        return title.equals(candidate) || altTitles.contains(candidate);
    }
}
