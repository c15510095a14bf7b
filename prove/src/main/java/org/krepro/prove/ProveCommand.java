package org.krepro.prove;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.krepro.bisect.OutcomeClassifier;
import org.krepro.bisect.ReportMerge;
import org.krepro.bisect.RunOutcome;
import org.krepro.bisect.Signature;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.KreproCommand;
import org.krepro.runner.cli.RunOptionsMixin;
import org.krepro.runner.engine.Reproducers;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.vm.VmCache;
import org.krepro.vm.guest.GuestShape;
import org.krepro.vm.guest.VmReport;
import org.krepro.vm.guest.VmRunner;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code krepro prove}: every seed's reproducer N times on a kernel with its bug and N times on the kernel with the fix. */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = {"Shows that a reproducer is worth its PASS: it runs it --runs times in guests on a kernel with the"
                + " bug (often a Debian kernel with the fix knocked out: `krepro kernels build --knockout ID`) and on the"
                + " same kernel with the fix, and prints per seed the failures with a 95%% interval, the median time to"
                + " the first finding, the titles, the race-path coverage and a verdict: PROVEN or what is missing.",
                "Without -r: every seed. Kernel pairs: prove/src/main/resources/org/krepro/prove/proofs.tsv."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every seed asked for is PROVEN (or REPRODUCES where no fixed kernel exists)",
                "1:a seed is not proven", "2:usage error", "3:environment (a kernel cannot be fetched or built)"})
public final class ProveCommand implements KreproCommand, Callable<Integer> {
    @Option(names = "--runs", paramLabel = "N", description = "runs per kernel (default: ${DEFAULT-VALUE})")
    int runs = 5;
    @Option(names = "--bug-kernel", paramLabel = "K", description = "the kernel with the bug (one -r only; default from proofs.tsv)")
    String bugKernel;
    @Option(names = "--fixed-kernel", paramLabel = "K", description = "the kernel with the fix (one -r only; default from proofs.tsv)")
    String fixedKernel;
    @Option(names = "--bad-title", paramLabel = "REGEX", description = "only failures whose title matches count as the bug")
    List<String> badTitles = new ArrayList<>();
    @Mixin
    RunOptionsMixin run = new RunOptionsMixin();
    @Mixin
    GuestShape guest = new GuestShape();
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        List<Proofs.Pair> pairs = new ArrayList<>();
        for (Proofs.Pair p : Proofs.all()) {
            if (run.reproducers.isEmpty() || run.reproducers.contains(p.reproducer()) || run.reproducers.contains(p.seed())) {
                pairs.add(p);
            }
        }
        if (runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be >= 1");
        }
        if (pairs.isEmpty() || pairs.size() < run.reproducers.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no proof set-up for " + run.reproducers
                    + " (seeds: " + Proofs.all().stream().map(p -> p.seed() + " " + p.reproducer()).toList() + ")");
        }
        if ((bugKernel != null || fixedKernel != null) && pairs.size() != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bug-kernel and --fixed-kernel need exactly one -r");
        }
        List<Proof> proofs = new ArrayList<>();
        for (Proofs.Pair p : pairs) {
            Proofs.Pair pair = new Proofs.Pair(p.seed(), p.reproducer(), run.filesystems.isEmpty() ? p.fs() : run.filesystems.getFirst(),
                    bugKernel != null ? bugKernel : p.bugKernel(), fixedKernel != null ? fixedKernel : p.fixedKernel(), p.why());
            out.printf("krepro prove: seed %s (%s on %s): bug kernel %s, fixed kernel %s, %d runs each%n", pair.seed(),
                    pair.reproducer(), pair.fs(), pair.bugKernel(), pair.fixedKernel() == null ? "none" : pair.fixedKernel(), runs);
            Proof.Side bug = side(pair, pair.bugKernel());
            Proof.Side fixed = pair.fixedKernel() == null ? null : side(pair, pair.fixedKernel());
            Proof proof = new Proof(pair, bug, fixed);
            proofs.add(proof);
            out.println("krepro prove: seed " + pair.seed() + ": " + proof.status()
                    + (proof.missing().isEmpty() ? "" : " (" + String.join("; ", proof.missing()) + ")"));
        }
        String table = ProveReport.text(proofs);
        out.println();
        out.print(table);
        Files.createDirectories(run.reportDir);
        Files.writeString(run.reportDir.resolve("prove.txt"), table);
        RunResults.json().writeValue(run.reportDir.resolve("prove.json").toFile(), ProveReport.json(proofs));
        out.println("prove.txt, prove.json and JUnit per kernel in " + run.reportDir);
        return proofs.stream().allMatch(p -> p.status() != Proof.Status.NOT_PROVEN) ? ExitCodes.ALL_PASSED : ExitCodes.REPRODUCER_FAILED;
    }

    /** {@code runs} guest runs of the pair's reproducer on one kernel; JUnit of all of them under REPORT-DIR/<kernel>/. */
    private Proof.Side side(Proofs.Pair pair, String kernelColumn) throws Exception {
        VmCache cache = VmCache.defaultCache();
        Proofs.KernelChoice choice = Proofs.KernelChoice.parse(kernelColumn);
        String kernelSpec = choice.spec();
        GuestKernel k;
        try {
            k = new Kernels(cache).resolve(kernelSpec, null);
        } catch (Exception e) {
            // One seed without its kernel must not stop the others: the table says what is missing.
            out.println("krepro prove:   " + kernelSpec + ": cannot be had: " + e.getMessage());
            return new Proof.Side(kernelSpec, List.of(), e.getMessage());
        }
        ReproducerInfo info = Reproducers.byId(pair.reproducer()).map(r -> r.info()).orElseThrow(
                () -> new CommandLine.ParameterException(spec.commandLine(), "unknown reproducer " + pair.reproducer()));
        Signature sig = Signature.of(badTitles, info.expectedSignatures());
        long testSeconds = run.duration != null ? run.duration.toSeconds() : info.defaultDuration().toSeconds();
        long seed = run.resolvedSeed();
        List<Proof.Run> done = new ArrayList<>();
        List<ReportMerge.Part> parts = new ArrayList<>();
        String name = choice.name(k.label());
        Path scratch = run.workDir.resolve("prove").resolve(name);
        for (int i = 1; i <= runs; i++) {
            String tag = String.format("run-%02d", i);
            List<String> args = new ArrayList<>(List.of("run", "--devices", "@DEVICES@", "--allow-host-crash", "--report-dir",
                    "@REPORTS@", "--reproducer=" + pair.reproducer(), "--fs=" + pair.fs(), "--seed=0x" + Long.toHexString(seed + i - 1)));
            for (String a : run.toArguments()) {
                if (a.startsWith("--option-set=") || a.startsWith("--duration=") || a.startsWith("--iterations=")
                        || a.equals("--no-cycle-check") || a.startsWith("--hang-grace=") || a.equals("--full-budget")) {
                    args.add(a);
                }
            }
            Path root = scratch.resolve("reports").resolve(tag);
            VmReport r = new VmRunner(cache).run(new VmRunner.Request(k, guest.spec(testSeconds).withMoreCmdline(choice.cmdline()),
                    args, null, pair.reproducer(),
                    root, scratch.resolve("work"), null, guest.echoConsole()));
            RunResults res = readResults(ReportDir.of(r.reportDir()).results());
            RunOutcome o = OutcomeClassifier.classify(res, pair.reproducer(), sig, r.markerSeconds() >= 0,
                    r.verdict() + (r.title().isEmpty() ? "" : " " + r.title()) + ", guest ended " + r.end());
            Proof.Run pr = ProveReport.run(o, res, pair.reproducer(), r);
            done.add(pr);
            out.printf("krepro prove:   %s %s: %s%s (%.0f s%s)%s%n", name, tag, pr.kind(), pr.title().isEmpty() ? "" : " " + pr.title(),
                    pr.seconds(), pr.secondsToFinding() >= 0 ? String.format(", first finding after %.1f s", pr.secondsToFinding()) : "",
                    pr.coverage().isEmpty() ? "" : "; " + pr.coverage());
            Path kept = kernelDir(pair, name).resolve(tag);
            ReportMerge.copyEvidence(r.reportDir(), kept);
            if (res != null) {
                parts.add(new ReportMerge.Part(res.withProperties(Map.of("prove.run." + tag, pr.kind().name())), tag, " " + tag));
            }
        }
        if (!parts.isEmpty()) {
            RunResults merged = ReportMerge.merge(parts).withProperties(Map.of("prove.seed", pair.seed(),
                    "prove.kernel", kernelColumn, "prove.runs", Integer.toString(runs)));
            ReportDir.of(kernelDir(pair, name)).write(merged);
        }
        return new Proof.Side(name, done);
    }

    /** REPORT-DIR/seed-NNN/<kernel>/: two seeds proven on one kernel keep their JUnit apart. */
    private Path kernelDir(Proofs.Pair pair, String kernelName) {
        return run.reportDir.resolve("seed-" + pair.seed()).resolve(kernelName.replaceAll("[^A-Za-z0-9._+=-]", "_"));
    }

    private static RunResults readResults(Path json) {
        try {
            return Files.isRegularFile(json) ? RunResults.read(json) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The reproducer's own test of a run (its first), or null. */
    static TestResult mine(RunResults res, String reproducer) {
        if (res == null) {
            return null;
        }
        return res.tests().stream().filter(t -> t.reproducer().equals(reproducer)).findFirst().orElse(null);
    }
}
