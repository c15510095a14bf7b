package org.krepro.runner.verify;

/**
 * A block that reads differently through the page cache (buffered) and from the disk (O_DIRECT).
 *
 * @param path       the file, relative to the mount point
 * @param fileId     the file's id
 * @param blockIndex the block's index
 * @param blockSize  the block size
 * @param firstDiff  offset within the block of the first differing byte
 * @param diskView   the disk block's classification, or null when the disk holds what was written
 * @param cacheView  the page cache block's classification, or null when the page cache holds what was written
 * @param hex        the two views side by side around the first difference
 */
public record CacheMismatch(String path, long fileId, long blockIndex, int blockSize, long firstDiff,
                            BadBlock diskView, BadBlock cacheView, String hex) {

    public long fileOffset() {
        return blockIndex * blockSize;
    }
}
