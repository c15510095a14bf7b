package org.krepro.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;

/**
 * The CPUs the calling thread may run on ({@code sched_getaffinity(2)} / {@code sched_setaffinity(2)}
 * with pid 0, which the kernel reads as the calling thread, not the process). A child process started
 * from a pinned thread inherits its mask: that is how a benchmark runs its C baseline on the CPU its
 * measuring thread uses.
 */
public final class CpuAffinity {
    private CpuAffinity() {
    }

    /** Bits in the masks passed to the kernel: its CONFIG_NR_CPUS may be up to 8192. */
    static final int MASK_BITS = 8192;

    /** The calling thread's allowed CPUs. */
    public static BitSet ofCurrentThread() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(MASK_BITS / 8, 8);
            MemorySegment errno = Errno.state();
            long n = Syscalls.sched_getaffinity(errno, 0, mask.byteSize(), mask);
            if (n < 0) {
                throw ErrnoException.fromState("sched_getaffinity", "size=" + mask.byteSize(), errno);
            }
            return BitSet.valueOf(mask.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** Restricts the calling thread to {@code cpus} (not empty). */
    public static void setCurrentThread(BitSet cpus) {
        if (cpus.isEmpty() || cpus.length() > MASK_BITS) {
            throw new IllegalArgumentException("no CPU, or one past " + MASK_BITS + ": " + cpus);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(MASK_BITS / 8, 8);
            byte[] bytes = cpus.toByteArray();
            MemorySegment.copy(bytes, 0, mask, ValueLayout.JAVA_BYTE, 0, bytes.length);
            MemorySegment errno = Errno.state();
            if (Syscalls.sched_setaffinity(errno, 0, mask.byteSize(), mask) < 0) {
                throw ErrnoException.fromState("sched_setaffinity", "cpus=" + cpus, errno);
            }
        }
    }

    /**
     * Pins the calling thread to one CPU until {@link Pinned#close()}, which gives it back the mask it had.
     */
    public static Pinned pinCurrentThread(int cpu) {
        BitSet before = ofCurrentThread();
        BitSet one = new BitSet();
        one.set(cpu);
        setCurrentThread(one);
        return new Pinned(cpu, before);
    }

    /** A thread pinned by {@link #pinCurrentThread(int)}; close it on the same thread. */
    public record Pinned(int cpu, BitSet before) implements AutoCloseable {
        @Override
        public void close() {
            setCurrentThread(before);
        }
    }
}
