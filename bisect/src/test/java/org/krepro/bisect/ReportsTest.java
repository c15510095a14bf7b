package org.krepro.bisect;

import org.krepro.runner.engine.Shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.report.HostInfo;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;
import picocli.CommandLine;

/** Outcome classification of guest results, the shard partition and the merge of shard reports. */
class ReportsTest {
    @TempDir
    Path tmp;

    static TestResult test(String reproducer, String fs, String set, Verdict v, String title) {
        List<Finding> f = title == null ? List.of() : List.of(new Finding(Finding.Kind.KERNEL_CRASH, title, "report of " + title));
        return new TestResult(reproducer, fs, set, v, v == Verdict.SKIPPED || v == Verdict.ERROR ? "reason" : "", f, 1.5,
                Map.of("seed", "0x1"), List.of(), "", "", Map.of("log", "kmsg-" + reproducer + ".txt"));
    }

    static TestResult host(String reproducer, Verdict v, String title) {
        List<Finding> f = title == null ? List.of() : List.of(new Finding(Finding.Kind.KERNEL_CRASH, title, "console"));
        return new TestResult(reproducer, "vm", "vm", v, "", f, 30, Map.of("vm.end", "CRASHED", "vm.guest.exit", "-1"),
                List.of(), "", "", Map.of("console", "console.log"));
    }

    static RunResults results(String release, TestResult... tests) {
        return new RunResults(new HostInfo("krepro-guest", release, "#1 SMP", "x86_64", 2, 2L << 30, List.of(0, 1), "dev"),
                "2026-11-22T03:00:00", new TreeMap<>(Map.of("vm.accelerator", "tcg")), List.of(tests));
    }

    @Test
    void classification() {
        Signature any = Signature.of(List.of(), List.of());
        Signature declared = Signature.of(List.of(), List.of("WARNING ... jbd2_journal_dirty_metadata",
                "kernel BUG in mpage_prepare_extent_to_map / ext4_writepages (6.1)"));
        Signature strict = Signature.of(List.of("WARNING in ext4_fiemap"), List.of());
        String r = "ext4-x";

        // the reproducer's own FAIL is the bug unless --bad-title says otherwise
        assertEquals(RunOutcome.Kind.BUG, OutcomeClassifier.classify(results("6.1", test(r, "ext4", "4k", Verdict.FAIL,
                "WARNING in ext4_fiemap")), r, any, true, "").kind());
        assertEquals(RunOutcome.Kind.BUG, OutcomeClassifier.classify(results("6.1", test(r, "ext4", "4k", Verdict.FAIL,
                "WARNING in ext4_fiemap")), r, strict, true, "").kind());
        RunOutcome other = OutcomeClassifier.classify(results("6.1", test(r, "ext4", "4k", Verdict.FAIL,
                "KASAN: use-after-free in foo")), r, strict, true, "");
        assertEquals(RunOutcome.Kind.ERROR, other.kind());
        assertTrue(other.title().contains("not with the bug's signature"), other.title());

        // a guest panic: the bug when its title is a declared signature, else skip
        assertEquals(RunOutcome.Kind.BUG, OutcomeClassifier.classify(results("6.1", host(r, Verdict.FAIL,
                "kernel BUG in ext4_writepages")), r, declared, true, "").kind());
        assertEquals(RunOutcome.Kind.BUG, OutcomeClassifier.classify(results("6.1", host(r, Verdict.FAIL,
                "WARNING in jbd2_journal_dirty_metadata")), r, declared, true, "").kind());
        assertEquals(RunOutcome.Kind.ERROR, OutcomeClassifier.classify(results("6.1", host(r, Verdict.FAIL,
                "general protection fault in sched_tick")), r, declared, true, "").kind());
        assertEquals(RunOutcome.Kind.ERROR, OutcomeClassifier.classify(results("6.1", host(r, Verdict.FAIL,
                "Kernel panic - not syncing: VFS: Unable to mount root fs")), r, any, false, "").kind());
        RunOutcome unknown = OutcomeClassifier.classify(results("6.1", host(r, Verdict.FAIL, "BUG: unable to handle page fault")),
                r, any, true, "");
        assertEquals(RunOutcome.Kind.ERROR, unknown.kind());
        assertTrue(unknown.title().contains("--bad-title"), unknown.title());

        // clean / not judged
        assertEquals(RunOutcome.Kind.CLEAN, OutcomeClassifier.classify(results("6.1", test(r, "ext4", "4k", Verdict.PASS, null),
                test(r, "xfs", "default", Verdict.SKIPPED, null), host("vm", Verdict.PASS, null)), r, any, true, "").kind());
        assertEquals(RunOutcome.Kind.ERROR, OutcomeClassifier.classify(results("6.1", test(r, "ext4", "4k", Verdict.SKIPPED, null)),
                r, any, true, "").kind());
        assertEquals(RunOutcome.Kind.ERROR, OutcomeClassifier.classify(results("6.1", test(r, "ext4", "4k", Verdict.PASS, null),
                test(r, "xfs", "4k", Verdict.ERROR, null)), r, any, true, "").kind());
        assertEquals(RunOutcome.Kind.ERROR, OutcomeClassifier.classify(null, r, any, false, "ERROR no results").kind());

        // a PASS that never reached its race path is not good (bisect-run: skip)
        TestResult unreached = test(r, "btrfs", "single", Verdict.PASS, null).withProperties(Map.of(
                "coverage", "race path: 2/4 reached", "coverage.read_extent_buffer_pages_nowait", "1800",
                "coverage.end_bbio_meta_read", "0"));
        RunOutcome skip = OutcomeClassifier.classify(results("6.12", unreached), r, any, true, "");
        assertEquals(RunOutcome.Kind.ERROR, skip.kind());
        assertTrue(skip.title().contains("without reaching its race path"), skip.title());
        TestResult reached = unreached.withProperties(Map.of("coverage.end_bbio_meta_read", "12"));
        assertEquals(RunOutcome.Kind.CLEAN, OutcomeClassifier.classify(results("6.12", reached), r, any, true, "").kind());
        TestResult noKprobes = test(r, "ext4", "4k", Verdict.PASS, null).withProperties(Map.of(
                "coverage", "unavailable: no kprobe_events in tracefs"));
        assertEquals(RunOutcome.Kind.CLEAN, OutcomeClassifier.classify(results("6.12", noKprobes), r, any, true, "").kind(),
                "where kprobes cannot count, a PASS stays a PASS");
        assertEquals(RunOutcome.Kind.ERROR, OutcomeClassifier.classify(results("6.1"), r, any, true, "").kind());
    }

    @Test
    void declaredSignatures() {
        Signature s = Signature.of(List.of(), List.of("WARNING in ext4_dirty_folio (bio_set_pages_dirty <- iomap_dio_bio_iter)",
                "EXT4-fs warning ... mpage_prepare_extent_to_map ... does not have buffers attached"));
        assertTrue(s.matches("WARNING in ext4_dirty_folio"));
        assertTrue(s.matches("EXT4-fs warning (device nvme0n1): mpage_prepare_extent_to_map:2345: inode #12 does not have buffers attached"));
        assertFalse(s.matches("WARNING in ext4_writepages"));
        assertFalse(Signature.any().known());
        // a syzkaller-style title with the report line the seed thread quotes: the report decides
        Signature inline = Signature.of(List.of(), List.of("kernel BUG at fs/ext4/ext4_jbd2.c:53 (__ext4_journal_stop <- x)"));
        String report = "------------[ cut here ]------------\nkernel BUG at fs/ext4/ext4_jbd2.c:53!\nRIP: __ext4_journal_stop";
        assertTrue(inline.matches(new Finding(Finding.Kind.KERNEL_CRASH, "kernel BUG in __ext4_journal_stop", report)));
        assertFalse(inline.matches(new Finding(Finding.Kind.KERNEL_CRASH, "kernel BUG in __ext4_journal_stop", "kernel BUG at fs/ext4/inode.c:2635!")));
        assertFalse(Signature.of(List.of("ext4_jbd2\\.c:53"), List.of()).matches(
                new Finding(Finding.Kind.KERNEL_CRASH, "kernel BUG in __ext4_journal_stop", report)), "--bad-title is about the title");
        assertTrue(Signature.of(List.of("x"), List.of()).explicit());
    }

    static Map<String, List<String>> matrix() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("ext4-inline-data-mkwrite", List.of("ext4"));
        m.put("btrfs-eb-read-race", List.of("btrfs"));
        m.put("gup-dio-into-mmap", List.of("ext4", "xfs", "btrfs"));
        m.put("control-clean", List.of("ext4", "xfs", "btrfs"));
        return m;
    }

    @Test
    void shardsAreDisjointCompleteDeterministicAndBalanced() {
        List<String> kernels = List.of("debian:6.1.0-56-cloud-amd64", "debian:6.12.115+deb12-cloud-amd64", "/k/bzImage");
        List<Shards.Cell> all = Shards.cells(kernels, matrix());
        assertEquals(3 * 8, all.size());
        for (int n : new int[] {1, 2, 3, 5, 7, 24, 30}) {
            Set<Shards.Cell> union = new HashSet<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i = 1; i <= n; i++) {
                List<Shards.Cell> s = Shards.shard(all, i, n);
                for (Shards.Cell c : s) {
                    assertTrue(union.add(c), "cell in two shards: " + c);
                }
                min = Math.min(min, s.size());
                max = Math.max(max, s.size());
                assertEquals(s, Shards.shard(all, i + "/" + n)); // same answer every time
            }
            assertEquals(new HashSet<>(all), union, "complete for N=" + n);
            assertTrue(max - min <= 1, "balanced for N=" + n);
        }
        // independent of the order the kernels and reproducers are given in
        List<String> rk = new ArrayList<>(kernels);
        Collections.reverse(rk);
        Map<String, List<String>> rm = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(matrix().keySet());
        Collections.reverse(keys);
        keys.forEach(k -> rm.put(k, matrix().get(k)));
        assertEquals(Shards.shard(all, 2, 4), Shards.shard(Shards.cells(rk, rm), 2, 4));
        // jobs: one guest per (kernel, reproducer)
        List<Shards.Job> jobs = Shards.jobs(Shards.shard(all, 1, 1));
        assertEquals(3 * 4, jobs.size());
        assertTrue(jobs.contains(new Shards.Job("/k/bzImage", "control-clean", List.of("btrfs", "ext4", "xfs"))));
        assertEquals(List.of("--kernels", "/k/bzImage", "--reproducer", "control-clean", "--fs", "btrfs,ext4,xfs"),
                jobs.stream().filter(j -> j.kernel().equals("/k/bzImage") && j.reproducer().equals("control-clean")).findFirst()
                        .orElseThrow().arguments());
        assertThrows(IllegalArgumentException.class, () -> Shards.parse("0/3"));
        assertThrows(IllegalArgumentException.class, () -> Shards.parse("4/3"));
        assertThrows(IllegalArgumentException.class, () -> Shards.parse("x"));
    }

    @Test
    void shardsFromTheRegistry() {
        Map<String, List<String>> m = Shards.reproducerFs(List.of("control-clean"), List.of("ext4", "xfs"));
        assertEquals(Map.of("control-clean", List.of("ext4", "xfs")), m);
        Map<String, List<String>> dflt = Shards.reproducerFs(List.of(), List.of());
        assertTrue(dflt.containsKey("control-clean"));
        assertFalse(dflt.containsKey("control-kernel-warning")); // positive controls run only when named
        assertThrows(IllegalArgumentException.class, () -> Shards.reproducerFs(List.of("no-such"), List.of()));
    }

    @Test
    void mergeReportsRoundTrip() throws Exception {
        // two shards of the same kernel, one with a second kernel, nested like CI artifacts
        Path s1 = tmp.resolve("in/shard-1");
        Path s2 = tmp.resolve("in/shard-2");
        write(s1.resolve("job-1/6.1.0-56-cloud-amd64"), results("6.1.0-56-cloud-amd64",
                test("control-clean", "ext4", "4k", Verdict.PASS, null), host("vm", Verdict.PASS, null)), "console one");
        write(s2.resolve("job-1/6.1.0-56-cloud-amd64"), results("6.1.0-56-cloud-amd64",
                test("control-clean", "xfs", "default", Verdict.PASS, null),
                test("gup-dio-into-mmap", "ext4", "4k", Verdict.FAIL, "WARNING in ext4_dirty_folio"), host("vm", Verdict.PASS, null)),
                "console two");
        write(s2.resolve("job-2/6.12.115+deb12-cloud-amd64"), results("6.12.115+deb12-cloud-amd64",
                test("control-clean", "ext4", "4k", Verdict.PASS, null)), "console three");
        Path out = tmp.resolve("merged");
        int rc = new CommandLine(new MergeReportsCommand()).execute("--out", out.toString(), s1.toString(), s2.toString());
        assertEquals(0, rc);

        RunResults m = RunResults.read(out.resolve("6.1.0-56-cloud-amd64/results.json"));
        assertEquals(5, m.tests().size());
        assertEquals("6.1.0-56-cloud-amd64", m.host().kernelRelease());
        assertEquals("tcg", m.properties().get("vm.accelerator"));
        // the two host cases keep apart
        assertEquals(2, m.tests().stream().filter(t -> t.reproducer().equals("vm")).map(TestResult::caseName).distinct().count());
        // evidence under each part's directory, and the tests point there
        assertEquals("console one", Files.readString(out.resolve("6.1.0-56-cloud-amd64/shard-1_job-1/console.log")));
        assertEquals("console two", Files.readString(out.resolve("6.1.0-56-cloud-amd64/shard-2_job-1/console.log")));
        TestResult gup = m.tests().stream().filter(t -> t.reproducer().equals("gup-dio-into-mmap")).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, gup.verdict());
        assertEquals("shard-2_job-1/kmsg-gup-dio-into-mmap.txt", gup.evidence().get("log"));
        assertTrue(Files.isRegularFile(out.resolve("6.1.0-56-cloud-amd64").resolve(gup.evidence().get("log"))));
        // JUnit per filesystem with every case
        String ext4 = Files.readString(out.resolve("6.1.0-56-cloud-amd64/TEST-krepro.ext4.xml"));
        assertTrue(ext4.contains("control-clean[4k]") && ext4.contains("gup-dio-into-mmap[4k]")
                && ext4.contains("WARNING in ext4_dirty_folio"), ext4);
        assertTrue(Files.isRegularFile(out.resolve("6.1.0-56-cloud-amd64/TEST-krepro.xfs.xml")));
        assertEquals(1, RunResults.read(out.resolve("6.12.115+deb12-cloud-amd64/results.json")).tests().size());
        junitparserAgrees(out.resolve("6.1.0-56-cloud-amd64"));
        junitparserAgrees(out.resolve("6.12.115+deb12-cloud-amd64"));
        assertTrue(Files.readString(out.resolve("matrix.txt")).contains("WARNING in ext4_dirty_folio"));
        assertTrue(Files.isRegularFile(out.resolve("matrix.html")));

        // round trip: merging the merged directory again changes nothing
        Path again = tmp.resolve("again");
        assertEquals(0, new CommandLine(new MergeReportsCommand()).execute("--out", again.toString(), out.toString()));
        RunResults m2 = RunResults.read(again.resolve("6.1.0-56-cloud-amd64/results.json"));
        assertEquals(m.tests().stream().map(TestResult::caseName).toList(), m2.tests().stream().map(TestResult::caseName).toList());
        assertEquals(m.tests().stream().map(TestResult::verdict).toList(), m2.tests().stream().map(TestResult::verdict).toList());
        // nothing to merge is a usage error
        Files.createDirectories(tmp.resolve("empty"));
        assertEquals(2, new CommandLine(new MergeReportsCommand()).execute("--out", tmp.resolve("o2").toString(),
                tmp.resolve("empty").toString()));
    }

    @Test
    void bisectRunsMergeIntoOneJUnitDirectoryPerKernel() throws Exception {
        Judgement j = new Judgement("K", Judgement.Verdict.BAD, 2, 1, 0, 0, "1 of 2 runs failed",
                List.of(RunOutcome.clean(), RunOutcome.bug("WARNING in ext4_fiemap")), 10);
        TestResult t = VmKernelRunner.verdictCase(j, Plan.of(0.5, "test", 0.05, 1, 2));
        assertEquals(Verdict.FAIL, t.verdict());
        assertEquals("WARNING in ext4_fiemap", t.headline());
        assertEquals("5", t.properties().get("bisect.clean-runs-needed"));
        RunResults merged = ReportMerge.merge(List.of(
                new ReportMerge.Part(results("6.1", test("control-clean", "ext4", "4k", Verdict.PASS, null)), "run-01", " run-01"),
                new ReportMerge.Part(results("6.1", test("control-clean", "ext4", "4k", Verdict.FAIL, "WARNING in ext4_fiemap")),
                        "run-02", " run-02"))).plus(t);
        assertEquals(List.of("control-clean[4k run-01]", "control-clean[4k run-02]", "bisect[verdict]"),
                merged.tests().stream().map(TestResult::caseName).toList());
        assertEquals("run-02/kmsg-control-clean.txt", merged.tests().get(1).evidence().get("log"));
    }

    private static void write(Path dir, RunResults r, String console) throws Exception {
        Files.createDirectories(dir);
        r.write(dir.resolve(RunResults.FILE_NAME));
        org.krepro.runner.report.JUnitWriter.write(r, dir);
        for (TestResult t : r.tests()) {
            for (String f : t.evidence().values()) {
                Files.writeString(dir.resolve(f), "evidence of " + t.caseName());
            }
        }
        Files.writeString(dir.resolve("console.log"), console);
    }

    /** ci/junit-check.py (python3-junitparser): every JUnit file in {@code dir} counts what results.json says. */
    static void junitparserAgrees(Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "needs Debian's python3-junitparser");
        Path script = Path.of(System.getProperty("krepro.repo.root", ".")).resolve("ci/junit-check.py");
        Process p = new ProcessBuilder(python.toString(), script.toString(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertEquals(0, p.exitValue(), out);
    }
}
