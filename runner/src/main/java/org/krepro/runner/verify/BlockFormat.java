package org.krepro.runner.verify;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The on-disk format of krepro's self-describing data blocks, version 1.
 *
 * <p>A block is {@code blockSize} bytes (a power of two, at least 512). It is made of 512-byte
 * sectors, and every sector says where it belongs, so that a block torn at sector granularity can be
 * taken apart sector by sector. All integers are little-endian.
 *
 * <pre>
 * sector 0 (block header, 64 bytes):
 *   0x00 u32 crc32c      CRC32C (java.util.zip.CRC32C) of bytes [4, blockSize) of the block
 *   0x04 u32 magic       0x4250524b ("KRPB")
 *   0x08 u16 version     1: header and payload version
 *   0x0a u8  blockShift  log2(blockSize)
 *   0x0b u8  flags       0
 *   0x0c u32 reserved    0
 *   0x10 u64 fileId
 *   0x18 u64 blockIndex  the block's index in its file (file offset = blockIndex * blockSize)
 *   0x20 u64 generation  write generation, from 1; 0 is never written
 *   0x28 u64 seed        the run's seed
 *   0x30 u64 reserved    0
 *   0x38 u64 reserved    0
 * sector k >= 1 (sector stamp, 32 bytes):
 *   0x00 u32 magic       0x5350524b ("KRPS")
 *   0x04 u16 sector      k
 *   0x06 u8  blockShift
 *   0x07 u8  version
 *   0x08 u64 fileId
 *   0x10 u64 blockIndex
 *   0x18 u64 generation
 * payload: every other 8-byte word of the block; the word at block byte offset 8*p is
 *   splitmix64(base + p * 0x9e3779b97f4a7c15), base = a hash of (seed, fileId, blockIndex, generation).
 * </pre>
 *
 * <p>The sector stamps do not name the seed: a sector is regenerated with the seed of this format.
 * Instances are immutable and thread-safe.
 */
public final class BlockFormat {

    public static final int SECTOR = 512;
    public static final int HEADER_BYTES = 64;
    public static final int STAMP_BYTES = 32;
    public static final int MAGIC = 0x4250524b;        // "KRPB" little-endian
    public static final int SECTOR_MAGIC = 0x5350524b; // "KRPS" little-endian
    public static final int VERSION = 1;
    public static final int DEFAULT_BLOCK_SIZE = 4096;
    public static final int MAX_BLOCK_SIZE = 1 << 20;

    static final int OFF_CRC = 0x00;
    static final int OFF_MAGIC = 0x04;
    static final int OFF_VERSION = 0x08;
    static final int OFF_SHIFT = 0x0a;
    static final int OFF_FLAGS = 0x0b;
    static final int OFF_FILE = 0x10;
    static final int OFF_BLOCK = 0x18;
    static final int OFF_GEN = 0x20;
    static final int OFF_SEED = 0x28;

    static final int ST_MAGIC = 0x00;
    static final int ST_SECTOR = 0x04;
    static final int ST_SHIFT = 0x06;
    static final int ST_VERSION = 0x07;
    static final int ST_FILE = 0x08;
    static final int ST_BLOCK = 0x10;
    static final int ST_GEN = 0x18;

    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    private static final long SALT = 0x312d6f727065726bL; // "krepro-1" little-endian; part of payload version 1

    private final int blockSize;
    private final int blockShift;
    private final long seed;

    public BlockFormat(int blockSize, long seed) {
        if (blockSize < SECTOR || blockSize > MAX_BLOCK_SIZE || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size must be a power of two in [512, 1 MiB]: " + blockSize);
        }
        this.blockSize = blockSize;
        this.blockShift = Integer.numberOfTrailingZeros(blockSize);
        this.seed = seed;
    }

    /** A 4 KiB format with this seed. */
    public static BlockFormat withSeed(long seed) {
        return new BlockFormat(DEFAULT_BLOCK_SIZE, seed);
    }

    public int blockSize() {
        return blockSize;
    }

    public int blockShift() {
        return blockShift;
    }

    public long seed() {
        return seed;
    }

    public int sectorsPerBlock() {
        return blockSize / SECTOR;
    }

    /** This format with another seed (a sector from another run is regenerated with the seed its header names). */
    BlockFormat withOtherSeed(long otherSeed) {
        return otherSeed == seed ? this : new BlockFormat(blockSize, otherSeed);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Fills {@code dst} (exactly one block long) with block {@code blockIndex} of file {@code fileId}
     * at generation {@code generation}. {@code dst} must be a native segment or one backed by a byte[].
     */
    public void fill(MemorySegment dst, long fileId, long blockIndex, long generation) {
        if (dst.byteSize() != blockSize) {
            throw new IllegalArgumentException("segment of " + dst.byteSize() + " bytes is not one block of " + blockSize);
        }
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be >= 1: " + generation);
        }
        long base = base(seed, fileId, blockIndex, generation);
        int sectors = blockSize / SECTOR;
        for (int k = 0; k < sectors; k++) {
            long s = (long) k * SECTOR;
            int headerLen;
            if (k == 0) {
                dst.set(LE_INT, OFF_CRC, 0);
                dst.set(LE_INT, OFF_MAGIC, MAGIC);
                dst.set(LE_SHORT, OFF_VERSION, (short) VERSION);
                dst.set(ValueLayout.JAVA_BYTE, OFF_SHIFT, (byte) blockShift);
                dst.set(ValueLayout.JAVA_BYTE, OFF_FLAGS, (byte) 0);
                dst.set(LE_INT, 0x0c, 0);
                dst.set(LE_LONG, OFF_FILE, fileId);
                dst.set(LE_LONG, OFF_BLOCK, blockIndex);
                dst.set(LE_LONG, OFF_GEN, generation);
                dst.set(LE_LONG, OFF_SEED, seed);
                dst.set(LE_LONG, 0x30, 0L);
                dst.set(LE_LONG, 0x38, 0L);
                headerLen = HEADER_BYTES;
            } else {
                dst.set(LE_INT, s + ST_MAGIC, SECTOR_MAGIC);
                dst.set(LE_SHORT, s + ST_SECTOR, (short) k);
                dst.set(ValueLayout.JAVA_BYTE, s + ST_SHIFT, (byte) blockShift);
                dst.set(ValueLayout.JAVA_BYTE, s + ST_VERSION, (byte) VERSION);
                dst.set(LE_LONG, s + ST_FILE, fileId);
                dst.set(LE_LONG, s + ST_BLOCK, blockIndex);
                dst.set(LE_LONG, s + ST_GEN, generation);
                headerLen = STAMP_BYTES;
            }
            long from = s + headerLen;
            long to = s + SECTOR;
            long p = from >>> 3;
            for (long off = from; off < to; off += 8, p++) {
                dst.set(LE_LONG, off, mix64(base + p * GAMMA));
            }
        }
        dst.set(LE_INT, OFF_CRC, crcOf(dst));
    }

    /** Fills {@code count} consecutive blocks of one file, all at one generation, into {@code dst}. */
    public void fill(MemorySegment dst, long fileId, long firstBlock, int count, long generation) {
        if (dst.byteSize() < (long) count * blockSize) {
            throw new IllegalArgumentException("segment of " + dst.byteSize() + " bytes is shorter than "
                    + count + " blocks of " + blockSize);
        }
        for (int i = 0; i < count; i++) {
            fill(dst.asSlice((long) i * blockSize, blockSize), fileId, firstBlock + i, generation);
        }
    }

    /** Fills {@code dst} from its position with whole blocks (its remaining bytes must be a multiple of the block size); the position is unchanged. */
    public void fill(ByteBuffer dst, long fileId, long firstBlock, long generation) {
        int len = dst.remaining();
        if (len % blockSize != 0) {
            throw new IllegalArgumentException(len + " bytes remaining is not a whole number of " + blockSize + "-byte blocks");
        }
        MemorySegment seg = MemorySegment.ofBuffer(dst);
        fill(seg, fileId, firstBlock, len / blockSize, generation);
    }

    /** A new heap buffer holding the given blocks. */
    public byte[] blocks(long fileId, long firstBlock, int count, long generation) {
        byte[] b = new byte[Math.multiplyExact(count, blockSize)];
        fill(MemorySegment.ofArray(b), fileId, firstBlock, count, generation);
        return b;
    }

    // ---------------------------------------------------------------- checking

    /** CRC32C of bytes [4, blockSize) of the block. */
    public static int crcOf(MemorySegment block) {
        CRC32C c = new CRC32C();
        c.update(block.asSlice(4).asByteBuffer());
        return (int) c.getValue();
    }

    /** The CRC stored in the block. */
    public static int storedCrc(MemorySegment block) {
        return block.get(LE_INT, OFF_CRC);
    }

    /** True when the block's stored CRC matches its content. */
    public static boolean crcValid(MemorySegment block) {
        return storedCrc(block) == crcOf(block);
    }

    /** The header fields as found (whatever they are: they are only meaningful when the magic is right). */
    public static BlockHeader header(MemorySegment block) {
        return new BlockHeader(block.get(LE_INT, OFF_CRC), block.get(LE_INT, OFF_MAGIC),
                Short.toUnsignedInt(block.get(LE_SHORT, OFF_VERSION)),
                Byte.toUnsignedInt(block.get(ValueLayout.JAVA_BYTE, OFF_SHIFT)),
                Byte.toUnsignedInt(block.get(ValueLayout.JAVA_BYTE, OFF_FLAGS)),
                block.get(LE_LONG, OFF_FILE), block.get(LE_LONG, OFF_BLOCK),
                block.get(LE_LONG, OFF_GEN), block.get(LE_LONG, OFF_SEED));
    }

    // ---------------------------------------------------------------- payload stream

    static long base(long seed, long fileId, long blockIndex, long generation) {
        long h = mix64(seed ^ SALT);
        h = mix64(h ^ fileId * 0xbf58476d1ce4e5b9L);
        h = mix64(h ^ blockIndex * 0x94d049bb133111ebL);
        h = mix64(h ^ generation * GAMMA);
        return h;
    }

    /** The splitmix64 finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "BlockFormat[v" + VERSION + ", " + blockSize + " bytes, seed 0x" + Long.toHexString(seed) + "]";
    }
}
