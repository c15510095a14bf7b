package org.krepro.reproducers;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.Telemetry;
import org.krepro.runner.spi.TestContext;
import org.krepro.sys.Errno;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.Mapping;
import org.krepro.sys.NativeFile;
import org.krepro.sys.PathCalls;
import org.krepro.sys.Syscalls;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.fcntl_h;

/**
 * ext4 inline_data: a buffered {@code write(2)} races {@code page_mkwrite} when the inline-data
 * conversion fails. Follows seed {@code 002_26515c40c505ebe3.txt} (Baokun Li, "[PATCH v2] ext4: fix race
 * condition between buffer write and page_mkwrite", never merged), its race diagram:
 * <pre>
 *            cpu1                    cpu2
 * ________________________|________________________
 * ksys_write ... generic_perform_write
 *       ext4_da_write_begin
 *                           do_fault ... ext4_page_mkwrite
 *                            ext4_convert_inline_data
 *                              ext4_destroy_inline_data_nolock  //clear EXT4_STATE_MAY_INLINE_DATA
 *                              ext4_map_blocks --> return error
 *        ext4_test_inode_state(inode, EXT4_STATE_MAY_INLINE_DATA)
 *        ext4_block_write_begin
 *                              ext4_restore_inline_data        // set EXT4_STATE_MAY_INLINE_DATA
 *       ext4_da_write_end
 *        ext4_write_inline_data_end  handle=NULL
 *         ext4_journal_stop(handle) ... BUG_ON(ref_cnt == 0)
 * </pre>
 * {@link #run} is that diagram: the {@code cpu1} thread pwrite()s small ranges (8..80 bytes at offsets
 * 0..50) into an inline file and truncates it back to 16 bytes now and then; the {@code cpu2} thread maps
 * the same file {@code MAP_SHARED} and write-faults its page, so that {@code ext4_page_mkwrite} tries the
 * conversion over and over. Files are recreated continuously (unlink, create, 16 inline bytes).
 *
 * <p>{@code ext4_map_blocks} must fail, and the write must still take the delayed-allocation path
 * ({@code ext4_da_write_begin}): a merely full filesystem sends writes through the non-delalloc path
 * (below ~256 free clusters), where a handle always exists. So {@link #afterMkfs} builds, offline, the
 * state of the syzbot log ("block bitmap and bg descriptor inconsistent: 25 vs 150994969 free
 * clusters"), as the recipe in {@code shared/seeds/README.md} that hit on 6.1 and 6.12 guests: a 16 MiB
 * {@code -O inline_data,^has_journal -b 1024 -I 256 -N 4096 -m 0} filesystem, four 16-byte inline files
 * and one fill file, then {@code debugfs -w}: every free block marked in use, every group's free count 0
 * (BLOCK_UNINIT dropped), group 0 and the superblock given a large free count; mounted
 * {@code errors=continue}. {@link #afterUnmount} undoes exactly that, so fsck judges the workload only.
 * The debugfs and dumpe2fs work of both is {@link FreeSpaceLie}'s.
 *
 * <p>The write fault: a Java store into the mapping that the kernel refuses (page_mkwrite returns
 * VM_FAULT_SIGBUS on ENOSPC) raises an {@code InternalError} that HotSpot delivers asynchronously from
 * compiled code, at the next safepoint poll, which may lie outside any {@code try}, so it can escape a
 * catch around the store (see reproducers/README.md). So {@code cpu2} takes the seed's other variant:
 * {@code read(2)} of one byte from {@code /dev/zero} into the mapping. The kernel's copy to user space
 * takes the same write fault ({@code do_shared_fault -> do_page_mkwrite -> ext4_page_mkwrite}) and a
 * refused fault comes back as EFAULT.
 *
 * <p>The second face of the same bug, writeback finding a dirty page of an inline inode
 * ({@code kernel BUG at fs/ext4/inode.c:2763} in {@code ext4_writepages}), needs the dirty-expire
 * interval to pass: the guest run sets {@code vm.dirty_expire_centisecs=100}; this class does not.
 *
 * <p>It can take the kernel down: {@code mayCrashKernel}, so the host runs it only with
 * {@code --allow-host-crash}. Never fixed upstream (as of the latest public record); what it does in a
 * guest on 6.1 and 6.12 is in reproducers/README.md.
 */
public final class Ext4InlineDataMkwrite implements Reproducer {
    static final String ID = "ext4-inline-data-mkwrite";

    /** The recipe's mkfs options; 16 MiB devices, no journal, 1 KiB blocks, 256-byte inodes. */
    static final FsConfig CONFIG = new FsConfig(Filesystem.EXT4, "inline-1k-nojournal",
            List.of("-O", "inline_data,^has_journal", "-b", "1024", "-I", "256", "-N", "4096", "-m", "0"),
            List.of("errors=continue"), 1, 16 * FsConfig.MIB, false);

    /** How many inline files the race cycles through. */
    static final int FILES = 4;
    /** The size every inline file starts at and is truncated back to. */
    static final int INLINE_SIZE = 16;
    /** The group given the large free count (as in the syzbot log: group 0). */
    static final int RICH_GROUP = 0;

    private static final ReproducerInfo INFO = new ReproducerInfo(
            ID,
            "ext4 inline_data: buffered write(2) races page_mkwrite when inline conversion fails",
            "002_26515c40c505ebe3.txt",
            List.of(CONFIG),
            List.of("open", "pwrite", "ftruncate", "mmap", "pread", "munmap", "close", "unlinkat"),
            true,
            List.of(),
            Duration.ofSeconds(30),
            List.of("kernel BUG at fs/ext4/ext4_jbd2.c:53 (__ext4_journal_stop <- ext4_write_inline_data_end"
                            + " <- generic_perform_write <- ext4_buffered_write_iter <- vfs_write)",
                    "kernel BUG at fs/ext4/inline.c: ... ext4_write_inline_data (line 235 in 6.12)",
                    // the writeback face, from wb_workfn after the dirty-expire interval
                    "kernel BUG at fs/ext4/inode.c: ... ext4_do_writepages (6.12: inode.c:2636)",
                    "kernel BUG at fs/ext4/inode.c: ... ext4_writepages (6.1: inode.c:2763)"))
            // the free-space lie of afterMkfs, printed at the first allocation: the set-up, not the bug
            .withSetUpMessages("^EXT4-fs error in ext4_mb_generate_buddy: .*block bitmap and bg descriptor inconsistent")
            .withRacePath("ext4_write_inline_data_end", "ext4_page_mkwrite", "ext4_convert_inline_data");

    @Override
    public ReproducerInfo info() {
        return INFO;
    }

    // ---------------------------------------------------------------------------------------------
    // Set-up: the offline lie about free space (on the unmounted device).

    @Override
    public void afterMkfs(TestContext ctx) throws Exception {
        Path device = ctx.devices().getFirst();
        Function<List<String>, String> exec = exec(ctx);
        Path scratch = ctx.scratchDir();
        SplittableRandom rnd = ctx.random("setup");

        // Four 16-byte inline files and one fill file, written by debugfs from host files.
        Path small = scratch.resolve("inline.bin");
        Files.write(small, content(rnd, INLINE_SIZE));
        Path fill = scratch.resolve("fill.bin");
        byte[] fillBytes = new byte[Math.toIntExact(ctx.config().deviceBytes() * 3 / 4)];
        rnd.nextBytes(fillBytes);
        Files.write(fill, fillBytes);
        StringBuilder cmds = new StringBuilder();
        for (int i = 0; i < FILES; i++) {
            cmds.append("write ").append(small).append(' ').append(fileName(i)).append('\n');
        }
        cmds.append("write ").append(fill).append(" fill\n");
        FreeSpaceLie.debugfs(exec, device, scratch.resolve("files.debugfs"), cmds.toString());
        Files.delete(fill);

        FreeSpaceLie.State before = FreeSpaceLie.read(exec, device);
        long claimed = claimedFree(before);
        List<long[]> marked = FreeSpaceLie.apply(exec, device, scratch, RICH_GROUP, claimed);
        ctx.state(Handover.class, Handover::new).marked = List.copyOf(marked);
        FreeSpaceLie.State after = FreeSpaceLie.read(exec, device);
        String wrong = after.mismatch(RICH_GROUP, claimed);
        if (wrong != null) {
            throw new IllegalStateException("ext4 free-space set-up did not take: " + wrong);
        }
        Telemetry t = ctx.telemetry();
        t.fact("setup.bitmapFreeBefore", Long.toString(before.bitmapFree()));
        t.fact("setup.markedInUse", Long.toString(marked.stream().mapToLong(r -> r[1]).sum()));
        t.fact("setup.claimedFree", Long.toString(claimed));
        ctx.note("set-up: bitmaps full, group " + RICH_GROUP + " and the superblock claim " + claimed
                + " free blocks (expect 'EXT4-fs error ... block bitmap and bg descriptor inconsistent' at the"
                + " first allocation: that is the set-up, not the bug)");
    }

    /** A large free count, as the recipe asks, within what one group can hold. */
    static long claimedFree(FreeSpaceLie.State state) {
        return state.blocksPerGroup() - state.blocksPerGroup() / 32;
    }

    /** What {@link #afterMkfs} hands {@link #afterUnmount} through the test context. */
    static final class Handover {
        /** The ranges the lie marked in use, {start, count}. */
        volatile List<long[]> marked = List.of();
    }

    @Override
    public void afterUnmount(TestContext ctx) throws Exception {
        Path device = ctx.devices().getFirst();
        List<long[]> marked = ctx.state(Handover.class, Handover::new).marked;
        String fsck = ctx.exec(List.of("sh", "-c", "e2fsck -fn \"$1\" 2>&1; true", "e2fsck", device.toString()));
        String done = FreeSpaceLie.undo(exec(ctx), device, ctx.scratchDir(), marked, fsck);
        if (done != null) {
            ctx.note("after the workload, undid the set-up so that fsck judges the workload only: " + done);
        }
    }

    static Function<List<String>, String> exec(TestContext ctx) {
        return command -> {
            try {
                return ctx.exec(command);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
            }
        };
    }

    static String fileName(int i) {
        return "inline" + i;
    }

    /** Printable bytes, so that a reader of a dumped image recognises them. */
    static byte[] content(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + rnd.nextInt(26));
        }
        return b;
    }

    // ---------------------------------------------------------------------------------------------
    // The race.

    /** The inline file the threads race on now; a new generation each time the writer recreates it. */
    private record Target(long generation, Path path) {
    }

    @Override
    public void run(TestContext ctx) throws Exception {
        Telemetry t = ctx.telemetry();
        t.fact("mkwrite.variant", "read(2) from /dev/zero into the MAP_SHARED mapping (EFAULT when"
                + " page_mkwrite refuses); an FFM store's SIGBUS cannot be caught reliably");
        ctx.note("the writeback face (kernel BUG in ext4_writepages from wb_workfn) needs the dirty-expire interval"
                + " to pass within the budget: set vm.dirty_expire_centisecs=100 in the guest (this class does not)");
        AtomicReference<Target> target = new AtomicReference<>(new Target(0, ctx.mountPoint().resolve(fileName(0))));
        AtomicBoolean recreate = new AtomicBoolean();
        Cpu2 cpu2 = new Cpu2(ctx, target, recreate);
        Cpu1 cpu1;
        try {
            cpu1 = new Cpu1(ctx, target, recreate);
        } catch (RuntimeException e) {
            cpu2.close();
            throw e;
        }
        RaceThreads race = new RaceThreads(ctx)
                .driver("cpu1-pwrite", cpu1::step, cpu1::close)
                .helper("cpu2-page_mkwrite", cpu2::step, cpu2::close);
        long start = System.nanoTime();
        race.run(Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - start) / 1e9;
        t.fact("rate.pwritesPerSec", String.format("%.0f", t.get("pwrites") / seconds));
        t.fact("rate.mkwriteAttemptsPerSec", String.format("%.0f", t.get("page_mkwrite.attempts") / seconds));
        // A race attempt: one page_mkwrite conversion attempt (cpu2) while cpu1 keeps writing.
        t.fact("rate.raceAttemptsPerSec", String.format("%.0f", t.get("page_mkwrite.attempts") / seconds));
    }

    /**
     * cpu1: {@code ext4_buffered_write_iter -> generic_perform_write -> ext4_da_write_begin/end} on an
     * inline file, small ranges so that some fit inline and some need the conversion that fails. Every
     * 256..1280 steps, or when cpu2 made the page writable, it recreates the file (unlink, create, 16
     * inline bytes).
     */
    private static final class Cpu1 {
        private final TestContext ctx;
        private final AtomicReference<Target> target;
        private final AtomicBoolean recreate;
        private final Telemetry t;
        private final LongAdder pwrites;
        private final LongAdder enospc;
        private final LongAdder otherErrors;
        private final LongAdder truncates;
        private final LongAdder recreated;
        private final SplittableRandom rnd;
        private final Arena arena = Arena.ofShared();
        private final MemorySegment data;
        private final MemorySegment first;
        private Target current;
        private NativeFile file;
        private long nextRecreate;

        Cpu1(TestContext ctx, AtomicReference<Target> target, AtomicBoolean recreate) throws ErrnoException {
            this.ctx = ctx;
            this.target = target;
            this.recreate = recreate;
            this.t = ctx.telemetry();
            this.pwrites = t.counter("pwrites");
            this.enospc = t.counter("pwrite.enospc");
            this.otherErrors = t.counter("pwrite.errors.other");
            this.truncates = t.counter("truncates");
            this.recreated = t.counter("files.recreated");
            this.rnd = ctx.random("cpu1");
            byte[] initial = content(ctx.random("content"), INLINE_SIZE);
            this.data = arena.allocate(80);
            data.copyFrom(MemorySegment.ofArray(content(rnd, 80)));
            this.first = arena.allocate(INLINE_SIZE);
            first.copyFrom(MemorySegment.ofArray(initial));
            this.current = target.get();
            try {
                this.file = NativeFile.open(current.path(), fcntl_h.O_RDWR());
            } catch (RuntimeException e) {
                arena.close();
                throw e;
            }
            this.nextRecreate = 256 + rnd.nextInt(1024);
        }

        boolean step(long i) throws ErrnoException {
            long n = i + 1;
            if (n >= nextRecreate || recreate.getAndSet(false)) {
                recreateFile();
                nextRecreate = n + 256 + rnd.nextInt(1024);
            }
            int len = 8 + rnd.nextInt(73);
            int off = rnd.nextInt(51);
            // The counted raw call, not NativeFile.pwrite: ENOSPC is the common case here and an
            // exception per call would cost more than the call.
            MemorySegment errno = Errno.state();
            long r = Syscalls.pwrite(errno, file.fd(), data, len, off);
            pwrites.increment();
            if (r < 0) {
                int e = Errno.value(errno);
                if (e == errno_h.ENOSPC()) {
                    enospc.increment();
                } else {
                    otherErrors.increment();
                    t.fact("pwrite.lastError", Errno.name(e));
                }
            }
            if (rnd.nextInt(16) == 0) {
                file.ftruncate(INLINE_SIZE);
                truncates.increment();
            }
            return true;
        }

        private void recreateFile() throws ErrnoException {
            file.close();
            Path next = ctx.mountPoint().resolve(fileName(rnd.nextInt(FILES)));
            try {
                PathCalls.unlink(next);
            } catch (ErrnoException e) {
                if (!e.is(errno_h.ENOENT())) {
                    throw e;
                }
            }
            file = NativeFile.open(next, fcntl_h.O_RDWR() | fcntl_h.O_CREAT() | fcntl_h.O_EXCL());
            try {
                file.pwrite(first, 0); // 16 bytes: a fresh inline file (no block needed)
            } catch (ErrnoException e) {
                if (!e.is(errno_h.ENOSPC())) {
                    throw e;
                }
                t.counter("files.created.enospc").increment(); // raced on anyway, empty
            }
            current = new Target(current.generation() + 1, next);
            target.set(current);
            recreated.increment();
        }

        void close() {
            file.close();
            arena.close();
        }
    }

    /**
     * cpu2: {@code do_fault -> do_page_mkwrite -> ext4_page_mkwrite -> ext4_convert_inline_data}, whose
     * {@code ext4_map_blocks} fails (no free bit in any bitmap) and restores the inline data: the window.
     */
    private static final class Cpu2 {
        private final AtomicReference<Target> target;
        private final AtomicBoolean recreate;
        private final Telemetry t;
        private final LongAdder attempts;
        private final LongAdder efault;
        private final LongAdder writable;
        private final LongAdder otherErrors;
        private final LongAdder remaps;
        private final SplittableRandom rnd;
        private final long page = Mapping.pageSize();
        private final NativeFile zero;
        private long generation = -1;
        private NativeFile file;
        private Mapping map;

        Cpu2(TestContext ctx, AtomicReference<Target> target, AtomicBoolean recreate) throws ErrnoException {
            this.target = target;
            this.recreate = recreate;
            this.t = ctx.telemetry();
            this.attempts = t.counter("page_mkwrite.attempts");
            this.efault = t.counter("page_mkwrite.efault");
            this.writable = t.counter("page_mkwrite.ok");
            this.otherErrors = t.counter("page_mkwrite.errors.other");
            this.remaps = t.counter("mmaps");
            this.rnd = ctx.random("cpu2");
            this.zero = NativeFile.open(Path.of("/dev/zero"), fcntl_h.O_RDONLY());
        }

        boolean step(long i) throws ErrnoException {
            Target now = target.get();
            if (now.generation() != generation) {
                unmap();
                try {
                    file = NativeFile.open(now.path(), fcntl_h.O_RDWR());
                } catch (ErrnoException e) {
                    if (e.is(errno_h.ENOENT())) {
                        Thread.onSpinWait(); // between the writer's unlink and create
                        return true;
                    }
                    throw e;
                }
                map = Mapping.shared(file, 0, page);
                remaps.increment();
                generation = now.generation();
            }
            attempts.increment();
            // read(2) of one byte from /dev/zero into the mapping: the kernel's copy takes the
            // write fault (ext4_page_mkwrite); EFAULT when page_mkwrite refused it.
            MemorySegment errno = Errno.state();
            long r = Syscalls.pread(errno, zero.fd(), map.segment().asSlice(rnd.nextInt(INLINE_SIZE), 1), 1, 0);
            if (r == 1) {
                // The page became writable: the file is no longer inline (or the fault raced a
                // truncate). Start over on a fresh inline file.
                writable.increment();
                recreate.set(true);
                generation = -1;
            } else if (r < 0 && Errno.value(errno) == errno_h.EFAULT()) {
                efault.increment();
            } else {
                otherErrors.increment();
                t.fact("page_mkwrite.lastError", r < 0 ? Errno.name(Errno.value(errno)) : "read returned " + r);
            }
            return true;
        }

        private void unmap() {
            if (map != null) {
                map.close();
                map = null;
            }
            if (file != null) {
                file.close();
                file = null;
            }
        }

        void close() {
            unmap();
            zero.close();
        }
    }
}
