package org.krepro.bisect;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.krepro.runner.cli.KreproCommand;
import org.krepro.runner.cli.RunOptionsMixin;
import org.krepro.runner.engine.Reproducers;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.vm.VmCache;
import org.krepro.vm.guest.GuestShape;
import org.krepro.vm.kernel.KernelBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code krepro bisect-run}: one step of {@code git bisect run}. Exit 0 good, 1 bad, 125 skip; never
 * anything else once the arguments are parsed.
 */
@Command(name = "bisect-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One step of `git bisect run`: builds the kernel of the checked-out tree (or takes --kernel),"
                + " boots it in a QEMU guest, runs the reproducer until the statistics decide, and exits 0 (good),"
                + " 1 (bad) or 125 (skip: build or boot failure, a different crash, an infrastructure error).",
                "A commit is bad after --bad-after failures; good only after n clean runs with (1-p)^n <= --bound, p being"
                        + " the lower end of the 95%% Clopper-Pearson interval of the calibration (--calibrate N on the bad"
                        + " commit first; kept in $GIT_DIR/krepro-bisect.json) or --p-bad.",
                "Example: git bisect start BAD GOOD && krepro bisect-run --calibrate 5 -r ID --kernel-tree . (on BAD)"
                        + " && git bisect run ci/bisect-step.sh -r ID --kernel-tree ."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:good: n clean runs", "1:bad: the bug reproduced (with --calibrate: calibration reproduced it)",
                "125:skip: cannot test (build, boot, other crash, errors, inconclusive, no calibration)"})
public final class BisectRunCommand implements KreproCommand, Callable<Integer> {
    public static final int GOOD = 0;
    public static final int BAD = 1;
    public static final int SKIP = 125;

    @Mixin
    RunOptionsMixin run = new RunOptionsMixin();
    @Option(names = "--kernel", paramLabel = "K", description = "test this kernel (debian:NAME or a bzImage) instead of building the tree")
    String kernel;
    @Option(names = "--kernel-tree", paramLabel = "DIR", description = "kernel source tree to build (default: the current directory)")
    Path kernelTree;
    @Option(names = "--build-dir", paramLabel = "DIR", description = "O= directory (default: $GIT_DIR/krepro-build)")
    Path buildDir;
    @Option(names = "--base-config", paramLabel = "FILE", description = "start from this .config instead of defconfig")
    Path baseConfig;
    @Option(names = "--config-fragment", paramLabel = "FILE", description = "more config fragments, applied after krepro's")
    List<Path> fragments = new ArrayList<>();
    @Option(names = "--debug-config", description = "add krepro's debug fragment (KASAN, lockdep, DEBUG_VM, fs debug options)")
    boolean debugConfig;
    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "make -j (default: the number of CPUs)")
    int jobs;
    @Option(names = "--build-timeout", paramLabel = "DURATION", converter = RunOptionsMixin.DurationConverter.class,
            description = "limit of one kernel build (default: ${DEFAULT-VALUE})")
    Duration buildTimeout = Duration.ofHours(3);
    @Option(names = "--calibrate", paramLabel = "N", description = "measure p on this (known-bad) commit: N runs, no early stop;"
            + " pooled into the state file; exits 1 when it reproduced, 125 when not")
    Integer calibrate;
    @Mixin
    JudgeOptions judge = new JudgeOptions();
    @Option(names = "--state", paramLabel = "FILE", description = "state file (default: $GIT_DIR/krepro-bisect.json, else ./krepro-bisect.json)")
    Path stateFile;
    @Option(names = "--check", description = "check the options and the state, print the plan, build and run nothing (exit 0 or 125)")
    boolean check;
    @Mixin
    GuestShape guest = new GuestShape();

    /** Where the runs go: a QEMU guest per run; tests replace it. */
    interface RunnerFactory {
        KernelRunner create(VmKernelRunner.Setup setup) throws Exception;
    }

    RunnerFactory factory = VmKernelRunner::new;
    PrintStream out = System.out;
    java.util.Map<String, String> buildEnv = KernelBuild.defaultEnv();

    @Override
    public Integer call() {
        try {
            return step();
        } catch (Throwable t) { // whatever happens: skip, never >= 128
            out.println("krepro bisect-run: SKIP (125): " + t);
            if (!(t instanceof IllegalArgumentException) && !(t instanceof CannotTest)) {
                t.printStackTrace(out);
            }
            return SKIP;
        } finally {
            out.flush();
        }
    }

    private int step() throws Exception {
        if (run.reproducers.size() != 1) {
            throw new IllegalArgumentException("give exactly one --reproducer (got " + run.reproducers + ")");
        }
        String reproducer = run.reproducers.getFirst();
        if (kernel != null && kernelTree != null) {
            throw new IllegalArgumentException("give --kernel or --kernel-tree, not both");
        }
        String problem = judge.problem();
        if (problem != null || calibrate != null && calibrate < 1) {
            throw new IllegalArgumentException("need " + (problem != null ? problem : "--calibrate >= 1"));
        }
        ReproducerInfo info = Reproducers.byId(reproducer).map(r -> r.info()).orElse(null);
        if (info == null) {
            out.println("krepro bisect-run: warning: reproducer " + reproducer + " is not in this build's registry (`krepro list`);"
                    + " the guest decides");
        }
        Signature sig = Signature.of(judge.badTitles, info == null ? List.of() : info.expectedSignatures());
        Path tree = kernel == null ? (kernelTree != null ? kernelTree : Path.of("")).toAbsolutePath().normalize() : null;
        Path gitDir = Git.gitDir(tree != null ? tree : Path.of("").toAbsolutePath());
        Path state = stateFile != null ? stateFile
                : gitDir != null ? gitDir.resolve(BisectState.FILE_NAME) : Path.of(BisectState.FILE_NAME).toAbsolutePath();
        BisectState st = BisectState.load(state, reproducer);
        if (st.calibrated() && st.reproducer() != null && !st.reproducer().equals(reproducer)) {
            throw new IllegalArgumentException("the state file " + state + " belongs to reproducer " + st.reproducer()
                    + "; give --state FILE for " + reproducer);
        }
        String commit = tree != null ? Git.describe(tree) : null;
        out.printf("krepro bisect-run: %s%s, reproducer %s, state %s%n", commit != null ? "commit " + commit : kernel != null ? "kernel " + kernel : "tree",
                tree != null ? " in " + tree : "", reproducer, state);
        out.println("krepro bisect-run: the bug is: " + sig);

        Plan plan = null;
        if (calibrate == null) {
            plan = plan(st);
            if (plan == null) {
                out.println("krepro bisect-run: SKIP (125): no reproduction probability: run `krepro bisect-run --calibrate N ...`"
                        + " on the known-bad commit first (state " + state + "), or give --p-bad P");
                return SKIP;
            }
            out.println("krepro bisect-run: plan: " + plan.describe());
            if (!st.steps().isEmpty()) {
                out.printf("krepro bisect-run: %d earlier step%s, accumulated P(wrong answer) <= %.4f%n", st.steps().size(),
                        st.steps().size() == 1 ? "" : "s", st.accumulatedMiss());
            }
        }
        if (check) {
            out.println("krepro bisect-run: --check: options and state are usable" + (tree != null ? "; would build " + tree : ""));
            return GOOD;
        }

        // The kernel.
        String spec = kernel;
        double buildSeconds = 0;
        if (spec == null) {
            Path o = buildDir != null ? buildDir.toAbsolutePath()
                    : gitDir != null ? gitDir.resolve("krepro-build") : tree.resolveSibling(tree.getFileName() + "-krepro-build");
            KernelBuild.Result b = KernelBuild.build(new KernelBuild.Options(tree, o, baseConfig, debugConfig, fragments, jobs,
                    buildTimeout, buildEnv), out);
            buildSeconds = b.seconds();
            if (!b.ok()) {
                out.println("krepro bisect-run: build failed: " + b.message());
                save(state, st.plus(step(commit, tree.toString(), "", "SKIP", null, plan, buildSeconds, "build failed: "
                        + b.message().lines().findFirst().orElse(""))));
                out.printf("krepro bisect-run: SKIP (125): the kernel did not build (%.0f s; log %s)%n", buildSeconds, b.log());
                return SKIP;
            }
            out.printf("krepro bisect-run: built %s in %.0f s%n", b.release(), buildSeconds);
            spec = b.bzImage().toString();
        }
        long testSeconds = run.duration != null ? run.duration.toSeconds()
                : info != null ? info.defaultDuration().toSeconds() : 60;
        List<String> guestArgs = new ArrayList<>(List.of("run", "--devices", "@DEVICES@", "--allow-host-crash", "--report-dir", "@REPORTS@"));
        long seed = run.resolvedSeed();
        for (String a : run.toArguments()) {
            if (!a.startsWith("--seed=") && !a.equals("--allow-host-crash")) {
                guestArgs.add(a);
            }
        }
        out.printf("krepro bisect-run: seed 0x%x (run i uses seed + i - 1)%n", seed);
        KernelRunner runner = factory.create(new VmKernelRunner.Setup(VmCache.defaultCache(), guest.spec(testSeconds), guestArgs,
                seed, reproducer, sig, run.reportDir, run.workDir, out, guest.echoConsole()));

        if (calibrate != null) {
            Calibration c = Calibration.measure(runner, spec, calibrate, judge.maxErrors, out);
            Judgement j = c.asJudgement(judge.badAfter);
            runner.judgedQuietly(spec, j, out);
            String where = commit != null ? commit : spec;
            BisectState ns = c.runs() > 0 ? st.withCalibration(where, c.runs(), c.failures()) : st;
            save(state, ns);
            if (ns.calibrated() && ns.calibrationFailures() > 0) {
                Stats.Interval e = Stats.estimate(ns.calibrationFailures(), ns.calibrationRuns());
                Plan p = Plan.of(e.lo(), "lower end of 95% Clopper-Pearson", judge.bound, judge.badAfter, judge.maxErrors);
                out.printf("krepro bisect-run: calibration (pooled) %d/%d: p = %s; each good commit needs %d clean runs%n",
                        ns.calibrationFailures(), ns.calibrationRuns(), e, p.cleanRuns());
            }
            int exit = c.failures() >= judge.badAfter ? BAD : SKIP;
            out.println("krepro bisect-run: calibration " + (exit == BAD ? "reproduced the bug: BAD (1)" : "did not reproduce: SKIP (125)"));
            return exit;
        }
        runner.planned(plan);
        Judgement j = Judge.judge(runner, spec, plan.withMaxRuns(judge.maxRuns > 0 ? judge.maxRuns : plan.maxRuns()), out);
        runner.judgedQuietly(spec, j, out);
        BisectState ns = st.plus(step(commit, spec, releaseOf(runner, spec), j.verdict().name(), j, plan, buildSeconds, j.reason()));
        save(state, ns);
        out.printf("krepro bisect-run: %s (%d) after %d run%s (%d failed, %d errors) in %.0f s + build %.0f s;"
                        + " accumulated P(wrong answer) over %d steps <= %.4f%s%n",
                j.verdict(), j.verdict().exitCode, j.runs(), j.runs() == 1 ? "" : "s", j.failures(), j.errors(), j.seconds(),
                buildSeconds, ns.steps().size(), ns.accumulatedMiss(),
                st.calibrated() && judge.pBad == null ? " (+2.5% that p is below its interval)" : "");
        return j.verdict().exitCode;
    }

    /** p from --p-bad, else the state's calibration (lower end of its 95% Clopper-Pearson interval), else null. */
    Plan plan(BisectState st) {
        if (judge.pBad != null) {
            return Plan.of(judge.pBad, "--p-bad", judge.bound, judge.badAfter, judge.maxErrors);
        }
        if (!st.calibrated() || st.calibrationFailures() == 0) {
            return null;
        }
        Stats.Interval e = Stats.estimate(st.calibrationFailures(), st.calibrationRuns());
        return Plan.of(e.lo(), String.format("lower end of the 95%% Clopper-Pearson interval of %d/%d on %s, estimate %s",
                st.calibrationFailures(), st.calibrationRuns(), st.calibrationKernel(), e), judge.bound, judge.badAfter, judge.maxErrors);
    }

    private static String releaseOf(KernelRunner r, String spec) {
        if (r instanceof VmKernelRunner v) {
            try {
                return v.kernel(spec).release();
            } catch (CannotTest e) {
                return "";
            }
        }
        return "";
    }

    private static BisectState.Step step(String commit, String kernel, String release, String verdict, Judgement j, Plan plan,
                                         double buildSeconds, String reason) {
        return new BisectState.Step(commit == null ? "" : commit, kernel, release, verdict, j == null ? 0 : j.runs(),
                j == null ? 0 : j.failures(), j == null ? 0 : j.errors(), plan == null ? 0 : plan.p(), j == null ? 0 : j.miss(),
                buildSeconds, j == null ? 0 : j.seconds(), reason, LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private void save(Path state, BisectState st) {
        try {
            st.save(state);
        } catch (Exception e) {
            out.println("krepro bisect-run: warning: cannot write the state " + state + ": " + e);
        }
    }

    static boolean exists(Path p) {
        return p != null && Files.exists(p);
    }
}
