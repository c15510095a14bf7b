package org.krepro.runner.verify;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.TestContext;

/**
 * Reads every expected data file back and judges each block against the {@link ExpectedState}.
 *
 * <p>Each file is read twice, from the disk with O_DIRECT and through the page cache, chunk by chunk;
 * where the two differ the block is reported as a {@link CacheMismatch}. The disk view is then
 * checked block by block: the fast path compares the header fields with the expectation and the CRC32C
 * with the content, and only a block that fails goes to the {@link BlockClassifier}. Bad blocks that
 * are reported in detail get their device offset from FIEMAP.
 *
 * <pre>
 *   VerifyResult r = Verifier.of(state).devices(ctx.devices(), ctx.config().fs()).verify(ctx.mountPoint());
 *   r.findings().forEach(ctx::report);
 * </pre>
 */
public final class Verifier {
    public static final int DEFAULT_MAX_LISTED = 16;
    static final int CHUNK = 4 << 20;

    private final ExpectedState state;
    private int maxListed = DEFAULT_MAX_LISTED;
    private List<Path> devices = List.of();
    private Filesystem fs;
    private boolean bothViews = true;

    private Verifier(ExpectedState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    public static Verifier of(ExpectedState state) {
        return new Verifier(state);
    }

    /** How many bad blocks the report details (per file and class, and overall); 16 by default. */
    public Verifier maxListed(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative: " + n);
        }
        this.maxListed = n;
        return this;
    }

    /** The devices the filesystem lives on, to turn FIEMAP physical offsets into device offsets. */
    public Verifier devices(List<Path> devs, Filesystem filesystem) {
        this.devices = List.copyOf(devs);
        this.fs = filesystem;
        return this;
    }

    /** Reads only through O_DIRECT (skips the buffered read and the page-cache comparison). */
    public Verifier diskOnly() {
        this.bothViews = false;
        return this;
    }

    /** Verifies the files under a mounted filesystem's root, reading with native O_DIRECT and buffered I/O. */
    public VerifyResult verify(Path root) throws IOException {
        return verify(new FsDataSource(root));
    }

    /** Verifies the files of a test after its remount. */
    public static VerifyResult verify(TestContext ctx, ExpectedState state) throws IOException {
        return of(state).devices(ctx.devices(), ctx.config().fs()).verify(ctx.mountPoint());
    }

    /** Verifies the files of any source (the mounted filesystem, or memory). */
    public VerifyResult verify(DataSource source) throws IOException {
        BlockFormat format = state.format();
        VerifyResult result = new VerifyResult(format, maxListed);
        result.where(source.where(), fs == null ? "" : fs.id(), devices.stream().map(Path::toString).toList());
        BlockClassifier classifier = new BlockClassifier(format);
        long start = System.nanoTime();
        long bytes = 0;
        List<ExpectedFile.Snapshot> snaps = state.files().stream().map(ExpectedFile::snapshot).toList();
        // Chunk buffers: 4 MiB, or less when every file is smaller.
        long largest = snaps.stream().mapToLong(sn -> sn.maxBlocks() * format.blockSize()).max().orElse(0);
        long chunk = Math.min(CHUNK, Math.max(format.blockSize(), (largest + 4095) & ~4095L));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment disk = arena.allocate(chunk, 4096);
            MemorySegment cache = bothViews ? arena.allocate(chunk, 4096) : null;
            FastPath fast = new FastPath(format, disk);
            for (ExpectedFile.Snapshot snap : snaps) {
                bytes += verifyFile(source, snap, result, classifier, fast, disk, cache);
            }
        }
        result.finish(bytes, System.nanoTime() - start, bothViews);
        locate(source, result);
        return result;
    }

    private long verifyFile(DataSource source, ExpectedFile.Snapshot snap, VerifyResult result, BlockClassifier classifier,
                            FastPath fast, MemorySegment disk, MemorySegment cache) throws IOException {
        int bs = state.format().blockSize();
        VerifyResult.FileResult fr = result.addFile(snap.id(), snap.path(), snap.minBlocks(), snap.maxBlocks());
        DataSource.FileView dv;
        try {
            dv = source.open(snap.path(), DataSource.View.DISK);
        } catch (NoSuchFileException e) {
            fr.exists = false;
            for (long i = 0; i < snap.minBlocks(); i++) {
                missing(result, fr, snap, i, "the file does not exist");
            }
            return 0;
        } catch (IOException e) {
            // EIO, EUCLEAN...: the kernel will not open it. Every block it must hold is unreadable.
            result.note(snap.path() + ": open failed: " + e.getMessage());
            for (long i = 0; i < snap.minBlocks(); i++) {
                if (result.count(fr, DataClass.UNREADABLE, i, 1)) {
                    result.keep(fr, new BadBlock(snap.path(), snap.id(), i, bs, DataClass.UNREADABLE,
                            DataSource.View.DISK.label(), snap.lo(i), snap.hi(i), null, 0, List.of(),
                            "open failed: " + e.getMessage(), "", DeviceLocation.unknown("")));
                }
            }
            return 0;
        }
        long bytes = 0;
        try (dv; DataSource.FileView cv = cache != null ? source.open(snap.path(), DataSource.View.PAGE_CACHE) : null) {
            if (!dv.caveat().isEmpty()) {
                result.note(dv.caveat());
            }
            long size = dv.size();
            fr.size = size;
            long fullBlocks = size / bs;
            long checkBlocks = Math.min(fullBlocks, snap.maxBlocks());
            long blocksPerChunk = disk.byteSize() / bs;
            for (long first = 0; first < checkBlocks; first += blocksPerChunk) {
                int n = (int) Math.min(blocksPerChunk, checkBlocks - first);
                long len = (long) n * bs;
                MemorySegment d = disk.asSlice(0, len);
                String[] diskErrors = new String[n];
                long got = readChunk(dv, first * bs, d, diskErrors);
                if (got < len) {
                    // The file shrank under us (it should not: nothing else runs). Judge what was read.
                    result.note(String.format("%s: short read at offset 0x%x: %d of %d bytes", snap.path(), first * bs, got, len));
                    n = (int) (got / bs);
                    len = (long) n * bs;
                    d = disk.asSlice(0, len);
                }
                if (cv != null) {
                    MemorySegment c = cache.asSlice(0, len);
                    String[] cacheErrors = new String[n];
                    long gotc = readChunk(cv, first * bs, c, cacheErrors);
                    long mm = d.mismatch(c);
                    for (int j = 0; j < n; j++) {
                        boolean de = diskErrors[j] != null;
                        boolean ce = cacheErrors[j] != null || (long) (j + 1) * bs > gotc;
                        if (!de && !ce && (mm == -1 || (long) (j + 1) * bs <= mm)) {
                            continue;
                        }
                        MemorySegment db = d.asSlice((long) j * bs, bs);
                        MemorySegment cb = c.asSlice((long) j * bs, bs);
                        if (de || ce) {
                            if (de != ce) {
                                String why = ce ? (cacheErrors[j] != null ? cacheErrors[j] : "short read") : diskErrors[j];
                                unreadableMismatch(result, fr, snap, classifier, first + j, db, cb, de, why);
                            }
                            continue;
                        }
                        long at = db.mismatch(cb);
                        if (at != -1) {
                            mismatch(result, fr, snap, classifier, first + j, db, cb, at);
                        }
                    }
                }
                fast.reset(d);
                for (int j = 0; j < n; j++) {
                    long idx = first + j;
                    long lo = snap.lo(idx);
                    long hi = snap.hi(idx);
                    if (diskErrors[j] != null) {
                        if (result.count(fr, DataClass.UNREADABLE, idx, 1)) {
                            result.keep(fr, new BadBlock(snap.path(), snap.id(), idx, bs, DataClass.UNREADABLE,
                                    DataSource.View.DISK.label(), lo, hi, null, 0, List.of(),
                                    "read failed: " + diskErrors[j], "", DeviceLocation.unknown("not looked up")));
                        }
                    } else if (!fast.ok(j, snap.id(), idx, lo, hi)) {
                        MemorySegment blk = d.asSlice((long) j * bs, bs);
                        BadBlock b = classifier.classifyBare(blk, snap.path(), snap.id(), idx, lo, hi, DataSource.View.DISK.label());
                        if (b != null && result.count(fr, b.cls(), idx, 1)) {
                            result.keep(fr, classifier.withEvidence(b, blk));
                        }
                    }
                }
                fr.blocksChecked += n;
                bytes += len;
            }
            // Shorter than written: every missing block, the partial last one included.
            for (long i = fullBlocks; i < snap.minBlocks(); i++) {
                String why = i * bs < size
                        ? String.format("the file ends at offset 0x%x, inside this block", size)
                        : String.format("the file ends at offset 0x%x", size);
                missing(result, fr, snap, i, why);
            }
            // A partial last block within the accepted length but beyond the minimum: it was cut.
            long maxBytes = snap.maxBlocks() * bs;
            if (size % bs != 0 && fullBlocks >= snap.minBlocks() && fullBlocks < snap.maxBlocks()) {
                missing(result, fr, snap, fullBlocks, String.format("the file ends at offset 0x%x, inside this block", size));
            }
            if (size > maxBytes) {
                long extra = (size - maxBytes + bs - 1) / bs;
                long idx = snap.maxBlocks();
                if (result.count(fr, DataClass.EXTRA, idx, extra)) {
                    result.keep(fr, new BadBlock(snap.path(), snap.id(), idx, bs, DataClass.EXTRA, DataSource.View.DISK.label(),
                            0, 0, null, 0, List.of(),
                            String.format("the file is %d (0x%x) bytes long, at most %d (0x%x) were written: %d block(s) beyond",
                                    size, size, maxBytes, maxBytes, extra), "", DeviceLocation.unknown("")));
                }
            }
        }
        return bytes;
    }

    /**
     * Reads a chunk; when the read fails (EIO from a checksum failure, a media error), reads it again block
     * by block, zero-fills each block that cannot be read and records why in {@code errors}. Returns the
     * number of bytes covered (blocks that failed included).
     */
    private long readChunk(DataSource.FileView view, long offset, MemorySegment dst, String[] errors) {
        try {
            return view.read(offset, dst);
        } catch (IOException e) {
            int bs = state.format().blockSize();
            long done = 0;
            for (int j = 0; j < errors.length; j++) {
                MemorySegment b = dst.asSlice((long) j * bs, bs);
                try {
                    long got = view.read(offset + (long) j * bs, b);
                    done += got;
                    if (got < bs) {
                        break;
                    }
                } catch (IOException e2) {
                    b.fill((byte) 0);
                    errors[j] = e2.getMessage();
                    done += bs;
                }
            }
            return done;
        }
    }

    private void unreadableMismatch(VerifyResult result, VerifyResult.FileResult fr, ExpectedFile.Snapshot snap,
                                    BlockClassifier classifier, long idx, MemorySegment diskBlock, MemorySegment cacheBlock,
                                    boolean diskFailed, String why) {
        if (!result.countMismatch(fr, idx)) {
            return;
        }
        int bs = state.format().blockSize();
        long lo = snap.lo(idx);
        long hi = snap.hi(idx);
        BadBlock failed = new BadBlock(snap.path(), snap.id(), idx, bs, DataClass.UNREADABLE,
                (diskFailed ? DataSource.View.DISK : DataSource.View.PAGE_CACHE).label(), lo, hi, null, 0, List.of(),
                "read failed: " + why, "", DeviceLocation.unknown(""));
        BadBlock readable = diskFailed
                ? classifier.classify(cacheBlock, snap.path(), snap.id(), idx, lo, hi, DataSource.View.PAGE_CACHE.label())
                : classifier.classify(diskBlock, snap.path(), snap.id(), idx, lo, hi, DataSource.View.DISK.label());
        result.keepMismatch(fr, new CacheMismatch(snap.path(), snap.id(), idx, bs, 0,
                diskFailed ? failed : readable, diskFailed ? readable : failed, ""));
    }

    private void missing(VerifyResult result, VerifyResult.FileResult fr, ExpectedFile.Snapshot snap, long idx, String why) {
        if (result.count(fr, DataClass.MISSING, idx, 1)) {
            result.keep(fr, new BadBlock(snap.path(), snap.id(), idx, state.format().blockSize(), DataClass.MISSING,
                    DataSource.View.DISK.label(), snap.lo(idx), snap.hi(idx), null, 0, List.of(), why, "",
                    DeviceLocation.unknown("")));
        }
    }

    private void mismatch(VerifyResult result, VerifyResult.FileResult fr, ExpectedFile.Snapshot snap, BlockClassifier classifier,
                          long idx, MemorySegment diskBlock, MemorySegment cacheBlock, long at) {
        if (!result.countMismatch(fr, idx)) {
            return;
        }
        long lo = snap.lo(idx);
        long hi = snap.hi(idx);
        BadBlock dv = classifier.classify(diskBlock, snap.path(), snap.id(), idx, lo, hi, DataSource.View.DISK.label());
        BadBlock cv = classifier.classify(cacheBlock, snap.path(), snap.id(), idx, lo, hi, DataSource.View.PAGE_CACHE.label());
        int bs = state.format().blockSize();
        StringBuilder hex = new StringBuilder("first 64 bytes (\"found\" = page cache, \"expected\" = disk):\n");
        Hex.excerpt(hex, "  ", cacheBlock, diskBlock, 0, 64);
        if (at >= 64) {
            hex.append(String.format("around the first difference, block offset 0x%x:%n", at));
            Hex.excerpt(hex, "  ", cacheBlock, diskBlock, Math.max(0, (at & ~15L) - 16), Math.min(bs, (at & ~15L) + 32));
        }
        result.keepMismatch(fr, new CacheMismatch(snap.path(), snap.id(), idx, bs, at, dv, cv, hex.toString()));
    }

    /** Adds device offsets (FIEMAP) to the bad blocks the report details. */
    private void locate(DataSource source, VerifyResult result) {
        Map<String, List<Extent>> extents = new HashMap<>();
        Map<String, String> failures = new HashMap<>();
        Map<BadBlock, BadBlock> located = new HashMap<>();
        for (BadBlock b : result.allKept()) {
            if (b.cls() == DataClass.MISSING || b.cls() == DataClass.EXTRA) {
                continue;
            }
            if (!extents.containsKey(b.path()) && !failures.containsKey(b.path())) {
                try {
                    extents.put(b.path(), source.extents(b.path()));
                } catch (IOException | RuntimeException e) {
                    failures.put(b.path(), "FIEMAP failed: " + e.getMessage());
                }
            }
            DeviceLocation loc = failures.containsKey(b.path())
                    ? DeviceLocation.unknown(failures.get(b.path()))
                    : DeviceMap.locate(extents.get(b.path()), b.fileOffset(), devices, fs);
            located.put(b, b.withLocation(loc));
        }
        result.relocate(located);
    }

    /**
     * The fast path: header fields against the expectation, then CRC32C over the block. Kept apart so
     * that the benchmark measures exactly what verification runs.
     */
    static final class FastPath {
        private final int bs;
        private final long seed;
        private final long word;
        private final CRC32C crc = new CRC32C();
        private MemorySegment seg;
        private ByteBuffer buf;

        FastPath(BlockFormat format, MemorySegment initial) {
            this.bs = format.blockSize();
            this.seed = format.seed();
            // bytes 4..11: magic, version, block shift, flags
            this.word = (BlockFormat.MAGIC & 0xffffffffL) | ((long) BlockFormat.VERSION << 32)
                    | ((long) format.blockShift() << 48);
            reset(initial);
        }

        void reset(MemorySegment s) {
            if (s != seg) {
                seg = s;
                buf = s.asByteBuffer();
            }
        }

        /** True when block {@code j} of the segment is block {@code idx} of file {@code id} at a generation in [lo, hi]. */
        boolean ok(int j, long id, long idx, long lo, long hi) {
            long off = (long) j * bs;
            MemorySegment s = seg;
            if (s.get(BlockFormat.LE_LONG, off + 4) != word
                    || s.get(BlockFormat.LE_LONG, off + BlockFormat.OFF_FILE) != id
                    || s.get(BlockFormat.LE_LONG, off + BlockFormat.OFF_BLOCK) != idx
                    || s.get(BlockFormat.LE_LONG, off + BlockFormat.OFF_SEED) != seed) {
                return false;
            }
            long g = s.get(BlockFormat.LE_LONG, off + BlockFormat.OFF_GEN);
            if (g < lo || g > hi || g < 1) {
                return false;
            }
            int p = (int) off;
            buf.limit(p + bs).position(p + 4);
            crc.reset();
            crc.update(buf);
            return (int) crc.getValue() == s.get(BlockFormat.LE_INT, off);
        }
    }

    /**
     * The fast path over a buffer holding a whole file, block by block against the file's expectation,
     * exactly as {@link #verify(DataSource)} runs it on each chunk; returns the number of blocks that pass.
     * For the benchmark and tests.
     */
    static long fastScan(BlockFormat format, MemorySegment blocks, ExpectedFile file) {
        ExpectedFile.Snapshot snap = file.snapshot();
        FastPath fp = new FastPath(format, blocks);
        int n = (int) Math.min(blocks.byteSize() / format.blockSize(), snap.maxBlocks());
        long good = 0;
        for (int j = 0; j < n; j++) {
            if (fp.ok(j, snap.id(), j, snap.lo(j), snap.hi(j))) {
                good++;
            }
        }
        return good;
    }
}
