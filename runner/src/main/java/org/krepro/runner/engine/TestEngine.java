package org.krepro.runner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.krepro.runner.Version;
import org.krepro.runner.coverage.RaceCoverage;
import org.krepro.runner.fs.FsckResult;
import org.krepro.runner.fs.TestFilesystem;
import org.krepro.runner.device.WorkDirSpace;
import org.krepro.runner.device.Workspace;
import org.krepro.runner.report.HostInfo;
import org.krepro.runner.report.JUnitWriter;
import org.krepro.runner.report.RunEvents;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestSkipped;
import org.krepro.runner.verify.UnderneathWriter;
import org.krepro.runner.verify.UnmountCycleCheck;
import org.krepro.sys.SyscallCounters;

/**
 * Runs tests (one reproducer on one filesystem option set each) through the whole lifecycle and
 * judges them, fstests-style: a kernel-log window between markers, fsck after every test, the data
 * verifier where the reproducer asks for it; then writes JUnit and results.json after every test so
 * that a run that dies midway (a guest kernel panic) still leaves what it finished.
 *
 * <pre>
 *   images -> devices -> mkfs -> afterMkfs -> kmsg start marker -> mount -> workload (watchdog)
 *     -> unmount -> afterUnmount -> drop caches -> mount -> verify -> unmount -> fsck
 *     -> kmsg end marker -> classify -> verdict -> evidence (on FAIL) -> teardown (always)
 * </pre>
 */
public final class TestEngine implements AutoCloseable {
    private static final DateTimeFormatter JUNIT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final RunOptions options;
    private final Progress progress;
    private final Workspace workspace;
    private final KernelLogDetector kernelLog;
    private final HostInfo host;
    private final Path kernelReportDir;
    private final String runId;
    /** Every command krepro ran and what it did to devices and mounts, per kernel report directory. */
    public static final String RUN_LOG = "krepro.log";
    /** Test property: "environment" on an ERROR the machine caused (a full work dir), not krepro. */
    public static final String ERROR_CAUSE = "error.cause";
    private final java.io.PrintWriter runLog;
    private final DebugFs debugFs;
    private final AutoCloseable tracefs;
    /** Null on given devices: then no image of krepro's lies in the work dir. */
    private final WorkDirSpace.Watch space;
    private RunResults results;
    private java.util.function.Consumer<String> events = e -> { };

    public TestEngine(RunOptions options, Progress progress) throws IOException {
        this.options = options;
        this.progress = progress;
        this.host = HostInfo.current(Version.get());
        this.kernelReportDir = options.reportDir().resolve(host.kernelRelease());
        Files.createDirectories(kernelReportDir);
        this.runLog = new java.io.PrintWriter(Files.newBufferedWriter(kernelReportDir.resolve(RUN_LOG),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true);
        this.workspace = Workspace.open(options.workDir(), Workspace.Options.defaults()
                .withLoopDevices(options.devices().isEmpty()).withLog(this::log));
        this.debugFs = DebugFs.ensure(this::log);
        this.tracefs = RaceCoverage.ensureTracefs(this::log);
        RaceCoverage.removeStale(this::log);
        this.space = options.devices().isEmpty() ? WorkDirSpace.Watch.start(workspace.root()) : null;
        this.runId = Long.toHexString(System.currentTimeMillis()) + "-" + ProcessHandle.current().pid();
        this.kernelLog = new KernelLogDetector(runId);
        SortedMap<String, String> props = new TreeMap<>();
        props.put("device.kind", options.devices().isEmpty() ? "loop" : deviceKind(options.devices().getFirst()));
        props.put("run.id", runId);
        props.put("seed", Long.toString(options.seed()));
        this.results = new RunResults(host, LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(JUNIT_TIME),
                props, List.of());
    }

    /** Lifecycle lines (commands run, devices attached, cleanups) go to krepro.log, and to the console when verbose. */
    private void log(String line) {
        synchronized (runLog) {
            runLog.println(LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
        }
        progress.verbose("  " + line);
    }

    /** nvme0n1 -> nvme, vda -> virtio, anything else -> given. */
    static String deviceKind(Path device) {
        String n = device.getFileName().toString();
        return n.startsWith("nvme") ? "nvme" : n.startsWith("vd") ? "virtio" : n.startsWith("loop") ? "loop" : "given";
    }

    public HostInfo host() {
        return host;
    }

    public Path kernelReportDir() {
        return kernelReportDir;
    }

    /** The (reproducer, option set) pairs the options select, in run order. */
    public static List<Map.Entry<Reproducer, FsConfig>> plan(List<Reproducer> reproducers, RunOptions options) {
        List<Map.Entry<Reproducer, FsConfig>> plan = new ArrayList<>();
        for (Reproducer r : reproducers) {
            if (options.reproducers().isEmpty() ? !inDefaultRun(r.info().id()) : !options.reproducers().contains(r.info().id())) {
                continue;
            }
            for (FsConfig c : r.info().configs()) {
                if (!options.filesystems().isEmpty() && !options.filesystems().contains(c.fs())) {
                    continue;
                }
                if (!options.optionSets().isEmpty() && !options.optionSets().contains(c.name())) {
                    continue;
                }
                plan.add(Map.entry(r, c));
            }
        }
        return plan;
    }

    /**
     * Whether a run that names no reproducer includes this one: every bug reproducer, and of the
     * controls only control-clean (a sanity check of the harness); the positive controls fail by
     * design and run when named.
     */
    public static boolean inDefaultRun(String id) {
        return !id.startsWith("control-") || id.equals("control-clean");
    }

    /** Where the plan and each test's start and end go as {@link RunEvents} lines (nowhere by default). */
    public void onEvent(java.util.function.Consumer<String> sink) {
        this.events = sink;
    }

    /** The key of a planned test, as {@link RunEvents} names it. */
    public static String key(Map.Entry<Reproducer, FsConfig> test) {
        return RunEvents.key(test.getValue().fs().id(), test.getKey().info().id(), test.getValue().name());
    }

    /** Runs every planned test; JUnit and results.json are rewritten after each one. */
    public RunResults run(List<Map.Entry<Reproducer, FsConfig>> plan) throws IOException {
        events.accept(RunEvents.plan(plan.stream().map(TestEngine::key).toList()));
        for (Map.Entry<Reproducer, FsConfig> test : plan) {
            events.accept(RunEvents.start(key(test)));
            TestResult r = runOne(test.getKey(), test.getValue());
            results = results.plus(r);
            writeReports();
            events.accept(RunEvents.end(key(test), r.verdict()));
            progress.line(String.format("%-7s %-40s %6.1fs  %s", r.verdict(), r.caseName() + " " + r.fs(), r.seconds(),
                    r.headline()));
            String coverage = RaceCoverage.summary(r.properties());
            if (!coverage.isEmpty()) {
                progress.line("        coverage: " + coverage);
            }
        }
        return results;
    }

    public RunResults results() {
        return results;
    }

    private void writeReports() throws IOException {
        JUnitWriter.write(results, kernelReportDir);
        results.write(kernelReportDir.resolve(RunResults.FILE_NAME));
    }

    /** One test, always torn down; never throws for a problem of the test itself (that is ERROR). */
    public TestResult runOne(Reproducer reproducer, FsConfig config) {
        ReproducerInfo info = reproducer.info();
        String testName = info.id() + "[" + config.name() + "]";
        Duration duration = options.duration() != null ? options.duration() : info.defaultDuration();
        long start = System.nanoTime();
        SortedMap<String, String> props = new TreeMap<>();
        props.put("seed", Long.toString(options.seed()));
        props.put("duration.budget.seconds", Long.toString(duration.toSeconds()));
        props.put("mkfs.options", String.join(" ", config.mkfsOptions()));
        props.put("mount.options", String.join(",", config.mountOptions()));
        props.put("devices", Integer.toString(config.devices()));
        props.put("device.bytes", Long.toString(config.deviceBytes()));

        if (info.mayCrashKernel() && !options.allowHostCrash()) {
            return skipped(info, config, props, start, "may crash the running kernel: run it in a guest (krepro vm)"
                    + " or pass --allow-host-crash on a machine you can lose");
        }
        String noUring = IoUringProbe.skipReason(info);
        if (noUring != null) {
            return skipped(info, config, props, start, noUring);
        }
        if (space != null) {
            space.reset();
        }
        progress.line("RUN     " + testName + " on " + config.label() + " (budget " + duration.toSeconds() + "s)");

        Path scratch;
        try {
            scratch = Files.createTempDirectory(workspace.root(), "scratch-");
        } catch (IOException e) {
            return errored(info, config, props, start, "cannot create a scratch directory: " + e, List.of(), List.of(), "", "");
        }
        RunningTest ctx = new RunningTest(config, options.seed(), scratch, duration, options.iterations());
        List<Finding> findings = new ArrayList<>();
        List<Finding> cycleFindings = new ArrayList<>();
        Map<String, Long> checkCalls = new TreeMap<>();
        String kernelLogText = "";
        String fsckText = "";
        Map<String, String> evidence = new LinkedHashMap<>();
        KernelLogDetector.Window window = null;
        boolean failedTest = false;
        TestFilesystem tfs = null;
        Map<String, Long> syscallsBefore = null;
        String errorMessage = null;
        Throwable error = null;
        EarlyStop earlyStop = null;
        try {
            tfs = TestFilesystem.create(workspace, options.devices().isEmpty()
                    ? workspace.loopDevices() : workspace.givenDevices(options.devices()), config, testName);
            ctx.devices(tfs.devices());
            props.put("device.kind", options.devices().isEmpty() ? "loop" : deviceKind(tfs.devices().getFirst()));
            props.put("devices.paths", tfs.devices().toString());
            tfs.mkfs();
            props.put("mkfs", tfs.mkfsCommandLine());
            syscallsBefore = SyscallCounters.snapshot();
            reproducer.afterMkfs(ctx);

            window = kernelLog.open(testName, tfs.devices());
            ctx.mounted(tfs.mount());
            props.put("mount", tfs.mountCommandLine());
            TestFilesystem remountable = tfs;
            ctx.remounter(() -> {
                remountable.unmount();
                return remountable.mount();
            });

            // probes only around the workload: what it hits is what the race path coverage counts
            RaceCoverage coverage = RaceCoverage.arm(info.racePathFor(config.fs()), this::log);
            Workload.Outcome outcome;
            try {
                ctx.startBudget();
                KernelLogDetector.Window liveLog = window;
                earlyStop = EarlyStop.watch(ctx.budget(), () -> firstDecisive(ctx, liveLog), !options.fullBudget());
                try (AutoCloseable ticker = progress.ticker(testName, duration,
                        () -> ctx.telemetry().get("iterations"), () -> ctx.findings().size() + liveLog.poll())) {
                    outcome = Workload.run(() -> {
                        reproducer.run(ctx);
                        return null;
                    }, duration.plus(options.hangGrace()), ctx.budget(), Workload.STOP_GRACE);
                } finally {
                    earlyStop.close();
                }
            } finally {
                props.putAll(coverage.finish());
            }
            props.put("duration.seconds", String.format(java.util.Locale.ROOT, "%.3f", ctx.budget().elapsed().toMillis() / 1000.0));
            earlyStop.record(props);
            if (ctx.budget().stopped()) {
                progress.line("        " + testName + ": stopped early: " + ctx.budget().stopReason());
            }
            if (outcome.hung()) {
                findings.add(outcome.hangFinding(duration.plus(options.hangGrace())));
                throw new WorkloadHung();
            }
            if (outcome.failure() != null) {
                throw outcome.failure();
            }

            // what user space sees now, to compare with what the disk gives back after the remount
            UnmountCycleCheck.Snapshot beforeUnmount = null;
            if (options.cycleCheck()) {
                beforeUnmount = snapshot(ctx.mountPoint(), props, "before", checkCalls);
            } else {
                props.put("cycle_check.before", "off (--no-cycle-check)");
            }
            tfs.unmount();
            ctx.mounted(null);
            reproducer.afterUnmount(ctx);
            tfs.dropCaches();
            Path remounted = null;
            try {
                remounted = tfs.mount();
            } catch (IOException e) {
                // The kernel refused the filesystem the workload left: a finding, not a krepro error.
                findings.add(new Finding(Finding.Kind.KERNEL_FS, "mount failed after the workload (" + config.fs().id() + ")",
                        e.getMessage()));
            }
            if (remounted != null) {
                ctx.mounted(remounted);
                if (beforeUnmount != null) {
                    UnmountCycleCheck.Snapshot afterRemount = snapshot(remounted, props, "after", checkCalls);
                    if (afterRemount != null) {
                        Path mounted = remounted;
                        List<Path> devices = tfs.devices();
                        cycleFindings.addAll(UnmountCycleCheck.compare(beforeUnmount, afterRemount, 8, (file, offset) -> {
                            try {
                                return UnderneathWriter.locate(mounted.resolve(file), offset, devices, config.fs()).describe();
                            } catch (IOException | RuntimeException e) {
                                return "an unknown device offset (" + e.getMessage() + ")";
                            }
                        }));
                    }
                }
                reproducer.verify(ctx);
                tfs.unmount();
                ctx.mounted(null);
            }
        } catch (TestSkipped s) {
            closeQuietly(window);
            teardown(tfs, false, evidence);
            return skipped(info, config, props, start, s.getMessage());
        } catch (WorkloadHung h) {
            // The finding is recorded; fsck and the log still run below.
        } catch (Throwable t) {
            error = t;
            errorMessage = t.getClass().getSimpleName() + ": " + t.getMessage();
        }

        if (syscallsBefore != null) {
            recordSyscalls(info, syscallsBefore, checkCalls, props, ctx);
        }

        // fsck, on an unmounted filesystem only (after a hang the mount may still be busy).
        if (tfs != null && !tfs.isMounted()) {
            try {
                FsckResult fsck = tfs.fsck();
                fsckText = fsck.report();
                props.put("fsck.exit", Integer.toString(fsck.exitCode()));
                if (!fsck.clean()) {
                    findings.add(fsck.toFinding());
                }
            } catch (Exception e) {
                fsckText = "fsck could not run: " + e;
                if (errorMessage == null) {
                    errorMessage = "fsck could not run: " + e.getMessage();
                }
            }
        }
        if (window != null) {
            try {
                KernelLogDetector.Result log = window.close();
                kernelLogText = log.excerpt();
                findings.addAll(0, log.crashes());
                findings.addAll(log.fsFindings());
                props.put("kmsg.records", Integer.toString(log.records()));
                props.put("kmsg.warn_once_cleared", Boolean.toString(log.warnOnceCleared()));
                if (!log.warnOnceCleared()) {
                    ctx.note("WARN_ONCE sites were not re-armed before this test (debugfs clear_warn_once not"
                            + " available or not writable): a WARN_ONCE that fired earlier since boot stays silent");
                }
                if (log.lost() > 0) {
                    ctx.note("kernel log: " + log.lost() + " records were overwritten before krepro read them");
                }
            } catch (IOException e) {
                ctx.note("kernel log could not be read: " + e.getMessage());
            }
        }
        // Workload findings after the kernel's own: the log usually tells the cause. The reproducer's
        // verifier knows what the data should be, so its findings come before the unmount-cycle check's.
        findings.addAll(ctx.findings());
        findings.addAll(cycleFindings);
        props.putAll(prefixed("telemetry.", ctx.telemetry().asProperties()));
        props.put("iterations", Long.toString(ctx.telemetry().get("iterations")));

        String full = space == null ? null : space.ranOut();
        if (full != null) {
            // the host's full disk breaks the images: what the detectors saw is not the kernel's doing
            findings.forEach(f -> ctx.note("not judged, the work dir was full: " + f.title()));
            findings.clear();
            errorMessage = full;
            props.put(ERROR_CAUSE, "environment");
        }
        Verdict verdict = !findings.isEmpty() ? Verdict.FAIL : errorMessage != null ? Verdict.ERROR : Verdict.PASS;
        if (verdict == Verdict.FAIL && errorMessage != null) {
            ctx.note("krepro error after the findings: " + errorMessage);
        }
        if (error != null && verdict == Verdict.ERROR) {
            java.io.StringWriter sw = new java.io.StringWriter();
            error.printStackTrace(new java.io.PrintWriter(sw));
            fsckText = fsckText + (fsckText.isEmpty() ? "" : "\n") + "--- krepro stack trace ---\n" + sw;
        }
        failedTest = verdict != Verdict.PASS;
        if (earlyStop != null) {
            earlyStop.recordTeardown(props);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TestResult result = new TestResult(info.id(), config.fs().id(), config.name(), verdict,
                verdict == Verdict.ERROR ? errorMessage : "", findings, seconds, props, ctx.notes(), kernelLogText,
                fsckText, Map.of());
        if (failedTest) {
            evidence.putAll(writeEvidence(result));
        }
        teardown(tfs, failedTest || options.keepImages(), evidence);
        deleteTree(scratch);
        return result.withEvidence(evidence);
    }

    /** The first finding that settles the test's verdict while the workload runs: the reproducer's own, else the kernel log's. */
    private static java.util.Optional<Map.Entry<String, String>> firstDecisive(RunningTest ctx, KernelLogDetector.Window log) {
        List<Finding> reported = ctx.findings();
        if (!reported.isEmpty()) {
            return java.util.Optional.of(Map.entry("reproducer finding", reported.getFirst().title()));
        }
        return log.firstDecisive();
    }

    /**
     * The unmount-cycle check's read of every file under {@code mountPoint}, recorded as
     * {@code cycle_check.<when>}; null (and a property saying why) when it could not be taken, in which
     * case nothing is compared.
     */
    private UnmountCycleCheck.Snapshot snapshot(Path mountPoint, Map<String, String> props, String when, Map<String, Long> ownCalls) {
        long t0 = System.nanoTime();
        Map<String, Long> callsBefore = SyscallCounters.snapshot();
        try {
            UnmountCycleCheck.Snapshot s = UnmountCycleCheck.take(mountPoint, UnmountCycleCheck.DEFAULT_BUDGET);
            props.put("cycle_check." + when, UnmountCycleCheck.describe(s)
                    + String.format(java.util.Locale.ROOT, " in %.2f s", (System.nanoTime() - t0) / 1e9));
            return s;
        } catch (IOException | RuntimeException e) {
            props.put("cycle_check." + when, "not taken: " + e);
            return null;
        } finally {
            // the workload's threads are done: every call counted meanwhile is the check's own
            SyscallCounters.snapshot().forEach((call, n) -> ownCalls.merge(call, n - callsBefore.getOrDefault(call, 0L), Long::sum));
        }
    }

    /**
     * Counts of the calls made through the binding layer from afterMkfs to verify (process-wide: the
     * reproducer's threads and the verifier) less {@code krepros}, the unmount-cycle check's own, as
     * properties {@code syscall.<name>}; a declared syscall that
     * was never made goes to {@code syscalls.missing} and a note, since the test then did not drive what
     * it claims to.
     */
    private static void recordSyscalls(ReproducerInfo info, Map<String, Long> before, Map<String, Long> krepros,
                                       Map<String, String> props, RunningTest ctx) {
        Map<String, Long> after = SyscallCounters.snapshot();
        after.forEach((call, n) -> {
            long d = n - before.getOrDefault(call, 0L) - krepros.getOrDefault(call, 0L);
            if (d > 0) {
                props.put("syscall." + call, Long.toString(d));
            }
        });
        List<String> missing = info.syscalls().stream().filter(s -> !props.containsKey("syscall." + s)).toList();
        props.put("syscalls.missing", String.join(",", missing));
        if (!missing.isEmpty()) {
            ctx.note("declared syscalls never made in this test: " + String.join(", ", missing));
        }
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> m) {
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private Path evidenceDir(TestResult r) {
        return kernelReportDir.resolve("evidence").resolve(r.fs()).resolve(r.caseName().replaceAll("[^A-Za-z0-9._\\[\\]-]", "_"));
    }

    /** Kernel log, fsck output and every finding as files beside the JUnit XML. */
    private Map<String, String> writeEvidence(TestResult r) {
        Map<String, String> ev = new LinkedHashMap<>();
        Path dir = evidenceDir(r);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("findings.txt"), JUnitWriter.failureBody(r));
            ev.put("findings", kernelReportDir.relativize(dir.resolve("findings.txt")).toString());
            if (!r.kernelLog().isEmpty()) {
                Files.writeString(dir.resolve("kernel-log.txt"), r.kernelLog());
                ev.put("kernel-log", kernelReportDir.relativize(dir.resolve("kernel-log.txt")).toString());
            }
            if (!r.fsckOutput().isEmpty()) {
                Files.writeString(dir.resolve("fsck.txt"), r.fsckOutput());
                ev.put("fsck", kernelReportDir.relativize(dir.resolve("fsck.txt")).toString());
            }
            StringBuilder data = new StringBuilder();
            for (Finding f : r.findings()) {
                if (f.kind() == Finding.Kind.DATA) {
                    data.append(f.title()).append('\n').append(f.detail()).append("\n\n");
                }
            }
            if (!data.isEmpty()) {
                Files.writeString(dir.resolve("verifier.txt"), data);
                ev.put("verifier", kernelReportDir.relativize(dir.resolve("verifier.txt")).toString());
            }
        } catch (IOException e) {
            progress.line("warning: evidence for " + r.caseName() + " not written: " + e.getMessage());
        }
        return ev;
    }

    /** Always runs; keeps the images (sparse) as evidence when asked. */
    private void teardown(TestFilesystem tfs, boolean keepImages, Map<String, String> evidence) {
        if (tfs == null) {
            return;
        }
        try {
            if (keepImages && !tfs.images().isEmpty()) {
                Path dir = kernelReportDir.resolve("evidence").resolve(tfs.config().fs().id())
                        .resolve(tfs.testName().replaceAll("[^A-Za-z0-9._\\[\\]-]", "_"));
                List<Path> kept = tfs.keepImagesIn(dir);
                for (int i = 0; i < kept.size(); i++) {
                    evidence.put("image" + (kept.size() > 1 ? "." + i : ""), kernelReportDir.relativize(kept.get(i)).toString());
                }
            }
        } catch (Exception e) {
            progress.line("warning: images not kept: " + e.getMessage());
        } finally {
            try {
                tfs.close();
            } catch (Exception e) {
                progress.line("warning: teardown of " + tfs.testName() + ": " + e.getMessage());
            }
        }
    }

    private TestResult skipped(ReproducerInfo info, FsConfig config, SortedMap<String, String> props, long start, String reason) {
        return new TestResult(info.id(), config.fs().id(), config.name(), Verdict.SKIPPED, reason, List.of(),
                (System.nanoTime() - start) / 1e9, props, List.of(), "", "", Map.of());
    }

    private TestResult errored(ReproducerInfo info, FsConfig config, SortedMap<String, String> props, long start,
                               String reason, List<Finding> findings, List<String> notes, String log, String fsck) {
        return new TestResult(info.id(), config.fs().id(), config.name(), Verdict.ERROR, reason, findings,
                (System.nanoTime() - start) / 1e9, props, notes, log, fsck, Map.of());
    }

    private static void closeQuietly(KernelLogDetector.Window w) {
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                // nothing to add: the test is skipped
            }
        }
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // scratch only
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (space != null) {
                space.close();
            }
            workspace.close();
        } finally {
            try {
                tracefs.close();
            } catch (Exception e) {
                log("tracefs: " + e.getMessage());
            }
            debugFs.close();
            runLog.close();
        }
    }

    private static final class WorkloadHung extends RuntimeException {
        WorkloadHung() {
            super(null, null, false, false);
        }
    }

    /** Filesystems a run covers, for summaries. */
    public static List<Filesystem> filesystemsOf(List<TestResult> tests) {
        return tests.stream().map(t -> Filesystem.fromId(t.fs())).distinct().toList();
    }
}
