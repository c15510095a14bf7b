package org.krepro.runner.spi;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and facts a workload reports: iterations, race attempts, pages moved, io_uring ops, per
 * thread where it matters ("reader.0.preads"). All of it becomes JUnit properties.
 */
public final class Telemetry {
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> facts = new ConcurrentHashMap<>();

    /** Returns the counter of that name; keep it in a local in hot loops. */
    public LongAdder counter(String name) {
        return counters.computeIfAbsent(name, k -> new LongAdder());
    }

    public void add(String name, long delta) {
        counter(name).add(delta);
    }

    public void fact(String name, String value) {
        facts.put(name, value);
    }

    public SortedMap<String, Long> counters() {
        SortedMap<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public SortedMap<String, String> facts() {
        return new TreeMap<>(facts);
    }

    public long get(String name) {
        LongAdder a = counters.get(name);
        return a == null ? 0 : a.sum();
    }

    public Map<String, String> asProperties() {
        SortedMap<String, String> out = new TreeMap<>(facts());
        counters().forEach((k, v) -> out.put(k, Long.toString(v)));
        return out;
    }
}
