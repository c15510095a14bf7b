package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.reproducers.bench.StandaloneContext;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;

class RaceThreadsTest {
    @TempDir
    Path dir;

    StandaloneContext ctx(Duration budget, long iterations) {
        StandaloneContext c = new StandaloneContext(FsConfig.of(Filesystem.EXT4, "t", FsConfig.GIB), dir, List.of(), 1, dir,
                budget, iterations);
        c.startBudget();
        return c;
    }

    @Test
    void iterationBudgetStopsDriversAndHelpers() throws Exception {
        StandaloneContext c = ctx(Duration.ofSeconds(30), 1000);
        AtomicLong helper = new AtomicLong();
        RaceThreads race = new RaceThreads(c);
        race.driver("a", i -> true).driver("b", i -> true).helper("h", i -> {
            helper.incrementAndGet();
            return true;
        });
        assertTrue(race.run(Duration.ofSeconds(5)));
        long it = c.telemetry().get("iterations");
        assertTrue(it >= 1000 && it <= 1002, "iterations " + it);
        assertEquals(it, c.telemetry().get("a.iterations") + c.telemetry().get("b.iterations"));
        assertTrue(helper.get() > 0);
        assertTrue(c.telemetry().facts().containsKey("iterations_per_s"));
    }

    @Test
    void everyLoopStepsOnceEvenWhenTheBudgetIsGone() throws Exception {
        StandaloneContext c = ctx(Duration.ZERO, Long.MAX_VALUE);
        AtomicLong helper = new AtomicLong();
        RaceThreads race = new RaceThreads(c);
        race.driver("d", i -> true).helper("h", i -> {
            helper.incrementAndGet();
            return true;
        });
        assertTrue(race.run(Duration.ofSeconds(5)));
        assertEquals(1, c.telemetry().get("iterations"));
        assertEquals(1, helper.get());
    }

    @Test
    void aThreadStuckPastTheGraceIsReportedAndRunReturns() throws Exception {
        StandaloneContext c = ctx(Duration.ofMillis(200), Long.MAX_VALUE);
        CountDownLatch never = new CountDownLatch(1);
        RaceThreads race = new RaceThreads(c);
        race.driver("reader", i -> {
            never.await();          // stands for a task in D state in balance_dirty_pages
            return true;
        });
        long t0 = System.nanoTime();
        assertFalse(race.run(Duration.ofSeconds(1)));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        Finding f = c.findings().getFirst();
        assertEquals(Finding.Kind.WORKLOAD, f.kind());
        assertTrue(f.title().contains("krepro-reader"), f.title());
        assertTrue(f.detail().contains("await"), f.detail());
        never.countDown();
    }

    @Test
    void theFirstFailureStopsAllAndIsRethrown() {
        StandaloneContext c = ctx(Duration.ofSeconds(30), Long.MAX_VALUE);
        RaceThreads race = new RaceThreads(c);
        race.driver("d", i -> true).helper("bad", i -> {
            if (i == 10) {
                throw new IllegalStateException("boom");
            }
            return true;
        });
        Exception e = assertThrows(Exception.class, () -> race.run(Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("bad") && e.getMessage().contains("boom"), e.getMessage());
    }
}
