package org.krepro.runner.kmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.runner.classify.ClassifiedLog;
import org.krepro.runner.classify.CrashReport;
import org.krepro.runner.classify.CrashType;
import org.krepro.runner.classify.KernelLogClassifier;

/**
 * Positive and negative control on the real kernel log: a realistic WARNING report written into /dev/kmsg
 * between markers must be found by reader + classifier, and the next window must not inherit it.
 */
@Tag("root")
class KmsgRealKernelTest {
    /** Our PID in the report, so that a concurrent writer on a shared machine cannot be mistaken for us. */
    static final long PID = ProcessHandle.current().pid();
    static final String HEADER = "WARNING: CPU: 1 PID: " + PID + " at fs/ext4/inode.c:3664 ext4_dirty_folio+0x5a/0x70";

    /** A WARNING as the kernel prints it, one printk record per line. */
    static final List<String> WARNING_REPORT = List.of(
            "------------[ cut here ]------------",
            HEADER,
            "Modules linked in:",
            "CPU: 1 UID: 0 PID: " + PID + " Comm: krepro-kmsgtest Not tainted 6.18.0 #1 PREEMPT(voluntary)",
            "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.3-debian-1.16.3-2 04/01/2014",
            "RIP: 0010:ext4_dirty_folio+0x5a/0x70",
            "Code: 48 89 df e8 a8 b2 f5 ff 48 89 ee 4c 89 e7 5b 5d 41 5c e9 b9 62 f0 ff <0f> 0b eb c9 66 0f 1f 44 00 00",
            "RSP: 0018:ffffc90000a4bc28 EFLAGS: 00010246",
            "Call Trace:",
            " <TASK>",
            " folio_mark_dirty+0x41/0x70",
            " unpin_user_pages_dirty_lock+0xc7/0x150",
            " __x64_sys_pwritev2+0xd1/0x130",
            " do_syscall_64+0x7e/0x170",
            " entry_SYSCALL_64_after_hwframe+0x76/0x7e",
            " </TASK>",
            "---[ end trace 0000000000000000 ]---");

    @BeforeAll
    static void needsRootAndKmsg() {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to write /dev/kmsg");
        assumeTrue(Files.isWritable(KmsgReader.DEV_KMSG), "/dev/kmsg not writable");
    }

    @Test
    void warningWrittenBetweenMarkersIsFoundAndNotInherited() throws IOException {
        KernelLogClassifier classifier = new KernelLogClassifier();
        KmsgWriter writer = new KmsgWriter();
        String run = "junit-" + ProcessHandle.current().pid();

        List<KmsgRecord> first;
        try (KmsgWindow w = KmsgWindow.open(run, "control-kernel-warning")) {
            writer.writeAll(KmsgWriter.LEVEL_WARNING, WARNING_REPORT);
            // live view while the test runs
            assertTrue(w.poll().stream().anyMatch(r -> r.message().equals(HEADER)), "poll() sees what was logged so far");
            first = w.end();
            assertTrue(first.stream().noneMatch(r -> r.message().startsWith("krepro: run ")), "markers are not part of the window");
        }
        // Other writers may log concurrently on a shared machine: our lines must be there, in order.
        List<KmsgRecord> user = first.stream().filter(r -> !r.fromKernel()).toList();
        int next = 0;
        for (KmsgRecord r : user) {
            if (next < WARNING_REPORT.size() && r.message().equals(WARNING_REPORT.get(next))) {
                assertEquals(KmsgWriter.LEVEL_WARNING, r.level());
                next++;
            }
        }
        assertEquals(WARNING_REPORT.size(), next, "every line written must be read back, in order: " + user);
        assertEquals(1, first.stream().filter(r -> r.message().equals(HEADER)).count());
        ClassifiedLog log = classifier.classifyRecords(first);
        CrashReport c = log.crashes().stream().filter(x -> x.reportText().contains(HEADER)).findFirst()
                .orElseThrow(() -> new AssertionError("our WARNING not found in " + log.crashes()));
        assertEquals("WARNING in ext4_dirty_folio", c.title());
        assertEquals(CrashType.WARNING, c.type());
        assertEquals("ext4_dirty_folio", c.frame());
        assertFalse(c.corrupted(), c.corruptedReason());

        // The next test's window starts after the previous end marker: nothing inherited.
        try (KmsgWindow w = KmsgWindow.open(run, "control-clean")) {
            writer.write(KmsgWriter.LEVEL_INFO, "krepro-test: an innocent line");
            List<KmsgRecord> second = w.end();
            assertTrue(second.stream().anyMatch(r -> r.message().equals("krepro-test: an innocent line")));
            assertTrue(second.stream().noneMatch(r -> r.message().equals(HEADER)), "inherited: " + second);
            assertTrue(classifier.classifyRecords(second).crashes().stream().noneMatch(x -> x.reportText().contains(HEADER)));
            assertTrue(w.startSequence() > first.stream().mapToLong(KmsgRecord::sequence).max().orElse(-1));
        }
    }

    @Test
    void readerDrainsWithoutBlockingAndSeeksToTheEnd() throws IOException {
        try (KmsgReader r = KmsgReader.open()) {
            List<KmsgRecord> existing = r.drain(); // returns at once even though the log never "ends"
            assertTrue(r.next().isEmpty());
            r.seekToEnd();
            assertTrue(r.drain().isEmpty(), "nothing after the end yet");
            String marker = "krepro-test: seek " + System.nanoTime();
            new KmsgWriter().write(KmsgWriter.LEVEL_INFO, marker);
            List<KmsgRecord> after = r.drain();
            assertTrue(after.stream().anyMatch(x -> x.message().equals(marker)), "marker not read: " + after);
            r.seekToStart();
            List<KmsgRecord> all = r.drain();
            assertTrue(all.size() >= after.size());
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i).sequence() > all.get(i - 1).sequence(), "sequence numbers increase");
            }
            assertTrue(existing.isEmpty() || all.getFirst().sequence() <= existing.getLast().sequence());
        }
    }

    @Test
    void windowEndedByCloseIsNotLeftOpen() throws IOException {
        KmsgWindow w = KmsgWindow.open("junit", "auto-close");
        w.close();
        List<KmsgRecord> again = w.end(); // idempotent
        assertTrue(again.stream().noneMatch(r -> r.message().equals(w.endMarker())));
        try (KmsgReader r = KmsgReader.open()) {
            List<String> all = r.drain().stream().map(KmsgRecord::message).toList();
            assertTrue(all.contains(w.startMarker()) && all.contains(w.endMarker()), "both markers logged");
        }
    }
}
