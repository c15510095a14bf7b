package org.krepro.runner.verify;

import java.util.Arrays;
import java.util.Objects;

/**
 * What one data file must hold: per block, the range of generations [lo, hi] that are acceptable, and
 * the range of lengths the file may have. Generation 0 means "never written": a block whose range
 * starts at 0 may read back as zeros (a hole).
 *
 * <ul>
 *   <li>{@link #written} records a write the workload knows completed: the block must now be at exactly
 *       that generation.</li>
 *   <li>{@link #inFlight} records a write whose outcome the workload cannot know (a racing writer, a
 *       write interrupted by the end of the budget, a write that failed with an error): the block may
 *       be at its previous generation(s) or at this one.</li>
 *   <li>{@link #completed} narrows after an {@link #inFlight}: the workload learned that the write reached
 *       the file (e.g. it returned and nothing wrote that block after it).</li>
 * </ul>
 * Thread-safe: workload threads record concurrently.
 */
public final class ExpectedFile {
    private final long id;
    private final String path;
    private long[] lo = new long[16];
    private long[] hi = new long[16];
    private long minBlocks;
    private long maxBlocks;

    ExpectedFile(long id, String path) {
        if (id < 0) {
            throw new IllegalArgumentException("file id must be >= 0: " + id);
        }
        this.id = id;
        this.path = Objects.requireNonNull(path, "path");
    }

    public long id() {
        return id;
    }

    /** The file's path relative to the filesystem's root (the mount point). */
    public String path() {
        return path;
    }

    /** Blocks [first, first+count) were written at {@code generation} and the write completed. */
    public synchronized void written(long first, long count, long generation) {
        checkGen(generation);
        long end = ensure(first, count);
        for (long i = first; i < end; i++) {
            lo[(int) i] = generation;
            hi[(int) i] = generation;
        }
        minBlocks = Math.max(minBlocks, end);
        maxBlocks = Math.max(maxBlocks, end);
    }

    /** A write of blocks [first, first+count) at {@code generation} may or may not have reached the file. */
    public synchronized void inFlight(long first, long count, long generation) {
        checkGen(generation);
        long end = ensure(first, count);
        for (long i = first; i < end; i++) {
            hi[(int) i] = Math.max(hi[(int) i], generation);
        }
        maxBlocks = Math.max(maxBlocks, end);
    }

    /** An {@link #inFlight} write is now known to have reached the file: generations older than it are no longer accepted. */
    public synchronized void completed(long first, long count, long generation) {
        checkGen(generation);
        long end = ensure(first, count);
        for (long i = first; i < end; i++) {
            int j = (int) i;
            lo[j] = Math.max(lo[j], generation);
            hi[j] = Math.max(hi[j], lo[j]);
        }
        minBlocks = Math.max(minBlocks, end);
        maxBlocks = Math.max(maxBlocks, end);
    }

    /** The file was truncated (or extended) to exactly {@code blocks} blocks; blocks beyond an extension are holes. */
    public synchronized void truncated(long blocks) {
        if (blocks < 0) {
            throw new IllegalArgumentException("negative length");
        }
        ensure(0, blocks);
        int n = lo.length;
        if (blocks < n) {
            Arrays.fill(lo, (int) blocks, n, 0L);
            Arrays.fill(hi, (int) blocks, n, 0L);
        }
        minBlocks = blocks;
        maxBlocks = blocks;
    }

    /** Overrides the accepted length, in blocks, e.g. after a racing truncate: {@code min <= length <= max}. */
    public synchronized void lengthBetween(long minBlocks, long maxBlocks) {
        if (minBlocks < 0 || maxBlocks < minBlocks) {
            throw new IllegalArgumentException("bad length range [" + minBlocks + ", " + maxBlocks + "]");
        }
        ensure(0, maxBlocks);
        this.minBlocks = minBlocks;
        this.maxBlocks = maxBlocks;
    }

    /** Lowest accepted generation of a block (0: zeros accepted). */
    public synchronized long lo(long block) {
        return block < lo.length ? lo[(int) block] : 0;
    }

    /** Highest accepted generation of a block (0: only zeros accepted). */
    public synchronized long hi(long block) {
        return block < hi.length ? hi[(int) block] : 0;
    }

    /** The file must be at least this many blocks long. */
    public synchronized long minBlocks() {
        return minBlocks;
    }

    /** The file may be at most this many blocks long. */
    public synchronized long maxBlocks() {
        return maxBlocks;
    }

    /** A consistent copy, for the verifier (which must not see writes recorded while it runs). */
    synchronized Snapshot snapshot() {
        int n = (int) maxBlocks;
        return new Snapshot(id, path, Arrays.copyOf(lo, n), Arrays.copyOf(hi, n), minBlocks, maxBlocks);
    }

    record Snapshot(long id, String path, long[] lo, long[] hi, long minBlocks, long maxBlocks) {
        long lo(long i) {
            return i < lo.length ? lo[(int) i] : 0;
        }

        long hi(long i) {
            return i < hi.length ? hi[(int) i] : 0;
        }
    }

    private long ensure(long first, long count) {
        if (first < 0 || count < 0) {
            throw new IllegalArgumentException("negative block range " + first + "+" + count);
        }
        long end = first + count;
        if (end > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("block range beyond 2^31 blocks: " + end);
        }
        if (end > lo.length) {
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, lo.length * 2L));
            lo = Arrays.copyOf(lo, cap);
            hi = Arrays.copyOf(hi, cap);
        }
        return end;
    }

    private static void checkGen(long generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be >= 1: " + generation);
        }
    }

    @Override
    public synchronized String toString() {
        return "ExpectedFile[" + id + " " + path + ", " + minBlocks + ".." + maxBlocks + " blocks]";
    }
}
