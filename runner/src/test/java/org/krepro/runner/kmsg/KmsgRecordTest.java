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
        assertEquals("T42", r.caller());
        assertEquals(List.of("[    5.678901][   T42] usb 1-1: new high-speed USB device"), r.toConsoleLines());
    }

    @Test
    void splitsFacilityFromPriorityAndDecodesEscapes() {
        KmsgRecord r = KmsgRecord.parse("12,7,100,-;krepro: a\\x5cb\\x0asecond line\\x09tab\n");
        assertEquals(1, r.facility());
        assertEquals(4, r.level());
        assertFalse(r.fromKernel());
        assertEquals("", r.caller());
        assertEquals("[    0.000100] krepro: a\\b", r.toConsoleLines().getFirst());
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

    @Test
    void sequenceJumpsAndEpipeAreRecordedAsGaps() throws java.io.IOException {
        try (KmsgReader r = KmsgReader.open(java.nio.file.Path.of("/dev/null"))) {
            assertTrue(r.drain().isEmpty());
            r.track(10);
            r.track(11);
            assertTrue(r.gaps().isEmpty());
            r.track(15);
            assertEquals(List.of(new KmsgReader.Gap(11, 15)), r.gaps());
            assertEquals(3, r.gaps().getFirst().lost());
            r.noteOverwritten();
            r.track(16);
            assertEquals(2, r.gaps().size(), "EPIPE is a gap even when the kernel's count does not show it");
            assertEquals(16, r.lastSequence());
        }
    }

    @Test
    void callerIdsKeepConcurrentReportsApart() {
        List<KmsgRecord> recs = List.of(
                KmsgRecord.parse("4,1,100,-,caller=T7;WARNING: CPU: 0 PID: 7 at fs/ext4/inode.c:1 ext4_a+0x1/0x2"),
                KmsgRecord.parse("4,2,101,-,caller=T8;RIP: 0010:xfs_other+0x1/0x2"),
                KmsgRecord.parse("4,3,102,-,caller=T7;RIP: 0010:ext4_a+0x1/0x2"),
                KmsgRecord.parse("4,4,103,-,caller=T7;Call Trace:"),
                KmsgRecord.parse("4,5,104,-,caller=T7; ext4_b+0x1/0x2"));
        var log = new org.krepro.runner.classify.KernelLogClassifier().classifyRecords(recs);
        assertEquals("WARNING in ext4_a", log.firstCrashTitle());
        assertFalse(log.crashes().getFirst().reportText().contains("xfs_other"));
    }
}
