package org.krepro.sys;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
 * under heavy concurrency; a call that was made is never reported as zero. An owner on a path where
 * even that is measurable ({@link IoUring}: an enter and a completion per NOP) keeps its counts in a
 * {@link Local} of its own, which snapshots include and which joins the shared counters when closed.
 */
public final class SyscallCounters {
    private static final ConcurrentHashMap<String, Counter> COUNTERS = new ConcurrentHashMap<>();
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private SyscallCounters() {
    }

    /** A per-call counter; see the class comment for its (relaxed) accuracy. */
    public static final class Counter {
        private static final int STRIPES = 16;
        private static final int PAD = 8; // longs per 64-byte cache line
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

    /**
     * Counts an owner keeps in a plain array of its own and updates from its own thread, where counting
     * costs one increment of a field it already touches: an io_uring counts its enters and completions
     * this way (one of each per NOP at QD1; through {@link Counter}s they were 2-3% of a NOP's time).
     * {@link #snapshot()} and {@link #count(String)} read them as they stand; {@link #close()} adds
     * them to the shared counters, once.
     */
    public static final class Local implements AutoCloseable {
        private final String[] names;
        private final long[] counts;

        private Local(String[] names) {
            this.names = names;
            this.counts = new long[names.length];
        }

        /** The array the owner increments: {@code counts()[i]} counts calls named {@code names[i]}. */
        public long[] counts() {
            return counts;
        }

        private void addTo(Map<String, Long> out) {
            for (int i = 0; i < counts.length; i++) {
                long n = (long) SLOT.getOpaque(counts, i);
                if (n != 0) {
                    out.merge(names[i], n, Long::sum);
                }
            }
        }

        /** Moves the counts into the shared counters (after the owner's last update); later calls do nothing. */
        @Override
        public void close() {
            synchronized (LOCALS) {
                if (!LOCALS.remove(this)) {
                    return;
                }
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) {
                        counter(names[i]).add(counts[i]);
                    }
                }
            }
        }
    }

    private static final Set<Local> LOCALS = new HashSet<>();

    /** New local counts for the call names {@code names} (shared, not copied: a constant of the owner's class). */
    public static Local local(String[] names) {
        Local l = new Local(names);
        synchronized (LOCALS) {
            LOCALS.add(l);
        }
        return l;
    }

    /** The current count of every call made at least once since start (or the last {@link #reset()}), sorted by name. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        synchronized (LOCALS) { // a Local is either still here or already in the counters, never both
            COUNTERS.forEach((name, counter) -> {
                long n = counter.sum();
                if (n != 0) {
                    out.put(name, n);
                }
            });
            LOCALS.forEach(l -> l.addTo(out));
        }
        return out;
    }

    /** The count of one call (0 when it was never made). */
    public static long count(String name) {
        return snapshot().getOrDefault(name, 0L);
    }

    /** Sets every count to zero (calls in flight on other threads may or may not be counted). */
    public static void reset() {
        synchronized (LOCALS) {
            COUNTERS.values().forEach(Counter::reset);
            LOCALS.forEach(l -> {
                for (int i = 0; i < l.counts.length; i++) {
                    SLOT.setOpaque(l.counts, i, 0L);
                }
            });
        }
    }
}
