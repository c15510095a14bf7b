package org.krepro.bisect;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.KreproCommand;
import org.krepro.runner.cli.RunOptionsMixin;
import org.krepro.runner.engine.Reproducers;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.vm.VmCache;
import org.krepro.vm.guest.GuestShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code krepro bisect --kernels K1,...,Kn --reproducer ID [--fix]}: binary search over prebuilt kernels. */
@Command(name = "bisect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Binary search over an ordered list of prebuilt kernels (oldest first; debian:NAME or bzImage paths)"
                + " for the first bad kernel, or with --fix the first good one. Each kernel runs in QEMU guests until the"
                + " statistics decide (see bisect-run); prints the answer and the accumulated probability of a wrong"
                + " answer; JUnit for every kernel it ran under REPORT-DIR/<release>/, the summary in REPORT-DIR/bisect.txt."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a single answer", "1:no single answer (nothing to bisect, none found, or a range of skipped kernels)",
                "2:usage error", "4:internal error"})
public final class BisectCommand implements KreproCommand, Callable<Integer> {
    @Option(names = "--kernels", required = true, split = ",", paramLabel = "K", description = "kernels, oldest first")
    List<String> kernels;
    @Option(names = "--fix", description = "search the first good kernel (the list goes from bad to good)")
    boolean fix;
    @Option(names = "--calibrate", paramLabel = "N", description = "runs on the known-bad end to measure p (default: ${DEFAULT-VALUE})")
    int calibrate = 10;
    @Mixin
    JudgeOptions judge = new JudgeOptions();
    @Mixin
    RunOptionsMixin run = new RunOptionsMixin();
    @Mixin
    GuestShape guest = new GuestShape();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    BisectRunCommand.RunnerFactory factory = VmKernelRunner::new;
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (run.reproducers.size() != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give exactly one --reproducer");
        }
        String problem = judge.problem();
        if (kernels.size() < 2 || calibrate < 1 || problem != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "need two or more kernels, --calibrate >= 1, " + (problem != null ? problem : "0 < --bound < 1 ..."));
        }
        String reproducer = run.reproducers.getFirst();
        ReproducerInfo info = Reproducers.byId(reproducer).map(r -> r.info()).orElse(null);
        Signature sig = Signature.of(judge.badTitles, info == null ? List.of() : info.expectedSignatures());
        long testSeconds = run.duration != null ? run.duration.toSeconds() : info != null ? info.defaultDuration().toSeconds() : 60;
        List<String> guestArgs = new ArrayList<>(List.of("run", "--devices", "@DEVICES@", "--allow-host-crash", "--report-dir", "@REPORTS@"));
        long seed = run.resolvedSeed();
        for (String a : run.toArguments()) {
            if (!a.startsWith("--seed=") && !a.equals("--allow-host-crash")) {
                guestArgs.add(a);
            }
        }
        out.printf("krepro bisect: %d kernels, reproducer %s, looking for the first %s kernel; the bug is: %s; seed 0x%x%n",
                kernels.size(), reproducer, fix ? "good" : "bad", sig, seed);
        KernelRunner runner = factory.create(new VmKernelRunner.Setup(VmCache.defaultCache(), guest.spec(testSeconds), guestArgs,
                seed, reproducer, sig, run.reportDir, run.workDir, out, guest.echoConsole()));
        PrebuiltBisect.Result r = PrebuiltBisect.search(kernels, new PrebuiltBisect.Options(fix, judge.pBad, calibrate, judge.bound,
                judge.badAfter, judge.maxErrors, judge.maxRuns), runner, out);
        String summary = summary(r, kernels);
        out.println();
        out.print(summary);
        Files.createDirectories(run.reportDir);
        Files.writeString(run.reportDir.resolve("bisect.txt"), summary);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", r.status().name());
        json.put("answer", r.answer());
        json.put("candidates", r.candidates());
        json.put("fix", fix);
        json.put("reproducer", reproducer);
        json.put("p", r.plan() == null ? null : r.plan().p());
        json.put("pSource", r.plan() == null ? null : r.plan().pSource());
        json.put("cleanRunsNeeded", r.plan() == null ? null : r.plan().cleanRuns());
        json.put("pWrong", r.pWrong());
        json.put("pIntervalWrong", r.pIntervalWrong());
        json.put("message", r.message());
        json.put("judged", r.judged());
        RunResults.json().writeValue(run.reportDir.resolve("bisect.json").toFile(), json);
        return r.status() == PrebuiltBisect.Status.FOUND ? ExitCodes.ALL_PASSED : ExitCodes.REPRODUCER_FAILED;
    }

    /** The answer, then one line per kernel of the list (verdict, runs, failures, miss). */
    static String summary(PrebuiltBisect.Result r, List<String> kernels) {
        StringBuilder sb = new StringBuilder();
        sb.append("krepro bisect: ").append(r.status()).append(": ").append(r.message()).append('\n');
        if (r.plan() != null) {
            sb.append("plan: ").append(r.plan().describe()).append('\n');
        }
        int width = Math.max("kernel".length(), kernels.stream().mapToInt(String::length).max().orElse(0));
        String text = "%-" + width + "s %-5s %5s %8s %7s %9s  %s%n";
        sb.append(String.format(text, "kernel", "order", "runs", "failures", "errors", "P(miss)", "verdict"));
        for (int i = 0; i < kernels.size(); i++) {
            String k = kernels.get(i);
            Judgement j = r.judged().stream().filter(x -> x.kernel().equals(k)).findFirst().orElse(null);
            int order = j == null ? 0 : r.judged().indexOf(j) + 1;
            if (j == null) {
                sb.append(String.format(text, k, "-", "-", "-", "-", "-", "not run"));
            } else {
                sb.append(String.format("%-" + width + "s %-5d %5d %8d %7d %9s  %s%s%n", k, order, j.runs(), j.failures(), j.errors(),
                        j.verdict() == Judgement.Verdict.GOOD ? String.format("%.4f", j.miss()) : "-", j.verdict(),
                        k.equals(r.answer()) ? "  <== " + (r.status() == PrebuiltBisect.Status.FOUND ? "answer" : "") : ""));
            }
        }
        return sb.toString();
    }
}
