package org.krepro.reproducers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.krepro.runner.bench.BenchSuite;
import org.krepro.runner.spi.Budget;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.Telemetry;
import org.krepro.runner.spi.TestContext;
import org.krepro.runner.spi.TestSkipped;

/**
 * The worker-thread harness of the race reproducers: the CPU1 | CPU2 columns of a race diagram, each a
 * named platform thread running its loop body until the budget is spent.
 *
 * <ul>
 *   <li>The <em>drivers</em> (the column the diagram's story follows: the reader, the writers' round,
 *       the metadata load) run until {@link Budget#spent(long)} with the sum of their iterations, which
 *       is the test's {@code iterations} counter. When one stops, every other thread stops.</li>
 *   <li>The others are <em>helpers</em> (reclaim, writeback, compaction): they run until the driver
 *       stops, or until the time budget is up.</li>
 *   <li>Every loop makes at least one step, even when the set-up used up the budget.</li>
 *   <li>All threads start together (a latch), are daemons, and are joined with a grace period: a thread
 *       still inside the kernel past {@code budget + grace} (a bad kernel can leave a task in D state,
 *       e.g. in balance_dirty_pages) is reported as a {@link Finding.Kind#WORKLOAD} finding with its
 *       Java stack, and {@link #run} returns anyway so that the runner can judge the test.</li>
 *   <li>The first exception of any body stops all threads and is rethrown by {@link #run}.</li>
 * </ul>
 *
 * Shared by the reproducers of this package; it knows nothing about any bug.
 */
public final class RaceThreads {

    /** One step of a loop; returns false to end this thread's loop early. */
    @FunctionalInterface
    public interface Step {
        boolean step(long iteration) throws Exception;
    }

    private record Worker(String name, Step step, boolean driver, Runnable onExit) {
    }

    /** What the threads need of a test: its budget, its telemetry and where findings go. */
    interface Host {
        Budget budget();

        Telemetry telemetry();

        void report(Finding finding);
    }

    private final Host host;
    private final List<Worker> workers = new ArrayList<>();
    private volatile boolean stop;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile String failedThread = "";

    public RaceThreads(TestContext ctx) {
        this(host(ctx));
    }

    /** The test context as a {@link Host}. */
    static Host host(TestContext ctx) {
        return new Host() {
            @Override
            public Budget budget() {
                return ctx.budget();
            }

            @Override
            public Telemetry telemetry() {
                return ctx.telemetry();
            }

            @Override
            public void report(Finding finding) {
                ctx.report(finding);
            }
        };
    }

    /** For a loop run outside a test (a benchmark): {@code host} stands in for the test context. */
    RaceThreads(Host host) {
        this.host = host;
    }

    /** A loop whose iterations count in the test's {@code iterations}; its end ends all loops. */
    public RaceThreads driver(String name, Step step) {
        return driver(name, step, () -> { });
    }

    /** A driver with a clean-up that runs on its own thread after its loop (e.g. closing a ring). */
    public RaceThreads driver(String name, Step step, Runnable onExit) {
        workers.add(new Worker(name, step, true, onExit));
        return this;
    }

    /** A helper loop (reclaim, writeback...), stopped when the driver stops or the time is up. */
    public RaceThreads helper(String name, Step step) {
        return helper(name, step, () -> { });
    }

    public RaceThreads helper(String name, Step step, Runnable onExit) {
        workers.add(new Worker(name, step, false, onExit));
        return this;
    }

    /** True once the race is over; long helper steps (sleeps between compactions) poll it. */
    public boolean stopping() {
        return stop || host.budget().timeUp();
    }

    /**
     * Sleeps up to {@code millis} in short slices, returning early when the race stops; returns false
     * when it stopped.
     */
    public boolean pause(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!stopping()) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return true;
            }
            Thread.sleep(Math.min(left, 50));
        }
        return false;
    }

    /**
     * CPU time (user + system) this process has used, in milliseconds, from /proc/self/stat (clock ticks
     * of 10 ms); -1 when unreadable. The rate per CPU-second of a race is what a shared machine cannot
     * blur: other work takes wall time from it, not CPU time.
     */
    public static long processCpuMillis() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 3, utime field 14, stime field 15
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * One thread's loop of steps, in a method of its own, apart from the thread's start and exit work:
     * that work calls each worker's own {@code onExit}, and where it was compiled into one method with
     * the loop, a new type there at the end of a race threw the loop's compiled code away, so that the
     * next race in this JVM ran its first seconds interpreted while the JIT compiled it again (100-240 ms
     * of JIT inside each measured race of {@code bench reproducers}).
     */
    private void steps(Worker w, Budget budget, AtomicLong driven, LongAdder total, LongAdder mine) throws Exception {
        long i = 0;
        while (true) {
            // every loop makes at least one step, even when set-up ate the budget on a loaded machine or
            // the drivers are already done: each declared syscall is made, the test has a verdict
            // one branch for the race's end however it is seen: `|`, not `||` (see budgetDone)
            if (i > 0 && (stop | budgetDone(w, budget, driven))) {
                return;
            }
            boolean more = w.step().step(i);
            i++;
            mine.increment();
            if (w.driver()) {
                driven.incrementAndGet();
                total.increment();
            }
            if (!more) {
                return;
            }
        }
    }

    /**
     * Whether this worker's budget is spent: a driver's by the drivers' steps or time, a helper's by time.
     * {@link #steps} takes it and the stop flag into one branch: C2 compiles a branch that was never
     * taken when it compiled the loop as a trap, and where a helper seeing the time up, a driver seeing
     * it and a thread seeing another stop the race each had a branch of its own, the rare ones were
     * first taken races later (-Xlog:deoptimization: trap_bci 42, a helper's, in the eighth race of a
     * JVM); the trap threw the compiled loop away and the next race ran C1 code while C2 compiled it again.
     */
    private static boolean budgetDone(Worker w, Budget budget, AtomicLong driven) {
        return w.driver() ? budget.spent(driven.get()) : budget.timeUp();
    }

    /**
     * Runs every loop until the budget is spent and joins them. The drivers' iterations are added to
     * the telemetry counter {@code iterations}; each thread's own count to {@code <name>.iterations};
     * the race's wall time (start to join) to {@code race.millis}, the denominator of its rates; the
     * process's CPU time over it to {@code race.cpu_millis} and the JIT's compile time to
     * {@code race.jit_millis}.
     *
     * @param grace how long past the time budget the threads may take to return
     * @return true when every thread returned
     */
    public boolean run(Duration grace) throws Exception {
        if (workers.stream().noneMatch(Worker::driver)) {
            throw new IllegalStateException("no driver");
        }
        Budget budget = host.budget();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        LongAdder total = host.telemetry().counter("iterations");
        AtomicLong driven = new AtomicLong();
        for (Worker w : workers) {
            LongAdder mine = host.telemetry().counter(w.name() + ".iterations");
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    steps(w, budget, driven, total, mine);
                } catch (Throwable e) {
                    if (failure.compareAndSet(null, e)) {
                        failedThread = w.name();
                    }
                    stop = true;
                } finally {
                    if (w.driver()) {
                        stop = true;
                    }
                    try {
                        w.onExit().run();
                    } catch (Throwable e) {
                        if (failure.compareAndSet(null, e)) {
                            failedThread = w.name() + " (clean-up)";
                        }
                    }
                }
            }, "krepro-" + w.name());
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        long raceStart = System.nanoTime();
        long cpuStart = processCpuMillis();
        // the JIT's threads run in this process: a race measured per CPU-second pays for what it compiles
        long jitStart = BenchSuite.jitMillis();
        go.countDown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budget.remainingMillis())
                + grace.toNanos();
        boolean allReturned = true;
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Duration.ofNanos(left));
            }
            if (t.isAlive()) {
                stop = true;
            }
        }
        long millis = Math.max(1, (System.nanoTime() - raceStart) / 1_000_000);
        host.telemetry().add("race.millis", millis);
        long cpu = processCpuMillis() - cpuStart;
        if (cpuStart >= 0 && cpu >= 0) {
            host.telemetry().add("race.cpu_millis", cpu);
        }
        host.telemetry().add("race.jit_millis", BenchSuite.jitMillis() - jitStart);
        host.telemetry().fact("iterations_per_s", String.format(java.util.Locale.ROOT, "%.1f", total.sum() * 1000.0 / millis));
        long attempts = host.telemetry().get("race.attempts");
        if (attempts > 0) {
            host.telemetry().fact("race.attempts_per_s", String.format(java.util.Locale.ROOT, "%.1f", attempts * 1000.0 / millis));
        }
        for (Thread t : threads) {
            if (t.isAlive()) {
                allReturned = false;
                String stack = Arrays.stream(t.getStackTrace()).map(f -> "    at " + f)
                        .collect(Collectors.joining("\n"));
                host.report(new Finding(Finding.Kind.WORKLOAD,
                        "workload: thread " + t.getName() + " did not return within " + grace.toSeconds()
                                + " s after its budget (blocked in the kernel?)",
                        t.getName() + " state " + t.getState() + "\n" + stack));
            }
        }
        Throwable f = failure.get();
        if (f instanceof TestSkipped skipped) {
            throw skipped;
        }
        if (f != null) {
            throw new Exception("workload thread " + failedThread + " failed: " + f, f);
        }
        return allReturned;
    }
}
