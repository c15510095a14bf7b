package org.krepro.vm.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.krepro.runner.report.RunEvents;
import org.krepro.runner.report.Verdict;

class GuestOutputTest {
    private static final String A = RunEvents.key("ext4", "control-clean", "4k");
    private static final String B = RunEvents.key("ext4", "gup-dio-into-mmap", "4k");

    @Test
    void theEventStreamTellsThePlanAndTheRunningTest() {
        GuestOutput o = new GuestOutput();
        assertTrue(o.accept(RunEvents.plan(List.of(A, B)), 0));
        assertEquals(List.of(A, B), o.plan());
        assertNull(o.running());
        assertTrue(o.accept(RunEvents.start(A), 1_000_000_000L));
        assertEquals(A, o.running());
        assertEquals(2.5, o.runningSeconds(3_500_000_000L), 1e-9);
        assertTrue(o.accept(RunEvents.end(A, Verdict.PASS), 2_000_000_000L));
        assertNull(o.running());
        assertEquals(0, o.runningSeconds(9_000_000_000L));
        assertTrue(o.accept(RunEvents.start(B), 4_000_000_000L));
        assertTrue(o.accept(RunEvents.end(A, Verdict.PASS), 5_000_000_000L), "a stray end is still the protocol");
        assertEquals(B, o.running(), "and does not end the test that runs");
    }

    @Test
    void progressTextIsEchoedNeverRead() {
        GuestOutput o = new GuestOutput();
        o.accept(RunEvents.plan(List.of(A, B)), 0);
        o.accept(RunEvents.start(A), 0);
        // the runner's human lines, with test names and verdicts in them
        for (String l : List.of("krepro 0.1 on 6.1.0-57-cloud-amd64: 2 tests",
                "RUN     gup-dio-into-mmap[4k] on ext4/4k (budget 60s)",
                "PASS    control-clean[4k] ext4                      30.0s  ",
                "  gup-dio-into-mmap[4k]  10s/60s  1234 iterations (123/s)  findings so far: 1",
                "FAIL    gup-dio-into-mmap[4k] ext4                  12.0s  WARNING in ext4_dirty_folio")) {
            assertFalse(o.accept(l, 0), l);
        }
        assertEquals(A, o.running());
        assertEquals(List.of(A, B), o.plan());
    }

    @Test
    void aLineCutByADyingGuestIsText() {
        GuestOutput o = new GuestOutput();
        String start = RunEvents.start(B);
        assertFalse(o.accept(start.substring(0, start.length() - 5), 0));
        assertNull(o.running());
        assertTrue(o.accept("[   12.5] ttyS1 noise " + start, 0), "the prefix may follow other text");
        assertEquals(B, o.running());
    }

    @Test
    void theInitsFactsAreKept() {
        GuestOutput o = new GuestOutput();
        assertTrue(o.accept(GuestOutput.INFO + "release=6.12.118+deb12-cloud-amd64", 0));
        assertTrue(o.accept(GuestOutput.INFO + "node0=cpus 0-1, 1024 MiB", 0));
        assertTrue(o.accept(GuestOutput.INFO + "no equals sign", 0));
        assertEquals("6.12.118+deb12-cloud-amd64", o.info().getProperty("release"));
        assertEquals("cpus 0-1, 1024 MiB", o.info().getProperty("node0"));
        assertEquals(2, o.info().size());
    }
}
