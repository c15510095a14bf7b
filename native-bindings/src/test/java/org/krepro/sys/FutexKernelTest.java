package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/** The futex word against the real kernel: EAGAIN when the value moved, the sleep's limit, a wake that finds its sleeper. */
class FutexKernelTest {

    @Test
    void aWordThatMovedDoesNotSleep() {
        try (Arena arena = Arena.ofConfined()) {
            Futex f = new Futex(arena, 7);
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                f.sleepWhile(6); // the kernel answers EAGAIN: the word holds 7
            }
            assertTrue(System.nanoTime() - t0 < Futex.SLEEP_NANOS, "a sleep on a moved word waited");
            assertTrue(f.compareAndSet(7, 8));
            assertFalse(f.compareAndSet(7, 9));
            assertEquals(8, f.get());
        }
    }

    @Test
    void aSleepEndsAtItsLimitWithoutAWake() {
        try (Arena arena = Arena.ofConfined()) {
            Futex f = new Futex(arena, 0);
            long t0 = System.nanoTime();
            f.sleepWhile(0);
            long slept = System.nanoTime() - t0;
            assertTrue(slept >= Futex.SLEEP_NANOS * 8 / 10 && slept < 20 * Futex.SLEEP_NANOS, "slept " + slept + " ns");
        }
    }

    @Test
    void wakeAllFindsTheSleeper() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            Futex f = new Futex(arena, 0);
            Thread sleeper = Thread.ofPlatform().start(() -> {
                while (f.get() == 0) {
                    f.sleepWhile(0);
                }
            });
            boolean found = false;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!found && System.nanoTime() < deadline) {
                Thread.sleep(20);
                found = f.wakeAll() == 1; // the sleeper is in the kernel nearly all the time
            }
            assertTrue(found, "FUTEX_WAKE never found the sleeping thread");
            assertTrue(f.compareAndSet(0, 1));
            f.wakeAll();
            sleeper.join(5_000);
            assertFalse(sleeper.isAlive());
        }
    }
}
