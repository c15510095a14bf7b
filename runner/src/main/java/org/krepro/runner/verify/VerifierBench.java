package org.krepro.runner.verify;

import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The verifier's benchmark row: verification throughput over an in-memory buffer of valid blocks (the
 * fast path: header fields against the expectation, CRC32C per block), beside raw CRC32C over the same
 * buffer measured in the same run. {@code ratio = verifier / crc32c}; close to 1 means verification costs
 * little more than checksumming.
 */
public final class VerifierBench {
    public static final long DEFAULT_BYTES = 256L << 20;

    /**
     * One result.
     *
     * @param name          "verifier"
     * @param krepro        verifier throughput, MB/s (10^6 bytes)
     * @param baseline      raw CRC32C throughput over the same buffer, MB/s
     * @param baselineKind  "crc32c"
     * @param ratio         krepro / baseline
     * @param detail        buffer size, block size, rounds
     */
    public record Row(String name, double krepro, double baseline, String baselineKind, double ratio, String detail) {
        @Override
        public String toString() {
            return String.format("%s: %.0f MB/s, crc32c %.0f MB/s, ratio %.2f (%s)", name, krepro, baseline, ratio, detail);
        }
    }

    private VerifierBench() {
    }

    /** 256 MiB of 4 KiB blocks, best of 7 rounds each after 2 warm-up rounds. */
    public static Row run() {
        return run(DEFAULT_BYTES, BlockFormat.DEFAULT_BLOCK_SIZE, 7);
    }

    public static Row run(long bytes, int blockSize, int rounds) {
        BlockFormat format = new BlockFormat(blockSize, 0xBE9C4L);
        long blocks = bytes / blockSize;
        if (blocks < 1 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("buffer of " + bytes + " bytes: need one block and less than 2 GiB");
        }
        long len = blocks * blockSize;
        ExpectedState state = new ExpectedState(format);
        ExpectedFile file = state.file(1);
        file.written(0, blocks, 1);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(len, 4096);
            format.fill(buf, 1, 0, (int) blocks, 1);
            ByteBuffer bb = buf.asByteBuffer();
            CRC32C crc = new CRC32C();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
            long sink = 0;
            long bestCrc = Long.MAX_VALUE;
            long bestVerify = Long.MAX_VALUE;
            for (int r = 0; r < rounds + 2; r++) {
                // Alternate the order so that neither side always runs on a warmer cache.
                for (int side = 0; side < 2; side++) {
                    boolean doCrc = (side == 0) == (r % 2 == 0);
                    long t0 = now(threads, cpuClock);
                    if (doCrc) {
                        crc.reset();
                        bb.clear();
                        crc.update(bb);
                        sink += crc.getValue();
                    } else {
                        long good = Verifier.fastScan(format, buf, file);
                        if (good != blocks) {
                            throw new IllegalStateException("verifier rejected " + (blocks - good) + " valid blocks");
                        }
                    }
                    long t = now(threads, cpuClock) - t0;
                    if (r >= 2) {
                        if (doCrc) {
                            bestCrc = Math.min(bestCrc, t);
                        } else {
                            bestVerify = Math.min(bestVerify, t);
                        }
                    }
                }
            }
            bestCrc = Math.max(bestCrc, 1);
            bestVerify = Math.max(bestVerify, 1);
            double crcMbps = len / 1e6 / (bestCrc / 1e9);
            double verifyMbps = len / 1e6 / (bestVerify / 1e9);
            String detail = String.format("%d MiB in memory, %d-byte blocks, best of %d rounds, %s%s", len >> 20, blockSize, rounds,
                    cpuClock ? "thread CPU time" : "wall time", sink == 42 ? " " : "");
            return new Row("verifier", verifyMbps, crcMbps, "crc32c", verifyMbps / crcMbps, detail);
        }
    }

    /** Thread CPU time when the JVM has it (immune to the other processes on a shared machine), else wall time. */
    private static long now(ThreadMXBean threads, boolean cpuClock) {
        return cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    public static void main(String[] args) {
        System.out.println(run());
    }
}
