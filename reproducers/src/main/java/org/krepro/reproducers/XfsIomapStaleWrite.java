package org.krepro.reproducers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestContext;
import org.krepro.sys.Futex;
import org.krepro.sys.Mapping;
import org.krepro.sys.NativeFile;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.mman_h;

/**
 * iomap stale cached mapping: racing unaligned adjacent buffered writes over unwritten extents, with
 * writeback and reclaim, zero data on disk (seed {@code 003_364465c2d587c231.txt}, Dave Chinner on the
 * 6.1 AUTOSEL of "iomap: write iomap validity checks", fixed in v6.2 and 6.1.92).
 *
 * <p>It follows the diagram of that thread:
 * <pre>
 *   writeback                          new write
 *   allocate blocks
 *   blocks are unwritten
 *   submit IO
 *   .....
 *                                      map blocks
 *                                      iomap indicates UNWRITTEN range
 *                                      loop {
 *                                        lock folio
 *                                        copyin data
 *   .....
 *   IO completes
 *   runs unwritten extent conv
 *   blocks are marked written
 *                                        get next folio
 *                                      }
 * </pre>
 * "Now add memory pressure such that memory reclaim evicts the partially written folio that has already
 * been written to disk. When the new write finally gets to the last partial page of the new write, it
 * does not find it in cache, so it instantiates a new page, sees the iomap is unwritten, and zeros the
 * part of the page that it does not have data from. This overwrites the data on disk that was originally
 * written."
 *
 * <p>The workload, in rounds over a large file preallocated with {@code fallocate} (unwritten extents):
 * <ul>
 *   <li><b>writers</b> ({@value #WRITERS} threads, the "new write" column): each round takes one
 *       {@value #REGION}-byte region, cuts it at random <em>unaligned</em> offsets into
 *       {@value #SEGMENTS} adjacent segments (each ends mid-page where the next one starts) and the
 *       writers {@code pwrite} them all at once, in random order, each segment several pages long so
 *       that the cached iomap can go stale between the mapping and the last folio. A region written
 *       again later is first punched and re-preallocated, so every round writes over unwritten extents;
 *   <li><b>flusher</b> (the "writeback" column): {@code sync_file_range(WRITE)} of the current region in
 *       a tight loop, {@code fdatasync} every few calls, so that partial folios go to disk and their
 *       unwritten extents are converted while the writers still copy in;</li>
 *   <li><b>evictor</b> (the memory pressure): {@code posix_fadvise(DONTNEED)} of the region and
 *       {@code MADV_PAGEOUT} through a read-only shared mapping of it, evicting the clean, just-written
 *       partial folios.</li>
 * </ul>
 * Every byte written is {@link BytePattern}'s, derived from (seed, file offset, generation) and never
 * zero; {@link #verify} reads every completed region back after the remount and reports each zeroed range
 * (the only symptom of this bug: the kernel logs nothing) with its file offset. The run is reproducible
 * from the seed: region order, cut points and write order derive from it (the interleaving does not).
 * Also declared on ext4 and btrfs, as comparisons: neither uses iomap's buffered write path this way.
 *
 * <p>Memory pressure is targeted eviction, not a memory-cgroup limit: a cgroup-v1 memory controller
 * charges page cache to the whole JVM (the runner included), so a limit on the workload alone would need
 * a child process; the run says so in a note.
 *
 * <p>Telemetry: {@code iterations} (rounds), {@code race.attempts} (adjacent unaligned write pairs, 7 a
 * round), {@code bytes.written}, {@code regions.repreallocated}, {@code flusher.sync_file_range},
 * {@code flusher.fdatasync}, {@code pages.dontneed_advised}, {@code pages.pageout_advised},
 * {@code verify.regions}, {@code verify.zeroed_bytes}, {@code verify.wrong_bytes}; fact
 * {@code regions.completed}.
 */
public final class XfsIomapStaleWrite implements Reproducer {
    static final String ID = "xfs-iomap-stale-write";
    static final String FILE = "iomap-stale.dat";
    static final int WRITERS = 4;
    static final int SEGMENTS = 8;
    static final int REGION = 256 * 1024;
    static final long FILE_BYTES = 128L * 1024 * 1024;
    static final int REGIONS = (int) (FILE_BYTES / REGION);
    static final int PAGE = 4096;

    @Override
    public ReproducerInfo info() {
        long dev = FsConfig.GIB;
        return new ReproducerInfo(ID,
                "iomap stale cached mapping: racing unaligned buffered writes over unwritten extents + writeback + reclaim zero data",
                "003_364465c2d587c231.txt",
                List.of(FsConfig.of(Filesystem.XFS, "4k", dev),
                        FsConfig.of(Filesystem.EXT4, "4k-comparison", dev),
                        FsConfig.of(Filesystem.BTRFS, "comparison", dev)),
                List.of("open", "fallocate", "pwrite", "sync_file_range", "fdatasync", "posix_fadvise", "mmap",
                        "madvise", "pread"),
                false,
                List.of("v6.2 (iomap: write iomap validity checks, d7b64041164c, and the series)", "6.1.92"),
                Duration.ofSeconds(20),
                List.of("data: zeroed bytes in " + FILE + " (no kernel log line: zeroed data is the only symptom)"))
                // the xfs path only: the ext4 and btrfs comparisons do not go through iomap's buffered write
                .withRacePath("xfs_iomap_valid@xfs", "xfs_buffered_write_iomap_begin@xfs", "iomap_write_begin@xfs");
    }

    /** Round {@code r}: which region, which generation, where the cuts are, who writes which segment. */
    record Round(long number, int region, long generation, long[] cuts, int[] writerOf, int[] order) {
        long start() {
            return (long) region * REGION;
        }

        /** Segment {@code s} covers file bytes [cuts[s], cuts[s+1]). */
        long segStart(int s) {
            return cuts[s];
        }

        long segEnd(int s) {
            return cuts[s + 1];
        }

        static Round plan(long seed, long number) {
            SplittableRandom rnd = new SplittableRandom(seed ^ (number * 0x9e3779b97f4a7c15L + 0x3003));
            int region = (int) (number % REGIONS);
            long generation = number / REGIONS + 1;
            long base = (long) region * REGION;
            long[] cuts = new long[SEGMENTS + 1];
            cuts[0] = base;
            cuts[SEGMENTS] = base + REGION;
            long slot = REGION / SEGMENTS;
            for (int s = 1; s < SEGMENTS; s++) {
                long cut;
                do {
                    // within the slot's middle half, never page aligned: every write ends mid-page
                    cut = base + s * slot - slot / 4 + rnd.nextLong(slot / 2);
                } while (cut % PAGE == 0);
                cuts[s] = cut;
            }
            int[] writerOf = new int[SEGMENTS];
            for (int s = 0; s < SEGMENTS; s++) {
                writerOf[s] = s % WRITERS;
            }
            for (int s = SEGMENTS - 1; s > 0; s--) {
                int j = rnd.nextInt(s + 1);
                int t = writerOf[s];
                writerOf[s] = writerOf[j];
                writerOf[j] = t;
            }
            int[] order = new int[SEGMENTS];
            for (int s = 0; s < SEGMENTS; s++) {
                order[s] = s;
            }
            for (int s = SEGMENTS - 1; s > 0; s--) {
                int j = rnd.nextInt(s + 1);
                int t = order[s];
                order[s] = order[j];
                order[j] = t;
            }
            return new Round(number, region, generation, cuts, writerOf, order);
        }
    }

    @Override
    public void run(TestContext ctx) throws Exception {
        Path path = ctx.mountPoint().resolve(FILE);
        BytePattern pattern = new BytePattern(ctx.seed());
        long[] lastGen = new long[REGIONS];        // 0 never written, -1 round interrupted
        if (ctx.config().fs() == Filesystem.EXT4 && KernelConfig.enabled("CONFIG_EXT4_DEBUG")) {
            ctx.note("this kernel has CONFIG_EXT4_DEBUG=y: writeback that converts part of a large unwritten extent "
                    + "prints the debug-only \"EXT4-fs warning ... ext4_convert_unwritten_extents_endio: Inode (N) "
                    + "finished: extent logical block ...\" all the time in this workload; it is not the iomap bug");
        }
        ctx.note("memory pressure: targeted eviction (posix_fadvise DONTNEED + MADV_PAGEOUT of the region being "
                + "written); no memory-cgroup limit (cgroup-v1 memory controller here charges the whole JVM)");
        NativeFile file = null;
        Mapping view = null;
        Arena arena = Arena.ofShared();
        boolean returned = true;
        try {
            file = NativeFile.open(path, fcntl_h.O_RDWR() | fcntl_h.O_CREAT());
            view = Mapping.map(file, 0, FILE_BYTES, mman_h.PROT_READ(), mman_h.MAP_SHARED());
            returned = race(ctx, file, view, arena, pattern, lastGen);
        } finally {
            if (returned) {
                GupDioIntoMmap.closeAll(view, arena, file);
            } else {
                ctx.note("workload threads still in the kernel: the mapping and the file are left open");
            }
        }
        ctx.state(Handover.class, Handover::new).lastGen = lastGen.clone();
        long done = Arrays.stream(lastGen).filter(g -> g > 0).count();
        ctx.telemetry().fact("regions.completed", Long.toString(done));
    }

    /** The race itself: the writers' rounds, the flusher and the evictor; false when a thread did not return. */
    private static boolean race(TestContext ctx, NativeFile file, Mapping view, Arena arena, BytePattern pattern,
                                long[] lastGen) throws Exception {
        // "blocks are unwritten": the whole file preallocated
        file.fallocate(0, 0, FILE_BYTES);
        file.fsync();
        // one barrier per round edge (start, end), as pthread_barrier_wait: sleeps, does not spin
        RoundBarrier barrier = new RoundBarrier(arena, WRITERS);
        Runnable endRounds = barrier::end;
        Round[] current = new Round[1];
        MemorySegment[] buffers = new MemorySegment[WRITERS];
        for (int w = 0; w < WRITERS; w++) {
            buffers[w] = arena.allocate(REGION, PAGE);
        }
        LongAdder attempts = ctx.telemetry().counter("race.attempts");
        LongAdder bytes = ctx.telemetry().counter("bytes.written");
        LongAdder reallocs = ctx.telemetry().counter("regions.repreallocated");
        RaceThreads race = new RaceThreads(ctx);
        race.driver("writer.0", round -> {
            Round r = Round.plan(ctx.seed(), round);
            if (r.generation() > 1) {
                // make the region unwritten again before it is rewritten
                file.punchHole(r.start(), REGION);
                file.fallocate(fcntl_h.FALLOC_FL_KEEP_SIZE(), r.start(), REGION);
                reallocs.increment();
            }
            lastGen[r.region()] = -1;
            synchronized (current) {
                current[0] = r;
            }
            if (!barrier.await()) {
                return false;
            }
            writeSegments(file, pattern, r, 0, buffers[0], bytes);
            if (!barrier.await()) {
                return false;
            }
            lastGen[r.region()] = r.generation();
            attempts.add(SEGMENTS - 1);
            return true;
        }, endRounds);
        for (int w = 1; w < WRITERS; w++) {
            int me = w;
            race.helper("writer." + w, i -> {
                if (!barrier.await()) {
                    return false;
                }
                Round r;
                synchronized (current) {
                    r = current[0];
                }
                writeSegments(file, pattern, r, me, buffers[me], bytes);
                return barrier.await();
            }, endRounds);
        }
        LongAdder srf = ctx.telemetry().counter("flusher.sync_file_range");
        LongAdder fds = ctx.telemetry().counter("flusher.fdatasync");
        race.helper("flusher", i -> {
            Round r = awaitRound(current, barrier);
            if (r == null) {
                return false;
            }
            if (i % 16 == 0) {
                file.fdatasync();
                fds.increment();
            } else {
                file.syncFileRange(r.start(), REGION, fcntl_h.SYNC_FILE_RANGE_WRITE());
                srf.increment();
            }
            return true;
        });
        LongAdder dropped = ctx.telemetry().counter("pages.dontneed_advised");
        LongAdder pagedOut = ctx.telemetry().counter("pages.pageout_advised");
        race.helper("evictor", i -> {
            Round r = awaitRound(current, barrier);
            if (r == null) {
                return false;
            }
            file.fadvise(r.start(), REGION, fcntl_h.POSIX_FADV_DONTNEED());
            dropped.add(REGION / PAGE);
            if ((i & 1) == 0) {
                // map the region's pages into this process, then reclaim them through the mapping
                MemorySegment seg = view.segment();
                long sum = 0;
                for (long off = r.start(); off < r.start() + REGION; off += PAGE) {
                    sum += seg.get(ValueLayout.JAVA_BYTE, off);
                }
                view.madvise(r.start(), REGION, mman_h.MADV_PAGEOUT());
                pagedOut.add(REGION / PAGE);
                Ext4Jbd2Migration.Sink.value = sum;
            }
            return true;
        });
        return race.run(Duration.ofSeconds(30));
    }

    /**
     * The writers' barrier: all {@code parties} arrive, then all go on; {@link #end()} (a writer left)
     * releases everyone waiting and every later arrival, so no writer waits for one that is gone. Built
     * as C's pthread_barrier_wait is, on a futex word (the round's generation, and {@link #OVER} once
     * the rounds are over): one futex call per waiter and one wake per round. The Java monitor it
     * replaces made 2.26 futex calls per pwrite of the round against C's 1.00 (strace -c -f).
     */
    static final class RoundBarrier {
        static final int OVER = 1 << 31;
        private final int parties;
        private final AtomicInteger arrived = new AtomicInteger();
        private final Futex word;

        RoundBarrier(Arena arena, int parties) {
            this.parties = parties;
            this.word = new Futex(arena, 0);
        }

        /** Returns true when all parties arrived, false when the rounds are over. */
        boolean await() throws InterruptedException {
            int gen = word.get(); // read before arriving: the last arrival changes it only after everyone arrived
            if ((gen & OVER) != 0) {
                return false;
            }
            if (arrived.incrementAndGet() == parties) {
                arrived.set(0); // before the release: the next round's arrivals come after it
                int w;
                do {
                    w = word.get();
                } while (!word.compareAndSet(w, (w & OVER) | ((w + 1) & ~OVER)));
                word.wakeAll();
                return true;
            }
            while (true) {
                int now = word.get();
                if ((now & ~OVER) != gen) {
                    return true; // this round was complete, even if the rounds ended since
                }
                if ((now & OVER) != 0) {
                    return false;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                word.sleepWhile(now);
            }
        }

        void end() {
            int w;
            do {
                w = word.get();
            } while ((w & OVER) == 0 && !word.compareAndSet(w, w | OVER));
            word.wakeAll();
        }

        boolean isOver() {
            return (word.get() & OVER) != 0;
        }
    }

    /** The round being written; before the first one, waits for it (null when the writers are gone). */
    private static Round awaitRound(Round[] current, RoundBarrier barrier) {
        while (true) {
            synchronized (current) {
                if (current[0] != null) {
                    return current[0];
                }
            }
            if (barrier.isOver()) {
                return null;
            }
            Thread.onSpinWait();
        }
    }

    /** One writer's share of a round: its segments, in the round's order, each one pwrite. */
    private static void writeSegments(NativeFile file, BytePattern pattern, Round r, int writer, MemorySegment buf,
                                      LongAdder bytes) {
        for (int s : r.order()) {
            if (r.writerOf()[s] != writer) {
                continue;
            }
            long off = r.segStart(s);
            long len = r.segEnd(s) - off;
            MemorySegment data = buf.asSlice(0, len);
            pattern.fill(data, off, r.generation());
            file.writeFully(data, off);
            bytes.add(len);
        }
    }

    /**
     * What {@link #run} hands {@link #verify} through the test context: per region the generation of its
     * last completed round (0 never written, -1 round interrupted).
     */
    static final class Handover {
        volatile long[] lastGen = new long[REGIONS];
    }

    /**
     * Reads every region whose last round completed and reports each zeroed (or otherwise wrong) range
     * with its file offset; regions of an interrupted round are skipped.
     */
    @Override
    public void verify(TestContext ctx) throws Exception {
        long[] lastGen = ctx.state(Handover.class, Handover::new).lastGen;
        BytePattern pattern = new BytePattern(ctx.seed());
        List<BytePattern.BadRange> bad = new ArrayList<>();
        long zeroed = 0;
        long wrong = 0;
        long checked = 0;
        try (NativeFile file = NativeFile.open(ctx.mountPoint().resolve(FILE), fcntl_h.O_RDONLY());
             Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(REGION, PAGE);
            for (int region = 0; region < REGIONS; region++) {
                if (lastGen[region] <= 0) {
                    continue;
                }
                long start = (long) region * REGION;
                long n = file.readFully(buf, start);
                MemorySegment got = buf.asSlice(0, n);
                for (BytePattern.BadRange r : pattern.check(got, start, lastGen[region], Integer.MAX_VALUE)) {
                    if (r.kind() == BytePattern.Kind.ZEROED) {
                        zeroed += r.length();
                    } else {
                        wrong += r.length();
                    }
                    if (bad.size() < 1000) {
                        bad.add(r);
                    }
                }
                if (n < REGION) {
                    bad.add(new BytePattern.BadRange(start + n, REGION - n, BytePattern.Kind.MISMATCH));
                    wrong += REGION - n;
                }
                checked++;
            }
        }
        ctx.telemetry().add("verify.regions", checked);
        ctx.telemetry().add("verify.zeroed_bytes", zeroed);
        ctx.telemetry().add("verify.wrong_bytes", wrong);
        int reported = 0;
        for (BytePattern.BadRange r : bad) {
            if (reported++ == 20) {
                ctx.note((bad.size() - 20) + " more bad ranges not reported as findings");
                break;
            }
            String what = r.kind() == BytePattern.Kind.ZEROED ? "zeroed" : "wrong";
            long region = r.offset() / REGION;
            ctx.report(new Finding(Finding.Kind.DATA,
                    "data: " + what + " bytes in " + FILE + " at offset " + r.offset(),
                    r + " in region " + region + " (generation " + lastGen[(int) region] + "); "
                            + zeroed + " zeroed and " + wrong + " other wrong bytes in " + checked
                            + " regions checked"));
        }
    }
}
