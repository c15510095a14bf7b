package org.krepro.sys;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every call made through {@link Syscalls} (which every owning class uses), keyed by the call's
 * name ({@code "pread"}, {@code "io_uring_enter"}, {@code "move_pages"}...), and every io_uring operation
 * when its completion is reaped, keyed {@code "io_uring:READ"}, {@code "io_uring:STATX"}... Reproducers
 * declare the syscalls they drive and assert, from a {@link #snapshot()}, that each was actually made.
 *
 * <p>{@link Syscalls} holds one {@link Counter} per call (looked up once, at class initialisation), so a
 * call never touches a map. A counter is striped by thread (16 cache-line-padded slots picked by thread
 * id) and incremented without a locked instruction, because it sits on paths that are benchmarked
 * against C. The price: two threads that share a slot and increment at the same instant can lose one
 * increment between them. Counts are therefore exact for a single thread and may slightly undercount
 * under heavy concurrency; a call that was made is never reported as zero.
 */
public final class SyscallCounters {
    private static final ConcurrentHashMap<String, Counter> COUNTERS = new ConcurrentHashMap<>();

    private SyscallCounters() {
    }

    /** A per-call counter; see the class comment for its (relaxed) accuracy. */
    public static final class Counter {
        private static final int STRIPES = 16;
        private static final int PAD = 8; // longs per 64-byte cache line
        private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
        private final long[] slots = new long[STRIPES * PAD];

        private Counter() {
        }

        private static int slot() {
            return (int) (Thread.currentThread().threadId() & (STRIPES - 1)) * PAD;
        }

        /** Adds one. */
        public void increment() {
            int i = slot();
            slots[i] = slots[i] + 1;
        }

        /** Adds {@code n}. */
        public void add(long n) {
            int i = slot();
            slots[i] = slots[i] + n;
        }

        /** The current total. */
        public long sum() {
            long total = 0;
            for (int i = 0; i < slots.length; i += PAD) {
                total += (long) SLOT.getOpaque(slots, i);
            }
            return total;
        }

        void reset() {
            for (int i = 0; i < slots.length; i += PAD) {
                SLOT.setOpaque(slots, i, 0L);
            }
        }
    }

    /**
     * The counter of the call {@code name}, created on first request. Callers look it up once per
     * function and keep the result in a static final field.
     */
    public static Counter counter(String name) {
        return COUNTERS.computeIfAbsent(name, k -> new Counter());
    }

    /** The current count of every call made at least once since start (or the last {@link #reset()}), sorted by name. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        COUNTERS.forEach((name, counter) -> {
            long n = counter.sum();
            if (n != 0) {
                out.put(name, n);
            }
        });
        return out;
    }

    /** The count of one call (0 when it was never made). */
    public static long count(String name) {
        Counter c = COUNTERS.get(name);
        return c == null ? 0 : c.sum();
    }

    /** Sets every count to zero (calls in flight on other threads may or may not be counted). */
    public static void reset() {
        COUNTERS.values().forEach(Counter::reset);
    }
}
