package org.krepro.runner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.krepro.sys.CpuAffinity;

/**
 * Runs one CPU row of {@code bench syscalls} in JVMs of its own, as JMH forks them per benchmark: the
 * JIT's type profiles live in the code that every row shares (the bindings, the JDK's memory-segment
 * and method-handle code), so a row measured after others inherits their profiles and runs slower than
 * a reproducer that makes only its calls would. The child is this JVM's java, class path, memory/GC
 * options and krepro.* properties (e.g. -Dkrepro.sys.rawSyscalls=false, for an A/B run); its progress
 * lines are copied to the parent's progress stream as they come, and it prints each of its pairs and
 * then its row as tab-separated lines on standard output, so that the parent can pool several JVMs' pairs.
 */
final class RowFork {
    static final String ROW_LINE = "krepro-bench-row\t";
    static final String PAIR_LINE = "krepro-bench-pair\t";

    private RowFork() {
    }

    /**
     * Measures {@code row} in {@link BenchOptions#forks()} child JVMs one after the other, each for its
     * share of the pairs, and returns the row of all their pairs pooled: one JVM's code and memory layout
     * moved a row's median by up to 5% here (NOP QD1 0.94-0.99 in six JVMs), more than its own pairs' spread.
     */
    static BenchRow runForks(BenchOptions o, String row, Path cSyscalls, Path cUring) throws IOException {
        int forks = o.forks();
        BenchOptions share = new BenchOptions(Math.max(SyscallBench.SLICE_MILLIS, (o.millisPerRun() + forks - 1) / forks),
                o.rounds(), 1, o.progress());
        PairedRounds pooled = new PairedRounds();
        List<String> medians = new ArrayList<>();
        BenchRow last = null;
        for (int f = 1; f <= forks; f++) {
            o.progress().printf(Locale.ROOT, "  %s: JVM %d of %d%n", row, f, forks);
            Forked one = fork(forks == 1 ? o : share, row, cSyscalls, cUring);
            pooled.addAll(one.pairs());
            medians.add(String.format(Locale.ROOT, "%.3f", one.row().ratio()));
            last = one.row();
        }
        BenchRow all = pooled.row(last.name(), last.baselineKind(), last.basis());
        if (forks > 1) {
            o.progress().printf(Locale.ROOT, "  %-40s ratio %.2f (%s), median of %d pairs from %d JVMs (each JVM's: %s), range %s%n",
                    all.name(), all.ratio(), all.basis(), all.pairs(), forks, String.join(", ", medians), all.pairedRange());
        }
        return all;
    }

    /** One child's measurement: its row and the pairs it was made of. */
    record Forked(BenchRow row, PairedRounds pairs) {
    }

    /** Measures {@code row} (one of {@link SyscallBench#CPU_ROWS}) in one child JVM and returns it. */
    static BenchRow run(BenchOptions o, String row, Path cSyscalls, Path cUring) throws IOException {
        return fork(o, row, cSyscalls, cUring).row();
    }

    private static Forked fork(BenchOptions o, String row, Path cSyscalls, Path cUring) throws IOException {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(List.of(RowFork.class.getName(), row, String.valueOf(o.millisPerRun()), String.valueOf(o.rounds()),
                cSyscalls.toString(), cUring.toString()));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        int cpu = SyscallBench.measuringCpu();
        Process child = cpu < 0 ? builder.start() : startConfined(builder, cpu);
        // A parent stopped by a signal takes the child along; the child's C baseline ends at end of input.
        Thread reaper = new Thread(child::destroyForcibly, "krepro-bench-row-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            child.getOutputStream().close();
            Thread pump = Thread.ofPlatform().daemon().name("krepro-bench-row-progress").start(() -> copyLines(child, o));
            AtomicReference<String> result = new AtomicReference<>();
            PairedRounds pairs = new PairedRounds();
            Thread reader = Thread.ofPlatform().daemon().name("krepro-bench-row-result").start(() -> readRow(child, result, pairs));
            long limitSeconds = 60 + 8L * o.rounds() * o.millisPerRun() / 1000;
            if (!child.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                throw new IOException("bench row " + row + " did not end within " + limitSeconds + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            pump.join(TimeUnit.SECONDS.toMillis(5));
            if (child.exitValue() != 0 || result.get() == null) {
                throw new IOException("bench row " + row + " failed in its JVM (exit " + child.exitValue()
                        + "); its messages are above");
            }
            BenchRow measured = parse(result.get());
            if (pairs.size() != measured.pairs()) {
                throw new IOException("bench row " + row + ": its JVM sent " + pairs.size() + " pairs for a row of " + measured.pairs());
            }
            return new Forked(measured, pairs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while bench row " + row + " ran", e);
        } finally {
            child.destroyForcibly();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) { // the hook runs anyway
            }
        }
    }

    /**
     * Starts the row JVM from this thread pinned to {@code cpu}: the child and every thread it makes
     * (JIT, GC, the measuring thread, the C baseline) inherit that one CPU, as the single-threaded C
     * process lives on one. With only its measuring thread pinned, the JVM's other threads kept its
     * memory map live on the other CPU, so munmaps on the row's CPU sent TLB shootdowns there (about
     * 2,000 a second) that the C side never pays: mmap 0.95-1.09 by JVM against 0.99-1.07 (runner README).
     */
    private static Process startConfined(ProcessBuilder builder, int cpu) throws IOException {
        try (CpuAffinity.Pinned pinned = CpuAffinity.pinCurrentThread(cpu)) {
            return builder.start();
        }
    }

    private static void readRow(Process child, AtomicReference<String> result, PairedRounds pairs) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(ROW_LINE)) {
                    result.set(line.substring(ROW_LINE.length()));
                } else if (line.startsWith(PAIR_LINE)) {
                    String[] f = line.split("\t");
                    try {
                        pairs.add(Double.parseDouble(f[1]), Double.parseDouble(f[2]));
                    } catch (RuntimeException malformed) { // the count check after the child ends reports it
                    }
                }
            }
        } catch (IOException ignored) { // the child is gone; its exit status says what happened
        }
    }

    private static void copyLines(Process child, BenchOptions o) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                o.progress().println(line);
            }
        } catch (IOException ignored) { // the child is gone; its exit status says what happened
        }
    }

    /**
     * This JVM's java with its class path and the options that decide speed (heap, stack, GC, native
     * access, krepro's own -D properties); agents, debuggers, recordings and AOT-cache output stay with the parent.
     */
    static List<String> javaCommand() {
        return javaCommand(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /**
     * {@link #javaCommand()} from the parent's JVM options. Without a collector among them (nor Serial
     * turned off) the row gets Serial, the one the {@code krepro} launcher and the guests run with, so that
     * a bare {@code java -jar} measures the same JVM (it would get G1 here: NOP QD1 0.97-0.99 against
     * Serial's 0.99, runner README).
     */
    static List<String> javaCommand(List<String> parentOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean nativeAccess = false;
        boolean collector = false;
        for (String arg : parentOptions) {
            if (arg.startsWith("--enable-native-access")) {
                nativeAccess = true;
                cmd.add(arg);
            } else if (arg.matches("-Xm[sxn].+|-Xss.+|-XX:[+-]Use\\w+GC|-XX:(Max|Min)?Heap\\w*=.+|-Dkrepro\\..+")) {
                // a collector named, or Serial turned off: either way Serial is not ours to add
                collector |= arg.matches("-XX:\\+Use\\w+GC") || arg.equals("-XX:-UseSerialGC");
                cmd.add(arg);
            }
        }
        if (!nativeAccess) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        if (!collector) {
            cmd.add("-XX:+UseSerialGC");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return cmd;
    }

    static String format(BenchRow r) {
        return String.join("\t", r.name(), Double.toString(r.krepro()), Double.toString(r.baseline()), r.baselineKind(), r.basis(),
                Double.toString(r.pairedRatio()), Double.toString(r.pairedLow()), Double.toString(r.pairedHigh()), Integer.toString(r.pairs()));
    }

    static BenchRow parse(String line) throws IOException {
        String[] f = line.split("\t");
        if (f.length != 9) {
            throw new IOException("not a bench row: " + line);
        }
        try {
            return new BenchRow(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3], f[4], Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]), Double.parseDouble(f[7]), Integer.parseInt(f[8]));
        } catch (NumberFormatException e) {
            throw new IOException("not a bench row: " + line, e);
        }
    }

    /** The child: {@code ROW MILLIS ROUNDS C_SYSCALLS C_URING}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: RowFork ROW MILLIS ROUNDS C_SYSCALLS C_URING");
            System.exit(2);
        }
        BenchOptions o = new BenchOptions(Long.parseLong(args[1]), Integer.parseInt(args[2]), System.err);
        SyscallBench bench = new SyscallBench();
        bench.slicesMeasured = pairs -> {
            for (int i = 0; i < pairs.size(); i++) {
                double[] p = pairs.pair(i);
                System.out.println(PAIR_LINE + p[0] + "\t" + p[1]);
            }
        };
        BenchRow row = bench.cpuRow(o, args[0], Path.of(args[3]), Path.of(args[4]));
        System.out.println(ROW_LINE + format(row));
        System.out.flush();
        System.exit(0);
    }
}
