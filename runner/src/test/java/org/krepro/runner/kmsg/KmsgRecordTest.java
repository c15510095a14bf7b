package org.krepro.runner.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KmsgRecordTest {

    @Test
    void parsesHeaderMessageAndDictionary() {
        KmsgRecord r = KmsgRecord.parse("6,1234,5678901,-,caller=T42;usb 1-1: new high-speed USB device\n"
                + " SUBSYSTEM=usb\n DEVICE=c189:1\n");
        assertEquals(0, r.facility());
        assertEquals(6, r.level());
        assertEquals(6, r.priority());
        assertEquals(1234, r.sequence());
        assertEquals(5678901, r.timestampMicros());
        assertEquals("-", r.flags());
        assertEquals("usb 1-1: new high-speed USB device", r.message());
        assertEquals(Map.of("SUBSYSTEM", "usb", "DEVICE", "c189:1"), r.dictionary());
        assertTrue(r.fromKernel());
        assertEquals(List.of("[    5.678901] usb 1-1: new high-speed USB device"), r.toConsoleLines());
    }

    @Test
    void splitsFacilityFromPriorityAndDecodesEscapes() {
        KmsgRecord r = KmsgRecord.parse("12,7,100,-;krepro: a\\x5cb\\x0asecond line\\x09tab\n");
        assertEquals(1, r.facility());
        assertEquals(4, r.level());
        assertFalse(r.fromKernel());
        assertEquals("krepro: a\\b\nsecond line\ttab", r.message());
        assertEquals(List.of("krepro: a\\b", "second line\ttab"), r.messageLines());
        assertEquals(2, r.toConsoleLines().size());
    }

    @Test
    void rejectsGarbage() {
        assertThrows(IllegalArgumentException.class, () -> KmsgRecord.parse("no semicolon here"));
        assertThrows(IllegalArgumentException.class, () -> KmsgRecord.parse("x,y,z,-;msg"));
        assertThrows(IllegalArgumentException.class, () -> KmsgRecord.parse("6,1;msg"));
    }
}
