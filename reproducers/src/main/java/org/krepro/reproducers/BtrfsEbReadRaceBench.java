package org.krepro.reproducers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.krepro.reproducers.bench.LoopFilesystem;
import org.krepro.runner.bench.BenchOptions;
import org.krepro.runner.bench.BenchRow;
import org.krepro.runner.bench.BenchSuite;
import org.krepro.runner.bench.BenchUnavailableException;
import org.krepro.runner.bench.PairedRounds;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.io.Processes;
import org.krepro.runner.spi.Telemetry;

/**
 * {@code krepro bench btrfs-eb-read-race}: the race-attempt rate of {@link BtrfsEbReadRace}'s core loop
 * (rounds of drop caches + 8 io_uring readers doing STATX/OPENAT/READ/CLOSE over the same 4608 files)
 * beside the same loop in C with liburing ({@code bench/btrfs_eb_read_race.c}, {@code gcc -O2}), on one
 * btrfs loop filesystem holding the tree, made as the reproducer's "single" option set is (through the
 * runner's lifecycle). Rows: io_uring operations per second (each a read of a cold tree path: the race
 * attempts) and rounds per second. A round takes about a second here, so each run lasts at least 6 s;
 * the median of the back-to-back rounds' ratios counts. Basis "wall": the work is done by io-wq kernel workers, not
 * by the issuing threads, so CPU time of the issuers would not measure it.
 */
public final class BtrfsEbReadRaceBench implements BenchSuite {
    private static final Pattern C_RESULT = Pattern.compile("iterations=(\\d+) seconds=([0-9.]+) ops=(\\d+)");

    @Override
    public String name() {
        return BtrfsEbReadRace.ID;
    }

    @Override
    public String description() {
        return "btrfs-eb-read-race core loop (drop caches + io_uring STATX/OPENAT/READ/CLOSE from 8 rings) vs C/liburing";
    }

    @Override
    public List<BenchRow> run(BenchOptions o) throws Exception {
        BenchUnavailableException.requireRoot(name(), "loop devices, mount, drop_caches");
        long millis = Math.max(6000, o.millisPerRun());
        Path work = Files.createTempDirectory("krepro-bench-eb-");
        try (LoopFilesystem fs = LoopFilesystem.create(BtrfsEbReadRace.SINGLE)) {
            Path exe = compile(work);
            long treeSeed = 0x004L;
            o.progress().println("bench " + name() + ": building the tree on " + fs.device());
            BtrfsEbReadRace.buildTree(fs.mountPoint(), treeSeed);
            exec(List.of("sync", "-f", fs.mountPoint().toString()));
            java(fs.mountPoint(), treeSeed, 2000); // warm-up: C2 compiles the loop
            PairedRounds ops = new PairedRounds();
            PairedRounds rounds = new PairedRounds();
            for (int r = 0; r < o.rounds(); r++) {
                double[] c = r % 2 == 1 ? c(exe, fs.mountPoint(), millis) : null; // alternate which side runs first
                double[] j = java(fs.mountPoint(), treeSeed, millis);
                if (c == null) {
                    c = c(exe, fs.mountPoint(), millis);
                }
                ops.add(j[0], c[0]);
                rounds.add(j[1], c[1]);
            }
            List<BenchRow> rows = List.of(ops.row(name() + " io_uring ops (race attempts)", "liburing", "wall"),
                    rounds.row(name() + " rounds (drop caches + all files)", "liburing", "wall"));
            for (BenchRow row : rows) {
                o.progress().printf(Locale.ROOT, "  %-50s %12s  C %12s  ratio %.2f%n", row.name(),
                        BenchRow.human(row.krepro()), BenchRow.human(row.baseline()), row.ratio());
            }
            return rows;
        } finally {
            FileTrees.delete(work);
        }
    }

    /** {ops/s, rounds/s} of the Java core loop. */
    private static double[] java(Path mount, long treeSeed, long millis) throws Exception {
        Telemetry t = new Telemetry();
        long start = System.nanoTime();
        BtrfsEbReadRace.coreLoop(mount, treeSeed, Duration.ofMillis(millis), t);
        double secs = (System.nanoTime() - start) / 1e9;
        long ops = t.get("ops.STATX") + t.get("ops.OPENAT") + t.get("ops.READ") + t.get("ops.CLOSE");
        return new double[] {ops / secs, t.get("iterations") / secs};
    }

    /** {ops/s, rounds/s} of the C loop. */
    private static double[] c(Path exe, Path mount, long millis) throws IOException {
        List<String> cmd = List.of(exe.toString(), mount.toString(), Integer.toString(BtrfsEbReadRace.DIRS),
                Integer.toString(BtrfsEbReadRace.FILES_PER_DIR), Integer.toString(BtrfsEbReadRace.THREADS),
                Integer.toString(BtrfsEbReadRace.BATCH), String.format(Locale.ROOT, "%.3f", millis / 1000.0));
        String out = exec(cmd);
        Matcher m = C_RESULT.matcher(out);
        if (!m.find()) {
            throw new IOException(cmd + " printed no result: " + out);
        }
        double secs = Double.parseDouble(m.group(2));
        return new double[] {Long.parseLong(m.group(3)) / secs, Long.parseLong(m.group(1)) / secs};
    }

    /** Runs a command; its output (stdout and stderr), or an IOException naming the exit status. */
    private static String exec(List<String> command) throws IOException {
        return Processes.runMerged(command, null, 600).check().output();
    }

    private static Path compile(Path work) throws IOException, BenchUnavailableException {
        String source = "btrfs_eb_read_race.c";
        Path c = work.resolve(source);
        try (InputStream in = BtrfsEbReadRace.class.getResourceAsStream("bench/" + source)) {
            if (in == null) {
                throw new IOException("missing resource bench/" + source);
            }
            Files.copy(in, c);
        }
        Path exe = work.resolve("btrfs_eb_read_race");
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-o", exe.toString(), c.toString(), "-luring", "-lpthread"));
        try {
            exec(cmd);
        } catch (IOException e) {
            throw new BenchUnavailableException("cannot compile the C baseline " + source
                    + " (gcc and liburing-dev installed?): " + e.getMessage(), e);
        }
        return exe;
    }
}
