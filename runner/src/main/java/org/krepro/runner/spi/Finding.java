package org.krepro.runner.spi;

import java.util.Objects;

/**
 * Something a detector found. Every finding of every detector is kept; the first one titles a FAIL.
 *
 * @param kind   which detector, and for the kernel log whether it is a crash or a filesystem message
 * @param title  one stable line, syzkaller-style for crashes ("WARNING in ext4_dirty_folio"),
 *               e.g. "data: zeroed block 17 of file 3" or "fsck: e2fsck exit 4" for the others
 * @param detail the evidence: the report text, the fsck output, the verifier's excerpt (may be long)
 */
public record Finding(Kind kind, String title, String detail) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        detail = detail == null ? "" : detail;
    }

    public enum Kind {
        /** A kernel crash report: oops, BUG, WARNING, KASAN, lockdep, hang, panic. */
        KERNEL_CRASH,
        /** A filesystem or block-layer error message in the kernel log (EXT4-fs error, XFS corruption, BTRFS critical, I/O error). */
        KERNEL_FS,
        /** The data verifier found blocks that differ from what was written. */
        DATA,
        /** fsck reported damage (or could not check). */
        FSCK,
        /** The workload itself saw the bug, e.g. a syscall that returned EUCLEAN. */
        WORKLOAD
    }
}
