package org.krepro.reproducers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestContext;
import org.krepro.runner.verify.BlockFormat;
import org.krepro.runner.verify.ExpectedFile;
import org.krepro.runner.verify.ExpectedState;
import org.krepro.runner.verify.Verifier;
import org.krepro.runner.verify.VerifyResult;
import org.krepro.sys.Abi;
import org.krepro.sys.AlignedBuffers;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.IoUring;
import org.krepro.sys.Mapping;
import org.krepro.sys.NativeFile;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.mman_h;

/**
 * O_DIRECT read into a MAP_SHARED file mapping while reclaim strips the page's buffers (seed
 * {@code 001_bbbd47cc32ff4cc7.txt}, Jan Kara, "Filesystem crashes due to pages without buffers").
 *
 * <p>It follows Jan's diagram:
 * <pre>
 *   CPU1                                      CPU2
 *   addr = mmap(file1, MAP_SHARED, ...);
 *   fd2 = open(file2, O_DIRECT | O_RDONLY);
 *   read(fd2, addr, len)
 *     get_user_pages_fast()
 *       - page fault -> -&gt;page_mkwrite()
 *         attaches buffers, set_page_dirty(page)
 *     submit_page_section(page)
 *       - submits bio with 'page' as a buffer
 *                                             kswapd reclaims pages:
 *                                             shrink_page_list()
 *                                               try_to_unmap(page); pageout(page);
 *                                               try_to_release_page(page)
 *                                                 - reclaims buffers from the page
 *                                               __remove_mapping(page)
 *                                                 - fails as DIO code still holds a reference
 *   eventually read completes
 *     dio_bio_complete(bio)
 *       set_page_dirty_lock(page)
 *         Bummer, we've just marked the page as dirty without having buffers.
 * </pre>
 * The columns as threads:
 * <ul>
 *   <li><b>reader</b> (CPU1): reads file2, opened {@code O_DIRECT}, into the {@code MAP_SHARED}
 *       mapping of file1, {@value #CHUNK}-byte chunks at the same offsets, with {@code pread} and with an
 *       io_uring {@code READ} (alternately by default: {@link ReadPath});</li>
 *   <li><b>reclaim</b> (CPU2's kswapd): {@code MADV_PAGEOUT} of the whole mapping (unmap, write out,
 *       release buffers, as shrink_page_list does) and {@code MADV_COLD}, in a tight loop; one pageout in
 *       64 is measured with {@code mincore} before and after ({@code pages.paged_out.sampled});</li>
 *   <li><b>writeback</b>: {@code msync(MS_SYNC)} of the mapping and {@code fsync} of file1, so the
 *       pages are clean and their buffers releasable when reclaim gets them.</li>
 * </ul>
 * After the run file1 must hold file2's data wherever a read completed (checked after the remount);
 * a bad kernel also warns "page ... does not have buffers attached" (ext4, since 5.18), WARNs in
 * ext4_dirty_folio or BUGs in writeback, which the runner's kernel-log detector turns into findings.
 * On 6.1 the reader can hang in balance_dirty_pages: the threads are joined with a grace period and a
 * thread stuck in the kernel is reported, not waited for.
 * O_DIRECT pins pages since 6.3 and reclaim skips pinned pages since 6.4 (6.1.28): PASS expected there.
 *
 * <p>Telemetry: {@code iterations} = {@code race.attempts} (reads into the mapping),
 * {@code reader.preads}, {@code reader.io_uring_reads}, {@code reader.errors}, {@code reader.short_reads},
 * {@code pages.pageout_advised} / {@code pages.cold_advised} (pages covered by the madvise calls),
 * {@code pages.paged_out.sampled} over {@code pageout.samples} measured pageouts, {@code writeback.msync},
 * {@code writeback.fsync}, {@code verify.blocks}, {@code verify.bad_blocks}.
 */
public final class GupDioIntoMmap implements Reproducer {
    static final String ID = "gup-dio-into-mmap";
    static final String TARGET = "file1";
    static final String SOURCE = "file2";
    static final long MAP_BYTES = 2L << 20;
    static final int CHUNK = 256 * 1024;
    static final int CHUNKS = (int) (MAP_BYTES / CHUNK);
    static final long GENERATION = 1;
    /** The data verifier's file id of file1 (file2 holds file1's blocks-to-be). */
    static final long TARGET_ID = 1;

    /** How the reader moves file2's data into the mapping. */
    public enum ReadPath {
        /** pread(2) on even iterations, an io_uring READ on odd ones (the reproducer's default). */
        ALTERNATE,
        /** pread(2) only (what the C baseline of the benchmark does). */
        PREAD,
        /** io_uring READ only. */
        IO_URING
    }

    private final ReadPath readPath;

    public GupDioIntoMmap() {
        this(ReadPath.ALTERNATE);
    }

    public GupDioIntoMmap(ReadPath readPath) {
        this.readPath = readPath;
    }

    @Override
    public ReproducerInfo info() {
        long dev = FsConfig.GIB;
        return new ReproducerInfo(ID,
                "O_DIRECT read into a MAP_SHARED file mapping races reclaim: page dirtied without buffers",
                "001_bbbd47cc32ff4cc7.txt",
                List.of(FsConfig.of(Filesystem.EXT4, "4k", dev), FsConfig.of(Filesystem.XFS, "4k", dev)),
                switch (readPath) {
                    case ALTERNATE -> List.of("open", "pwrite", "ftruncate", "mmap", "pread", "io_uring_setup",
                            "io_uring_enter", "io_uring:READ", "madvise", "mincore", "msync", "fsync");
                    case PREAD -> List.of("open", "pwrite", "ftruncate", "mmap", "pread", "madvise", "mincore", "msync", "fsync");
                    case IO_URING -> List.of("open", "pwrite", "ftruncate", "mmap", "io_uring_setup", "io_uring_enter",
                            "io_uring:READ", "madvise", "mincore", "msync", "fsync");
                },
                false,
                List.of("mitigated: ext4 warns instead of crashing since 5.18",
                        "v6.3 (O_DIRECT pins pages, FOLL_PIN) and v6.4 (reclaim skips pinned pages); 6.1.28"),
                Duration.ofSeconds(20),
                List.of("WARNING in ext4_dirty_folio (bio_set_pages_dirty <- iomap_dio_bio_iter <- ext4_file_read_iter)",
                        "EXT4-fs warning ... mpage_prepare_extent_to_map ... does not have buffers attached",
                        "kernel BUG in mpage_prepare_extent_to_map / ext4_writepages",
                        "INFO: task hung in balance_dirty_pages (the reader, 6.1)",
                        "data: file1 does not hold file2's data"))
                // ext4_set_page_dirty and shrink_page_list are the names before 5.18 and 6.2
                .withRacePath("ext4_dirty_folio@ext4", "ext4_set_page_dirty@ext4", "filemap_dirty_folio@xfs",
                        "bio_set_pages_dirty", "shrink_folio_list", "shrink_page_list");
    }

    @Override
    public void run(TestContext ctx) throws Exception {
        Path target = ctx.mountPoint().resolve(TARGET);
        Path source = ctx.mountPoint().resolve(SOURCE);
        BlockFormat format = BlockFormat.withSeed(ctx.seed());
        boolean[] read = new boolean[CHUNKS];
        Arena arena = Arena.ofShared();
        NativeFile file1 = null;
        NativeFile file2 = null;
        Mapping addr = null;
        boolean returned = true;
        try {
            // file2: the data, written and read with O_DIRECT; its blocks are the data verifier's
            // self-describing blocks as file1 must hold them (file id TARGET_ID, block i, generation 1)
            try (NativeFile f2 = NativeFile.open(source, fcntl_h.O_RDWR() | fcntl_h.O_CREAT() | Abi.O_DIRECT())) {
                MemorySegment data = AlignedBuffers.allocate(arena, MAP_BYTES);
                format.fill(data, TARGET_ID, 0, (int) (MAP_BYTES / format.blockSize()), GENERATION);
                f2.writeFully(data, 0);
                f2.fsync();
            }
            file1 = NativeFile.open(target, fcntl_h.O_RDWR() | fcntl_h.O_CREAT());
            file2 = NativeFile.open(source, fcntl_h.O_RDONLY() | Abi.O_DIRECT());
            // file1: sparse; page_mkwrite allocates its blocks when GUP faults the pages in
            file1.ftruncate(MAP_BYTES);
            addr = Mapping.shared(file1, 0, MAP_BYTES);
            returned = race(ctx, file1, file2, addr, read);
            if (returned) {
                addr.msync(mman_h.MS_SYNC());
                file1.fsync();
            }
        } finally {
            if (returned) {
                closeAll(addr, file2, file1, arena);
            } else {
                // a thread is still inside the kernel with the mapping and the descriptors (a reader
                // hung in balance_dirty_pages, say): unmapping or closing under it would only add damage
                ctx.note("workload threads still in the kernel: the mapping and the files are left open");
            }
        }
        ctx.state(Handover.class, Handover::new).chunksRead = read.clone();
    }

    /** What {@link #run} hands {@link #verify} through the test context: the chunks a read completed into. */
    static final class Handover {
        /** Null when run did not get as far as the race. */
        volatile boolean[] chunksRead;
    }

    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private boolean race(TestContext ctx, NativeFile file1, NativeFile file2, Mapping addr, boolean[] read) throws Exception {
        LongAdder preads = ctx.telemetry().counter("reader.preads");
        LongAdder uringReads = ctx.telemetry().counter("reader.io_uring_reads");
        LongAdder attempts = ctx.telemetry().counter("race.attempts");
        LongAdder pagedOut = ctx.telemetry().counter("pages.pageout_advised");
        LongAdder colded = ctx.telemetry().counter("pages.cold_advised");
        LongAdder sampled = ctx.telemetry().counter("pages.paged_out.sampled");
        LongAdder samples = ctx.telemetry().counter("pageout.samples");
        LongAdder msyncs = ctx.telemetry().counter("writeback.msync");
        LongAdder fsyncs = ctx.telemetry().counter("writeback.fsync");
        LongAdder readErrors = ctx.telemetry().counter("reader.errors");
        LongAdder shortReads = ctx.telemetry().counter("reader.short_reads");
        MemorySegment map = addr.segment();
        IoUring[] ring = new IoUring[1];
        if (readPath != ReadPath.PREAD) {
            try {
                ring[0] = IoUring.open(4);
            } catch (ErrnoException e) {
                if (readPath == ReadPath.IO_URING) {
                    throw new org.krepro.runner.spi.TestSkipped("io_uring unavailable: " + e.getMessage());
                }
                ctx.note("io_uring unavailable (" + e.getMessage() + "): the reader uses pread only");
            }
        }
        int[] result = new int[1];
        RaceThreads race = new RaceThreads(ctx);
        race.driver("reader", i -> {
            int c = (int) (i % CHUNKS);
            long off = (long) c * CHUNK;
            MemorySegment dst = map.asSlice(off, CHUNK);
            boolean uring = ring[0] != null && (readPath == ReadPath.IO_URING || (i & 1) == 1);
            long n;
            try {
                if (uring) {
                    ring[0].prepRead(file2.fd(), dst, off, i);
                    ring[0].submitAndWait(1);
                    ring[0].reap((userData, res, flags) -> result[0] = res);
                    if (result[0] < 0) {
                        throw new ErrnoException("io_uring:READ", file2.name() + ", offset=" + off, -result[0]);
                    }
                    n = result[0];
                    uringReads.increment();
                } else {
                    n = file2.pread(dst, off);
                    preads.increment();
                }
            } catch (ErrnoException e) {
                // a read the kernel refused (EIO, EFAULT...) is something this race made happen: report it
                if (readErrors.sum() == 0) {
                    ctx.report(new Finding(Finding.Kind.WORKLOAD, "workload: O_DIRECT read into the mapping failed: "
                            + e.errnoName(), e.getMessage()));
                }
                readErrors.increment();
                return true;
            }
            if (n != CHUNK) {
                if (shortReads.sum() == 0) {
                    ctx.report(new Finding(Finding.Kind.WORKLOAD, "workload: short O_DIRECT read into the mapping",
                            n + " of " + CHUNK + " bytes at offset " + off + " of " + SOURCE));
                }
                shortReads.increment();
                return true;
            }
            read[c] = true;
            attempts.increment();
            return true;
        }, () -> {
            if (ring[0] != null) {
                ring[0].close();
            }
        });
        race.helper("reclaim", i -> {
            if ((i & 1) == 0) {
                if (i % 128 == 0) {
                    // one call in 64 is measured: resident pages before and after (mincore)
                    int before = addr.residentPages();
                    addr.madvise(mman_h.MADV_PAGEOUT());
                    sampled.add(Math.max(0, before - addr.residentPages()));
                    samples.increment();
                } else {
                    addr.madvise(mman_h.MADV_PAGEOUT());
                }
                pagedOut.add(MAP_BYTES / 4096);
            } else {
                addr.madvise(mman_h.MADV_COLD());
                colded.add(MAP_BYTES / 4096);
            }
            return true;
        });
        race.helper("writeback", i -> {
            if (i % 4 == 0) {
                file1.fsync();
                fsyncs.increment();
            } else {
                addr.msync(mman_h.MS_SYNC());
                msyncs.increment();
            }
            return true;
        });
        return race.run(Duration.ofSeconds(30));
    }

    /**
     * file1, after the remount, through the data verifier: every chunk a read completed into holds
     * file2's blocks (file {@value #TARGET_ID}, generation 1: a zeroed, stale or garbage block is a
     * finding with its class, file offset and device offset); the chunks never read are holes.
     */
    @Override
    public void verify(TestContext ctx) throws Exception {
        boolean[] chunksRead = ctx.state(Handover.class, Handover::new).chunksRead;
        if (chunksRead == null) {
            return;
        }
        ExpectedState state = new ExpectedState(BlockFormat.withSeed(ctx.seed()));
        ExpectedFile file1 = state.file(TARGET_ID, TARGET);
        int blocksPerChunk = CHUNK / state.format().blockSize();
        file1.truncated((long) CHUNKS * blocksPerChunk);
        for (int c = 0; c < CHUNKS; c++) {
            if (chunksRead[c]) {
                file1.written((long) c * blocksPerChunk, blocksPerChunk, GENERATION);
            }
        }
        VerifyResult result = Verifier.verify(ctx, state);
        result.findings().forEach(ctx::report);
        ctx.telemetry().add("verify.bad_blocks", result.bad());
        ctx.telemetry().add("verify.blocks", result.files().stream().mapToLong(VerifyResult.FileResult::blocksChecked).sum());
    }
}
