package org.krepro.runner.verify;

import java.util.List;

/**
 * One block that is not what the workload wrote, with the evidence.
 *
 * @param path        the file, relative to the mount point
 * @param fileId      the file's id
 * @param blockIndex  the block's index in the file
 * @param blockSize   the block size
 * @param cls         the class
 * @param view        "disk" (read with O_DIRECT) or "page cache" (buffered read)
 * @param expectLo    lowest accepted generation (0: zeros accepted)
 * @param expectHi    highest accepted generation
 * @param found       the header fields found (null for MISSING and EXTRA)
 * @param computedCrc the CRC32C computed over the found block
 * @param sectors     per 512-byte sector, where it came from (empty for MISSING and EXTRA)
 * @param explanation one line: what is wrong
 * @param hex         the hex excerpt: first 64 bytes and the bytes around the first difference, found vs expected
 * @param location    where the block lives on the device (FIEMAP), or an unknown location
 */
public record BadBlock(String path, long fileId, long blockIndex, int blockSize, DataClass cls, String view,
                       long expectLo, long expectHi, BlockHeader found, int computedCrc, List<SectorOrigin> sectors,
                       String explanation, String hex, DeviceLocation location) {

    public BadBlock {
        sectors = List.copyOf(sectors);
    }

    public long fileOffset() {
        return blockIndex * blockSize;
    }

    public BadBlock withLocation(DeviceLocation where) {
        return new BadBlock(path, fileId, blockIndex, blockSize, cls, view, expectLo, expectHi, found, computedCrc,
                sectors, explanation, hex, where);
    }

    /** "file 3 block 17 generation 5", "generation 4..5", or "zeros (never written)". */
    public String expectedText(long seed) {
        return expectedText(fileId, blockIndex, expectLo, expectHi, seed);
    }

    static String expectedText(long fileId, long blockIndex, long lo, long hi, long seed) {
        String gen;
        if (hi == 0) {
            gen = "zeros (never written)";
        } else if (lo == hi) {
            gen = "generation " + hi;
        } else if (lo == 0) {
            gen = "zeros or generation 1.." + hi + " (writes in flight)";
        } else {
            gen = "generation " + lo + ".." + hi + " (writes in flight)";
        }
        return String.format("file %d block %d %s seed 0x%x", fileId, blockIndex, gen, seed);
    }
}
