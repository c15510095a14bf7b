package org.krepro.runner.verify;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slow path: takes a block that failed the fast check apart sector by sector and names what it is.
 * Not thread-safe (it caches regenerated blocks); use one per verification thread.
 */
public final class BlockClassifier {
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[BlockFormat.MAX_BLOCK_SIZE]);

    private final BlockFormat format;
    private final Map<Key, MemorySegment> cache = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, MemorySegment> e) {
            return size() > 16;
        }
    };

    private record Key(int shift, long seed, long file, long block, long gen) {
    }

    public BlockClassifier(BlockFormat format) {
        this.format = format;
    }

    public BlockFormat format() {
        return format;
    }

    /** True when every byte of the segment is zero. */
    public static boolean isZero(MemorySegment seg) {
        long n = seg.byteSize();
        for (long off = 0; off < n; off += ZEROS.byteSize()) {
            long len = Math.min(ZEROS.byteSize(), n - off);
            if (seg.asSlice(off, len).mismatch(ZEROS.asSlice(0, len)) != -1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Classifies one block of an expected file; returns null when the block is acceptable after all
     * (a zero block where zeros are accepted, a valid block of an accepted generation).
     *
     * @param found      the block as read (exactly one block)
     * @param path       the file's path, for the report
     * @param fileId     the file's id
     * @param blockIndex the block's index
     * @param lo         lowest accepted generation (0: zeros accepted)
     * @param hi         highest accepted generation (0: only zeros accepted)
     * @param view       "disk" or "page cache"
     */
    public BadBlock classify(MemorySegment found, String path, long fileId, long blockIndex, long lo, long hi, String view) {
        BadBlock b = classifyBare(found, path, fileId, blockIndex, lo, hi, view);
        return b == null ? null : withEvidence(b, found);
    }

    /** {@link #classify} without the hex excerpt (cheap: for blocks that are only counted). */
    BadBlock classifyBare(MemorySegment found, String path, long fileId, long blockIndex, long lo, long hi, String view) {
        int bs = format.blockSize();
        if (found.byteSize() != bs) {
            throw new IllegalArgumentException("not one block: " + found.byteSize());
        }
        BlockHeader header = BlockFormat.header(found);
        if (isZero(found)) {
            if (lo == 0) {
                return null;
            }
            return bad(found, path, fileId, blockIndex, lo, hi, view, DataClass.ZEROED, header,
                    List.of(), "all " + bs + " bytes are zero");
        }

        int sectors = bs / BlockFormat.SECTOR;
        List<SectorOrigin> origins = new ArrayList<>(sectors);
        for (int k = 0; k < sectors; k++) {
            origins.add(identify(found, k, header));
        }

        boolean anyBad = false;
        boolean oneWrite = true;
        boolean inPlace = true;
        SectorOrigin first = origins.get(0);
        for (int k = 0; k < sectors; k++) {
            SectorOrigin o = origins.get(k);
            if (o.kind() == SectorOrigin.Kind.DAMAGED || o.kind() == SectorOrigin.Kind.UNKNOWN) {
                anyBad = true;
            }
            if (o.kind() != SectorOrigin.Kind.MATCH || !o.sameWrite(first)) {
                oneWrite = false;
            }
            if (o.sector() != k) {
                inPlace = false;
            }
        }

        if (oneWrite && inPlace && first.blockShift() == format.blockShift()) {
            // A whole, intact block (its CRC is right by construction).
            boolean ours = first.fileId() == fileId && first.blockIndex() == blockIndex && first.seed() == format.seed();
            if (ours) {
                long g = first.generation();
                if (g >= lo && g <= hi && g > 0) {
                    return null;
                }
                if (g < lo) {
                    return bad(found, path, fileId, blockIndex, lo, hi, view, DataClass.STALE, header, origins,
                            "generation " + g + " found, " + (lo == hi ? "generation " + lo : "generation " + lo + ".." + hi)
                                    + " expected: " + (lo - g) + " generation(s) behind");
                }
                return bad(found, path, fileId, blockIndex, lo, hi, view, DataClass.NEWER, header, origins,
                        "generation " + g + " found, newer than any recorded (" + (hi == 0 ? "never written" : "last " + hi) + ")");
            }
            String whose = first.seed() != format.seed()
                    ? String.format("a block of another run (seed 0x%x): file %d block %d generation %d",
                    first.seed(), first.fileId(), first.blockIndex(), first.generation())
                    : String.format("block %d of file %d generation %d%s", first.blockIndex(), first.fileId(),
                    first.generation(), first.fileId() == fileId ? " (same file, other block)" : "");
            return bad(found, path, fileId, blockIndex, lo, hi, view, DataClass.MISPLACED, header, origins,
                    "holds " + whose);
        }
        if (anyBad) {
            return bad(found, path, fileId, blockIndex, lo, hi, view, DataClass.GARBAGE, header, origins,
                    garbageText(origins, header, found));
        }
        return bad(found, path, fileId, blockIndex, lo, hi, view, DataClass.TORN, header, origins,
                "sectors from " + distinctWrites(origins) + " different sources: " + shortMap(origins, fileId, blockIndex, lo, hi, format.seed()));
    }

    private SectorOrigin identify(MemorySegment found, int k, BlockHeader header) {
        MemorySegment s = found.asSlice((long) k * BlockFormat.SECTOR, BlockFormat.SECTOR);
        if (isZero(s)) {
            return SectorOrigin.ZERO;
        }
        long file;
        long block;
        long gen;
        long seed;
        int shift;
        int sector;
        if (k == 0) {
            if (!header.plausible()) {
                return SectorOrigin.UNKNOWN;
            }
            file = header.fileId();
            block = header.blockIndex();
            gen = header.generation();
            seed = header.seed();
            shift = header.blockShift();
            sector = 0;
        } else {
            if (s.get(BlockFormat.LE_INT, BlockFormat.ST_MAGIC) != BlockFormat.SECTOR_MAGIC
                    || Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, BlockFormat.ST_VERSION)) != BlockFormat.VERSION) {
                return SectorOrigin.UNKNOWN;
            }
            shift = Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, BlockFormat.ST_SHIFT));
            sector = Short.toUnsignedInt(s.get(BlockFormat.LE_SHORT, BlockFormat.ST_SECTOR));
            file = s.get(BlockFormat.LE_LONG, BlockFormat.ST_FILE);
            block = s.get(BlockFormat.LE_LONG, BlockFormat.ST_BLOCK);
            gen = s.get(BlockFormat.LE_LONG, BlockFormat.ST_GEN);
            seed = format.seed();
            if (shift < 9 || shift > 20 || sector < 1 || sector >= (1 << (shift - 9))) {
                return SectorOrigin.UNKNOWN;
            }
        }
        if (gen < 1 || file < 0 || block < 0) {
            return SectorOrigin.UNKNOWN;
        }
        MemorySegment want = regenerate(shift, seed, file, block, gen).asSlice((long) sector * BlockFormat.SECTOR, BlockFormat.SECTOR);
        long firstDiff = s.mismatch(want);
        if (firstDiff == -1) {
            return new SectorOrigin(SectorOrigin.Kind.MATCH, file, block, gen, sector, seed, shift, 0, 0, 0, 0);
        }
        if (k > 0 && header.plausible() && header.seed() != seed) {
            // Sector stamps do not carry the seed: a block of another run is regenerated with its header's seed.
            MemorySegment other = regenerate(shift, header.seed(), file, block, gen)
                    .asSlice((long) sector * BlockFormat.SECTOR, BlockFormat.SECTOR);
            if (s.mismatch(other) == -1) {
                return new SectorOrigin(SectorOrigin.Kind.MATCH, file, block, gen, sector, header.seed(), shift, 0, 0, 0, 0);
            }
        }
        int diffs = 0;
        for (int i = 0; i < BlockFormat.SECTOR; i++) {
            if (s.get(ValueLayout.JAVA_BYTE, i) != want.get(ValueLayout.JAVA_BYTE, i)) {
                diffs++;
            }
        }
        int fd = (int) firstDiff;
        return new SectorOrigin(SectorOrigin.Kind.DAMAGED, file, block, gen, sector, seed, shift, diffs, fd,
                Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, fd)), Byte.toUnsignedInt(want.get(ValueLayout.JAVA_BYTE, fd)));
    }

    /** The block (file, block, generation) as the writer makes it, for a format of block shift {@code shift} and this seed. */
    MemorySegment regenerate(int shift, long seed, long file, long block, long gen) {
        Key key = new Key(shift, seed, file, block, gen);
        MemorySegment m = cache.get(key);
        if (m == null) {
            BlockFormat f = shift == format.blockShift() ? format.withOtherSeed(seed) : new BlockFormat(1 << shift, seed);
            m = MemorySegment.ofArray(new byte[1 << shift]);
            f.fill(m, file, block, gen);
            cache.put(key, m);
        }
        return m;
    }

    private BadBlock bad(MemorySegment found, String path, long fileId, long blockIndex,
                         long lo, long hi, String view, DataClass cls, BlockHeader header, List<SectorOrigin> origins,
                         String explanation) {
        int crc = BlockFormat.crcOf(found);
        return new BadBlock(path, fileId, blockIndex, format.blockSize(), cls, view, lo, hi, header, crc, origins, explanation,
                "", DeviceLocation.unknown("not looked up"));
    }

    /**
     * The bad block with its hex excerpt: the first 64 bytes and the lines around the first difference,
     * found against the newest accepted generation (or zeros).
     */
    BadBlock withEvidence(BadBlock b, MemorySegment found) {
        int bs = format.blockSize();
        MemorySegment reference = b.expectHi() > 0
                ? regenerate(format.blockShift(), format.seed(), b.fileId(), b.blockIndex(), b.expectHi()) : null;
        StringBuilder hex = new StringBuilder();
        MemorySegment ref = reference != null ? reference : ZEROS.asSlice(0, bs);
        hex.append("first 64 bytes").append(reference == null ? " (expected: zeros)" : "").append(":\n");
        Hex.excerpt(hex, "  ", found, ref, 0, 64);
        long diff = found.mismatch(ref);
        if (diff >= 64) {
            long from = Math.max(0, (diff & ~15L) - 16);
            long to = Math.min(bs, (diff & ~15L) + 32);
            hex.append(String.format("first difference at block offset 0x%x (file offset 0x%x):%n", diff, b.blockIndex() * bs + diff));
            Hex.excerpt(hex, "  ", found, ref, from, to);
        } else if (diff >= 0) {
            hex.append(String.format("first difference at block offset 0x%x (file offset 0x%x), shown above%n", diff,
                    b.blockIndex() * bs + diff));
        }
        return new BadBlock(b.path(), b.fileId(), b.blockIndex(), bs, b.cls(), b.view(), b.expectLo(), b.expectHi(), b.found(),
                b.computedCrc(), b.sectors(), b.explanation(), hex.toString(), b.location());
    }

    private static int distinctWrites(List<SectorOrigin> origins) {
        List<SectorOrigin> seen = new ArrayList<>();
        for (SectorOrigin o : origins) {
            if (seen.stream().noneMatch(o::sameWrite)) {
                seen.add(o);
            }
        }
        return seen.size();
    }

    private String garbageText(List<SectorOrigin> origins, BlockHeader header, MemorySegment found) {
        int damaged = 0;
        int unknown = 0;
        int bytes = 0;
        SectorOrigin firstDamaged = null;
        int firstDamagedAt = -1;
        for (int k = 0; k < origins.size(); k++) {
            SectorOrigin o = origins.get(k);
            if (o.kind() == SectorOrigin.Kind.DAMAGED) {
                damaged++;
                bytes += o.diffBytes();
                if (firstDamaged == null) {
                    firstDamaged = o;
                    firstDamagedAt = k;
                }
            } else if (o.kind() == SectorOrigin.Kind.UNKNOWN) {
                unknown++;
            }
        }
        StringBuilder sb = new StringBuilder(String.format("checksum mismatch (stored 0x%08x, computed 0x%08x)",
                header.crc(), BlockFormat.crcOf(found)));
        if (damaged > 0) {
            sb.append(String.format("; %d sector(s) with %d damaged byte(s), first at block offset 0x%x: 0x%02x found, 0x%02x written",
                    damaged, bytes, firstDamagedAt * BlockFormat.SECTOR + firstDamaged.firstDiff(),
                    firstDamaged.foundByte(), firstDamaged.wantByte()));
        }
        if (unknown > 0) {
            sb.append("; ").append(unknown).append(" unrecognised sector(s)");
        }
        return sb.toString();
    }

    /** Compact sector map: "0-3 gen 5 (expected), 4-7 zero". */
    private static String shortMap(List<SectorOrigin> origins, long fileId, long blockIndex, long lo, long hi, long seed) {
        StringBuilder sb = new StringBuilder();
        for (int[] run : runs(origins)) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(run[0] == run[1] ? "sector " + run[0] : "sectors " + run[0] + "-" + run[1]).append(' ')
                    .append(describe(origins.get(run[0]), run[0], fileId, blockIndex, lo, hi, seed));
        }
        return sb.toString();
    }

    /** Runs of consecutive sectors of the same write, in place: {first, last}. */
    static List<int[]> runs(List<SectorOrigin> origins) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= origins.size(); k++) {
            boolean cont = k < origins.size()
                    && origins.get(k).sameWrite(origins.get(start))
                    && origins.get(k).kind() != SectorOrigin.Kind.DAMAGED
                    && origins.get(k).kind() != SectorOrigin.Kind.UNKNOWN
                    && origins.get(k).sector() - origins.get(start).sector() == k - start;
            if (!cont) {
                out.add(new int[] {start, k - 1});
                start = k;
            }
        }
        return out;
    }

    /** What a sector holds, relative to the expected block. */
    static String describe(SectorOrigin o, int position, long fileId, long blockIndex, long lo, long hi, long seed) {
        switch (o.kind()) {
            case ZERO:
                return "zero";
            case UNKNOWN:
                return "unrecognised (no krepro stamp)";
            default:
                break;
        }
        boolean ours = o.fileId() == fileId && o.blockIndex() == blockIndex && o.seed() == seed;
        StringBuilder sb = new StringBuilder();
        if (ours) {
            sb.append("generation ").append(o.generation());
            if (o.generation() >= lo && o.generation() <= hi) {
                sb.append(" (expected)");
            } else if (o.generation() < lo) {
                sb.append(" (stale)");
            } else {
                sb.append(" (newer than recorded)");
            }
        } else {
            sb.append("file ").append(o.fileId()).append(" block ").append(o.blockIndex())
                    .append(" generation ").append(o.generation());
            if (o.seed() != seed) {
                sb.append(String.format(" of another run (seed 0x%x)", o.seed()));
            }
            sb.append(" (misplaced)");
        }
        if (o.sector() != position) {
            sb.append(" from its sector ").append(o.sector());
        }
        if (o.kind() == SectorOrigin.Kind.DAMAGED) {
            sb.append(String.format(" with %d damaged byte(s), first at block offset 0x%x: 0x%02x found, 0x%02x written",
                    o.diffBytes(), position * BlockFormat.SECTOR + o.firstDiff(), o.foundByte(), o.wantByte()));
        }
        return sb.toString();
    }
}
