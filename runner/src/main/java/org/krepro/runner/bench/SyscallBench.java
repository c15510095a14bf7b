package org.krepro.runner.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.io.Processes;
import org.krepro.sys.Abi;
import org.krepro.sys.AlignedBuffers;
import org.krepro.sys.CpuAffinity;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.IoUring;
import org.krepro.sys.Mapping;
import org.krepro.sys.NativeFile;
import org.krepro.sys.Syscalls;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.io_uring_h;

/**
 * {@code krepro bench syscalls}: the cost of krepro's native bindings against C doing the same work.
 * Rows: getppid (the pure downcall cost; also against C calling it through one more function, which
 * is what the downcall stub adds), anonymous mmap + store + munmap, 4 KiB O_DIRECT pwrite at
 * QD1 on ext4 on a loop device, io_uring NOP at QD1 and in batches of 32, and 4 KiB O_DIRECT random
 * reads at QD32 over a 256 MiB file, beside liburing and beside {@code fio --ioengine=io_uring}.
 *
 * <p>The C baselines ({@code baseline_syscalls.c}, {@code baseline_uring.c} next to this class) are
 * compiled with {@code gcc -O2} at run time, and a row's ratio is the median of its pairs' ratios
 * ({@link PairedRounds}); the Java loops are warmed up first so that they run compiled. CPU-bound rows
 * (getppid, mmap, NOPs) count operations per CPU-second of the issuing thread on both sides, so that
 * other work on a shared machine does not decide the ratio, alternate with one C process that stays up
 * in {@value #SLICE_MILLIS} ms slices (2 × rounds × run length of them), and each runs in a JVM of its
 * own ({@link RowFork}), confined with its C child to one CPU (in this JVM, only the issuing thread is
 * pinned there). The I/O rows count operations per elapsed second and run whole
 * runs back to back, twice {@link BenchOptions#rounds()} of them (for the random reads krepro, liburing
 * and fio take turns).
 */
public final class SyscallBench implements BenchSuite {
    static final int QD = 32;
    /** Seeds of the random offsets: every run, in Java or C, reads a sequence no earlier run read. */
    static final java.util.SplittableRandom SEEDS = new java.util.SplittableRandom();
    static final long RANDREAD_FILE_SIZE = 256L << 20;
    static final long PWRITE_SPAN = 16L << 20;
    static final Pattern C_RESULT = Pattern.compile("ops (\\d+) ns (\\d+) cpu (\\d+)");
    static final Pattern FIO_READ_IOPS = Pattern.compile("\"read\"\\s*:\\s*\\{[^}]*?\"iops\"\\s*:\\s*([0-9.]+)", Pattern.DOTALL);

    @Override
    public String name() {
        return "syscalls";
    }

    @Override
    public String description() {
        return "FFM bindings vs C: getppid, mmap, O_DIRECT pwrite, io_uring NOP and randread (also vs fio)";
    }

    @Override
    public List<BenchRow> run(BenchOptions options) throws Exception {
        BenchUnavailableException.requireRoot(name(), "loop device and mount for the O_DIRECT rows");
        for (String tool : List.of("gcc", "fio", "losetup", "mkfs.ext4", "mount")) {
            if (Processes.which(tool).isEmpty()) {
                throw new BenchUnavailableException("bench syscalls needs " + tool + " on PATH");
            }
        }
        Path work = Files.createTempDirectory("krepro-bench-");
        try {
            return runIn(work, options);
        } finally {
            FileTrees.delete(work);
        }
    }

    private long startNanos;

    /** Where {@link #compareInSlices} hands a CPU row's pairs: {@link RowFork}'s child prints them for its parent. */
    Consumer<PairedRounds> slicesMeasured = pairs -> { };

    private void say(BenchOptions o, String what) {
        o.progress().printf(Locale.ROOT, "bench syscalls [%5.1fs]: %s%n", (System.nanoTime() - startNanos) / 1e9, what);
    }

    private List<BenchRow> runIn(Path work, BenchOptions o) throws Exception {
        startNanos = System.nanoTime();
        say(o, "compiling C baselines with gcc -O2");
        Path cSyscalls = compile(work, "baseline_syscalls.c", List.of());
        Path cUring = compile(work, "baseline_uring.c", List.of("-luring"));
        List<BenchRow> rows = new ArrayList<>();

        for (String row : CPU_ROWS) {
            say(o, row + " (in " + (o.forks() == 1 ? "a JVM of its own" : o.forks() + " JVMs of its own") + ")");
            rows.add(RowFork.runForks(o, row, cSyscalls, cUring));
        }

        say(o, "making ext4 on a loop device");
        try (ScratchFilesystem fs = ScratchFilesystem.ext4(RANDREAD_FILE_SIZE + PWRITE_SPAN + (64L << 20), "-b", "4096");
             Arena arena = Arena.ofConfined()) {
            Path pwriteFile = fs.mountPoint().resolve("pwrite");
            Path readFile = fs.mountPoint().resolve("randread");
            say(o, "writing the 16 MiB pwrite file and the 256 MiB randread file");
            fill(pwriteFile, PWRITE_SPAN, arena);
            fill(readFile, RANDREAD_FILE_SIZE, arena);

            say(o, "O_DIRECT pwrite QD1");
            try (NativeFile f = NativeFile.open(pwriteFile, fcntl_h.O_WRONLY() | Abi.O_DIRECT())) {
                MemorySegment buf = AlignedBuffers.allocate(arena, 4096);
                buf.fill((byte) 0x5a);
                long[] offset = {0};
                rows.add(compare(o, "O_DIRECT pwrite 4k QD1 (ext4/loop)", Basis.WALL, () -> pwriteChunk(f, buf, offset),
                        cSyscalls, "pwrite", pwriteFile.toString(), String.valueOf(PWRITE_SPAN)));
            }

            say(o, "io_uring O_DIRECT randread QD32 (krepro, liburing, fio in turn)");
            int flags = FIO_RING_FLAGS;
            IoUring ringLikeFio;
            try {
                ringLikeFio = IoUring.open(64, flags);
            } catch (ErrnoException e) { // a kernel before 6.1: the plain ring on all three sides
                flags = 0;
                ringLikeFio = IoUring.open(64);
            }
            try (NativeFile f = NativeFile.open(readFile, fcntl_h.O_RDONLY() | Abi.O_DIRECT());
                 IoUring ring = ringLikeFio) {
                RandomReader reader = new RandomReader(ring, f.fd(), AlignedBuffers.allocate(arena, QD * 4096L),
                        RANDREAD_FILE_SIZE / 4096);
                LongSupplier chunk = () -> reader.runFor(100);
                warmUp(chunk);
                PairedRounds vsC = new PairedRounds();
                PairedRounds vsFio = new PairedRounds();
                String ringFlags = "0x" + Integer.toHexString(flags);
                for (int r = 0; r < 2 * o.rounds(); r++) {
                    // the three take turns, each round in another order: no side always runs first
                    double[] rate = new double[3];
                    for (int k = 0; k < 3; k++) {
                        switch ((r + k) % 3) {
                            case 0 -> rate[0] = measure(chunk, o.millisPerRun()).rate(Basis.WALL);
                            case 1 -> rate[1] = runC(cUring, o.millisPerRun(), "randread", readFile.toString(),
                                    String.valueOf(RANDREAD_FILE_SIZE), Long.toUnsignedString(SEEDS.nextLong()), ringFlags).rate(Basis.WALL);
                            default -> rate[2] = fio(readFile, o.millisPerRun());
                        }
                    }
                    vsC.add(rate[0], rate[1]);
                    vsFio.add(rate[0], rate[2]);
                }
                String name = "io_uring randread 4k QD32 O_DIRECT" + (flags == 0 ? "" : " (ring set up as fio's)");
                rows.add(report(o, vsC.row(name, "liburing", "wall")));
                rows.add(report(o, vsFio.row(name, "fio", "wall")));
            }
        }
        return rows;
    }

    /**
     * The CPU rows, each measured in a JVM of its own ({@link RowFork}): run one after the other in one
     * JVM, the rows before NOP batch 32 left their type profiles in the code every row shares, and it
     * measured 0.88-0.91 × liburing there against 0.96 when run first or alone.
     */
    static final List<String> CPU_ROWS = List.of("getppid", "getppid-frame", "mmap", "nop-qd1", "nop-batch32");

    /** Measures one of {@link #CPU_ROWS} in this JVM. */
    BenchRow cpuRow(BenchOptions o, String row, Path cSyscalls, Path cUring) throws IOException {
        return switch (row) {
            case "getppid" -> compare(o, "getppid", Basis.CPU, this::getppidChunk, cSyscalls, "getppid");
            // The same krepro loop against C with the downcall stub's one extra frame: where the two rows
            // differ, the difference is what a return across a system call costs on this CPU, not the binding.
            case "getppid-frame" -> compare(o, "getppid (C through one more frame)", Basis.CPU, this::getppidChunk, cSyscalls,
                    "getppid-frame");
            case "mmap" -> compare(o, "mmap 4k + store + munmap", Basis.CPU, this::mmapChunk, cSyscalls, "mmap");
            case "nop-qd1", "nop-batch32" -> {
                int batch = row.equals("nop-qd1") ? 1 : 32;
                try (IoUring ring = IoUring.open(64)) {
                    yield compare(o, batch == 1 ? "io_uring NOP QD1" : "io_uring NOP batch 32", Basis.CPU,
                            () -> nopChunk(ring, batch), cUring, "nop", String.valueOf(batch));
                }
            }
            default -> throw new IllegalArgumentException("no CPU row " + row + "; rows: " + CPU_ROWS);
        };
    }

    /**
     * The ring fio 3.33+ sets up for --ioengine=io_uring (strace shows CQSIZE | COOP_TASKRUN |
     * SINGLE_ISSUER | DEFER_TASKRUN): the randread rows use it on the krepro and the liburing side too, so
     * that the three compare the same kernel protocol (worth ~7% on this machine) rather than set-up flags.
     */
    static final int FIO_RING_FLAGS = io_uring_h.IORING_SETUP_COOP_TASKRUN() | io_uring_h.IORING_SETUP_SINGLE_ISSUER()
            | io_uring_h.IORING_SETUP_DEFER_TASKRUN();

    // ---- The krepro side of each row: a chunk of operations, returning how many it did.

    private long getppidChunk() {
        int sink = 0;
        for (int i = 0; i < 1024; i++) {
            sink += Syscalls.getppid();
        }
        return sink == Integer.MIN_VALUE ? 1023 : 1024; // keeps sink alive
    }

    private long mmapChunk() {
        for (int i = 0; i < 64; i++) {
            try (Arena arena = Arena.ofConfined()) {
                Mapping.anonymous(arena, 4096).storeByte(0, (byte) 1);
            }
        }
        return 64;
    }

    private static long pwriteChunk(NativeFile f, MemorySegment buf, long[] offset) {
        for (int i = 0; i < 16; i++) {
            f.pwrite(buf, offset[0]);
            offset[0] += 4096;
            if (offset[0] >= PWRITE_SPAN) {
                offset[0] = 0;
            }
        }
        return 16;
    }

    private static final IoUring.CompletionHandler IGNORE = (userData, res, flags) -> {
        if (res < 0) {
            throw new IllegalStateException("NOP failed: " + res);
        }
    };

    private static long nopChunk(IoUring ring, int batch) {
        long done = 0;
        for (int round = 0; round < 16; round++) {
            for (int i = 0; i < batch; i++) {
                ring.prepNop(i);
            }
            ring.submitAndWait(batch);
            done += ring.reap(IGNORE);
        }
        return done;
    }

    /** QD32 random 4 KiB reads: every completion queues the next read into the same buffer slot. */
    static final class RandomReader implements IoUring.CompletionHandler {
        final IoUring ring;
        final int fd;
        final MemorySegment[] slots = new MemorySegment[QD];
        final long blocks;
        long seed;
        boolean refill;
        int inflight;
        long completed;

        RandomReader(IoUring ring, int fd, MemorySegment buffers, long blocks) {
            this.ring = ring;
            this.fd = fd;
            this.blocks = blocks;
            for (int i = 0; i < QD; i++) {
                slots[i] = buffers.asSlice(i * 4096L, 4096);
            }
        }

        long nextOffset() { // xorshift64, as in baseline_uring.c
            long x = seed;
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            seed = x;
            return Long.remainderUnsigned(x, blocks) * 4096;
        }

        /** Runs until {@code millis} have passed and every read has completed; returns the reads done. */
        long runFor(long millis) {
            long deadline = System.nanoTime() + millis * 1_000_000;
            seed = SEEDS.nextLong() | 1; // fresh blocks every run, as the C baseline and fio read
            completed = 0;
            refill = true;
            for (int i = 0; i < QD; i++) {
                ring.prepRead(fd, slots[i], nextOffset(), i);
            }
            inflight = QD;
            while (inflight > 0) {
                ring.submitAndWait(1); // one io_uring_enter: the refills go in, at least one completion comes out
                ring.reap(this);
                refill = System.nanoTime() < deadline;
            }
            return completed;
        }

        @Override
        public void complete(long userData, int res, int flags) {
            if (res != 4096) {
                throw new IllegalStateException("randread: res " + res);
            }
            completed++;
            if (refill) {
                int slot = (int) userData;
                ring.prepRead(fd, slots[slot], nextOffset(), slot);
            } else {
                inflight--;
            }
        }
    }

    // ---- Measurement.

    /** What a rate is counted against; see {@link BenchRow#basis()}. */
    enum Basis {
        CPU, WALL
    }

    /** One measured run: operations, elapsed nanoseconds, CPU nanoseconds of the measuring thread. */
    record Run(long ops, long wallNanos, long cpuNanos) {
        double rate(Basis basis) {
            return ops * 1e9 / (basis == Basis.CPU ? cpuNanos : wallNanos);
        }
    }

    /**
     * Warms {@code chunk} up, then runs it and the C baseline back to back for twice the configured
     * rounds (with five pairs a row's median moved by a few percent from one invocation to the next
     * here), each round in the other order than the last.
     */
    private BenchRow compare(BenchOptions o, String name, Basis basis, LongSupplier chunk, Path baseline, String... args)
            throws IOException {
        if (basis == Basis.WALL) {
            return compareHere(o, name, basis, chunk, baseline, args);
        }
        BitSet allowed = CpuAffinity.ofCurrentThread();
        int cpu = measuringCpu(allowed);
        if (cpu < 0) { // this JVM may use one CPU (RowFork started it so): the C child inherits it
            o.progress().printf(Locale.ROOT, "    %s: krepro's JVM and the C baseline confined to CPU %d%n", name,
                    allowed.nextSetBit(0));
            return compareHere(o, name, basis, chunk, baseline, args);
        }
        // Both sides on one CPU (the C child inherits the thread's mask): the JVM's own threads (JIT, GC)
        // then run on the others instead of taking turns with the loop, and the ratio stops being bimodal.
        try (CpuAffinity.Pinned pinned = CpuAffinity.pinCurrentThread(cpu)) {
            o.progress().printf(Locale.ROOT, "    %s: krepro's thread and the C baseline pinned to CPU %d%n", name, pinned.cpu());
            return compareHere(o, name, basis, chunk, baseline, args);
        }
    }

    /**
     * The CPU the CPU-bound rows run on: the highest the thread may use (CPU 0 takes more of the
     * machine's interrupts), or -1 when it may use only one anyway.
     */
    static int measuringCpu() {
        return measuringCpu(CpuAffinity.ofCurrentThread());
    }

    private static int measuringCpu(BitSet cpus) {
        return cpus.cardinality() < 2 ? -1 : cpus.length() - 1;
    }

    private BenchRow compareHere(BenchOptions o, String name, Basis basis, LongSupplier chunk, Path baseline, String... args)
            throws IOException {
        warmUp(chunk);
        return basis == Basis.CPU ? compareInSlices(o, name, chunk, baseline, args) : compareInRuns(o, name, chunk, baseline, args);
    }

    /**
     * A CPU row: krepro and one C process that stays up ({@code serve} mode) take turns in slices of
     * {@value #SLICE_MILLIS} ms, as many as the configured rounds' time holds, each pair in the other
     * order than the last. Adjacent slices share the machine's state (this VM's CPU time per call drifts
     * by ±10% over seconds), so short pairs cancel the drift that whole-second rounds carried into
     * their ratios, and the median is taken over dozens of pairs instead of ten.
     */
    private BenchRow compareInSlices(BenchOptions o, String name, LongSupplier chunk, Path baseline, String... args)
            throws IOException {
        int pairs = slicePairs(o);
        int perLine = Math.max(1, pairs / (2 * o.rounds()));
        PairedRounds all = new PairedRounds();
        PairedRounds line = new PairedRounds();
        try (ServedBaseline c = ServedBaseline.start(baseline, args)) {
            c.run(SLICE_MILLIS); // its first slice pays for page faults and cold caches: not a pair
            for (int r = 0; r < pairs; r++) {
                double java;
                double base;
                if (r % 2 == 0) {
                    java = measure(chunk, SLICE_MILLIS).rate(Basis.CPU);
                    base = c.run(SLICE_MILLIS).rate(Basis.CPU);
                } else {
                    base = c.run(SLICE_MILLIS).rate(Basis.CPU);
                    java = measure(chunk, SLICE_MILLIS).rate(Basis.CPU);
                }
                all.add(java, base);
                line.add(java, base);
                if (line.size() == perLine || r == pairs - 1) {
                    BenchRow part = line.row(name, "", "");
                    String which = line.size() == 1 ? "pair " + (r + 1) : "pairs " + (r + 2 - line.size()) + "-" + (r + 1);
                    o.progress().printf(Locale.ROOT, "    %s %s: krepro %s, baseline %s, ratio %.3f (%.3f-%.3f)%n", name,
                            which, BenchRow.human(part.krepro()), BenchRow.human(part.baseline()),
                            part.ratio(), part.pairedLow(), part.pairedHigh());
                    line = new PairedRounds();
                }
            }
        }
        slicesMeasured.accept(all);
        return report(o, all.row(name, baselineKind(baseline), "cpu"));
    }

    /** Length of one slice of a CPU row. */
    static final long SLICE_MILLIS = 100;

    /** How many slice pairs the configured rounds hold: 2 × rounds × run length, in slices (at least 2). */
    static int slicePairs(BenchOptions o) {
        return (int) Math.max(2, 2L * o.rounds() * o.millisPerRun() / SLICE_MILLIS);
    }

    /** A wall-clock row: whole runs back to back, a fresh C process each, in alternating order. */
    private BenchRow compareInRuns(BenchOptions o, String name, LongSupplier chunk, Path baseline, String... args)
            throws IOException {
        PairedRounds rounds = new PairedRounds();
        int n = 2 * o.rounds();
        for (int r = 0; r < n; r++) {
            double java;
            double c;
            if (r % 2 == 0) {
                java = measure(chunk, o.millisPerRun()).rate(Basis.WALL);
                c = runC(baseline, o.millisPerRun(), args).rate(Basis.WALL);
            } else {
                c = runC(baseline, o.millisPerRun(), args).rate(Basis.WALL);
                java = measure(chunk, o.millisPerRun()).rate(Basis.WALL);
            }
            rounds.add(java, c);
            o.progress().printf(Locale.ROOT, "    %s round %d: krepro %s, baseline %s, ratio %.3f%n", name, r + 1,
                    BenchRow.human(java), BenchRow.human(c), java / c);
        }
        return report(o, rounds.row(name, baselineKind(baseline), "wall"));
    }

    /** "liburing" for the io_uring baseline program, "c" for the plain one. */
    private static String baselineKind(Path baseline) {
        return baseline.getFileName().toString().contains("uring") ? "liburing" : "c";
    }

    private static BenchRow report(BenchOptions o, BenchRow row) {
        o.progress().printf(Locale.ROOT, "  %-40s %12s  %-8s %12s  ratio %.2f (%s)%s%n", row.name(), BenchRow.human(row.krepro()),
                row.baselineKind(), BenchRow.human(row.baseline()), row.ratio(), row.basis(),
                row.pairedRange().isEmpty() ? "" : ", median of " + row.pairs() + " pairs, range " + row.pairedRange());
        return row;
    }

    /**
     * Runs {@code chunk} until it runs compiled code that no longer changes: at least
     * {@value #WARMUP_MIN_MILLIS} ms, then until three 150 ms slices in a row brought neither a gain of 3%
     * nor any JIT compilation work (a loop still in C1 or OSR code measures the JIT, not the binding), at
     * most {@value #WARMUP_MAX_MILLIS} ms.
     */
    static void warmUp(LongSupplier chunk) {
        long start = System.nanoTime();
        double best = 0;
        int flat = 0;
        long jitBefore = BenchSuite.jitMillis();
        while (System.nanoTime() - start < WARMUP_MAX_MILLIS * 1_000_000L) {
            long t0 = System.nanoTime();
            long n = 0;
            do {
                n += chunk.getAsLong();
            } while (System.nanoTime() - t0 < 150_000_000L);
            double rate = n * 1e9 / (System.nanoTime() - t0);
            long jit = BenchSuite.jitMillis();
            boolean compiled = jit != jitBefore;
            jitBefore = jit;
            if (rate > best * 1.03 || compiled) {
                best = Math.max(best, rate);
                flat = 0;
            } else if (++flat >= 3 && System.nanoTime() - start >= WARMUP_MIN_MILLIS * 1_000_000L) {
                return;
            }
        }
    }

    static final long WARMUP_MIN_MILLIS = 1_000;
    static final long WARMUP_MAX_MILLIS = 6_000;

    /** Runs {@code chunk} repeatedly for {@code millis}. */
    static Run measure(LongSupplier chunk, long millis) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000;
        long ops = 0;
        long now;
        do {
            ops += chunk.getAsLong();
            now = System.nanoTime();
        } while (now < deadline);
        return new Run(ops, now - start, THREADS.getCurrentThreadCpuTime() - cpuStart);
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static Run runC(Path exe, long millis, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), args[0], String.valueOf(millis)));
        cmd.addAll(List.of(args).subList(1, args.length));
        String out = Processes.runMerged(cmd, null, 120).check().output();
        Matcher m = C_RESULT.matcher(out);
        if (!m.find()) {
            throw new IOException(cmd + " printed no result: " + out);
        }
        return new Run(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    /** {@code fio --ioengine=io_uring} doing the same random reads for {@code millis}; returns its IOPS. */
    private static double fio(Path file, long millis) throws IOException {
        String out = Processes.runMerged(List.of("fio", "--name=krepro-randread", "--filename=" + file,
                "--ioengine=io_uring", "--direct=1", "--rw=randread", "--bs=4k", "--iodepth=" + QD,
                "--size=" + RANDREAD_FILE_SIZE, "--runtime=" + millis + "ms", "--time_based", "--norandommap",
                "--randrepeat=0", "--output-format=json"), null, 120).check().output();
        Matcher m = FIO_READ_IOPS.matcher(out);
        if (!m.find()) {
            throw new IOException("fio printed no read iops: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    // ---- Set-up.

    /** Copies the C baseline {@code source} (a resource beside this class) into {@code work} and compiles it with gcc -O2. */
    static Path compile(Path work, String source, List<String> libs) throws IOException, BenchUnavailableException {
        Path c = work.resolve(source);
        try (InputStream in = SyscallBench.class.getResourceAsStream(source)) {
            if (in == null) {
                throw new IOException("missing resource " + source);
            }
            Files.copy(in, c);
        }
        Path exe = work.resolve(source.replace(".c", ""));
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-o", exe.toString(), c.toString()));
        cmd.addAll(libs);
        try {
            Processes.runMerged(cmd, null, 120).check();
        } catch (IOException e) {
            throw new BenchUnavailableException("cannot compile the C baseline " + source
                    + (libs.isEmpty() ? "" : " (is liburing-dev installed?)") + ": " + e.getMessage(), e);
        }
        return exe;
    }

    /** Writes {@code size} bytes of non-zero data with O_DIRECT, so later I/O overwrites allocated blocks. */
    private static void fill(Path file, long size, Arena arena) {
        try (NativeFile f = NativeFile.open(file, fcntl_h.O_RDWR() | fcntl_h.O_CREAT() | Abi.O_DIRECT())) {
            MemorySegment chunk = AlignedBuffers.allocate(arena, 1 << 20);
            for (long off = 0; off < size; off += chunk.byteSize()) {
                AlignedBuffers.fillPattern(chunk, 0xB0B0, off);
                f.writeFully(chunk, off);
            }
            f.fsync();
        }
    }
}
