package org.krepro.runner.verify;

/**
 * The header fields of a block as found on disk (see {@link BlockFormat}); only meaningful when
 * {@link #magicOk()}.
 */
public record BlockHeader(int crc, int magic, int version, int blockShift, int flags,
                          long fileId, long blockIndex, long generation, long seed) {

    public boolean magicOk() {
        return magic == BlockFormat.MAGIC;
    }

    /** Magic, version and a sane block size: the header was written by krepro's writer. */
    public boolean plausible() {
        return magicOk() && version == BlockFormat.VERSION && blockShift >= 9 && blockShift <= 20;
    }

    /** "file 3 block 17 generation 5 seed 0x2a" (or the raw magic when it is not a krepro header). */
    public String describe() {
        if (!magicOk()) {
            return String.format("no krepro header (magic 0x%08x, expected 0x%08x)", magic, BlockFormat.MAGIC);
        }
        String s = String.format("file %d block %d generation %d seed 0x%x", fileId, blockIndex, generation, seed);
        if (version != BlockFormat.VERSION) {
            s += " version " + version;
        }
        if (blockShift < 9 || blockShift > 20) {
            s += " bad block shift " + blockShift;
        } else {
            s += " (" + (1 << blockShift) + "-byte block)";
        }
        return s;
    }
}
