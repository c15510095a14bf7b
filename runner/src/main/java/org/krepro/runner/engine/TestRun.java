package org.krepro.runner.engine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.krepro.runner.coverage.RaceCoverage;
import org.krepro.runner.detect.DataVerifier;
import org.krepro.runner.detect.Detector;
import org.krepro.runner.detect.FsckDetector;
import org.krepro.runner.detect.HungWorkload;
import org.krepro.runner.detect.KernelLogDetector;
import org.krepro.runner.detect.Remount;
import org.krepro.runner.detect.UnmountCycleCheck;
import org.krepro.runner.detect.Verdicts;
import org.krepro.runner.device.WorkDirSpace;
import org.krepro.runner.device.Workspace;
import org.krepro.runner.fs.TestFilesystem;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.report.RunEvents;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestSkipped;
import org.krepro.sys.SyscallCounters;

/**
 * One test (one reproducer on one option set) through the lifecycle, one method a step:
 * <pre>
 *   prepare       devices -> mkfs -> afterMkfs -> kernel-log start marker -> mount
 *   workload      the reproducer's run under the watchdog                 (hung workload)
 *   unmountCycle  read files -> unmount -> afterUnmount -> drop caches
 *                 -> mount -> read files again, compare                    (remount, unmount cycle)
 *   verify        the reproducer's verify -> unmount                       (data verifier)
 *   detect        fsck -> kernel-log end marker, classify                  (fsck, kernel log)
 *   judge         every detector's findings -> Verdicts.decide
 *   report        the TestResult; evidence when it did not pass
 *   teardown      images kept when asked, devices released, scratch deleted (always)
 * </pre>
 * A skip ends the test where it is raised; an exception of krepro's skips to detect, so that the
 * filesystem and the kernel log are still looked at. Nothing escapes {@link #run}.
 */
final class TestRun {
    /** What every test of a run shares: the engine's side. */
    record Services(RunOptions options, Progress progress, Workspace workspace, KernelLogDetector kernelLogs,
                    WorkDirSpace.Watch space, Consumer<String> log, Evidence evidence, Consumer<String> events) {
    }

    private final Services s;
    private final Reproducer reproducer;
    private final ReproducerInfo info;
    private final FsConfig config;
    private final String testName;
    private final Duration duration;
    private final long start = System.nanoTime();
    private final SortedMap<String, String> props = new TreeMap<>();

    // The detectors; detectors() gives their report order.
    private final HungWorkload hung = new HungWorkload();
    private final Remount remount = new Remount();
    private final FsckDetector fsck = new FsckDetector();
    private KernelLogDetector.Window kernelLog;
    private DataVerifier verifier;
    private final UnmountCycleCheck cycle = new UnmountCycleCheck();

    private Path scratch;
    private RunningTest ctx;
    private TestFilesystem tfs;
    private Map<String, Long> syscallsBefore;
    private EarlyStop earlyStop;
    /** What went wrong in krepro, first cause first. */
    private final List<String> errors = new ArrayList<>();
    private Throwable error;

    TestRun(Services services, Reproducer reproducer, FsConfig config) {
        this.s = services;
        this.reproducer = reproducer;
        this.info = reproducer.info();
        this.config = config;
        this.testName = info.id() + "[" + config.name() + "]";
        this.duration = s.options().duration() != null ? s.options().duration() : info.defaultDuration();
        props.put("seed", Long.toString(s.options().seed()));
        props.put("duration.budget.seconds", Long.toString(duration.toSeconds()));
        props.put("mkfs.options", String.join(" ", config.mkfsOptions()));
        props.put("mount.options", String.join(",", config.mountOptions()));
        props.put("devices", Integer.toString(config.devices()));
        props.put("device.bytes", Long.toString(config.deviceBytes()));
    }

    /** The whole lifecycle; never throws for a problem of the test itself (that is ERROR). */
    TestResult run() {
        String skip = skipReason();
        if (skip != null) {
            return result(Verdicts.skipped(skip), List.of(), "", "");
        }
        if (s.space() != null) {
            s.space().reset();
        }
        s.progress().line("RUN     " + testName + " on " + config.label() + " (budget " + duration.toSeconds() + "s)");
        try {
            scratch = Files.createTempDirectory(s.workspace().root(), "scratch-");
        } catch (IOException e) {
            return result(Verdicts.decide(List.of(), List.of("cannot create a scratch directory: " + e), null),
                    List.of(), "", "");
        }
        ctx = new RunningTest(config, s.options().seed(), scratch, duration, s.options().iterations());
        verifier = new DataVerifier(ctx::findings);
        try {
            prepare();
            if (workload() && unmountCycle()) {
                verify();
            }
        } catch (TestSkipped skipped) {
            if (kernelLog != null) {
                kernelLog.abandon();
            }
            teardown(false, new LinkedHashMap<>());
            return result(Verdicts.skipped(skipped.getMessage()), List.of(), "", "");
        } catch (Throwable t) {
            error = t;
            errors.add(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        recordSyscalls();
        detect();
        recordTelemetry();
        Verdicts.Decision decision = judge();
        return report(decision);
    }

    /** Why this test cannot run here at all, or null. */
    private String skipReason() {
        if (info.mayCrashKernel() && !s.options().allowHostCrash()) {
            return "may crash the running kernel: run it in a guest (krepro vm)"
                    + " or pass --allow-host-crash on a machine you can lose";
        }
        return IoUringProbe.skipReason(info);
    }

    /** Devices, mkfs, the reproducer's afterMkfs, the kernel log's start marker and the mount. */
    private void prepare() throws Exception {
        tfs = TestFilesystem.create(s.workspace(), s.options().devices().isEmpty()
                ? s.workspace().loopDevices() : s.workspace().givenDevices(s.options().devices()), config, testName);
        ctx.devices(tfs.devices());
        props.put("device.kind", s.options().devices().isEmpty() ? "loop" : TestEngine.deviceKind(tfs.devices().getFirst()));
        props.put("devices.paths", tfs.devices().toString());
        props.put("phase.devices.seconds", secondsSince(start));
        tfs.mkfs();
        props.put("phase.mkfs.seconds", secondsSince(start));
        props.put("mkfs", tfs.mkfsCommandLine());
        syscallsBefore = SyscallCounters.snapshot();
        reproducer.afterMkfs(ctx);

        kernelLog = s.kernelLogs().open(testName, tfs.devices(), info.setUpMessages());
        props.put("phase.marker.seconds", secondsSince(start));
        ctx.mounted(tfs.mount());
        props.put("mount", tfs.mountCommandLine());
        TestFilesystem remountable = tfs;
        ctx.remounter(() -> {
            remountable.unmount();
            return remountable.mount();
        });
        props.put("phase.mounted.seconds", secondsSince(start));
        s.events().accept(RunEvents.phase(key(), RunEvents.MOUNTED));
    }

    /** This test's key in the {@link RunEvents} stream. */
    private String key() {
        return RunEvents.key(config.fs().id(), info.id(), config.name());
    }

    private static String secondsSince(long nanos) {
        return String.format(Locale.ROOT, "%.3f", (System.nanoTime() - nanos) / 1e9);
    }

    /**
     * Announces the workload's first iteration (a reproducer counts one when its first race attempt is
     * done): polled, so that reproducers need not know about it; the poll stops with the workload. A
     * platform thread: workload threads blocked in native calls pin the virtual-thread carriers.
     */
    private Thread firstIterationWatch() {
        return Thread.ofPlatform().daemon().name("first-iteration-" + testName).start(() -> {
            try {
                while (ctx.telemetry().get("iterations") == 0) {
                    Thread.sleep(5);
                }
                props.put("phase.first-iteration.seconds", secondsSince(start));
                s.events().accept(RunEvents.phase(key(), RunEvents.FIRST_ITERATION));
            } catch (InterruptedException e) {
                // the workload ended before its first iteration: nothing to announce
            }
        });
    }

    /**
     * The reproducer's run under the watchdog, stopped early once a finding settles the verdict (unless
     * the full budget is asked for); false when it hung, which leaves the filesystem as it is.
     */
    private boolean workload() throws Throwable {
        Duration deadline = duration.plus(s.options().hangGrace());
        // probes only around the workload: what it hits is what the race path coverage counts
        RaceCoverage coverage = RaceCoverage.arm(info.racePathFor(config.fs()), s.log());
        props.put("phase.armed.seconds", secondsSince(start));
        Workload.Outcome outcome;
        Thread firstIteration = firstIterationWatch();
        try {
            ctx.startBudget();
            KernelLogDetector.Window liveLog = kernelLog;
            earlyStop = EarlyStop.watch(ctx.budget(), () -> firstDecisive(liveLog), !s.options().fullBudget());
            try (AutoCloseable ticker = s.progress().ticker(testName, duration,
                    () -> ctx.telemetry().get("iterations"), () -> ctx.findings().size() + liveLog.poll())) {
                outcome = Workload.run(() -> {
                    reproducer.run(ctx);
                    return null;
                }, deadline, ctx.budget(), Workload.STOP_GRACE);
            } finally {
                earlyStop.close();
            }
        } finally {
            firstIteration.interrupt();
            firstIteration.join();
            props.putAll(coverage.finish());
        }
        props.put("duration.seconds", String.format(Locale.ROOT, "%.3f", ctx.budget().elapsed().toMillis() / 1000.0));
        earlyStop.record(props);
        if (ctx.budget().stopped()) {
            s.progress().line("        " + testName + ": stopped early: " + ctx.budget().stopReason());
        }
        if (outcome.hung()) {
            hung.hung(outcome.blocked(), outcome.waited(), deadline);
            return false;
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return true;
    }

    /** The first finding that settles the verdict while the workload runs: the reproducer's own, else the kernel log's. */
    private Optional<Map.Entry<String, String>> firstDecisive(KernelLogDetector.Window log) {
        List<Finding> reported = ctx.findings();
        if (!reported.isEmpty()) {
            return Optional.of(Map.entry("reproducer finding", reported.getFirst().title()));
        }
        return log.firstDecisive();
    }

    /**
     * What user space sees before the unmount against what the disk gives back after the remount, with
     * the reproducer's afterUnmount and dropped caches between; false when the filesystem did not mount.
     */
    private boolean unmountCycle() throws Exception {
        if (s.options().cycleCheck()) {
            cycle.before(ctx.mountPoint(), props);
        } else {
            UnmountCycleCheck.off(props);
        }
        tfs.unmount();
        ctx.mounted(null);
        reproducer.afterUnmount(ctx);
        tfs.dropCaches();
        Path remounted = remount.mount(tfs);
        if (remounted == null) {
            return false;
        }
        ctx.mounted(remounted);
        cycle.after(remounted, tfs.devices(), config.fs(), props);
        return true;
    }

    /** The reproducer's own verification on the remounted filesystem, then the last unmount. */
    private void verify() throws Exception {
        verifier.verify(reproducer, ctx);
        tfs.unmount();
        ctx.mounted(null);
    }

    /** fsck (on an unmounted filesystem only: after a hang the mount may still be busy), then the kernel log. */
    private void detect() {
        if (tfs != null && !tfs.isMounted()) {
            fsck.check(tfs, props);
            if (fsck.error() != null) {
                errors.add(fsck.error());
            }
        }
        if (kernelLog != null) {
            kernelLog.finish(props, ctx::note);
        }
    }

    /**
     * The detectors in report order: the kernel's crash reports lead (see {@link Detector#leading}); then
     * the hang, a refused mount and fsck, the kernel's filesystem messages, the reproducer's own findings
     * (it knows what the data should be), and last the unmount-cycle check's.
     */
    private List<Detector> detectors() {
        List<Detector> all = new ArrayList<>(List.of(hung, remount, fsck));
        if (kernelLog != null) {
            all.add(kernelLog);
        }
        all.add(verifier);
        all.add(cycle);
        return all;
    }

    private Verdicts.Decision judge() {
        return Verdicts.decide(Verdicts.ordered(detectors()), errors, s.space() == null ? null : s.space().ranOut());
    }

    /**
     * Counts of the calls made through the binding layer from afterMkfs to verify (process-wide: the
     * reproducer's threads and the verifier) less the unmount-cycle check's own, as properties
     * {@code syscall.<name>}; a declared syscall never made goes to {@code syscalls.missing} and a note,
     * since the test then did not drive what it claims to.
     */
    private void recordSyscalls() {
        if (syscallsBefore == null) {
            return;
        }
        Map<String, Long> own = cycle.ownCalls();
        SyscallCounters.snapshot().forEach((call, n) -> {
            long d = n - syscallsBefore.getOrDefault(call, 0L) - own.getOrDefault(call, 0L);
            if (d > 0) {
                props.put("syscall." + call, Long.toString(d));
            }
        });
        List<String> missing = info.syscalls().stream().filter(c -> !props.containsKey("syscall." + c)).toList();
        props.put("syscalls.missing", String.join(",", missing));
        if (!missing.isEmpty()) {
            ctx.note("declared syscalls never made in this test: " + String.join(", ", missing));
        }
    }

    private void recordTelemetry() {
        ctx.telemetry().asProperties().forEach((k, v) -> props.put("telemetry." + k, v));
        props.put("iterations", Long.toString(ctx.telemetry().get("iterations")));
    }

    /** The result of a judged test, its evidence when it did not pass, and the teardown. */
    private TestResult report(Verdicts.Decision decision) {
        decision.notes().forEach(ctx::note);
        props.putAll(decision.properties());
        String fsckText = fsck.report();
        if (error != null && decision.verdict() == Verdict.ERROR) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            fsckText = fsckText + (fsckText.isEmpty() ? "" : "\n") + "--- krepro stack trace ---\n" + trace;
        }
        boolean failed = decision.verdict() != Verdict.PASS;
        if (earlyStop != null) {
            earlyStop.recordTeardown(props);
        }
        TestResult result = result(decision, ctx.notes(), kernelLog == null ? "" : kernelLog.excerpt(), fsckText);
        Map<String, String> evidence = new LinkedHashMap<>();
        if (failed) {
            evidence.putAll(s.evidence().write(result));
        }
        teardown(failed || s.options().keepImages(), evidence);
        return result.withEvidence(evidence);
    }

    private TestResult result(Verdicts.Decision d, List<String> notes, String kernelLogText, String fsckText) {
        return new TestResult(info.id(), config.fs().id(), config.name(), d.verdict(), d.reason(), d.findings(),
                (System.nanoTime() - start) / 1e9, props, notes, kernelLogText, fsckText, Map.of());
    }

    /** Always runs: keeps the images (sparse) as evidence when asked, releases the devices, deletes the scratch dir. */
    private void teardown(boolean keepImages, Map<String, String> evidence) {
        if (tfs != null) {
            try {
                if (keepImages) {
                    evidence.putAll(s.evidence().keepImages(tfs));
                }
            } catch (Exception e) {
                s.progress().line("warning: images not kept: " + e.getMessage());
            } finally {
                try {
                    tfs.close();
                } catch (Exception e) {
                    s.progress().line("warning: teardown of " + tfs.testName() + ": " + e.getMessage());
                }
            }
        }
        FileTrees.deleteAllItCan(scratch);
    }
}
