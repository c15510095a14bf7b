package org.krepro.sys;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every call made through the native bindings, keyed by the call's name ({@code "pread"},
 * {@code "io_uring_enter"}, {@code "move_pages"}...), and every io_uring operation when its completion is
 * reaped, keyed {@code "io_uring:READ"}, {@code "io_uring:STATX"}... Reproducers declare the syscalls
 * they drive and assert, from a {@link #snapshot()}, that each was actually made.
 *
 * <p>Each call site holds its own {@link LongAdder} (looked up once, when the binding is linked), so
 * counting costs one uncontended add per call and never a map lookup. Counts are process-wide and
 * include failed calls (a call that returned an error was still made).
 */
public final class SyscallCounters {
    private static final ConcurrentHashMap<String, LongAdder> COUNTERS = new ConcurrentHashMap<>();

    private SyscallCounters() {
    }

    /**
     * The counter of the call {@code name}, created on first request. Bindings call this once per
     * function and keep the result in a static final field.
     */
    public static LongAdder counter(String name) {
        return COUNTERS.computeIfAbsent(name, k -> new LongAdder());
    }

    /** The current count of every call made at least once since start (or the last {@link #reset()}), sorted by name. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        COUNTERS.forEach((name, adder) -> {
            long n = adder.sum();
            if (n != 0) {
                out.put(name, n);
            }
        });
        return out;
    }

    /** The count of one call (0 when it was never made). */
    public static long count(String name) {
        LongAdder adder = COUNTERS.get(name);
        return adder == null ? 0 : adder.sum();
    }

    /** Sets every count to zero (calls in flight on other threads may or may not be counted). */
    public static void reset() {
        COUNTERS.values().forEach(LongAdder::reset);
    }
}
