package org.krepro.runner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;

class VerdictsTest {
    private static final Finding CRASH = new Finding(Finding.Kind.KERNEL_CRASH, "WARNING in ext4_dirty_folio", "");
    private static final Finding FS = new Finding(Finding.Kind.KERNEL_FS, "EXT4-fs error in ext4_map_blocks", "");
    private static final Finding FSCK = new Finding(Finding.Kind.FSCK, "fsck: e2fsck found errors (exit 4)", "");
    private static final Finding DATA = new Finding(Finding.Kind.DATA, "data: zeroed block 17 of file 3", "");
    private static final Finding HANG = new Finding(Finding.Kind.WORKLOAD, "krepro: workload hung", "");

    private record Fixed(List<Finding> leading, List<Finding> findings) implements Detector {
        Fixed(Finding... findings) {
            this(List.of(), List.of(findings));
        }

        @Override
        public String name() {
            return "fixed";
        }
    }

    @Test
    void nothingFoundAndNoErrorPasses() {
        Verdicts.Decision d = Verdicts.decide(List.of(), List.of(), null);
        assertEquals(Verdict.PASS, d.verdict());
        assertEquals("", d.reason());
        assertEquals(List.of(), d.notes());
        assertEquals(Map.of(), d.properties());
    }

    @Test
    void aFindingFails() {
        Verdicts.Decision d = Verdicts.decide(List.of(FSCK, DATA), List.of(), null);
        assertEquals(Verdict.FAIL, d.verdict());
        assertEquals(List.of(FSCK, DATA), d.findings());
        assertEquals("", d.reason());
        assertEquals(List.of(), d.notes());
    }

    @Test
    void anErrorWithoutFindingsIsErrorWithTheFirstCauseAsReason() {
        Verdicts.Decision d = Verdicts.decide(List.of(), List.of("IOException: mkfs failed", "fsck could not run: x"), null);
        assertEquals(Verdict.ERROR, d.verdict());
        assertEquals("IOException: mkfs failed", d.reason());
        assertEquals(List.of(), d.notes());
    }

    @Test
    void findingsWinOverAnErrorWhichBecomesANote() {
        Verdicts.Decision d = Verdicts.decide(List.of(CRASH), List.of("fsck could not run: busy"), null);
        assertEquals(Verdict.FAIL, d.verdict());
        assertEquals("", d.reason());
        assertEquals(List.of("krepro error after the findings: fsck could not run: busy"), d.notes());
    }

    @Test
    void aFullWorkDirJudgesNothing() {
        Verdicts.Decision d = Verdicts.decide(List.of(FS, DATA), List.of("IOException: x"), "the work dir ran out of space");
        assertEquals(Verdict.ERROR, d.verdict());
        assertEquals(List.of(), d.findings());
        assertEquals("the work dir ran out of space", d.reason());
        assertEquals(List.of("not judged, the work dir was full: " + FS.title(),
                "not judged, the work dir was full: " + DATA.title()), d.notes());
        assertEquals(Map.of(Verdicts.ERROR_CAUSE, "environment"), d.properties());
    }

    @Test
    void skippedCarriesItsReason() {
        Verdicts.Decision d = Verdicts.skipped("no io_uring");
        assertEquals(Verdict.SKIPPED, d.verdict());
        assertEquals("no io_uring", d.reason());
        assertEquals(List.of(), d.findings());
    }

    @Test
    void leadingFindingsComeFirstThenEachDetectorInOrder() {
        Detector hang = new Fixed(HANG);
        Detector fsck = new Fixed(FSCK);
        Detector log = new Fixed(List.of(CRASH), List.of(FS));
        Detector data = new Fixed(DATA);
        assertEquals(List.of(CRASH, HANG, FSCK, FS, DATA), Verdicts.ordered(List.of(hang, fsck, log, data)));
        assertEquals(List.of(), Verdicts.ordered(List.of(new Fixed(), new Fixed())));
    }

    @Test
    void aRemoteCaseFailsOnWhatTheHostSawElsePassesOnlyOnACleanEnd() {
        Verdicts.Decision crashed = Verdicts.remote(List.of(CRASH), false, "the guest went away");
        assertEquals(Verdict.FAIL, crashed.verdict());
        assertEquals(List.of(CRASH), crashed.findings());
        assertEquals("", crashed.reason());
        Verdicts.Decision gone = Verdicts.remote(List.of(), false, "no results from the guest");
        assertEquals(Verdict.ERROR, gone.verdict());
        assertEquals("no results from the guest", gone.reason());
        assertEquals(Verdict.PASS, Verdicts.remote(List.of(), true, "unused").verdict());
        assertEquals("", Verdicts.remote(List.of(), true, "unused").reason());
    }

    @Test
    void aRunIsHeadedByItsFirstFailElseItsFirstError() {
        TestResult pass = test("a", Verdict.PASS);
        TestResult error = test("b", Verdict.ERROR);
        TestResult fail = test("c", Verdict.FAIL);
        TestResult skipped = test("d", Verdict.SKIPPED);
        assertEquals(fail, Verdicts.headline(List.of(pass, error, fail)).orElseThrow());
        assertEquals(Verdict.FAIL, Verdicts.overall(List.of(pass, error, fail)));
        assertEquals(error, Verdicts.headline(List.of(pass, error, skipped)).orElseThrow());
        assertEquals(Verdict.ERROR, Verdicts.overall(List.of(error)));
        assertEquals(Verdict.PASS, Verdicts.overall(List.of(pass, skipped)));
        assertEquals(Verdict.PASS, Verdicts.overall(List.of()));
    }

    private static TestResult test(String reproducer, Verdict v) {
        return new TestResult(reproducer, "ext4", "4k", v, "", List.of(), 0, new java.util.TreeMap<>(), List.of(), "", "", Map.of());
    }
}
