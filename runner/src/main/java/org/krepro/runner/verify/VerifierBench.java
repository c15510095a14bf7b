package org.krepro.runner.verify;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import org.krepro.runner.bench.BenchOptions;
import org.krepro.runner.bench.BenchRow;
import org.krepro.runner.bench.BenchSuite;

/**
 * {@code krepro bench verifier}: verification throughput over an in-memory buffer of valid blocks (the
 * fast path: header fields against the expectation, then CRC32C per block, exactly as the verifier runs
 * it) beside raw CRC32C over the same buffer in one call, measured in the same run. Rates are bytes per
 * second (the bench table's "M/s" is MB/s); {@code ratio = verifier / crc32c}, close to 1 means
 * verification costs little more than checksumming.
 *
 * <p>Each contestant runs passes over the whole buffer for {@code millisPerRun}; the two alternate for
 * {@code rounds} rounds and the best run of each counts. Time is the thread's CPU time (when the JVM
 * has it), so other processes on a shared machine do not count against either side.
 */
public final class VerifierBench implements BenchSuite {
    public static final long DEFAULT_BYTES = 256L << 20;

    /**
     * One result, in MB/s.
     *
     * @param name         "verifier"
     * @param krepro       verifier throughput, MB/s (10^6 bytes)
     * @param baseline     raw CRC32C throughput over the same buffer, MB/s
     * @param baselineKind "crc32c"
     * @param ratio        krepro / baseline
     * @param detail       buffer size, block size, rounds, clock
     */
    public record Row(String name, double krepro, double baseline, String baselineKind, double ratio, String detail) {
        @Override
        public String toString() {
            return String.format("%s: %.0f MB/s, crc32c %.0f MB/s, ratio %.2f (%s)", name, krepro, baseline, ratio, detail);
        }
    }

    /** For {@link java.util.ServiceLoader}. */
    public VerifierBench() {
    }

    @Override
    public String name() {
        return "verifier";
    }

    @Override
    public String description() {
        return "data verifier over 256 MiB of 4 KiB blocks in memory vs raw CRC32C (bytes/s)";
    }

    @Override
    public List<BenchRow> run(BenchOptions options) {
        options.progress().println("verifier: filling 256 MiB of 4 KiB blocks");
        Row r = run(DEFAULT_BYTES, BlockFormat.DEFAULT_BLOCK_SIZE, options.rounds(), options.millisPerRun());
        options.progress().println(r);
        String basis = ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported() ? "cpu" : "wall";
        return List.of(new BenchRow("verifier, 4KiB blocks (bytes/s)", r.krepro() * 1e6, r.baseline() * 1e6, "crc32c", basis));
    }

    /** 256 MiB of 4 KiB blocks, best of 3 alternating rounds of 500 ms. */
    public static Row run() {
        return run(DEFAULT_BYTES, BlockFormat.DEFAULT_BLOCK_SIZE, 3, 500);
    }

    /**
     * Measures over a buffer of {@code bytes} (rounded down to whole blocks, below 2 GiB).
     *
     * @param rounds       alternating rounds; the best run of each side counts
     * @param millisPerRun wall time of one run of one side (at least one pass over the buffer)
     */
    public static Row run(long bytes, int blockSize, int rounds, long millisPerRun) {
        if (rounds < 1 || millisPerRun < 0) {
            throw new IllegalArgumentException("rounds >= 1 and millisPerRun >= 0");
        }
        BlockFormat format = new BlockFormat(blockSize, 0xBE9C4L);
        long blocks = bytes / blockSize;
        if (blocks < 1 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("buffer of " + bytes + " bytes: need one block and less than 2 GiB");
        }
        long len = blocks * blockSize;
        ExpectedState state = new ExpectedState(format);
        ExpectedFile file = state.file(1);
        file.written(0, blocks, 1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(len, 4096);
            format.fill(buf, 1, 0, (int) blocks, 1);
            ByteBuffer bb = buf.asByteBuffer();
            CRC32C crc = new CRC32C();
            long[] sink = new long[1];
            Runnable crcPass = () -> {
                crc.reset();
                bb.clear();
                crc.update(bb);
                sink[0] += crc.getValue();
            };
            Runnable verifyPass = () -> {
                long good = Verifier.fastScan(format, buf, file);
                if (good != blocks) {
                    throw new IllegalStateException("verifier rejected " + (blocks - good) + " valid blocks");
                }
            };
            // Warm-up: both paths compiled before anything counts.
            for (int i = 0; i < 3; i++) {
                crcPass.run();
                verifyPass.run();
            }
            double bestCrc = 0;
            double bestVerify = 0;
            for (int r = 0; r < rounds; r++) {
                // Alternate which side goes first, so neither always runs on a warmer cache.
                for (int side = 0; side < 2; side++) {
                    boolean doCrc = (side == 0) == (r % 2 == 0);
                    double rate = measure(doCrc ? crcPass : verifyPass, len, millisPerRun, threads, cpuClock);
                    if (doCrc) {
                        bestCrc = Math.max(bestCrc, rate);
                    } else {
                        bestVerify = Math.max(bestVerify, rate);
                    }
                }
            }
            String detail = String.format("%d MiB in memory, %d-byte blocks, best of %d rounds of %d ms, %s%s", len >> 20,
                    blockSize, rounds, millisPerRun, cpuClock ? "thread CPU time" : "wall time", sink[0] == 42 ? " " : "");
            return new Row("verifier", bestVerify, bestCrc, "crc32c", bestVerify / bestCrc, detail);
        }
    }

    /** Passes over the buffer until {@code millis} of wall time have gone; returns MB/s over the time measured. */
    private static double measure(Runnable pass, long bytesPerPass, long millis, ThreadMXBean threads, boolean cpuClock) {
        long wallEnd = System.nanoTime() + millis * 1_000_000L;
        long passes = 0;
        long t0 = now(threads, cpuClock);
        do {
            pass.run();
            passes++;
        } while (System.nanoTime() < wallEnd);
        long t = Math.max(1, now(threads, cpuClock) - t0);
        return passes * bytesPerPass / 1e6 / (t / 1e9);
    }

    /** Thread CPU time when the JVM has it (immune to the other processes on a shared machine), else wall time. */
    private static long now(ThreadMXBean threads, boolean cpuClock) {
        return cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    public static void main(String[] args) {
        System.out.println(run());
    }
}
