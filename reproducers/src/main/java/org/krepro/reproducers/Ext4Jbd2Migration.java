package org.krepro.reproducers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestContext;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.Mapping;
import org.krepro.sys.NativeFile;
import org.krepro.sys.Numa;
import org.krepro.sys.PathCalls;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.mempolicy_h;
import org.krepro.sys.ffi.mman_h;

/**
 * jbd2 metadata buffer heads vs folio migration (seed {@code 000_a53dbcb685a758cc.txt}, Luis
 * Chamberlain, "[PATCH v2 1/8] migrate: fix skipping metadata buffer heads on migration"; fstests
 * generic/750: fsstress plus memory compaction, on the ext4-4k and ext4-2k profiles).
 *
 * <p>The thread's race: jbd2 writes a metadata buffer ({@code jbd2_journal_write_metadata_buffer()})
 * without the folio lock, the writeback bit or the buffer lock, so folio migration of the block
 * device's page cache ({@code __buffer_migrate_folio} -> {@code folio_set_bh()}) can move the buffer
 * under it. The traces it collected all follow one path:
 * <pre>
 *   do_writepages()
 *     -> ext4_do_writepages()
 *       -> ext4_map_blocks()
 *         -> ext4_ext_map_blocks()
 *           -> ext4_ext_insert_extent()
 *             -> __ext4_handle_dirty_metadata()
 *               -> jbd2_journal_dirty_metadata() -> ERROR -28 (ENOSPC)
 *                                          | kcompactd / move_pages:
 *                                          |   migrate the bdev folio holding that buffer head
 * </pre>
 * So the workload is the two columns of that picture:
 * <ul>
 *   <li><b>metadata load</b> ({@value #STRESSORS} threads, fsstress-like, each in its own directory):
 *       create, mkdir, write at random offsets of sparse files (extent-tree growth), extend, truncate,
 *       fallocate, unlink, rename, fsync, rmdir; ENOSPC is counted, not fatal;</li>
 *   <li><b>compactor</b>: {@code 1 > /proc/sys/vm/compact_memory} every 2-4 s, as generic/750 does;</li>
 *   <li><b>inode reader</b>: creates {@value #READER_FILES} files of its own and syncs them, then every
 *       {@value #READER_PAUSE_MS} ms drops the dentry and inode caches ({@code 2 > drop_caches}) and
 *       stats them, so that ext4 looks up their inode-table blocks ({@code __ext4_get_inode_loc} ->
 *       {@code sb_getblk} -> {@code __find_get_block}) while the mover moves them: the lookup side of
 *       the thread's race. iget verifies each inode's checksum, so a block read through a half-moved
 *       folio shows as "iget: checksum invalid";</li>
 *   <li><b>mover</b>: a read-only {@code MAP_SHARED} mapping of the block device, so that its pages
 *       are the bdev page-cache folios that carry ext4's and jbd2's buffer heads; it walks the blocks
 *       ext4 looks up again and again (block and inode bitmaps, inode tables, from {@code dumpe2fs})
 *       window by window, maps those pages and {@code move_pages(MPOL_MF_MOVE_ALL)}s them to the next
 *       NUMA node, every sweep to the other one. Not the superblock and group descriptors (ext4 holds
 *       their buffers for the whole mount: they cannot move) nor the journal (written through fresh
 *       buffers, not looked up): moving those only made each sweep longer.
 *       (mincore cannot find them: folios read through buffer heads are not marked up to date, so it
 *       reports them absent.) On a one-node machine nothing can move: it asks move_pages where the
 *       pages are (a query with no target nodes), says so in a note, and the race relies on
 *       compaction.</li>
 * </ul>
 * A bad kernel shows it in the kernel log and fsck (the runner's detectors): jbd2/ext4 warnings,
 * "aborting transaction: error 28", "sleeping function called from invalid context" under kcompactd,
 * fsck damage. A short run proves the load; reaching the bug takes a long soak (reproducers/README.md).
 *
 * <p>Telemetry: {@code iterations} (steps of the four stressors), {@code race.attempts} (metadata
 * operations done), {@code op.<name>} per operation, {@code enospc}, {@code compactions},
 * {@code pages.moved} / {@code pages.move_failed} (two nodes) or {@code pages.queried} (one node),
 * {@code mover.iterations} (windows of up to 256 pages), {@code inode.reads} / {@code inode.read_errors}
 * (the reader's stats), facts {@code numa.nodes} and {@code mover.metadata_pages}.
 */
public final class Ext4Jbd2Migration implements Reproducer {
    /** The NUMA nodes the mover moves pages between; null: the machine's ({@link Numa#nodes()}). */
    private final List<Integer> moveNodes;
    private final boolean inodeReader;

    public Ext4Jbd2Migration() {
        this(null, true);
    }

    /** The loop its C twin in the reproducer bench mirrors: stressors, compactor and mover, no inode reader. */
    public static Ext4Jbd2Migration withoutInodeReader() {
        return new Ext4Jbd2Migration(null, false);
    }

    /**
     * With {@code moveNodes}, the mover moves pages between these nodes whatever the machine has; a test
     * on a one-node host passes {@code [0, 0]} to drive the MPOL_MF_MOVE_ALL path (moves to the node the
     * page is already on).
     */
    Ext4Jbd2Migration(List<Integer> moveNodes) {
        this(moveNodes, true);
    }

    private Ext4Jbd2Migration(List<Integer> moveNodes, boolean inodeReader) {
        this.moveNodes = moveNodes == null ? null : List.copyOf(moveNodes);
        this.inodeReader = inodeReader;
    }
    static final String ID = "ext4-jbd2-migration";
    static final int STRESSORS = 4;
    static final int MAX_FILES = 200;
    static final long MAX_FILE = 4L << 20;
    static final long MAX_BYTES_PER_THREAD = 48L << 20;
    static final int MOVE_WINDOW_PAGES = 256;
    static final int SWEEP_PAUSE_MS = 10;
    static final int PAGE = 4096;
    static final int READER_PAUSE_MS = 20;
    static final int READER_FILES = 2048;
    /** Inode-table blocks per group the mover walks: inodes are handed out from a table's start, and these hold every inode this load creates. */
    public static final int MOVED_INODE_TABLE_BLOCKS = 64;

    enum Op { CREATE, MKDIR, WRITE, EXTEND, TRUNCATE, FALLOCATE, UNLINK, RENAME, FSYNC, RMDIR }

    /** fsstress-like weights of {@link Op}, in order. */
    static final int[] WEIGHTS = {10, 3, 24, 8, 8, 8, 8, 6, 6, 2};

    @Override
    public ReproducerInfo info() {
        long dev = FsConfig.GIB;
        return new ReproducerInfo(ID,
                "jbd2 metadata buffer heads vs folio migration: fsstress + compaction + move_pages of the bdev cache",
                "000_a53dbcb685a758cc.txt",
                List.of(FsConfig.of(Filesystem.EXT4, "4k", dev).withMkfs("-b", "4096"),
                        FsConfig.of(Filesystem.EXT4, "2k", dev).withMkfs("-b", "2048"),
                        FsConfig.of(Filesystem.EXT4, "4k-data-journal", dev).withMkfs("-b", "4096")
                                .withMount("data=journal")),
                List.of("open", "pwrite", "ftruncate", "fallocate", "fsync", "mkdirat", "unlinkat", "renameat2",
                        "mmap", "move_pages"),
                false,
                List.of("not fixed: the thread's migration patch was not merged",
                        "related: ext4 journal credits for extent-tree growth (v6.16-rc1, stable backports)",
                        "related: mm/migrate: fix sleep in atomic for large folios and buffer heads (v6.15-rc4)"),
                Duration.ofSeconds(40),
                List.of("WARNING ... jbd2_journal_dirty_metadata",
                        "aborting transaction: error 28 in __ext4_handle_dirty_metadata",
                        "EXT4-fs error ... journal_dirty_metadata failed",
                        "EXT4-fs error ... iget: checksum invalid (an inode read through a buffer whose folio was half moved)",
                        "EXT4-fs error ... iget: bad extra_isize (the same, caught by the size check first)",
                        "BUG: sleeping function called from invalid context (kcompactd)",
                        "fsck: e2fsck finds damage"))
                .withRacePath("ext4_ext_index_trans_blocks", "jbd2_journal_dirty_metadata", "__buffer_migrate_folio",
                        "__find_get_block");
    }

    @Override
    public void run(TestContext ctx) throws Exception {
        RaceThreads race = new RaceThreads(ctx);
        for (int t = 0; t < STRESSORS; t++) {
            Stressor s = new Stressor(ctx, t);
            race.driver("stress." + t, s::step);
        }
        Compactor compactor = new Compactor(ctx, race);
        race.helper("compactor", compactor::step);
        Mover mover = new Mover(ctx, race, moveNodes == null ? Numa.nodes() : moveNodes);
        race.helper("mover", mover::step, mover::close);
        if (inodeReader) {
            InodeReader reader = new InodeReader(ctx, race);
            race.helper("inode-reader", reader::step);
        }
        race.run(Duration.ofSeconds(30));
    }

    /** One fsstress process: a random walk of metadata operations in its own directory. */
    static final class Stressor {
        private final TestContext ctx;
        private final SplittableRandom rnd;
        private final Path home;
        private final List<Path> files = new ArrayList<>();
        private final List<Path> dirs = new ArrayList<>();
        private final LongAdder[] opCount = new LongAdder[Op.values().length];
        private final LongAdder enospc;
        private final LongAdder attempts;
        private final Arena arena = Arena.ofAuto();
        private final MemorySegment data;
        private final int total;
        private long bytes;
        private long names;

        Stressor(TestContext ctx, int index) {
            this.ctx = ctx;
            this.rnd = ctx.random("stress." + index);
            this.home = ctx.mountPoint().resolve("p" + index);
            for (Op op : Op.values()) {
                opCount[op.ordinal()] = ctx.telemetry().counter("op." + op.name().toLowerCase());
            }
            this.enospc = ctx.telemetry().counter("enospc");
            this.attempts = ctx.telemetry().counter("race.attempts");
            this.data = arena.allocate(64 * 1024, PAGE);
            for (long i = 0; i < data.byteSize(); i += 8) {
                data.set(ValueLayout.JAVA_LONG_UNALIGNED, i, rnd.nextLong());
            }
            int sum = 0;
            for (int w : WEIGHTS) {
                sum += w;
            }
            this.total = sum;
        }

        boolean step(long i) {
            if (i == 0) {
                PathCalls.mkdir(home);
                dirs.add(home);
            }
            Op op = pick();
            try {
                if (apply(op)) {
                    opCount[op.ordinal()].increment();
                    attempts.increment();
                }
            } catch (ErrnoException e) {
                if (e.is(errno_h.ENOSPC())) {
                    enospc.increment();
                    shrink();
                } else if (!e.is(errno_h.ENOENT()) && !e.is(errno_h.EEXIST())) {
                    throw e;
                }
            }
            return true;
        }

        private Op pick() {
            if (bytes > MAX_BYTES_PER_THREAD || files.size() >= MAX_FILES) {
                return rnd.nextBoolean() ? Op.UNLINK : Op.TRUNCATE;
            }
            int r = rnd.nextInt(total);
            for (Op op : Op.values()) {
                r -= WEIGHTS[op.ordinal()];
                if (r < 0) {
                    return op;
                }
            }
            return Op.WRITE;
        }

        private Path anyFile() {
            return files.isEmpty() ? null : files.get(rnd.nextInt(files.size()));
        }

        private Path newName(String prefix) {
            Path dir = dirs.get(rnd.nextInt(dirs.size()));
            return dir.resolve(prefix + Long.toString(names++, 36));
        }

        /** Returns false when the operation had nothing to work on. */
        private boolean apply(Op op) {
            switch (op) {
                case CREATE -> {
                    Path p = newName("f");
                    try (NativeFile f = NativeFile.open(p, fcntl_h.O_WRONLY() | fcntl_h.O_CREAT() | fcntl_h.O_EXCL())) {
                        files.add(p);
                        if (rnd.nextBoolean()) {
                            write(f, 0);
                        }
                    }
                }
                case MKDIR -> {
                    Path p = newName("d");
                    PathCalls.mkdir(p);
                    dirs.add(p);
                }
                case WRITE, EXTEND -> {
                    Path p = anyFile();
                    if (p == null) {
                        return false;
                    }
                    try (NativeFile f = NativeFile.open(p, fcntl_h.O_WRONLY())) {
                        if (op == Op.WRITE) {
                            // a random offset of a sparse file: a new extent, often a new tree block
                            write(f, rnd.nextLong(MAX_FILE / 512) * 512);
                        } else {
                            long size = f.statx().size();
                            f.ftruncate(Math.min(MAX_FILE, size + 1 + rnd.nextLong(256 * 1024)));
                        }
                    }
                }
                case TRUNCATE -> {
                    Path p = anyFile();
                    if (p == null) {
                        return false;
                    }
                    try (NativeFile f = NativeFile.open(p, fcntl_h.O_WRONLY())) {
                        long size = f.statx().size();
                        long to = size == 0 ? 0 : rnd.nextLong(size);
                        f.ftruncate(to);
                        bytes = Math.max(0, bytes - (size - to));
                    }
                }
                case FALLOCATE -> {
                    Path p = anyFile();
                    if (p == null) {
                        return false;
                    }
                    try (NativeFile f = NativeFile.open(p, fcntl_h.O_WRONLY())) {
                        long off = rnd.nextLong(MAX_FILE / PAGE) * PAGE;
                        long len = (1 + rnd.nextInt(32)) * (long) PAGE;
                        int mode = switch (rnd.nextInt(3)) {
                            case 0 -> 0;
                            case 1 -> fcntl_h.FALLOC_FL_KEEP_SIZE();
                            default -> fcntl_h.FALLOC_FL_PUNCH_HOLE() | fcntl_h.FALLOC_FL_KEEP_SIZE();
                        };
                        f.fallocate(mode, off, len);
                        bytes += mode == (fcntl_h.FALLOC_FL_PUNCH_HOLE() | fcntl_h.FALLOC_FL_KEEP_SIZE()) ? 0 : len;
                    }
                }
                case UNLINK -> {
                    if (files.isEmpty()) {
                        return false;
                    }
                    Path p = files.remove(rnd.nextInt(files.size()));
                    PathCalls.unlink(p);
                    bytes = Math.max(0, bytes - MAX_FILE / 4);
                }
                case RENAME -> {
                    if (files.isEmpty()) {
                        return false;
                    }
                    int k = rnd.nextInt(files.size());
                    Path to = newName("r");
                    PathCalls.rename(files.get(k), to);
                    files.set(k, to);
                }
                case FSYNC -> {
                    Path p = anyFile();
                    if (p == null) {
                        return false;
                    }
                    try (NativeFile f = NativeFile.open(p, fcntl_h.O_WRONLY())) {
                        f.fsync();
                    }
                }
                case RMDIR -> {
                    if (dirs.size() < 2) {
                        return false;
                    }
                    int k = 1 + rnd.nextInt(dirs.size() - 1);
                    if (!PathCalls.rmdirIfEmpty(dirs.get(k))) {
                        return false;   // it holds files: most tries (the C twin's rmdir fails the same way)
                    }
                    dirs.remove(k);
                }
            }
            return true;
        }

        private void write(NativeFile f, long off) {
            int len = 512 * (1 + rnd.nextInt(32));
            int from = rnd.nextInt((int) data.byteSize() - len + 1) & ~7;
            f.writeFully(data.asSlice(from, len), off);
            bytes += len;
        }

        /** After ENOSPC: give space back, as fsstress's own unlinks would. */
        private void shrink() {
            for (int k = 0; k < 8 && !files.isEmpty(); k++) {
                Path p = files.remove(files.size() - 1);
                try {
                    PathCalls.unlink(p);
                } catch (ErrnoException ignored) {
                    // already gone or still no space for the directory update: keep going
                }
            }
            bytes = bytes / 2;
        }
    }

    /**
     * Makes ext4 look up inode-table blocks that nothing holds while the mover moves them. Blocks that
     * the stressors keep changing are pinned by jbd2 (a journal head holds a buffer reference until the
     * block is checkpointed), and migration refuses to move a folio whose buffers are referenced; so the
     * reader creates its own {@value #READER_FILES} files once (more inode-table blocks than the
     * per-CPU buffer-head LRU keeps, so its lookups take the slow path), syncs them to their home
     * blocks, and then, round after round, drops the dentry and inode caches and stats them all: every stat is an
     * iget that looks its inode-table block up ({@code __ext4_get_inode_loc} -> {@code sb_getblk}) and
     * verifies the inode's checksum. Errors are counted, not thrown (the kernel log carries the finding).
     */
    static final class InodeReader {
        private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");
        private final TestContext ctx;
        private final RaceThreads race;
        private final LongAdder reads;
        private final LongAdder errors;
        private final Arena arena = Arena.ofAuto();
        private final MemorySegment two = arena.allocateFrom("2");
        private final MemorySegment statxBuf = arena.allocate(org.krepro.sys.ffi.statx.layout());
        private final List<MemorySegment> names = new ArrayList<>();
        private boolean canDrop = true;

        InodeReader(TestContext ctx, RaceThreads race) {
            this.ctx = ctx;
            this.race = race;
            this.reads = ctx.telemetry().counter("inode.reads");
            this.errors = ctx.telemetry().counter("inode.read_errors");
        }

        boolean step(long i) throws Exception {
            if (i == 0) {
                Path dir = ctx.mountPoint().resolve("iget");
                PathCalls.mkdir(dir);
                for (int k = 0; k < READER_FILES; k++) {
                    Path f = dir.resolve("i" + k);
                    try (NativeFile file = NativeFile.open(f, fcntl_h.O_WRONLY() | fcntl_h.O_CREAT() | fcntl_h.O_EXCL())) {
                        names.add(arena.allocateFrom(f.toString()));
                    }
                }
                ctx.exec(List.of("sync")); // home blocks written: jbd2 lets go of them at a later commit
                return true;
            }
            if (!race.pause(READER_PAUSE_MS)) {
                return false;
            }
            if (canDrop) {
                try (NativeFile knob = NativeFile.open(DROP_CACHES, fcntl_h.O_WRONLY())) {
                    knob.pwrite(two.asSlice(0, 1), 0);
                } catch (ErrnoException e) {
                    ctx.note("drop_caches unavailable (" + e.getMessage() + "): the inode reader reads cached inodes");
                    canDrop = false;
                }
            }
            MemorySegment errno = org.krepro.sys.Errno.state();
            for (MemorySegment name : names) {
                if (org.krepro.sys.Syscalls.statx(errno, fcntl_h.AT_FDCWD(), name, fcntl_h.AT_SYMLINK_NOFOLLOW(),
                        org.krepro.sys.ffi.stat_h.STATX_INO(), statxBuf) == 0) {
                    reads.increment();
                } else {
                    errors.increment();
                }
            }
            return !race.stopping();
        }
    }

    /** generic/750's loop: {@code echo 1 > /proc/sys/vm/compact_memory} every few seconds. */
    static final class Compactor {
        private static final Path KNOB = Path.of("/proc/sys/vm/compact_memory");
        private final TestContext ctx;
        private final RaceThreads race;
        private final SplittableRandom rnd;
        private final LongAdder compactions;
        private final MemorySegment one = Arena.ofAuto().allocateFrom("1");
        private boolean disabled;

        Compactor(TestContext ctx, RaceThreads race) {
            this.ctx = ctx;
            this.race = race;
            this.rnd = ctx.random("compactor");
            this.compactions = ctx.telemetry().counter("compactions");
        }

        boolean step(long i) throws InterruptedException {
            if (disabled) {
                return false;
            }
            if (i > 0 && !race.pause(2000 + rnd.nextInt(2000))) {
                return false;
            }
            try (NativeFile knob = NativeFile.open(KNOB, fcntl_h.O_WRONLY())) {
                knob.pwrite(one.asSlice(0, 1), 0);
                compactions.increment();
            } catch (ErrnoException e) {
                ctx.note("compaction unavailable (" + e.getMessage() + "): the race relies on move_pages only");
                disabled = true;
            }
            return !disabled;
        }
    }

    /**
     * What the mover moves, as byte ranges: the block and inode bitmaps of dumpe2fs's output, and the
     * first {@code inodeTableBlocks} blocks of each inode table (the rest holds no inode yet).
     */
    public static List<long[]> movedRanges(String dumpe2fs, int inodeTableBlocks) {
        List<long[]> out = new ArrayList<>(Mover.ranges(dumpe2fs, "bitmap at", Long.MAX_VALUE));
        out.addAll(Mover.ranges(dumpe2fs, "Inode table at", inodeTableBlocks));
        return out;
    }

    /**
     * Moves the block device's page-cache folios (ext4's and jbd2's buffer heads live there) between
     * NUMA nodes through a read-only shared mapping of the device.
     */
    static final class Mover {
        private final RaceThreads race;
        private final NativeFile device;
        private final Mapping view;
        private final List<Integer> numaNodes;
        private final long[] windows;      // first page of each window of metadata pages
        private final LongAdder moved;
        private final LongAdder queried;
        private final LongAdder failed;
        private final long[] addrs = new long[MOVE_WINDOW_PAGES];
        private final int[] targets = new int[MOVE_WINDOW_PAGES];
        private int next;
        private long sweeps;

        Mover(TestContext ctx, RaceThreads race, List<Integer> nodes) {
            this.race = race;
            Path dev = ctx.devices().getFirst();
            this.device = NativeFile.open(dev, fcntl_h.O_RDONLY());
            long size = device.blockDeviceSize();
            this.view = Mapping.map(device, 0, size, mman_h.PROT_READ(), mman_h.MAP_SHARED());
            this.numaNodes = nodes;
            this.moved = ctx.telemetry().counter("pages.moved");
            this.queried = ctx.telemetry().counter("pages.queried");
            this.failed = ctx.telemetry().counter("pages.move_failed");
            List<long[]> ranges;
            try {
                ranges = movedRanges(ctx.exec(List.of("dumpe2fs", dev.toString())), MOVED_INODE_TABLE_BLOCKS);
            } catch (Exception e) {
                ranges = List.of();
            }
            if (ranges.isEmpty()) {
                ctx.note("no ext4 metadata map (dumpe2fs): the mover walks the whole device");
                ranges = List.of(new long[] {0, size});
            }
            this.windows = windows(ranges, size);
            ctx.telemetry().fact("numa.nodes", Integer.toString(numaNodes.size()));
            ctx.telemetry().fact("mover.metadata_pages", Long.toString(ranges.stream().mapToLong(r -> r[1] / PAGE).sum()));
            if (numaNodes.size() < 2) {
                ctx.note("one NUMA node (" + numaNodes + "): move_pages cannot move the block device's pages; "
                        + "it only reports where they are, and the race relies on compaction");
            } else {
                ctx.note("NUMA nodes " + numaNodes + ": move_pages moves " + dev + "'s page cache between them");
            }
        }

        /** Windows of at most {@link #MOVE_WINDOW_PAGES} pages covering the ranges (page-aligned, inside the device). */
        static long[] windows(List<long[]> ranges, long deviceBytes) {
            List<Long> out = new ArrayList<>();
            for (long[] r : ranges) {
                long first = r[0] / PAGE;
                long end = Math.min(deviceBytes, r[0] + r[1] + PAGE - 1) / PAGE;
                for (long p = first; p < end; p += MOVE_WINDOW_PAGES) {
                    out.add(p << 16 | Math.min(MOVE_WINDOW_PAGES, end - p));
                }
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }

        /**
         * The byte ranges {start, length} on the device of the metadata dumpe2fs lists after
         * {@code kinds} (a regex: "bitmap at", "Inode table at", "superblock at"...), each cut to at most
         * {@code maxBlocks} blocks; empty when the output has no block size.
         */
        static List<long[]> ranges(String dumpe2fs, String kinds, long maxBlocks) {
            java.util.regex.Matcher bs = java.util.regex.Pattern.compile("Block size:\\s+(\\d+)").matcher(dumpe2fs);
            if (!bs.find()) {
                return List.of();
            }
            long block = Long.parseLong(bs.group(1));
            List<long[]> out = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "(?:" + kinds + ") (\\d+)(?:-(\\d+))?").matcher(dumpe2fs);
            while (m.find()) {
                long from = Long.parseLong(m.group(1));
                long to = m.group(2) == null ? from : Long.parseLong(m.group(2));
                out.add(new long[] {from * block, Math.min(to - from + 1, maxBlocks) * block});
            }
            return out;
        }

        boolean step(long i) throws InterruptedException {
            if (next == windows.length) {
                next = 0;
                sweeps++;
                if (!race.pause(SWEEP_PAUSE_MS)) {
                    return false;
                }
            }
            long w = windows[next++];
            long first = w >>> 16;
            int n = (int) (w & 0xffff);
            MemorySegment seg = view.segment();
            long sink = 0;
            for (int k = 0; k < n; k++) {
                long off = (first + k) * PAGE;
                sink += seg.get(ValueLayout.JAVA_BYTE, off);   // map the page (read from disk only the first time)
                addrs[k] = seg.address() + off;
            }
            Sink.value = sink;
            boolean move = numaNodes.size() >= 2;
            long[] a = n == MOVE_WINDOW_PAGES ? addrs : java.util.Arrays.copyOf(addrs, n);
            int[] status;
            if (move) {
                // each sweep moves every window to the next node: pages keep moving back and forth
                java.util.Arrays.fill(targets, numaNodes.get((int) (sweeps % numaNodes.size())));
                status = Numa.movePages(a, n == MOVE_WINDOW_PAGES ? targets : java.util.Arrays.copyOf(targets, n),
                        mempolicy_h.MPOL_MF_MOVE_ALL());
            } else {
                status = Numa.movePages(a, null, 0);
            }
            int ok = 0;
            for (int st : status) {
                // counted without a branch: a page's first failure (-ENOENT, -EBUSY) comes at random, and
                // as a branch C2 had compiled as never taken it threw the mover's code away mid-race
                ok += 1 + (st >> 31);
            }
            if (move) {
                moved.add(ok);
                failed.add(n - ok);
            } else {
                queried.add(ok);
            }
            return !race.stopping();
        }

        void close() {
            view.close();
            device.close();
        }
    }

    /** Keeps page-touching loads from being optimised away. */
    static final class Sink {
        static volatile long value;
    }
}
