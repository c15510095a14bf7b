package org.krepro.runner.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.krepro.runner.Version;
import org.krepro.runner.device.DeviceGuard;
import org.krepro.runner.device.HostLock;
import org.krepro.runner.device.WorkDirSpace;
import org.krepro.runner.engine.Progress;
import org.krepro.runner.engine.Reproducers;
import org.krepro.runner.engine.RunOptions;
import org.krepro.runner.engine.TestEngine;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.Summary;
import org.krepro.runner.report.kcidb.KcidbReport;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code krepro run}: reproducers on the running kernel, loop devices (or given devices). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run reproducers on the running kernel: each on every filesystem option set it declares,"
                + " judged by the kernel log, the data verifier and fsck.",
                "With no options: every reproducer that is safe on this host, with its default budget."})
public final class RunCommand implements Callable<Integer>, KreproCommand {

    @Mixin
    RunOptionsMixin run = new RunOptionsMixin();

    @Option(names = "--devices", split = ",", paramLabel = "DEV",
            description = "Use these block devices instead of loop devices (a guest's NVMe disks). Their contents are destroyed.")
    List<Path> devices = new ArrayList<>();

    @Option(names = "--events", hidden = true,
            description = "Print the plan and each test's start and end as krepro-event JSON lines (for a host driving a guest).")
    boolean events;

    @Option(names = "--skip-test", split = ",", paramLabel = "KEY", hidden = true,
            description = "Leave out these tests (fs/reproducer[option-set]): a guest booted again after a crash"
                    + " goes on with the tests after the one that crashed it.")
    Set<String> skipTests = new LinkedHashSet<>();

    @Option(names = DeviceGuard.OVERWRITE_FLAG,
            description = "Format --devices even when they hold a filesystem, partition table or RAID signature"
                    + " (as mkfs -f); mounted or otherwise busy devices are refused regardless.")
    boolean overwriteDevices;

    @Option(names = "--lock-wait", paramLabel = "DURATION", converter = RunOptionsMixin.DurationConverter.class,
            description = "How long to wait while another krepro run holds this kernel's log (default: 0, refuse at once).")
    Duration lockWait = Duration.ZERO;

    @Option(names = "--no-host-lock",
            description = "Run even while another krepro run reads this kernel's log; each may then see the other's messages.")
    boolean noHostLock;

    @Option(names = "--kcidb", paramLabel = "FILE",
            description = "Also write the results as a KernelCI KCIDB report to FILE (see krepro export).")
    Path kcidb;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunOptions options;
        try {
            options = run.toRunOptions(devices);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Reproducer> all = Reproducers.all();
        for (String id : options.reproducers()) {
            if (all.stream().noneMatch(r -> r.info().id().equals(id))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown reproducer '" + id + "' (see krepro list)");
            }
        }
        List<Map.Entry<Reproducer, FsConfig>> plan = new ArrayList<>(TestEngine.plan(all, options));
        boolean planned = !plan.isEmpty();
        plan.removeIf(t -> skipTests.contains(TestEngine.key(t)));
        if (!planned) {
            throw new CommandLine.ParameterException(spec.commandLine(), "nothing selected: no reproducer declares that filesystem/option set");
        }
        // the machine's checks, root first: nothing below may touch a path or a device before they pass
        RunPreflight.requireRoot();
        Paths.requireWritableDirectory("--report-dir", options.reportDir());
        Paths.requireWritableDirectory("--work-dir", options.workDir());
        if (!devices.isEmpty()) {
            DeviceGuard.check(devices, overwriteDevices);
        } else {
            requireRoomFor(plan, options);
        }
        Progress progress = Progress.forConsole(run.verbose);
        try (HostLock lock = noHostLock ? null : HostLock.acquire(HostLock.defaultPath(), lockWait,
                "krepro run of " + plan.size() + " tests, reports in " + options.reportDir().toAbsolutePath(), progress::line);
             TestEngine engine = new TestEngine(options, progress)) {
            ErrorHandler.logTo(engine.kernelReportDir().resolve(TestEngine.RUN_LOG));
            if (events) {
                engine.onEvent(progress::line);
            }
            progress.line("krepro " + Version.get() + " on " + engine.host().kernelRelease() + ": " + plan.size()
                    + " tests, seed 0x" + Long.toHexString(options.seed()) + ", reports in " + engine.kernelReportDir());
            RunResults results = engine.run(plan);
            System.out.println();
            System.out.print(Summary.table(results));
            if (kcidb != null) {
                KcidbReport.export(List.of(engine.kernelReportDir()), kcidb, KcidbReport.DEFAULT_ORIGIN);
            }
            return exitCode(results);
        }
    }

    /** The largest test's images must fit in the work dir: they are sparse and fill as the test writes. */
    private static void requireRoomFor(List<Map.Entry<Reproducer, FsConfig>> plan, RunOptions options) throws java.io.IOException {
        long need = 0;
        String largest = "";
        for (Map.Entry<Reproducer, FsConfig> t : plan) {
            if (t.getKey().info().mayCrashKernel() && !options.allowHostCrash()) {
                continue; // skipped on the host, needs nothing
            }
            long bytes = t.getValue().devices() * t.getValue().deviceBytes();
            if (bytes > need) {
                need = bytes;
                largest = TestEngine.key(t);
            }
        }
        WorkDirSpace.requireRoom(options.workDir(), need, largest);
    }

    /** As {@link RunResults#exitCode}, but 3 when every ERROR was the machine's doing (exit 4 is krepro's bugs only). */
    static int exitCode(RunResults results) {
        int code = results.exitCode();
        boolean allEnvironment = results.tests().stream().filter(t -> t.verdict() == org.krepro.runner.report.Verdict.ERROR)
                .allMatch(t -> "environment".equals(t.properties().get(TestEngine.ERROR_CAUSE)));
        return code == ExitCodes.INTERNAL && allEnvironment ? ExitCodes.ENVIRONMENT : code;
    }
}
