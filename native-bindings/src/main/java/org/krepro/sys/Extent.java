package org.krepro.sys;

import java.util.ArrayList;
import java.util.List;
import org.krepro.sys.ffi.ioctl_h;

/**
 * One extent of a file's map from {@code FS_IOC_FIEMAP}: {@code length} bytes at file offset
 * {@code logical} live at byte {@code physical} of the device holding the file system.
 *
 * @param flags {@code FIEMAP_EXTENT_*} bits
 */
public record Extent(long logical, long physical, long length, int flags) {
    /** The last extent of the file. */
    public boolean isLast() {
        return (flags & ioctl_h.FIEMAP_EXTENT_LAST()) != 0;
    }

    /** Allocated but not written (reads return zeros). */
    public boolean isUnwritten() {
        return (flags & ioctl_h.FIEMAP_EXTENT_UNWRITTEN()) != 0;
    }

    /** Delayed allocation: no physical location yet ({@code physical} is meaningless). */
    public boolean isDelalloc() {
        return (flags & ioctl_h.FIEMAP_EXTENT_DELALLOC()) != 0;
    }

    /** Whether {@code physical} can be read from the device as the file's data: not delalloc, inline, encoded or unknown. */
    public boolean hasPlainPhysicalLocation() {
        int opaque = ioctl_h.FIEMAP_EXTENT_UNKNOWN() | ioctl_h.FIEMAP_EXTENT_DELALLOC()
                | ioctl_h.FIEMAP_EXTENT_ENCODED() | ioctl_h.FIEMAP_EXTENT_DATA_INLINE()
                | ioctl_h.FIEMAP_EXTENT_NOT_ALIGNED() | ioctl_h.FIEMAP_EXTENT_DATA_ENCRYPTED();
        return (flags & opaque) == 0;
    }

    /** The flag names, e.g. {@code [UNWRITTEN, LAST]}. */
    public List<String> flagNames() {
        String[] names = {"LAST", "UNKNOWN", "DELALLOC", "ENCODED", null, null, null, "DATA_ENCRYPTED",
            "NOT_ALIGNED", "DATA_INLINE", "DATA_TAIL", "UNWRITTEN", "MERGED", "SHARED"};
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((flags & (1 << bit)) != 0) {
                out.add(bit < names.length && names[bit] != null ? names[bit] : "0x" + Integer.toHexString(1 << bit));
            }
        }
        return out;
    }
}
