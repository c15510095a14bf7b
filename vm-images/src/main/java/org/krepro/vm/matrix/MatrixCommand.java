package org.krepro.vm.matrix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.krepro.runner.Version;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.KreproCommand;
import org.krepro.runner.engine.Reproducers;
import org.krepro.runner.engine.Shards;
import org.krepro.runner.engine.TestEngine;
import org.krepro.runner.report.HostInfo;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.RunEvents;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.vm.VmCache;
import org.krepro.vm.guest.VmCommand;
import org.krepro.vm.guest.VmOptions;
import org.krepro.vm.guest.VmReport;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code krepro matrix --kernels K1,K2,...}: one guest per kernel, one JUnit directory per kernel, a grid. */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "Runs the reproducers in one QEMU guest per kernel (one after the other) and writes one JUnit"
                + " directory per kernel release plus a kernel x reproducer grid: matrix.txt and matrix.html.")
public final class MatrixCommand implements KreproCommand, Callable<Integer> {
    @Option(names = "--kernels", required = true, split = ",", description = "kernels: debian:NAME or bzImage paths")
    List<String> kernels;
    @Mixin
    VmOptions opts = new VmOptions();
    @Option(names = "--shard", paramLabel = "I/N", description = "run only shard I of N of kernel x reproducer x filesystem"
            + " (sorted; cell i goes to shard i mod N + 1): one guest per (kernel, reproducer) of the shard, reports in"
            + " REPORT-DIR/job-J/; merge the shards' report dirs with `krepro merge-reports`")
    String shard;

    /** A kernel that never booted: every planned test ERROR with the reason, written as its JUnit directory. */
    private RunResults notRun(List<String> planned, String name, String reason) throws java.io.IOException {
        List<TestResult> tests = new ArrayList<>();
        for (String k : planned) {
            String[] p = RunEvents.parts(k);
            tests.add(new TestResult(p[1], p[0], p[2], Verdict.ERROR, reason, List.of(), 0, Map.of(), List.of(), "", "", Map.of()));
        }
        RunResults r = new RunResults(new HostInfo("krepro-guest", name, "", "x86_64", 0, 0, List.of(), Version.get()),
                java.time.LocalDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), new java.util.TreeMap<>(), tests);
        ReportDir.of(opts.run.reportDir.resolve(name)).write(r);
        return r;
    }

    @Override
    public Integer call() throws Exception {
        if (shard != null) {
            String mine = shard;
            shard = null;
            // one report over every job, written once they are all done
            Path kcidb = opts.kcidb;
            opts.kcidb = null;
            Path root = opts.run.reportDir;
            boolean anyFailed = false;
            boolean anyErrored = false;
            int j = 0;
            for (Shards.Job job : Shards.jobs(Shards.shard(Shards.cells(kernels, Shards.reproducerFs(opts.run.reproducers, opts.run.filesystems)), mine))) {
                kernels = List.of(job.kernel());
                opts.run.reproducers = new ArrayList<>(List.of(job.reproducer()));
                opts.run.filesystems = new ArrayList<>(job.fs());
                opts.run.reportDir = root.resolve("job-" + ++j);
                int rc = call();
                anyFailed |= rc == ExitCodes.REPRODUCER_FAILED;
                anyErrored |= rc != ExitCodes.REPRODUCER_FAILED && rc != ExitCodes.ALL_PASSED;
            }
            opts.run.reportDir = root;
            opts.kcidb = kcidb;
            writeKcidb(root);
            return anyFailed ? ExitCodes.REPRODUCER_FAILED : anyErrored ? ExitCodes.INTERNAL : ExitCodes.ALL_PASSED;
        }
        VmCache cache = VmCache.defaultCache();
        Matrix m = new Matrix();
        List<String> planned = TestEngine.plan(Reproducers.all(), opts.run.toRunOptions(List.of())).stream().map(TestEngine::key).toList();
        m.plan(planned);
        boolean failed = false;
        boolean errored = false;
        for (String spec : kernels) {
            try {
                GuestKernel k = new Kernels(cache).resolve(spec, null);
                VmReport r = VmCommand.runOne(cache, k, opts);
                ReportDir report = ReportDir.of(r.reportDir());
                m.add(new Matrix.Column(spec, r.release(), r, report.hasResults() ? report.read() : null, r.title()));
                failed |= r.verdict() == Verdict.FAIL;
                errored |= r.verdict() == Verdict.ERROR;
            } catch (Exception e) {
                System.err.println("krepro matrix: " + spec + ": " + e.getMessage());
                String name = spec.replaceFirst("^debian:", "").replaceAll("[^A-Za-z0-9._+-]", "_");
                m.add(new Matrix.Column(spec, name, null, notRun(planned, name, "kernel " + spec + " could not be booted: " + e.getMessage()),
                        e.getMessage()));
                errored = true;
            }
        }
        var files = m.write(opts.run.reportDir);
        System.out.println();
        System.out.print(m.text());
        System.out.println("grid: " + files.get("text") + "  html: " + files.get("html"));
        writeKcidb(opts.run.reportDir);
        return failed ? ExitCodes.REPRODUCER_FAILED : errored ? ExitCodes.INTERNAL : ExitCodes.ALL_PASSED;
    }

    private void writeKcidb(Path reportRoot) throws java.io.IOException {
        if (opts.kcidb != null) {
            int n = org.krepro.runner.report.kcidb.KcidbReport.export(List.of(reportRoot), opts.kcidb,
                    org.krepro.runner.report.kcidb.KcidbReport.DEFAULT_ORIGIN);
            System.out.println("kcidb: " + opts.kcidb + " (" + n + " tests)");
        }
    }
}
