package org.krepro.runner.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunEventsTest {
    @Test
    void eventsRoundTripThroughAnOutputLine() {
        String key = RunEvents.key("btrfs", "btrfs-eb-read-race", "raid0");
        assertEquals("btrfs/btrfs-eb-read-race[raid0]", key);
        assertArrayEquals(new String[] {"btrfs", "btrfs-eb-read-race", "raid0"}, RunEvents.parts(key));

        var plan = RunEvents.parse(RunEvents.plan(List.of(key, "ext4/control-clean[4k]"))).orElseThrow();
        assertTrue(plan.is("plan"));
        assertEquals(List.of(key, "ext4/control-clean[4k]"), plan.tests());

        var start = RunEvents.parse("[ 12.3] " + RunEvents.start(key)).orElseThrow();
        assertTrue(start.is("start"));
        assertEquals(key, start.test());

        var end = RunEvents.parse(RunEvents.end(key, Verdict.FAIL)).orElseThrow();
        assertEquals(Verdict.FAIL, end.verdict());
        assertNull(start.verdict(), "only an end carries a verdict");

        var phase = RunEvents.parse(RunEvents.phase(key, RunEvents.FIRST_ITERATION)).orElseThrow();
        assertTrue(phase.is("phase"));
        assertEquals(key, phase.test());
        assertEquals("first-iteration", phase.phase());
        assertEquals("", start.phase(), "only a phase event names a phase");
    }

    @Test
    void progressTextAndCutLinesAreNotEvents() {
        assertTrue(RunEvents.parse("RUN     control-clean[4k] on ext4/4k (budget 2s)").isEmpty());
        assertTrue(RunEvents.parse(RunEvents.PREFIX + "{\"event\":\"start\",\"te").isEmpty(), "a line cut by a dying guest");
        assertTrue(RunEvents.parse(RunEvents.PREFIX + "[1,2]").isEmpty());
        assertNull(RunEvents.parts("control-clean[4k]"));
        assertNull(RunEvents.parts("ext4/control-clean"));
    }
}
