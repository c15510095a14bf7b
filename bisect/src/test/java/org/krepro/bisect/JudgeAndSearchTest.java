package org.krepro.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sequential judgement of one kernel and the binary search over prebuilt kernels, with scripted outcomes. */
class JudgeAndSearchTest {
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();

    private String log() {
        return logBytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void badAtTheFirstFailure() {
        Scripted s = new Scripted(2, 0, 1.0, 1, false);
        Judgement j = Judge.judge(s, "K1", Plan.of(0.5, "test", 0.05, 1, 2), Scripted.sink(logBytes));
        assertEquals(Judgement.Verdict.BAD, j.verdict());
        assertEquals(1, j.runs());
        assertEquals("WARNING in ext4_fiemap", j.title());
        assertEquals(1, j.verdict().exitCode);
    }

    @Test
    void goodAfterNCleanRunsWithItsMissProbability() {
        Scripted s = new Scripted(2, 5, 1.0, 1, false); // nothing bad
        Plan plan = Plan.of(0.3, "test", 0.05, 1, 2);
        assertEquals(9, plan.cleanRuns());
        Judgement j = Judge.judge(s, "K0", plan, Scripted.sink(logBytes));
        assertEquals(Judgement.Verdict.GOOD, j.verdict());
        assertEquals(9, j.runs());
        assertEquals(9, s.calls.get("K0"));
        assertEquals(Math.pow(0.7, 9), j.miss(), 1e-12);
        assertEquals(0, j.verdict().exitCode);
        // every step prints the estimate with its interval, the runs and the confidence
        assertTrue(log().contains("K0 run 1: CLEAN"), log());
        assertTrue(log().contains("here 0/1 failed, p = 0.000 (95% Clopper-Pearson [0.000, 0.975])"), log());
        assertTrue(log().contains("confidence good 30.0%"), log());
        assertTrue(log().contains("K0 is GOOD: 9 clean runs"), log());
    }

    @Test
    void errorsSkipAndCannotTestSkipsAtOnce() {
        Scripted s = new Scripted(3, 1, 1.0, 1, false);
        s.errors.add("K0");
        s.cannot.add("K2");
        Plan plan = Plan.of(0.5, "test", 0.05, 1, 2);
        Judgement e = Judge.judge(s, "K0", plan, Scripted.sink(logBytes));
        assertEquals(Judgement.Verdict.SKIP, e.verdict());
        assertEquals(2, e.errors());
        assertEquals(125, e.verdict().exitCode);
        Judgement c = Judge.judge(s, "K2", plan, Scripted.sink(logBytes));
        assertEquals(Judgement.Verdict.SKIP, c.verdict());
        assertEquals(1, s.calls.get("K2"));
        assertTrue(c.reason().contains("cannot test"), c.reason());
    }

    @Test
    void runnerExceptionsAreErrorsNotCrashes() {
        AtomicInteger n = new AtomicInteger();
        KernelRunner broken = (k, r) -> {
            n.incrementAndGet();
            throw new IllegalStateException("qemu vanished");
        };
        Judgement j = Judge.judge(broken, "K", Plan.of(0.5, "test", 0.05, 1, 3), Scripted.sink(logBytes));
        assertEquals(Judgement.Verdict.SKIP, j.verdict());
        assertEquals(3, n.get());
        assertTrue(j.reason().contains("qemu vanished"), j.reason());
    }

    @Test
    void fewerThanKFailuresIsInconclusive() {
        // one failure then clean forever, k = 2: never good (not clean), never bad: skip after maxRuns
        AtomicInteger n = new AtomicInteger();
        KernelRunner once = (k, r) -> n.incrementAndGet() == 1 ? RunOutcome.bug("WARNING in x") : RunOutcome.clean();
        Plan plan = Plan.of(0.5, "test", 0.05, 2, 2);
        assertEquals(8, plan.cleanRuns());
        Judgement j = Judge.judge(once, "K", plan, Scripted.sink(logBytes));
        assertEquals(Judgement.Verdict.SKIP, j.verdict());
        assertEquals(plan.maxRuns(), j.runs());
        assertTrue(j.reason().startsWith("inconclusive"), j.reason());
    }

    @Test
    void findsTheFirstBadKernelDeterministic() {
        Scripted s = new Scripted(16, 11, 1.0, 7, false);
        PrebuiltBisect.Result r = PrebuiltBisect.search(s.kernels, new PrebuiltBisect.Options(false, 1.0, 10, 0.05, 1, 2, 0), s,
                Scripted.sink(logBytes));
        assertEquals(PrebuiltBisect.Status.FOUND, r.status(), r.message());
        assertEquals("K11", r.answer());
        assertEquals(0.0, r.pWrong());
        // the ends, then log2(16) steps at most
        assertTrue(s.order.size() <= 2 + 4, s.order.toString());
        assertEquals(List.of("K15", "K0"), s.order.subList(0, 2));
        assertEquals(s.order.size(), s.judged.size());
        assertTrue(r.message().contains("last good kernel is K10"), r.message());
    }

    @Test
    void findsTheFirstBadKernelProbabilisticWithCalibration() {
        Scripted s = new Scripted(20, 13, 0.5, 42, false);
        PrebuiltBisect.Result r = PrebuiltBisect.search(s.kernels, new PrebuiltBisect.Options(false, null, 20, 0.05, 1, 2, 0), s,
                Scripted.sink(logBytes));
        assertEquals(PrebuiltBisect.Status.FOUND, r.status(), r.message() + "\n" + log());
        assertEquals("K13", r.answer());
        // calibrated on the last kernel, 20 runs, no early stop
        assertEquals(20, s.calls.get("K19"));
        assertEquals(s.plan, r.plan());
        Stats.Interval e = Stats.estimate(r.judged().getFirst().failures(), 20);
        assertEquals(e.lo(), r.plan().p(), 1e-12);
        assertEquals(Stats.runsNeeded(e.lo(), 0.05), r.plan().cleanRuns());
        // every good kernel ran n clean runs; the error bound is the sum of their misses
        long goods = r.judged().stream().filter(j -> j.verdict() == Judgement.Verdict.GOOD).count();
        assertTrue(goods >= 1);
        for (Judgement j : r.judged()) {
            if (j.verdict() == Judgement.Verdict.GOOD) {
                assertEquals(r.plan().cleanRuns(), s.calls.get(j.kernel()));
            }
        }
        assertEquals(goods * Stats.missProbability(r.plan().p(), r.plan().cleanRuns()), r.pWrong(), 1e-12);
        assertTrue(r.pWrong() <= goods * 0.05);
        assertEquals(0.025, r.pIntervalWrong());
        assertTrue(r.message().contains("P(wrong answer) <= "), r.message());
    }

    @Test
    void fixFindsTheFirstGoodKernel() {
        Scripted s = new Scripted(10, 4, 1.0, 3, true); // K0..K3 bad, K4.. good
        PrebuiltBisect.Result r = PrebuiltBisect.search(s.kernels, new PrebuiltBisect.Options(true, null, 3, 0.05, 1, 2, 0), s,
                Scripted.sink(logBytes));
        assertEquals(PrebuiltBisect.Status.FOUND, r.status(), r.message());
        assertEquals("K4", r.answer());
        assertEquals(3, s.calls.get("K0")); // calibrated on the first (bad) kernel
        assertTrue(r.message().startsWith("first good kernel: K4"), r.message());
        // with 3/3: p >= 0.025^(1/3) = 0.292 -> 9 clean runs per good kernel
        assertEquals(9, r.plan().cleanRuns());
        assertEquals(9, s.calls.get("K9"));
    }

    @Test
    void skippedKernelsAreSteppedAroundOrLeaveARange() {
        Scripted s = new Scripted(10, 6, 1.0, 3, false);
        s.cannot.add("K4");
        PrebuiltBisect.Result r = PrebuiltBisect.search(s.kernels, new PrebuiltBisect.Options(false, 1.0, 3, 0.05, 1, 2, 0), s,
                Scripted.sink(logBytes));
        assertEquals(PrebuiltBisect.Status.FOUND, r.status(), r.message());
        assertEquals("K6", r.answer());

        Scripted t = new Scripted(10, 6, 1.0, 3, false);
        t.cannot.add("K5");
        t.errors.add("K4");
        PrebuiltBisect.Result a = PrebuiltBisect.search(t.kernels, new PrebuiltBisect.Options(false, 1.0, 3, 0.05, 1, 2, 0), t,
                Scripted.sink(logBytes));
        assertEquals(PrebuiltBisect.Status.AMBIGUOUS, a.status(), a.message());
        assertEquals(List.of("K4", "K5", "K6"), a.candidates());
        assertNull(a.answer());
        assertEquals(2, t.calls.get("K4")); // two errors, then skipped
    }

    @Test
    void nothingToBisectWhenTheBadEndDoesNotReproduce() {
        Scripted s = new Scripted(6, 99, 1.0, 3, false);
        PrebuiltBisect.Result r = PrebuiltBisect.search(s.kernels, new PrebuiltBisect.Options(false, null, 5, 0.05, 1, 2, 0), s,
                Scripted.sink(logBytes));
        assertEquals(PrebuiltBisect.Status.NONE, r.status());
        assertEquals(List.of("K5"), s.order);
        assertTrue(r.message().contains("did not reproduce"), r.message());
    }

    @Test
    void firstKernelAlreadyBadAndFixNeverGood() {
        Scripted s = new Scripted(6, 0, 1.0, 3, false);
        PrebuiltBisect.Result r = PrebuiltBisect.search(s.kernels, new PrebuiltBisect.Options(false, 1.0, 5, 0.05, 1, 2, 0), s,
                Scripted.sink(logBytes));
        assertEquals(PrebuiltBisect.Status.FOUND, r.status());
        assertEquals("K0", r.answer());
        assertTrue(r.message().contains("first kernel of the list"), r.message());

        Scripted f = new Scripted(6, 99, 1.0, 3, true); // every kernel bad: no fix
        PrebuiltBisect.Result n = PrebuiltBisect.search(f.kernels, new PrebuiltBisect.Options(true, 1.0, 5, 0.05, 1, 2, 0), f,
                Scripted.sink(logBytes));
        assertEquals(PrebuiltBisect.Status.NONE, n.status(), n.message());
        assertTrue(n.message().contains("no good kernel"), n.message());
    }

    @Test
    void accumulatedErrorIsTheSumOverGoodJudgements() {
        Scripted s = new Scripted(33, 30, 1.0, 3, false);
        PrebuiltBisect.Result r = PrebuiltBisect.search(s.kernels, new PrebuiltBisect.Options(false, 0.4, 5, 0.05, 1, 2, 0), s,
                Scripted.sink(logBytes));
        assertEquals("K30", r.answer());
        int n = Stats.runsNeeded(0.4, 0.05);
        assertEquals(6, n);
        long goods = r.judged().stream().filter(j -> j.verdict() == Judgement.Verdict.GOOD).count();
        assertEquals(goods * Math.pow(0.6, 6), r.pWrong(), 1e-12);
        assertEquals(0.0, r.pIntervalWrong()); // p was given, not measured
        String summary = BisectCommand.summary(r, s.kernels);
        assertTrue(summary.contains("K30") && summary.contains("<== answer"), summary);
        assertTrue(summary.contains("not run"), summary);
    }

    @Test
    void theSummaryTableKeepsItsColumnsForLongKernelPaths() {
        List<String> kernels = List.of("/var/tmp/krepro-bisect-demo/kernels/1-79ee10650669/bzImage", "debian:6.12.115+deb12-cloud-amd64");
        Judgement bad = new Judgement(kernels.get(1), Judgement.Verdict.BAD, 1, 1, 0, 0, "bug", List.of(), 1);
        PrebuiltBisect.Result r = new PrebuiltBisect.Result(PrebuiltBisect.Status.FOUND, kernels.get(1), List.of(kernels.get(1)),
                null, List.of(bad), 0, 0, "found");
        List<String> lines = BisectCommand.summary(r, kernels).lines().toList();
        int column = lines.get(1).indexOf("order");
        assertTrue(column > kernels.getFirst().length(), lines.toString());
        assertEquals(column, lines.get(2).indexOf(" -") + 1, lines.toString());
        assertTrue(lines.get(3).startsWith(kernels.get(1) + " ") && lines.get(3).charAt(column) == '1', lines.toString());
    }
}
