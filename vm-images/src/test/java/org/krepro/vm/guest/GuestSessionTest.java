package org.krepro.vm.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.krepro.runner.report.HostInfo;
import org.krepro.runner.report.RunEvents;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;
import org.krepro.vm.qemu.Qemu;

/** The restart rules over scripted boots: a crash never swallows the tests after it. */
class GuestSessionTest {
    private static final String A = "ext4/control-clean[4k]";
    private static final String B = "ext4/control-kernel-panic[4k]";
    private static final String C = "ext4/control-kernel-warning[4k]";
    private static final Finding PANIC = new Finding(Finding.Kind.KERNEL_CRASH, "kernel panic: sysrq triggered crash", "...");

    private static TestResult result(String key, Verdict v) {
        String[] p = RunEvents.parts(key);
        return new TestResult(p[1], p[0], p[2], v, "", List.of(), 1, Map.of(), List.of(), "", "", Map.of());
    }

    private static RunResults guest(TestResult... tests) {
        return new RunResults(new HostInfo("krepro-guest", "6.1.0-57-cloud-amd64", "#1", "x86_64", 2, 2L << 30, List.of(0, 1), "t"),
                "2026-12-02T00:00:00", new TreeMap<>(), List.of(tests));
    }

    private static GuestSession.Boot boot(int n, Qemu.End end, List<String> plan, String running, RunResults guest, List<Finding> host) {
        return new GuestSession.Boot(n, end, plan, running, 3.5, guest, host, "tail", "", Map.of("console", "console.log"),
                end == Qemu.End.EXITED ? 0 : -1, end + " after 10.0 s");
    }

    @Test
    void aCrashInTheMiddleIsRecordedAndTheTestsAfterItRunInAFreshBoot() {
        GuestSession s = new GuestSession(new String[] {"vm", "vm", "guest"}, true);
        s.add(boot(1, Qemu.End.CRASHED, List.of(A, B, C), B, guest(result(A, Verdict.PASS)), List.of(PANIC)));
        assertTrue(s.needsAnotherBoot());
        assertEquals(List.of(A, B), List.copyOf(s.skip()));
        assertEquals(List.of(C), s.left());
        s.add(boot(2, Qemu.End.EXITED, List.of(C), null, guest(result(C, Verdict.FAIL)), List.of()));
        assertFalse(s.needsAnotherBoot());
        List<TestResult> t = s.tests();
        assertEquals(List.of(A, B, C), t.stream().map(RunEvents::key).toList(), "every cell, in plan order, no host row");
        assertEquals(Verdict.FAIL, t.get(1).verdict());
        assertEquals("kernel panic: sysrq triggered crash", t.get(1).headline());
        assertEquals("CRASHED", t.get(1).properties().get("vm.end"));
        assertEquals("2", t.get(2).properties().get("vm.boot"));
    }

    @Test
    void aBootThatRunsNothingStopsTheRestartsAndTheRestSayWhy() {
        GuestSession s = new GuestSession(new String[] {"vm", "vm", "guest"}, true);
        s.add(boot(1, Qemu.End.CRASHED, List.of(A, B, C), A, null, List.of(PANIC)));
        assertTrue(s.needsAnotherBoot());
        s.add(boot(2, Qemu.End.CRASHED, null, null, null, List.of()));
        assertFalse(s.needsAnotherBoot(), "no progress: no third boot");
        List<TestResult> t = s.tests();
        assertEquals(List.of(A, B, C), t.stream().map(RunEvents::key).toList());
        assertEquals(Verdict.FAIL, t.get(0).verdict());
        assertEquals(Verdict.ERROR, t.get(1).verdict());
        assertTrue(t.get(1).reason().startsWith("not run: guest boot 2 ended CRASHED"), t.get(1).reason());
    }

    @Test
    void everyTestCrashingStillEndsWithOneBootPerTest() {
        GuestSession s = new GuestSession(new String[] {"vm", "vm", "guest"}, true);
        List<String> plan = List.of(A, B, C);
        for (int i = 0; i < plan.size(); i++) {
            s.add(boot(i + 1, Qemu.End.CRASHED, plan.subList(i, plan.size()), plan.get(i), null, List.of(PANIC)));
        }
        assertFalse(s.needsAnotherBoot());
        assertEquals(3, s.boots().size());
        assertTrue(s.tests().stream().allMatch(t -> t.verdict() == Verdict.FAIL));
    }

    @Test
    void aHangWithoutAConsoleReportIsTheRunningTestsFailAndQuietDeathIsAnError() {
        GuestSession s = new GuestSession(new String[] {"vm", "vm", "guest"}, true);
        Finding hang = new Finding(Finding.Kind.KERNEL_CRASH, "hang: no output from the guest for 180 s", "");
        s.add(boot(1, Qemu.End.SILENT, List.of(A, B), A, null, List.of(hang)));
        s.add(boot(2, Qemu.End.EXITED, List.of(B), B, null, List.of()));
        List<TestResult> t = s.tests();
        assertEquals("hang: no output from the guest for 180 s", t.get(0).headline());
        assertEquals(Verdict.ERROR, t.get(1).verdict());
        assertTrue(t.get(1).reason().contains("without a crash report"), t.get(1).reason());
    }

    @Test
    void findingsNoTestOwnsGetTheHostCaseAndACleanRunHasNone() {
        GuestSession clean = new GuestSession(new String[] {"vm", "vm", "guest"}, true);
        clean.add(boot(1, Qemu.End.EXITED, List.of(A), null, guest(result(A, Verdict.PASS)), List.of()));
        assertEquals(List.of(A), clean.tests().stream().map(RunEvents::key).toList(), "no stray vm[guest] row");

        GuestSession between = new GuestSession(new String[] {"vm", "vm", "guest"}, true);
        between.add(boot(1, Qemu.End.EXITED, List.of(A), null, guest(result(A, Verdict.PASS)),
                List.of(new Finding(Finding.Kind.FSCK, "fsck: ext4 on disk0.img exit 4", ""))));
        TestResult host = between.tests().getLast();
        assertEquals("vm[guest]", host.caseName());
        assertEquals(Verdict.FAIL, host.verdict());
    }

    @Test
    void noPlanAndNoResultsIsOneHostError() {
        GuestSession s = new GuestSession(new String[] {"control-clean", "ext4", "vm"}, true);
        s.add(boot(1, Qemu.End.EXITED, null, null, null, List.of()));
        assertFalse(s.needsAnotherBoot());
        assertEquals(1, s.tests().size());
        assertEquals(Verdict.ERROR, s.tests().getFirst().verdict());
        assertEquals("control-clean[vm]", s.tests().getFirst().caseName());

        GuestSession list = new GuestSession(new String[] {"vm", "vm", "guest"}, false);
        list.add(boot(1, Qemu.End.EXITED, null, null, null, List.of()));
        assertEquals(Verdict.PASS, list.tests().getFirst().verdict(), "a guest command without results that exited 0");
    }
}
