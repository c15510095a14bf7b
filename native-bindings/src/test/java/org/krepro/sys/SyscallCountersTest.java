package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyscallCountersTest {
    @Test
    void countsCallsByNameAndSnapshotsThem() throws InterruptedException {
        SyscallCounters.Counter c = SyscallCounters.counter("test:counted");
        assertSame(c, SyscallCounters.counter("test:counted"));
        long before = SyscallCounters.count("getppid");
        for (int i = 0; i < 1000; i++) {
            Syscalls.getppid();
        }
        assertEquals(before + 1000, SyscallCounters.count("getppid"));
        c.add(5);
        Thread other = new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                c.increment();
            }
        });
        other.start();
        other.join();
        assertEquals(1005, c.sum()); // one thread at a time: exact
        assertEquals(1005L, SyscallCounters.snapshot().get("test:counted"));
        assertFalse(SyscallCounters.snapshot().containsKey("test:never"));
        SyscallCounters.reset();
        assertEquals(0, SyscallCounters.count("test:counted"));
        assertTrue(SyscallCounters.snapshot().isEmpty() || !SyscallCounters.snapshot().containsKey("test:counted"));
    }

    @Test
    void localCountsAreSeenWhileOpenAndHandedOverOnceAtClose() {
        String[] names = {"test:local-a", "test:local-b"};
        SyscallCounters.Counter a = SyscallCounters.counter("test:local-a");
        a.add(2); // the shared counter of the same name, counted elsewhere
        SyscallCounters.Local local = SyscallCounters.local(names);
        local.counts()[0] += 3;
        local.counts()[1] += 7;
        assertEquals(5, SyscallCounters.count("test:local-a"), "shared 2 + local 3");
        assertEquals(7L, SyscallCounters.snapshot().get("test:local-b"));
        local.close();
        assertEquals(5, SyscallCounters.count("test:local-a"));
        assertEquals(5, a.sum(), "the local 3 are in the shared counter now");
        assertEquals(7, SyscallCounters.count("test:local-b"));
        local.close();
        assertEquals(5, SyscallCounters.count("test:local-a"), "a second close adds nothing");
        local.counts()[0] += 100; // updates after close are the owner's bug; they are not counted
        assertEquals(5, SyscallCounters.count("test:local-a"));
    }
}
