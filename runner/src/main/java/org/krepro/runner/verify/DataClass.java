package org.krepro.runner.verify;

import java.util.Locale;

/** How a block (or a file's length) differs from what the workload wrote. */
public enum DataClass {
    /** The whole block reads as zeros, where data was written. */
    ZEROED("zeroed", "all bytes zero where data was written"),
    /** A valid block of this file and index, but of an older generation than the last completed write. */
    STALE("stale", "a valid block of an older generation: a completed write was lost"),
    /** A valid block whose header names another file or another block (or another run's seed). */
    MISPLACED("misplaced", "a valid block that belongs to another file or another block index"),
    /** Sectors of different origins: part of one generation, part of another generation, zeros or another block. */
    TORN("torn", "sectors from different writes (generations, blocks) or zeros mixed in one block"),
    /** Bad checksum and not one of the above: flipped bits, foreign bytes, an unrecognised sector. */
    GARBAGE("garbage", "checksum mismatch with damaged or unrecognised sectors"),
    /** The file is shorter than the workload wrote (or the file is gone): counted per block beyond the end. */
    MISSING("missing", "beyond the end of the file, which is shorter than written"),
    /** A valid block of a newer generation than any the workload recorded: a recording error in the workload, or a write reported as failed that landed. */
    NEWER("newer", "a valid block of a generation newer than any recorded"),
    /** Reading the block failed (EIO: a data checksum failure on btrfs, a media error): nothing to compare. */
    UNREADABLE("unreadable", "the read failed with an error"),
    /** The file is longer than the workload ever made it: counted per block beyond the expected end. */
    EXTRA("extra", "beyond the expected end of the file, which is longer than written");

    private final String label;
    private final String meaning;

    DataClass(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** "zeroed": the word used in finding titles and property names. */
    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    public String upper() {
        return name().toUpperCase(Locale.ROOT);
    }
}
