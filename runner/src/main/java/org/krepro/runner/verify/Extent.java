package org.krepro.runner.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * One FIEMAP extent of a file: file bytes [logical, logical+length) live at [physical, physical+length)
 * of the filesystem's address space (the device on ext4 and xfs; btrfs's logical address space on btrfs).
 */
public record Extent(long logical, long physical, long length, int flags) {

    public static final int LAST = 0x1;
    public static final int UNKNOWN = 0x2;
    public static final int DELALLOC = 0x4;
    public static final int ENCODED = 0x8;
    public static final int DATA_ENCRYPTED = 0x80;
    public static final int NOT_ALIGNED = 0x100;
    public static final int DATA_INLINE = 0x200;
    public static final int DATA_TAIL = 0x400;
    public static final int UNWRITTEN = 0x800;
    public static final int MERGED = 0x1000;
    public static final int SHARED = 0x2000;

    public boolean contains(long fileOffset) {
        return fileOffset >= logical && fileOffset - logical < length;
    }

    /** True when {@code physical} is a real address of the file's bytes (not inline, delayed, encoded or unknown). */
    public boolean addressable() {
        return (flags & (UNKNOWN | DELALLOC | ENCODED | DATA_ENCRYPTED | NOT_ALIGNED | DATA_INLINE | DATA_TAIL)) == 0;
    }

    /** "unwritten|last", or "none". */
    public String flagNames() {
        List<String> out = new ArrayList<>();
        String[] names = {"last", "unknown", "delalloc", "encoded", null, null, null, "encrypted", "not_aligned",
                "inline", "tail", "unwritten", "merged", "shared"};
        int rest = flags;
        for (int bit = 0; bit < names.length; bit++) {
            if ((flags & (1 << bit)) != 0 && names[bit] != null) {
                out.add(names[bit]);
                rest &= ~(1 << bit);
            }
        }
        if (rest != 0) {
            out.add(String.format("0x%x", rest));
        }
        return out.isEmpty() ? "none" : String.join("|", out);
    }

    @Override
    public String toString() {
        return String.format("extent logical 0x%x physical 0x%x length 0x%x flags %s", logical, physical, length, flagNames());
    }
}
