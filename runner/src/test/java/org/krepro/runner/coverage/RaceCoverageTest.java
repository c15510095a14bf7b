package org.krepro.runner.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The kprobe and kallsyms formats, parsed from samples in their real shape, and the coverage properties read back. */
class RaceCoverageTest {

    static String testdata(String name) throws IOException {
        try (InputStream in = RaceCoverageTest.class.getResourceAsStream("testdata/" + name)) {
            if (in == null) {
                throw new IOException("no testdata/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void kprobeEventsLinesGiveTypeGroupEventAndTarget() throws IOException {
        List<KprobeText.Probe> p = KprobeText.parseEvents(testdata("kprobe_events.txt"));
        assertEquals(6, p.size());
        assertEquals(new KprobeText.Probe('p', "kprobes", "myopen", "do_sys_openat2"), p.getFirst());
        assertEquals(new KprobeText.Probe('p', "krepro_4242", "ext4_file_write_iter", "ext4_file_write_iter"), p.get(1));
        assertEquals(new KprobeText.Probe('r', "kprobes", "myret", "vfs_read"), p.getLast(), "r10: a return probe with maxactive");
    }

    @Test
    void profileHitsAreTakenForOurGroupOnlyEvenWhereAnotherGroupUsesTheSameEventName() throws IOException {
        Map<String, Long> hits = KprobeText.hitsOf("krepro_4242", testdata("kprobe_events.txt"), testdata("kprobe_profile.txt"));
        assertEquals(Map.of("ext4_file_write_iter", 20480L, "vfs_fsync_range", 37L, "ext4_fiemap", 0L), hits);
        assertEquals(Map.of("vfs_fsync_range", 5L), KprobeText.hitsOf("krepro_977", testdata("kprobe_events.txt"),
                testdata("kprobe_profile.txt")));
    }

    @Test
    void aGuestsRealFilesGiveItsCounts() throws IOException {
        Map<String, Long> hits = KprobeText.hitsOf("krepro_223", testdata("kprobe_events-guest-6.12.115.txt"),
                testdata("kprobe_profile-guest-6.12.115.txt"));
        assertEquals(Map.of("ext4_file_write_iter", 1989L, "ext4_fiemap", 4L, "vfs_fsync_range", 36L), hits);
        assertEquals(Map.of(), KprobeText.hitsOf("krepro_224", testdata("kprobe_events-guest-6.12.115.txt"),
                testdata("kprobe_profile-guest-6.12.115.txt")), "another process's group has no probes there");
    }

    @Test
    void whenTheTwoFilesDoNotLineUpOnlyUnambiguousEventNamesAreCounted() throws IOException {
        // a probe added between the two reads: kprobe_profile has one more line than kprobe_events
        String events = testdata("kprobe_events.txt");
        String profile = "  late_probe                                  1               0\n" + testdata("kprobe_profile.txt");
        Map<String, Long> hits = KprobeText.hitsOf("krepro_4242", events, profile);
        assertEquals(Map.of("ext4_file_write_iter", 20480L, "ext4_fiemap", 0L), hits,
                "vfs_fsync_range is in two groups: its count cannot be told apart");
    }

    @Test
    void kallsymsTellsPresentClonedAndAbsentFunctions() throws IOException {
        Map<String, KprobeText.Presence> p = KprobeText.lookUp(List.of(testdata("kallsyms-6.18.txt").split("\n")),
                Set.of("ext4_file_write_iter", "xfs_iomap_valid", "class_preempt_notrace_destructor", "ext4_ext_split",
                        "__start_rodata", "jbd2_journal_dirty_metadata"));
        assertEquals(KprobeText.Presence.PRESENT, p.get("ext4_file_write_iter"));
        assertEquals(KprobeText.Presence.PRESENT, p.get("jbd2_journal_dirty_metadata"), "a global (T) symbol");
        assertEquals(KprobeText.Presence.PRESENT, p.get("xfs_iomap_valid"), "a module's symbol, tab and [xfs] after it");
        assertEquals(KprobeText.Presence.CLONES_ONLY, p.get("class_preempt_notrace_destructor"));
        assertEquals(KprobeText.Presence.ABSENT, p.get("ext4_ext_split"), "inlined: no symbol");
        assertEquals(KprobeText.Presence.ABSENT, p.get("__start_rodata"), "data, not a function");
    }

    @Test
    void onlyTheGroupsOfKreprosThatAreGoneAreStale() throws IOException {
        String events = testdata("kprobe_events.txt");
        assertEquals(List.of("krepro_977"), KprobeText.staleGroups(events, "krepro_", pid -> pid == 4242));
        assertEquals(List.of(), KprobeText.staleGroups(events, "krepro_", pid -> true));
        assertEquals(List.of("krepro_4242", "krepro_977"), KprobeText.staleGroups(events, "krepro_", pid -> false),
                "never another tool's group (kprobes/)");
    }

    @Test
    void theErrorLogNamesWhyACommandWasRefused() throws IOException {
        assertEquals("Failed to register probe event",
                KprobeText.errorFor(testdata("error_log.txt"), "p:krepro_4242/ext4_ext_split ext4_ext_split"));
        assertEquals("", KprobeText.errorFor(testdata("error_log.txt"), "p:krepro_4242/other other"));
    }

    @Test
    void eventNamesAreWhatTracefsAccepts() {
        assertEquals("ext4_dirty_folio", KprobeText.eventName("ext4_dirty_folio"));
        assertEquals("foo_isra_0", KprobeText.eventName("foo.isra.0"));
        assertEquals("_9p_read", KprobeText.eventName("9p_read"));
        assertEquals(63, KprobeText.eventName("x".repeat(80)).length());
    }

    static Map<String, String> props(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aRacePathAllEnteredIsReached() {
        Map<String, String> p = props("coverage.xfs_iomap_valid", "1234", "coverage.iomap_write_begin", "88000",
                "coverage.xfs_buffered_write_iomap_begin", "40100", "coverage.left", "0", "coverage", "x");
        assertEquals(RaceCoverage.Reach.REACHED, RaceCoverage.reach(p));
        assertEquals("race path: 3/3 reached, fewest 1.2k hits (xfs_iomap_valid)", RaceCoverage.summary(p));
        assertEquals(1234, RaceCoverage.fewestHits(p), "the summary's fewest, unrounded");
    }

    @Test
    void oneFunctionNeverEnteredIsNotReachedAndTheSummaryNamesIt() {
        Map<String, String> p = props("coverage.end_bbio_meta_read", "0", "coverage.read_extent_buffer_pages_nowait", "97",
                "coverage.btrfs_validate_extent_buffer", "not probe-able: kprobe_events refused it (Invalid argument)",
                "coverage.read_extent_buffer_pages", "absent", "coverage", "x");
        assertEquals(RaceCoverage.Reach.NOT_REACHED, RaceCoverage.reach(p));
        assertEquals("race path: 1/2 reached, never: end_bbio_meta_read, fewest 97 hits (read_extent_buffer_pages_nowait);"
                + " unprobed: btrfs_validate_extent_buffer (not probe-able), read_extent_buffer_pages (absent)", RaceCoverage.summary(p));
        assertEquals(97, RaceCoverage.fewestHits(p), "a function never entered is not the fewest");
        assertEquals(-1, RaceCoverage.fewestHits(props("coverage.end_bbio_meta_read", "0", "coverage", "x")), "none entered");
    }

    @Test
    void withoutKprobesOrWithoutCountsTheReachIsUnknown() {
        Map<String, String> unavailable = props("coverage", "unavailable: no kprobe_events in tracefs (/sys/kernel/tracing)");
        assertEquals(RaceCoverage.Reach.UNKNOWN, RaceCoverage.reach(unavailable));
        assertEquals("unavailable: no kprobe_events in tracefs (/sys/kernel/tracing)", RaceCoverage.summary(unavailable));
        assertEquals(RaceCoverage.Reach.UNKNOWN, RaceCoverage.reach(props("seed", "1")), "no race path declared");
        assertEquals("", RaceCoverage.summary(props("seed", "1")));
        Map<String, String> allAbsent = props("coverage.ext4_set_page_dirty", "absent", "coverage", "x");
        assertEquals(RaceCoverage.Reach.UNKNOWN, RaceCoverage.reach(allAbsent));
    }

    @Test
    void countsAreShortened() {
        assertEquals("999", RaceCoverage.count(999));
        assertEquals("1.2k", RaceCoverage.count(1234));
        assertEquals("3.4M", RaceCoverage.count(3_400_000));
    }
}
