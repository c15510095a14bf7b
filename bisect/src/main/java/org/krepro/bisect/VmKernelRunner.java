package org.krepro.bisect;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.krepro.runner.Version;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;
import org.krepro.vm.VmCache;
import org.krepro.vm.guest.VmReport;
import org.krepro.vm.guest.VmRunner;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.Kernels;
import org.krepro.vm.qemu.VmSpec;

/**
 * The real {@link KernelRunner}: one QEMU guest per run through the vm module's {@link VmRunner}.
 * Each run's guest reports go to a scratch report root; its evidence is copied to
 * {@code REPORT-DIR/<release>/run-NN/}, and when the kernel is judged its runs are merged into one
 * JUnit directory {@code REPORT-DIR/<release>/} (one test case per run, plus a {@code bisect} suite
 * holding the kernel's verdict, runs, p and miss probability).
 */
public final class VmKernelRunner implements KernelRunner {

    /** Everything the guest runs need. */
    public record Setup(VmCache cache, VmSpec spec, List<String> guestArgs, long seed, String reproducer, Signature signature,
                        Path reportDir, Path workDir, PrintStream log, boolean echoConsole) {
    }

    private final Setup s;
    private final Map<String, GuestKernel> resolved = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, List<ReportMerge.Part>> parts = new LinkedHashMap<>();
    private Plan plan;

    public VmKernelRunner(Setup setup) {
        this.s = setup;
    }

    /** Recorded in each kernel's bisect suite. */
    @Override
    public void planned(Plan p) {
        this.plan = p;
    }

    /** "RELEASE (SPEC)" once the kernel was resolved; a debian: spec already names its release. */
    @Override
    public String describe(String spec) {
        if (spec.startsWith("debian:")) {
            return spec;
        }
        return names.computeIfAbsent(spec, x -> {
            try {
                return kernel(x).release() + " (" + x + ")"; // a path: resolving it only reads files
            } catch (CannotTest e) {
                return x; // asked once: the judgement reports why it cannot be tested
            }
        });
    }

    /** Resolves a kernel spec (cached); a kernel that cannot be used is {@link CannotTest}. */
    public GuestKernel kernel(String spec) throws CannotTest {
        GuestKernel k = resolved.get(spec);
        if (k != null) {
            return k;
        }
        try {
            k = new Kernels(s.cache()).resolve(spec, null);
        } catch (Exception e) {
            throw new CannotTest("kernel " + spec + ": " + e.getMessage(), e);
        }
        checkBootable(k.image());
        resolved.put(spec, k);
        return k;
    }

    /** A bzImage carries "HdrS" at offset 0x202 (the x86 boot protocol header); anything else cannot boot. */
    public static void checkBootable(Path image) throws CannotTest {
        if (image == null || !Files.isRegularFile(image)) {
            throw new CannotTest("no kernel image at " + image);
        }
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(image)) {
            if (in.skip(0x202) != 0x202 || in.readNBytes(magic, 0, 4) != 4) {
                throw new CannotTest(image + " is not a bzImage (too short for the boot header)");
            }
        } catch (IOException e) {
            throw new CannotTest("cannot read " + image + ": " + e.getMessage(), e);
        }
        if (magic[0] != 'H' || magic[1] != 'd' || magic[2] != 'r' || magic[3] != 'S') {
            throw new CannotTest(image + " is not a bzImage (no HdrS boot header)");
        }
    }

    @Override
    public RunOutcome run(String spec, int run) throws Exception {
        GuestKernel k = kernel(spec);
        String label = label(k.release());
        String tag = String.format("run-%02d", run);
        Path root = s.workDir().resolve("bisect-reports").resolve(label).resolve(tag);
        FileTrees.delete(root);
        List<String> args = new ArrayList<>(s.guestArgs());
        args.add("--seed=0x" + Long.toHexString(s.seed() + run - 1));
        s.log().printf("krepro bisect:   %s %s: guest booting, seed 0x%x%n", describe(spec), tag, s.seed() + run - 1);
        VmReport r = new VmRunner(s.cache()).run(new VmRunner.Request(k, s.spec(), args, null, s.reproducer(),
                root, s.workDir().resolve("bisect-work").resolve(label), s.log(), s.echoConsole()));
        ReportDir guestReport = ReportDir.of(r.reportDir());
        RunResults res = null;
        if (guestReport.hasResults()) {
            try {
                res = guestReport.read();
            } catch (IOException e) {
                s.log().println("krepro bisect: cannot read " + guestReport.results() + ": " + e.getMessage());
            }
        }
        RunOutcome o = OutcomeClassifier.classify(res, s.reproducer(), s.signature(), r.markerSeconds() >= 0,
                r.verdict() + (r.title().isEmpty() ? "" : " " + r.title()) + ", guest ended " + r.end());
        Path kept = s.reportDir().resolve(label).resolve(tag);
        ReportMerge.copyEvidence(r.reportDir(), kept);
        if (res != null) {
            parts.computeIfAbsent(spec, x -> new ArrayList<>()).add(new ReportMerge.Part(
                    res.withProperties(Map.of("bisect.run." + tag, o.kind() + (o.title().isEmpty() ? "" : ": " + o.title()))),
                    tag, " " + tag));
        }
        return new RunOutcome(o.kind(), o.title(), kept, r.totalSeconds());
    }

    @Override
    public void judged(String spec, Judgement j) throws IOException {
        GuestKernel k = resolved.get(spec);
        String release = k != null ? k.release() : spec.replaceFirst("^debian:", "");
        Path dir = s.reportDir().resolve(label(release));
        List<ReportMerge.Part> ps = parts.getOrDefault(spec, List.of());
        RunResults merged;
        if (ps.isEmpty()) {
            merged = new RunResults(new org.krepro.runner.report.HostInfo("krepro-guest", release, "", "x86_64", 0, 0,
                    List.of(), Version.get()), java.time.LocalDateTime.now()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), new TreeMap<>(), List.of());
        } else {
            merged = ReportMerge.merge(ps);
        }
        merged = merged.withProperties(verdictProperties(j, plan)).plus(verdictCase(j, plan));
        // The merged directory: earlier merged files of this kernel are replaced.
        ReportDir.of(dir).write(merged);
        s.log().println("krepro bisect: JUnit for " + describe(spec) + ": " + dir);
        // Scratch (disk images, initrd, the per-run guest reports already copied): kept only for a bad kernel,
        // whose disk images may be evidence; a bisect over many kernels must not fill the disk.
        Path work = s.workDir().resolve("bisect-work").resolve(label(release));
        Path runs = s.workDir().resolve("bisect-reports").resolve(label(release));
        if (j.verdict() != Judgement.Verdict.BAD) {
            FileTrees.delete(work);
            FileTrees.delete(runs);
        } else if (Files.isDirectory(work)) {
            s.log().println("krepro bisect: the bad kernel's guest disks are kept in " + work);
        }
    }

    static Map<String, String> verdictProperties(Judgement j, Plan plan) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bisect.verdict", j.verdict().name());
        p.put("bisect.runs", Integer.toString(j.runs()));
        p.put("bisect.failures", Integer.toString(j.failures()));
        p.put("bisect.errors", Integer.toString(j.errors()));
        p.put("bisect.miss", String.format("%.6f", j.miss()));
        if (plan != null) {
            p.put("bisect.p", String.format("%.4f", plan.p()));
            p.put("bisect.p.source", plan.pSource());
            p.put("bisect.bound", Double.toString(plan.bound()));
            p.put("bisect.clean-runs-needed", Integer.toString(plan.cleanRuns()));
        }
        return p;
    }

    /** The kernel's verdict as a test case: GOOD passes, BAD fails with the bug's title, SKIP is skipped with the reason. */
    static TestResult verdictCase(Judgement j, Plan plan) {
        Verdict v = switch (j.verdict()) {
            case GOOD -> Verdict.PASS;
            case BAD -> Verdict.FAIL;
            case SKIP -> Verdict.SKIPPED;
        };
        List<Finding> f = j.verdict() == Judgement.Verdict.BAD
                ? List.of(new Finding(Finding.Kind.WORKLOAD, j.title(), j.reason())) : List.of();
        List<String> notes = new ArrayList<>();
        notes.add(j.reason());
        if (plan != null) {
            notes.add("plan: " + plan.describe());
        }
        for (int i = 0; i < j.outcomes().size(); i++) {
            RunOutcome o = j.outcomes().get(i);
            notes.add(String.format("run %d: %s (%.1f s)%s", i + 1, o.kind(), o.seconds(), o.title().isEmpty() ? "" : " " + o.title()));
        }
        return new TestResult("bisect", "bisect", "verdict", v, j.verdict() == Judgement.Verdict.SKIP ? j.reason() : "", f,
                j.seconds(), verdictProperties(j, plan), notes, "", "", Map.of());
    }

    static String label(String release) {
        return release.replaceAll("[^A-Za-z0-9._+-]", "_");
    }
}
