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
}
