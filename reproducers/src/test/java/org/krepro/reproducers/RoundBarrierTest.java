package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.krepro.sys.SyscallCounters;

/** XfsIomapStaleWrite's futex barrier: nobody passes a round before all arrived; end() and interrupts release. */
class RoundBarrierTest {

    @Test
    void noPartyPassesARoundBeforeAllArrived() throws Exception {
        int parties = 3;
        int rounds = 20_000;
        AtomicIntegerArray arrivals = new AtomicIntegerArray(rounds);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long futexBefore = SyscallCounters.count("futex");
        try (Arena arena = Arena.ofShared()) {
            XfsIomapStaleWrite.RoundBarrier barrier = new XfsIomapStaleWrite.RoundBarrier(arena, parties);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < parties; p++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int r = 0; r < rounds; r++) {
                            arrivals.incrementAndGet(r);
                            assertTrue(barrier.await());
                            assertEquals(parties, arrivals.get(r), "passed round " + r + " before everyone arrived");
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        barrier.end();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertFalse(t.isAlive(), "a party is stuck in the barrier");
            }
        }
        assertNull(failure.get());
        // every round ends in one wake; most waiters sleep, so the calls are in the tens of thousands
        assertTrue(SyscallCounters.count("futex") - futexBefore >= rounds, "the barrier sleeps and wakes through futex");
    }

    @Test
    void endReleasesAWaiterAndEveryLaterArrival() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            XfsIomapStaleWrite.RoundBarrier barrier = new XfsIomapStaleWrite.RoundBarrier(arena, 2);
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return barrier.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(50);
            assertFalse(waiter.isDone(), "one of two parties went on alone");
            barrier.end();
            assertFalse(waiter.get(5, TimeUnit.SECONDS), "a released waiter reports the rounds over");
            assertTrue(barrier.isOver());
            assertFalse(barrier.await(), "a later arrival does not wait");
        }
    }

    @Test
    void anInterruptedWaiterThrows() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            XfsIomapStaleWrite.RoundBarrier barrier = new XfsIomapStaleWrite.RoundBarrier(arena, 2);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    barrier.await();
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            Thread.sleep(50);
            t.interrupt();
            t.join(5_000);
            assertFalse(t.isAlive(), "the interrupt was not noticed");
            assertInstanceOf(InterruptedException.class, thrown.get());
        }
    }
}
