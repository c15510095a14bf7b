package org.krepro.reproducers.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.krepro.reproducers.Ext4Jbd2Migration;
import org.krepro.reproducers.GupDioIntoMmap;
import org.krepro.reproducers.XfsIomapStaleWrite;
import org.krepro.runner.bench.BenchOptions;
import org.krepro.runner.bench.BenchRow;
import org.krepro.runner.bench.BenchSuite;
import org.krepro.runner.bench.BenchUnavailableException;
import org.krepro.runner.bench.PairedRounds;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.io.Processes;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;

/**
 * Race-attempt rate of each reproducer of this module beside the same core loop written in C (the C
 * sources are resources under {@code org/krepro/reproducers/bench/}, compiled here with
 * {@code gcc -O2 -pthread}). Each side runs on a fresh loop-device filesystem of the reproducer's first
 * option set for the same time; the Java side is the reproducer's own {@code run()} (its
 * {@code race.attempts} counter), the C side prints its attempts. Two rows per reproducer: attempts per
 * CPU-second of the process over the race (basis "cpu": what a shared, loaded machine does not blur;
 * the JVM's own threads, JIT and GC, count against krepro) and per wall second (basis "wall"). Ratio =
 * krepro / C, higher is better; goal >= 0.9. Needs root (loop devices).
 *
 * <p>{@code krepro bench reproducers} (a {@link BenchSuite}; runs are at least {@value #MIN_MILLIS} ms), or
 * {@code java ... org.krepro.reproducers.bench.ReproducerBench [SECONDS] [--rounds N] [--json]}: the
 * two sides run back to back N times, and a row's ratio is the median of the rounds' ratios.
 */
public final class ReproducerBench implements BenchSuite {
    /** The shortest run that measures a race and not its set-up (file creation, JIT warm-up). */
    static final long MIN_MILLIS = 4000;

    @Override
    public String name() {
        return "reproducers";
    }

    @Override
    public String description() {
        return "race-attempt rate of ext4-jbd2-migration, gup-dio-into-mmap, xfs-iomap-stale-write beside the same loops in C";
    }

    @Override
    public List<BenchRow> run(BenchOptions options) throws Exception {
        BenchUnavailableException.requireRoot(name(), "loop devices, mkfs, mount");
        Path cDir;
        try {
            cDir = compile();
        } catch (IOException e) {
            throw new BenchUnavailableException("cannot compile the C baselines: " + e.getMessage(), e);
        }
        try {
            return runSuite(options, cDir);
        } finally {
            FileTrees.delete(cDir);
        }
    }

    private static List<BenchRow> runSuite(BenchOptions options, Path cDir) throws Exception {
        double seconds = Math.max(options.millisPerRun(), MIN_MILLIS) / 1000.0;
        List<BenchRow> rows = new ArrayList<>();
        for (Case c : cases()) {
            warmUp(c, (long) (seconds * 1000), options.progress());
            PairedRounds cpu = new PairedRounds();
            PairedRounds wall = new PairedRounds();
            for (int r = 0; r < Math.max(1, options.rounds()); r++) {
                Measured m = measure(c, cDir, seconds, r % 2 == 1);
                options.progress().printf(Locale.ROOT,
                        "reproducers: %s round %d: krepro %.1f/s (%.1f/cpu-s, JIT %d ms in the race), C %.1f/s (%.1f/cpu-s)%n",
                        c.reproducer().info().id(), r + 1, m.krepro(), m.kreproCpu(), m.kreproJitMillis(), m.baseline(),
                        m.baselineCpu());
                cpu.add(m.kreproCpu(), m.baselineCpu());
                wall.add(m.krepro(), m.baseline());
            }
            rows.add(cpu.row(c.name() + " per CPU-second", "c", "cpu"));
            rows.add(wall.row(c.name() + " per second", "c", "wall"));
        }
        return rows;
    }

    /** One benchmark: the reproducer (in the mode the C program mirrors), its C program and its arguments. */
    public record Case(String name, Reproducer reproducer, String cProgram, Function<LoopFilesystem, List<String>> cArgs) {
    }

    /**
     * One measured round: rates per wall second and per CPU-second of the process, each side, and the
     * JIT's compile time inside krepro's race (its compiler threads count in the process's CPU time).
     */
    public record Measured(double krepro, double baseline, double kreproCpu, double baselineCpu, long kreproJitMillis) {
    }

    public static List<Case> cases() {
        return List.of(
                new Case("ext4-jbd2-migration race attempts/s (metadata ops)", Ext4Jbd2Migration.withoutInodeReader(),
                        "ext4_jbd2_migration", fs -> List.of(fs.mountPoint().toString(), fs.device().toString(),
                                ext4Ranges(fs).toString())),
                new Case("gup-dio-into-mmap race attempts/s (O_DIRECT reads into the mapping)",
                        new GupDioIntoMmap(GupDioIntoMmap.ReadPath.PREAD), "gup_dio_into_mmap",
                        fs -> List.of(fs.mountPoint().toString())),
                new Case("xfs-iomap-stale-write race attempts/s (adjacent unaligned write pairs)",
                        new XfsIomapStaleWrite(), "xfs_iomap_stale_write", fs -> List.of(fs.mountPoint().toString())));
    }

    /** {@code [SECONDS] [--rounds N] [--json]}: the suite without the CLI around it. */
    public static void main(String[] args) throws Exception {
        long millis = 8000;
        int rounds = 3;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--json")) {
                json = true;
            } else if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                millis = (long) (Double.parseDouble(args[i]) * 1000);
            }
        }
        for (BenchRow row : new ReproducerBench().run(new BenchOptions(millis, rounds, System.err))) {
            System.out.println(json ? row.toJson() : String.format(Locale.ROOT, "%-80s %12.1f %12.1f %7.2f  %s",
                    row.name(), row.krepro(), row.baseline(), row.ratio(), row.pairedRange()));
        }
    }

    /**
     * Discarded runs of the Java side (class loading, linking of the downcalls, JIT), each as long as a
     * measured run, until {@value #WARMUP_QUIET_RUNS} runs in a row each compiled code inside its race
     * for at most 1% of the race's CPU time (the JIT's threads count in it; at least
     * {@value #WARMUP_QUIET_JIT_MILLIS} ms), at most {@value #WARMUP_MAX_RUNS}. Only the race's JIT
     * counts: a run's set-up (mkfs, the reproducer's constructors) compiled 100-130 ms of code in run
     * after run, outside the measured window, and kept the warm-up from ever ending quiet; and 1% of the
     * wall time was too loose, ext4-jbd2-migration's race using about half of it: warm-ups that ended
     * at 19-26 ms left rounds with 96-102 ms of JIT in them. One 2 s run left C2 compiling through the first
     * measured round (its krepro side 15-35% below the later rounds'); 2 s runs until quiet still left
     * 170-285 ms of compilation in it, runs as long as a round's 69-137 ms. One quiet run was not enough
     * either: ext4-jbd2-migration's race loop, made not entrant by a trap in the third run, ran its
     * C1 code through a fourth that compiled only 48 ms and was recompiled inside the first measured
     * round (0.77-0.80 against 0.87-0.96 for the rounds after it, three invocations; PrintCompilation).
     */
    static void warmUp(Case c, long runMillis, java.io.PrintStream progress) throws Exception {
        List<Long> jit = new ArrayList<>();
        int quietInARow = 0;
        do {
            var telemetry = runJava(c, runMillis).telemetry();
            long ms = telemetry.get("race.jit_millis");
            long cpu = telemetry.get("race.cpu_millis");
            jit.add(ms);
            quietInARow = ms <= Math.max(WARMUP_QUIET_JIT_MILLIS, (cpu > 0 ? cpu : runMillis) / 100) ? quietInARow + 1 : 0;
        } while (quietInARow < WARMUP_QUIET_RUNS && jit.size() < WARMUP_MAX_RUNS);
        progress.printf(Locale.ROOT, "reproducers: %s warmed up (%d runs of %d ms, JIT in their races %s ms%s)%n",
                c.reproducer().info().id(), jit.size(), runMillis, jit, quietInARow < WARMUP_QUIET_RUNS ? "; not quiet yet" : "");
    }

    static final long WARMUP_QUIET_JIT_MILLIS = 10;
    static final int WARMUP_QUIET_RUNS = 2;
    static final int WARMUP_MAX_RUNS = 8;

    /**
     * Runs one case: the reproducer and the C program, each on its own fresh filesystem, the C program
     * first when {@code cFirst} (rounds alternate the order, so neither side always meets a cold cache).
     */
    public static Measured measure(Case c, Path cDir, double seconds, boolean cFirst) throws Exception {
        double[] base = cFirst ? measureC(c, cDir, seconds) : null;
        double[] java = measureJava(c, seconds);
        if (!cFirst) {
            base = measureC(c, cDir, seconds);
        }
        return new Measured(java[0], base[0], java[1], base[1], (long) java[2]);
    }

    /** {attempts per second, per CPU-second, JIT milliseconds in the race} of the reproducer's own run(). */
    private static double[] measureJava(Case c, double seconds) throws Exception {
        StandaloneContext ctx = runJava(c, (long) (seconds * 1000));
        long attempts = ctx.telemetry().get("race.attempts");
        System.err.println("  krepro " + c.reproducer().info().id() + ": " + ctx.telemetry().counters());
        return new double[] {attempts * 1000.0 / Math.max(1, ctx.telemetry().get("race.millis")),
                attempts * 1000.0 / Math.max(1, ctx.telemetry().get("race.cpu_millis")),
                ctx.telemetry().get("race.jit_millis")};
    }

    /** One run of the reproducer's own run() for {@code millis} on a fresh filesystem of its first option set. */
    private static StandaloneContext runJava(Case c, long millis) throws Exception {
        FsConfig config = c.reproducer().info().configs().getFirst();
        try (LoopFilesystem fs = LoopFilesystem.create(config)) {
            StandaloneContext ctx = new StandaloneContext(config, fs.mountPoint(), List.of(fs.device()), 1,
                    fs.scratch(), Duration.ofMillis(millis), Long.MAX_VALUE);
            ctx.startBudget();
            c.reproducer().run(ctx);
            return ctx;
        }
    }

    /** {attempts per second, per CPU-second} of the C program. */
    private static double[] measureC(Case c, Path cDir, double seconds) throws Exception {
        FsConfig config = c.reproducer().info().configs().getFirst();
        double base;
        double baseCpu;
        try (LoopFilesystem fs = LoopFilesystem.create(config)) {
            List<String> cmd = new ArrayList<>();
            cmd.add(cDir.resolve(c.cProgram()).toString());
            cmd.addAll(c.cArgs().apply(fs));
            cmd.add(Double.toString(seconds));
            String out = run(cmd);
            System.err.println("  C " + c.cProgram() + ": " + out.strip());
            long attempts = Long.parseLong(field(out, "attempts"));
            base = attempts / Double.parseDouble(field(out, "seconds"));
            baseCpu = attempts / Math.max(0.001, Double.parseDouble(field(out, "cpu")));
        }
        return new double[] {base, baseCpu};
    }

    /** The ext4 metadata ranges of the C mover, as the reproducer's mover computes them, in a file. */
    private static Path ext4Ranges(LoopFilesystem fs) {
        try {
            String dev = fs.device().toString();
            List<long[]> ranges = Ext4Jbd2Migration.movedRanges(run(List.of("dumpe2fs", dev)),
                    Ext4Jbd2Migration.MOVED_INODE_TABLE_BLOCKS);
            StringBuilder sb = new StringBuilder();
            ranges.forEach(r -> sb.append(r[0]).append(' ').append(r[1]).append('\n'));
            Path p = fs.scratch().resolve("ext4-metadata.ranges");
            Files.writeString(p, sb.toString());
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String field(String out, String key) {
        for (String tok : out.strip().split("\\s+")) {
            if (tok.startsWith(key + "=")) {
                return tok.substring(key.length() + 1);
            }
        }
        throw new IllegalStateException("no " + key + "= in: " + out);
    }

    /** Extracts the C sources from the class path and compiles each with gcc -O2 -pthread. */
    public static Path compile() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("krepro-bench-c-");
        for (String name : List.of("common.h", "ext4_jbd2_migration.c", "gup_dio_into_mmap.c", "xfs_iomap_stale_write.c")) {
            try (InputStream in = ReproducerBench.class.getResourceAsStream("/org/krepro/reproducers/bench/" + name)) {
                if (in == null) {
                    throw new IOException("missing resource " + name);
                }
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        for (String prog : List.of("ext4_jbd2_migration", "gup_dio_into_mmap", "xfs_iomap_stale_write")) {
            run(List.of("gcc", "-O2", "-pthread", "-o", dir.resolve(prog).toString(), dir.resolve(prog + ".c").toString()));
        }
        return dir;
    }

    private static String run(List<String> cmd) throws IOException {
        return Processes.runMerged(cmd, null, 300).check().output();
    }
}
