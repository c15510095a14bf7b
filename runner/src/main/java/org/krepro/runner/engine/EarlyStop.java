package org.krepro.runner.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.krepro.runner.spi.Budget;

/**
 * Ends a workload once its test's verdict is certain. A watcher thread asks every {@link #PERIOD} for
 * the first decisive finding (a kernel crash report or filesystem error in the test's kernel-log window,
 * a finding the reproducer reported); when one appears it trips the workload's {@link Budget}, whose
 * loops then return. With {@code --full-budget} it only records when the first finding came.
 */
final class EarlyStop implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(250);

    /** A finding that settles the verdict: what kind, its title, and when it was first seen. */
    record First(String kind, String title, double seconds, long nanos) {
        String describe() {
            return String.format(Locale.ROOT, "%s after %.1f s (%s)", kind, seconds, title);
        }
    }

    /** What the watcher asks: the first decisive finding so far, as (kind, title). */
    interface Source {
        Optional<Map.Entry<String, String>> firstDecisive();
    }

    private final Budget budget;
    private final Source source;
    private final boolean stopEnabled;
    private final Thread watcher;
    private volatile First first;
    private volatile long endNanos;

    private EarlyStop(Budget budget, Source source, boolean stopEnabled) {
        this.budget = budget;
        this.source = source;
        this.stopEnabled = stopEnabled;
        this.watcher = Thread.ofPlatform().daemon().name("krepro-early-stop").start(this::watch);
    }

    /** Starts watching {@code budget}'s workload; {@code stop} false only records (--full-budget). */
    static EarlyStop watch(Budget budget, Source source, boolean stop) {
        return new EarlyStop(budget, source, stop);
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted() && first == null) {
                Thread.sleep(PERIOD);
                check();
            }
        } catch (InterruptedException e) {
            // the workload returned
        }
    }

    private void check() {
        Optional<Map.Entry<String, String>> f;
        try {
            f = source.firstDecisive();
        } catch (RuntimeException e) {
            return; // the kernel-log read reports its own problems at the end of the test
        }
        if (f.isPresent() && first == null) {
            long now = System.nanoTime();
            First found = new First(f.get().getKey(), f.get().getValue(), (now - budget.startNanos()) / 1e9, now);
            first = found;
            if (stopEnabled) {
                budget.stop(found.describe());
            }
        }
    }

    /** The first decisive finding the watcher saw while the workload ran, if any. */
    Optional<First> first() {
        return Optional.ofNullable(first);
    }

    /**
     * {@code seconds.first.finding.to.teardown}: from the first decisive finding to now, the start of
     * the test's teardown (after remount, verify and fsck), when there was one.
     */
    void recordTeardown(Map<String, String> props) {
        First f = first;
        if (f != null) {
            props.put("seconds.first.finding.to.teardown", String.format(Locale.ROOT, "%.2f", (System.nanoTime() - f.nanos()) / 1e9));
        }
    }

    /** Stops watching; call when the workload has returned (or was declared hung). */
    @Override
    public void close() {
        endNanos = System.nanoTime();
        watcher.interrupt();
        try {
            watcher.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The test's properties about it: {@code seconds.to.first.finding} (from the workload's start),
     * {@code seconds.first.finding.to.workload.end}, and {@code stopped.early} (why, or why not).
     */
    void record(Map<String, String> props) {
        First f = first;
        if (f == null) {
            props.put("stopped.early", "no (no decisive finding while the workload ran)");
            return;
        }
        props.put("seconds.to.first.finding", String.format(Locale.ROOT, "%.1f", f.seconds()));
        double end = (endNanos - budget.startNanos()) / 1e9;
        props.put("seconds.first.finding.to.workload.end", String.format(Locale.ROOT, "%.2f", Math.max(0, end - f.seconds())));
        props.put("stopped.early", stopEnabled ? f.describe() : "no (--full-budget; first finding: " + f.describe() + ")");
    }
}
