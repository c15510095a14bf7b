package org.krepro.runner.classify;

import java.util.List;

/**
 * A filesystem or block-layer message that tells something went wrong on disk, kept apart from crashes (a
 * corrupted image legitimately produces them; syzkaller does not count them as kernel bugs).
 *
 * @param title     short stable title, e.g. "EXT4-fs error in ext4_lookup", "BTRFS critical: corrupted leaf"
 * @param filesystem "ext4", "jbd2", "xfs", "btrfs" or "block"
 * @param device    the device named by the message ("loop0", "nvme0n1p2"), or "" when it names none
 * @param severity  how bad it is
 * @param lineIndex 0-based index of the first input line
 * @param lines     the message line(s), console prefixes stripped
 */
public record FsEvent(String title, String filesystem, String device, Severity severity, int lineIndex,
                      List<String> lines) {

    public FsEvent {
        lines = List.copyOf(lines);
    }

    /** Severity of a filesystem event. */
    public enum Severity {
        /** A warning: the filesystem carries on (EXT4-fs warning, XFS alert...). */
        WARNING,
        /** An error: corruption found, I/O error, operation failed. */
        ERROR,
        /** The filesystem stopped accepting writes: remount read-only, journal abort, shutdown, transaction abort. */
        FATAL
    }
}
