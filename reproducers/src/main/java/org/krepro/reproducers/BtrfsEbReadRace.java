package org.krepro.reproducers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.krepro.runner.spi.Budget;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.Telemetry;
import org.krepro.runner.spi.TestContext;
import org.krepro.sys.Abi;
import org.krepro.sys.Errno;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.FileStat;
import org.krepro.sys.IoUring;
import org.krepro.sys.NativeFile;
import org.krepro.sys.PathCalls;
import org.krepro.sys.Syscalls;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.stat_h;
import org.krepro.sys.ffi.statx;

/**
 * btrfs extent-buffer double read: parallel metadata reads of a cold tree block (introduced in v6.5,
 * fixed in v6.9-rc2, CVE-2024-35798). Follows seed {@code 004_17edeaa98658f178.txt} ("About the weird
 * tree block corruption", Qu Wenruo and Tavian Barnes), its "Case 2" diagram of
 * {@code read_extent_buffer_pages()}:
 * <pre>
 *                   T1              |              T2
 * ----------------------------------+-------------------------------
 * test_bit(UPTODATE) == false       |
 *                                   | test_bit(UPTODATE) == false
 * test_set(READING) == true         |
 * end_io:                           |
 * set_bit(UPTODATE)                 |
 * clear_bit(READING)                |
 *                                   | test_set(READING) == true   (a second read into a live eb)
 * </pre>
 * and the third thread that then sees UPTODATE "and return[s] 0 *while the eb is still under I/O*":
 * its tree-checker reads a half-overwritten header, "corrupted leaf/node ... owner mismatch", and
 * EUCLEAN goes back to user space. The original workload ("lots of read_block_for_search() on the same
 * block in parallel") was io_uring STATX from io-wq workers ({@code iou-wrk}) on a cold cache.
 *
 * <p>{@link #run}: a tree of thousands of small files in a few dozen directories, so that the fs tree
 * spans hundreds of leaves (inline extents make them fill fast); then rounds: a fresh mount
 * ({@link TestContext#remount}), so every tree block is cold, and many threads start together on the
 * same files in the same order. Even-numbered threads each own an io_uring and go in batches: STATX,
 * then OPENAT, READ, CLOSE (io_uring punts STATX and OPENAT to io-wq, so each batch is dozens of kernel
 * workers walking the same cold leaves at once: T1, T2 and the third thread of the diagram); odd ones
 * make plain system calls as {@code ls -lR; cat} does: getdents64 of each directory, then statx, openat,
 * pread and close of each file. Every -EUCLEAN is counted and reported once as a WORKLOAD finding; the
 * kernel-log detector catches the "BTRFS critical" lines and, on 6.12-based kernels, the WARNING in
 * end_bbio_meta_read() that a second read of an up-to-date buffer trips. READ checks the data's header.
 *
 * <p>Why a remount and not drop_caches: drop_caches leaves btrfs tree blocks cached, and only a fresh
 * mount gives the cold reads the race needs (measured: reproducers/README.md).
 *
 * <p>Expected: PASS from v6.9-rc2 on; FAIL on 6.5 .. 6.8 kernels.
 */
public final class BtrfsEbReadRace implements Reproducer {
    static final String ID = "btrfs-eb-read-race";

    static final FsConfig SINGLE = FsConfig.of(Filesystem.BTRFS, "single", 512 * FsConfig.MIB);
    static final FsConfig RAID0 = new FsConfig(Filesystem.BTRFS, "raid0", List.of("-d", "raid0", "-m", "raid0"),
            List.of(), 2, 512 * FsConfig.MIB, false);

    /** Tree shape: DIRS directories of FILES_PER_DIR files, each 256..1800 bytes (inline extents). */
    static final int DIRS = 48;
    static final int FILES_PER_DIR = 96;
    /** Reader threads, each with its own ring. */
    static final int THREADS = 8;
    /** Files per batch (SQEs per phase); the ring has this many entries. */
    static final int BATCH = 32;

    private static final int EUCLEAN = 117;

    private static final ReproducerInfo INFO = new ReproducerInfo(
            ID,
            "btrfs extent-buffer double read: parallel metadata reads of cold tree blocks after a fresh mount",
            "004_17edeaa98658f178.txt",
            List.of(SINGLE, RAID0),
            List.of("open", "pwrite", "close", "mkdirat", "io_uring_setup", "io_uring_enter",
                    "io_uring:STATX", "io_uring:OPENAT", "io_uring:READ", "io_uring:CLOSE",
                    "getdents64", "statx", "openat", "pread"),
            false,
            List.of("v6.9-rc2 (CVE-2024-35798; introduced in v6.5)"),
            Duration.ofSeconds(30),
            List.of("BTRFS critical (device X): corrupted node|leaf, root=N block=N owner mismatch,"
                            + " have N expect [256, ...]",
                    "EUCLEAN (Structure needs cleaning) from STATX/OPENAT/READ completions or system calls",
                    "WARNING in end_bbio_meta_read (6.12: a read completing on an up-to-date extent buffer)",
                    "btrfs check stays clean"))
            // 6.12 names; 6.1 reads tree blocks through read_extent_buffer_pages only
            .withRacePath("read_extent_buffer_pages_nowait", "read_extent_buffer_pages", "end_bbio_meta_read",
                    "btrfs_validate_extent_buffer");

    @Override
    public ReproducerInfo info() {
        return INFO;
    }

    // ---------------------------------------------------------------------------------------------
    // The tree.

    static String relativePath(int file) {
        return String.format("d%02d/f%04d", file / FILES_PER_DIR, file);
    }

    /**
     * File {@code i}'s contents: {@link BytePattern} bytes of the tree's seed from offset 0, generation
     * {@code i + 1}, so that every file's first word (the header the readers check) is its own; the size,
     * 256..1800 bytes (an inline extent), from the file's own seeded stream.
     */
    static byte[] contents(long treeSeed, int i) {
        SplittableRandom r = new SplittableRandom(treeSeed + 0x9E3779B97F4A7C15L * (i + 1));
        byte[] b = new byte[256 + r.nextInt(1545)];
        new BytePattern(treeSeed).fill(MemorySegment.ofArray(b), 0, i + 1);
        return b;
    }

    /** The first 8 bytes of file {@code i}, as a little-endian long. */
    static long headerOf(long treeSeed, int i) {
        return new BytePattern(treeSeed).word(0, i + 1);
    }

    /** Creates the tree under {@code root} (the mount point): DIRS directories, DIRS * FILES_PER_DIR files. */
    static void buildTree(Path root, long treeSeed) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(4096);
            for (int d = 0; d < DIRS; d++) {
                PathCalls.mkdir(root.resolve(String.format("d%02d", d)));
            }
            for (int i = 0; i < DIRS * FILES_PER_DIR; i++) {
                byte[] b = contents(treeSeed, i);
                MemorySegment data = buf.asSlice(0, b.length);
                data.copyFrom(MemorySegment.ofArray(b));
                try (NativeFile f = NativeFile.open(root.resolve(relativePath(i)),
                        fcntl_h.O_WRONLY() | fcntl_h.O_CREAT() | fcntl_h.O_EXCL())) {
                    f.writeFully(data, 0);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The race.

    @Override
    public void run(TestContext ctx) throws Exception {
        Telemetry t = ctx.telemetry();
        long treeSeed = ctx.random("tree").nextLong();
        int files = DIRS * FILES_PER_DIR;
        long setupStart = System.nanoTime();
        buildTree(ctx.mountPoint(), treeSeed);
        t.fact("tree.files", Integer.toString(files));
        t.fact("tree.dirs", Integer.toString(DIRS));
        t.fact("tree.setupMillis", Long.toString((System.nanoTime() - setupStart) / 1_000_000));
        t.fact("threads", Integer.toString(THREADS) + " (" + (THREADS + 1) / 2 + " io_uring, " + THREADS / 2 + " plain syscalls)");
        t.fact("batch", Integer.toString(BATCH));
        t.fact("cold.by", "a fresh mount before every round (drop_caches leaves btrfs tree blocks cached)");

        MemorySegment[] paths = new MemorySegment[files];
        MemorySegment[] dirs = new MemorySegment[DIRS];
        try (Arena shared = Arena.ofShared()) {
            for (int i = 0; i < files; i++) {
                paths[i] = shared.allocateFrom(relativePath(i));
            }
            for (int d = 0; d < DIRS; d++) {
                dirs[d] = shared.allocateFrom(String.format("d%02d", d));
            }
            LongAdder remounts = t.counter("remounts");
            // The readers hold nothing open between rounds, so the unmount is not busy.
            Chill remount = previous -> {
                if (previous != null) {
                    previous.close();
                }
                long r0 = System.nanoTime();
                Path mountPoint = ctx.remount();
                t.counter("remount.micros").add((System.nanoTime() - r0) / 1000);
                remounts.increment();
                return NativeFile.open(mountPoint, fcntl_h.O_RDONLY() | Abi.O_DIRECTORY());
            };
            new Round(RaceThreads.host(ctx), remount, paths, dirs, treeSeed).run();
        }

        long euclean = t.get("euclean");
        if (euclean > 0) {
            StringBuilder by = new StringBuilder();
            for (String op : List.of("STATX", "OPENAT", "READ", "CLOSE", "getdents64", "statx", "openat", "pread")) {
                if (t.get("euclean." + op) > 0) {
                    by.append(by.isEmpty() ? "" : ", ").append(op).append(' ').append(t.get("euclean." + op));
                }
            }
            ctx.report(new Finding(Finding.Kind.WORKLOAD,
                    "EUCLEAN from " + euclean + " metadata reads",
                    "reads that returned -EUCLEAN (Structure needs cleaning), io_uring ops in capitals, system calls"
                            + " in lower case: " + by + "; first: " + t.facts().getOrDefault("euclean.first", "?")));
        }
        long mismatches = t.get("read.headerMismatch");
        if (mismatches > 0) {
            ctx.report(new Finding(Finding.Kind.WORKLOAD,
                    "wrong data from " + mismatches + " reads",
                    "READ returned a header that names another file or none; first: "
                            + t.facts().getOrDefault("read.headerMismatch.first", "?")));
        }
    }

    /**
     * The core loop alone, for the benchmark: rounds over a tree {@link #run} already built under
     * {@code mount} (with {@code treeSeed}), for {@code duration}. Counters go to {@code telemetry}
     * ("iterations", "ops.STATX"...). The benchmark does not own the mount, so its rounds start after
     * drop_caches (as its C twin's do), not after a remount: it measures the readers' rate only.
     */
    static void coreLoop(Path mount, long treeSeed, Duration duration, Telemetry telemetry) throws Exception {
        try (Arena shared = Arena.ofShared();
             NativeFile dir = NativeFile.open(mount, fcntl_h.O_RDONLY() | Abi.O_DIRECTORY());
             NativeFile dropCaches = NativeFile.open(Path.of("/proc/sys/vm/drop_caches"), fcntl_h.O_WRONLY())) {
            MemorySegment[] paths = new MemorySegment[DIRS * FILES_PER_DIR];
            for (int i = 0; i < paths.length; i++) {
                paths[i] = shared.allocateFrom(relativePath(i));
            }
            MemorySegment[] dirs = new MemorySegment[DIRS];
            for (int d = 0; d < DIRS; d++) {
                dirs[d] = shared.allocateFrom(String.format("d%02d", d));
            }
            MemorySegment three = shared.allocateFrom("3", StandardCharsets.US_ASCII).asSlice(0, 1);
            Chill drop = previous -> {
                dropCaches.pwrite(three, 0);
                telemetry.counter("drop_caches").increment();
                return dir;
            };
            Budget budget = Budget.start(duration, Long.MAX_VALUE);
            RaceThreads.Host host = new RaceThreads.Host() {
                @Override
                public Budget budget() {
                    return budget;
                }

                @Override
                public Telemetry telemetry() {
                    return telemetry;
                }

                @Override
                public void report(Finding finding) {
                    throw new IllegalStateException(finding.title() + "\n" + finding.detail());
                }
            };
            new Round(host, drop, paths, dirs, treeSeed).run();
        }
    }

    /** Makes the tree's metadata cold before a round; returns the directory the readers start from. */
    @FunctionalInterface
    interface Chill {
        /** @param previous the last round's directory (null before the first round) */
        NativeFile before(NativeFile previous) throws Exception;
    }

    /**
     * The rounds, as RaceThreads: the coordinator (the driver, one step a round) makes the tree cold
     * (remount), then all readers (helpers, one step a round) go at once: T1, T2 and the third thread of
     * the diagram are whichever of them reach the same cold tree block together.
     */
    private static final class Round {
        private final RaceThreads.Host host;
        private final Telemetry telemetry;
        private final Budget budget;
        private final Chill chill;
        /** The mount root of this round, set by the coordinator before the start phase. */
        private volatile int dirfd = -1;
        private final MemorySegment[] paths;
        private final MemorySegment[] dirs;
        private final long treeSeed;
        /** Two phases per round: start (tree cold) and end (every reader done); the coordinator is a party. */
        private final Phaser phaser = new Phaser(THREADS + 1);
        private final AtomicBoolean stop = new AtomicBoolean();
        /** The coordinator's directory of the current round (its thread only). */
        private NativeFile dir;

        Round(RaceThreads.Host host, Chill chill, MemorySegment[] paths, MemorySegment[] dirs, long treeSeed) {
            this.host = host;
            this.telemetry = host.telemetry();
            this.budget = host.budget();
            this.chill = chill;
            this.paths = paths;
            this.dirs = dirs;
            this.treeSeed = treeSeed;
        }

        void run() throws Exception {
            Telemetry t = telemetry;
            RaceThreads race = new RaceThreads(host).driver("eb-rounds", this::coordinate, this::endRounds);
            for (int n = 0; n < THREADS; n++) {
                Reader reader = n % 2 == 0 ? new RingReader(n) : new PlainReader(n);
                race.helper("eb-reader-" + n, reader::step, reader::exit);
            }
            long t0 = System.nanoTime();
            race.run(Duration.ofSeconds(30));
            double secs = (System.nanoTime() - t0) / 1e9;
            long n = t.get("eb-rounds.iterations");
            long ops = t.get("ops.STATX") + t.get("ops.OPENAT") + t.get("ops.READ") + t.get("ops.CLOSE")
                    + t.get("ops.getdents64") + t.get("ops.statx") + t.get("ops.openat") + t.get("ops.pread") + t.get("ops.close");
            t.fact("rate.iterationsPerSec", String.format("%.2f", n / secs));
            t.fact("rate.opsPerSec", String.format("%.0f", ops / secs));
            // A race attempt: one io_uring operation walking a path whose tree blocks were cold this round.
            t.fact("rate.raceAttemptsPerSec", String.format("%.0f", ops / secs));
        }

        /** The coordinator's round: the tree made cold, then every reader goes, then every reader is done. */
        private boolean coordinate(long round) throws Exception {
            dir = chill.before(dir);
            dirfd = dir.fd();
            phaser.arriveAndAwaitAdvance(); // start: every reader goes
            phaser.arriveAndAwaitAdvance(); // end: every reader done
            return true;
        }

        /** After the last round: readers waiting at the next start see the stop flag. */
        private void endRounds() {
            stop.set(true);
            phaser.arriveAndDeregister();
            if (dir != null) {
                dir.close();
            }
        }

        /** One reader: one step is one round over the whole tree, between the start and end phases. */
        private abstract class Reader {
            /** Operations of this reader ({@code thread.N.ops}). */
            final LongAdder mine;

            Reader(int id) {
                this.mine = telemetry.counter("thread." + id + ".ops");
            }

            boolean step(long round) throws Exception {
                phaser.arriveAndAwaitAdvance(); // start
                if (stop.get()) {
                    return false;
                }
                read(dirfd);
                phaser.arriveAndAwaitAdvance(); // end
                return true;
            }

            /** Leaves the rounds (after the stop, a failure, or the end of the time budget). */
            void exit() {
                phaser.arriveAndDeregister();
                close();
            }

            abstract void read(int root) throws Exception;

            abstract void close();
        }

        /**
         * A plain-syscall reader, as {@code ls -lR; cat} over the tree: per directory getdents64 (its
         * DIR_INDEX items), then statx (as lstat), openat, pread and close of each file, in the same order
         * as every other reader.
         */
        private final class PlainReader extends Reader {
            private final LongAdder getdents = telemetry.counter("ops.getdents64");
            private final LongAdder statxOps = telemetry.counter("ops.statx");
            private final LongAdder openOps = telemetry.counter("ops.openat");
            private final LongAdder readOps = telemetry.counter("ops.pread");
            private final LongAdder closeOps = telemetry.counter("ops.close");
            private final Arena arena = Arena.ofShared();
            private final MemorySegment dents = arena.allocate(32768, 8);
            private final MemorySegment statxBuf = arena.allocate(statx.sizeof(), 8);
            private final MemorySegment readBuf = arena.allocate(4096, 4096);

            PlainReader(int id) {
                super(id);
            }

            @Override
            void read(int root) {
                Telemetry t = telemetry;
                int mask = stat_h.STATX_BASIC_STATS();
                int dirFlags = fcntl_h.O_RDONLY() | Abi.O_DIRECTORY() | fcntl_h.O_CLOEXEC();
                int openFlags = fcntl_h.O_RDONLY() | fcntl_h.O_NOATIME() | fcntl_h.O_CLOEXEC();
                MemorySegment errno = Errno.state();
                long ops = 0;
                for (int d = 0; d < DIRS && !budget.timeUp(); d++) {
                    int first = d * FILES_PER_DIR;
                    int dfd = Syscalls.openat(errno, root, dirs[d], dirFlags, 0);
                    if (check("openat", first, dfd < 0 ? -Errno.value(errno) : dfd)) {
                        long r;
                        do {
                            r = Syscalls.getdents64(errno, dfd, dents, dents.byteSize());
                            r = r < 0 ? -Errno.value(errno) : r;
                            getdents.increment();
                            ops++;
                        } while (r > 0);
                        check("getdents64", first, (int) Math.min(0, r));
                        Syscalls.close(errno, dfd);
                    }
                    for (int i = first; i < first + FILES_PER_DIR; i++) {
                        int rs = Syscalls.statx(errno, root, paths[i], fcntl_h.AT_SYMLINK_NOFOLLOW(), mask, statxBuf);
                        check("statx", i, rs < 0 ? -Errno.value(errno) : 0);
                        int fd = Syscalls.openat(errno, root, paths[i], openFlags, 0);
                        ops += 2;
                        if (!check("openat", i, fd < 0 ? -Errno.value(errno) : fd)) {
                            continue;
                        }
                        long got = Syscalls.pread(errno, fd, readBuf, 4096, 0);
                        if (check("pread", i, got < 0 ? -Errno.value(errno) : (int) got) && got >= 8) {
                            long h = readBuf.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
                            if (h != headerOf(treeSeed, i)) {
                                t.counter("read.headerMismatch").increment();
                                firstFact("read.headerMismatch.first", relativePath(i) + ": header 0x" + Long.toHexString(h));
                            }
                        }
                        Syscalls.close(errno, fd);
                        ops += 2;
                    }
                    statxOps.add(FILES_PER_DIR);
                    openOps.add(FILES_PER_DIR + 1);
                    readOps.add(FILES_PER_DIR);
                    closeOps.add(FILES_PER_DIR + 1);
                }
                mine.add(ops);
            }

            @Override
            void close() {
                arena.close();
            }
        }

        /** One io_uring reader: its own ring; in each round the same files, in the same order as every other reader. */
        private final class RingReader extends Reader {
            private final LongAdder statxOps = telemetry.counter("ops.STATX");
            private final LongAdder openOps = telemetry.counter("ops.OPENAT");
            private final LongAdder readOps = telemetry.counter("ops.READ");
            private final LongAdder closeOps = telemetry.counter("ops.CLOSE");
            private final Arena arena = Arena.ofShared();
            private final MemorySegment statxBufs = arena.allocate(statx.sizeof() * BATCH, 8);
            private final MemorySegment readBufs = arena.allocate(4096L * BATCH, 4096);
            private final int[] fds = new int[BATCH];
            /** Opened on the reader's own thread, at its first round. */
            private IoUring ring;

            RingReader(int id) {
                super(id);
            }

            @Override
            void read(int dirfd) {
                Telemetry t = telemetry;
                if (ring == null) {
                    ring = IoUring.open(BATCH * 2);
                }
                int mask = stat_h.STATX_BASIC_STATS();
                int openFlags = fcntl_h.O_RDONLY() | fcntl_h.O_NOATIME() | fcntl_h.O_CLOEXEC();
                for (int first = 0; first < paths.length && !budget.timeUp(); first += BATCH) {
                    int count = Math.min(BATCH, paths.length - first);
                    int base = first;
                    // STATX: path walk + inode lookup in the fs tree, from io-wq workers.
                    for (int k = 0; k < count; k++) {
                        ring.prepStatx(dirfd, paths[base + k], 0, mask,
                                statxBufs.asSlice(statx.sizeof() * k, statx.sizeof()), k);
                    }
                    complete(ring, count, (ud, res, flags) -> check("STATX", base + (int) ud, res));
                    statxOps.add(count);
                    // OPENAT, then READ of the inline extent, then CLOSE.
                    for (int k = 0; k < count; k++) {
                        ring.prepOpenat(dirfd, paths[base + k], openFlags, 0, k);
                    }
                    complete(ring, count, (ud, res, flags) -> {
                        fds[(int) ud] = res;
                        check("OPENAT", base + (int) ud, res);
                    });
                    openOps.add(count);
                    int reads = 0;
                    for (int k = 0; k < count; k++) {
                        if (fds[k] >= 0) {
                            ring.prepRead(fds[k], readBufs.asSlice(4096L * k, 4096), 0, k);
                            reads++;
                        }
                    }
                    complete(ring, reads, (ud, res, flags) -> {
                        if (check("READ", base + (int) ud, res) && res >= 8) {
                            long h = readBufs.get(ValueLayout.JAVA_LONG_UNALIGNED, 4096L * ud);
                            if (h != headerOf(treeSeed, base + (int) ud)) {
                                t.counter("read.headerMismatch").increment();
                                firstFact("read.headerMismatch.first", relativePath(base + (int) ud)
                                        + ": header 0x" + Long.toHexString(h));
                            }
                        }
                    });
                    readOps.add(reads);
                    int closes = 0;
                    for (int k = 0; k < count; k++) {
                        if (fds[k] >= 0) {
                            ring.prepClose(fds[k], k);
                            closes++;
                        }
                    }
                    complete(ring, closes, (ud, res, flags) -> check("CLOSE", base + (int) ud, res));
                    closeOps.add(closes);
                    mine.add(count * 2L + reads + closes);
                }
            }

            @Override
            void close() {
                if (ring != null) {
                    ring.close();
                }
                arena.close();
            }
        }

        /** Submits the queued batch and waits for all of it in one io_uring_enter (as liburing's submit_and_wait). */
        private static void complete(IoUring ring, int n, IoUring.CompletionHandler handler) {
            if (n == 0) {
                return;
            }
            ring.waitCompletions(n, handler);
        }

        /** Counts a completion's error; returns whether it succeeded. */
        private boolean check(String op, int file, int res) {
            if (res >= 0) {
                return true;
            }
            Telemetry t = telemetry;
            if (res == -EUCLEAN) {
                t.counter("euclean").increment();
                t.counter("euclean." + op).increment();
                firstFact("euclean.first", op + " " + relativePath(file));
            } else {
                t.counter("errors.other").increment();
                firstFact("errors.other.first", op + " " + relativePath(file) + ": " + Errno.name(-res));
            }
            return false;
        }

        private synchronized void firstFact(String key, String value) {
            if (!telemetry.facts().containsKey(key)) {
                telemetry.fact(key, value);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // After the remount: every file still there with its own contents.

    @Override
    public void verify(TestContext ctx) throws Exception {
        long treeSeed = ctx.random("tree").nextLong();
        BytePattern pattern = new BytePattern(treeSeed);
        int files = DIRS * FILES_PER_DIR;
        int bad = 0;
        String first = null;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(4096);
            for (int i = 0; i < files; i++) {
                Path p = ctx.mountPoint().resolve(relativePath(i));
                byte[] want = contents(treeSeed, i);
                String problem;
                try (NativeFile f = NativeFile.open(p, fcntl_h.O_RDONLY())) {
                    FileStat st = f.statx();
                    long n = f.readFully(buf.asSlice(0, want.length), 0);
                    List<BytePattern.BadRange> wrong = pattern.check(buf.asSlice(0, n), 0, i + 1, 1);
                    problem = st.size() != want.length ? "size " + st.size() + ", wrote " + want.length
                            : n != want.length ? "read " + n + " of " + want.length + " bytes"
                            : wrong.isEmpty() ? null : "contents differ: " + wrong.getFirst();
                } catch (ErrnoException e) {
                    problem = e.getMessage();
                }
                if (problem != null) {
                    bad++;
                    if (first == null) {
                        first = relativePath(i) + ": " + problem;
                    }
                }
            }
        }
        ctx.telemetry().fact("verify.files", Integer.toString(files));
        if (bad > 0) {
            ctx.report(new Finding(Finding.Kind.DATA, "data: " + bad + " of " + files + " files wrong after remount",
                    "first: " + first));
        }
    }
}
