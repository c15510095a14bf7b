package org.krepro.runner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.krepro.runner.UsageException;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.kcidb.KcidbReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code krepro export --kcidb FILE REPORT-DIR...}: the results of earlier runs as a KCIDB report. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the results under REPORT-DIR (a report root with one directory per kernel, or one"
                + " kernel's directory) as a KernelCI KCIDB v5.3 report: a checkout and build per kernel, a test per"
                + " reproducer, option set and filesystem. The file is written, not submitted."})
public final class ExportCommand implements KreproCommand, Callable<Integer> {
    @Option(names = "--kcidb", required = true, paramLabel = "FILE", description = "Where the KCIDB JSON goes.")
    Path kcidb;

    @Option(names = "--origin", paramLabel = "NAME", description = "KCIDB origin (CI system name, [a-z0-9_]+) prefixing"
            + " every id (default: ${DEFAULT-VALUE}).")
    String origin = KcidbReport.DEFAULT_ORIGIN;

    @Parameters(paramLabel = "REPORT-DIR", arity = "1..*", description = "Report directories written by krepro runs.")
    List<Path> reportDirs;

    @Override
    public Integer call() throws Exception {
        if (!origin.matches("[a-z0-9_]+")) {
            throw new UsageException("--origin '" + origin + "': KCIDB origins are lower-case letters, digits and _");
        }
        for (Path d : reportDirs) {
            if (!Files.isDirectory(d)) {
                throw new UsageException("export: " + d + ": no such directory");
            }
            if (KcidbReport.read(d).isEmpty()) {
                throw new UsageException("export: " + d + ": no " + RunResults.FILE_NAME + " in it or in its subdirectories");
            }
        }
        int n = KcidbReport.export(reportDirs, kcidb, origin);
        System.out.println("wrote " + kcidb + ": " + n + " tests");
        return ExitCodes.ALL_PASSED;
    }
}
