package org.krepro.runner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.krepro.runner.Version;
import org.krepro.runner.coverage.RaceCoverage;
import org.krepro.runner.detect.KernelLogDetector;
import org.krepro.runner.detect.Verdicts;
import org.krepro.runner.device.WorkDirSpace;
import org.krepro.runner.device.Workspace;
import org.krepro.runner.report.HostInfo;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.RunEvents;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;

/**
 * Runs a plan of tests (one reproducer on one filesystem option set each), each through the lifecycle
 * of {@link TestRun}, and writes JUnit and results.json after every test so that a run that dies midway
 * (a guest kernel panic) still leaves what it finished. It owns what the tests of a run share: the
 * workspace, the kernel-log detector, debugfs and tracefs, the work dir's space watch and krepro.log.
 */
public final class TestEngine implements AutoCloseable {
    private static final DateTimeFormatter JUNIT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final Progress progress;
    private final Workspace workspace;
    private final HostInfo host;
    private final Path kernelReportDir;
    /** Every command krepro ran and what it did to devices and mounts, per kernel report directory. */
    public static final String RUN_LOG = "krepro.log";
    /** Test property: "environment" on an ERROR the machine caused (a full work dir), not krepro. */
    public static final String ERROR_CAUSE = Verdicts.ERROR_CAUSE;
    private final java.io.PrintWriter runLog;
    private final DebugFs debugFs;
    private final AutoCloseable tracefs;
    /** Null on given devices: then no image of krepro's lies in the work dir. */
    private final WorkDirSpace.Watch space;
    private final TestRun.Services services;
    private RunResults results;
    private java.util.function.Consumer<String> events = e -> { };

    public TestEngine(RunOptions options, Progress progress) throws IOException {
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
        String runId = Long.toHexString(System.currentTimeMillis()) + "-" + ProcessHandle.current().pid();
        this.services = new TestRun.Services(options, progress, workspace, new KernelLogDetector(runId), space, this::log,
                new Evidence(kernelReportDir, progress), line -> events.accept(line));
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
        ReportDir.of(kernelReportDir).write(results);
    }

    /** One test, always torn down; never throws for a problem of the test itself (that is ERROR). */
    public TestResult runOne(Reproducer reproducer, FsConfig config) {
        return new TestRun(services, reproducer, config).run();
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

    /** Filesystems a run covers, for summaries. */
    public static List<Filesystem> filesystemsOf(List<TestResult> tests) {
        return tests.stream().map(t -> Filesystem.fromId(t.fs())).distinct().toList();
    }
}
