package org.krepro.runner.verify;

/**
 * Where one 512-byte sector of a found block came from, as far as its stamp and content tell.
 *
 * @param kind       ZERO (all zero), MATCH (exactly the sector its stamp names), DAMAGED (a plausible stamp,
 *                   but bytes differ from what that stamp's block holds), UNKNOWN (no krepro stamp)
 * @param fileId     the stamp's file id (MATCH, DAMAGED)
 * @param blockIndex the stamp's block index
 * @param generation the stamp's generation
 * @param sector     the sector index within its block the stamp names
 * @param seed       the seed the sector was regenerated with
 * @param blockShift the stamp's log2 block size
 * @param diffBytes  DAMAGED: how many bytes of the sector differ
 * @param firstDiff  DAMAGED: offset within the sector of the first differing byte
 * @param foundByte  DAMAGED: the byte found there
 * @param wantByte   DAMAGED: the byte the stamp's block holds there
 */
public record SectorOrigin(Kind kind, long fileId, long blockIndex, long generation, int sector, long seed,
                           int blockShift, int diffBytes, int firstDiff, int foundByte, int wantByte) {

    public enum Kind { ZERO, MATCH, DAMAGED, UNKNOWN }

    static final SectorOrigin ZERO = new SectorOrigin(Kind.ZERO, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    static final SectorOrigin UNKNOWN = new SectorOrigin(Kind.UNKNOWN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Same origin as another sector's, position aside: same file, block, generation, seed, block size. */
    boolean sameWrite(SectorOrigin o) {
        return kind == o.kind && fileId == o.fileId && blockIndex == o.blockIndex && generation == o.generation
                && seed == o.seed && blockShift == o.blockShift;
    }
}
