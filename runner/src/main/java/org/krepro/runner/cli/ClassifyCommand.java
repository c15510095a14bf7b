package org.krepro.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.krepro.runner.UsageException;
import org.krepro.runner.classify.ClassifiedLog;
import org.krepro.runner.classify.CrashReport;
import org.krepro.runner.classify.FsEvent;
import org.krepro.runner.classify.KernelLogClassifier;
import org.krepro.runner.classify.SyzkallerTestFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code krepro classify FILE...}: runs the kernel-log classifier over saved console logs. */
@Command(name = "classify",
        mixinStandardHelpOptions = true,
        description = {
                "Classifies saved kernel console logs (dmesg, serial console) and prints, for each file, its name,"
                        + " a tab and the title of the first crash (empty when there is none).",
                "Titles follow syzkaller's conventions (\"WARNING in f\", \"KASAN: use-after-free Read in f\")."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:no file has a crash (or, with --corpus, every file matched its expected title)",
                "1:at least one file has a crash (with --corpus: at least one mismatch)",
                "2:usage error",
                "3:a file exists but could not be read",
                "4:internal error"})
public final class ClassifyCommand implements KreproCommand, Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Console log files; - reads standard input (e.g. dmesg | krepro classify -).")
    List<Path> files;

    @Option(names = {"-v", "--verbose"},
            description = "Also print every crash (type, guilty frame, corrupted, line range) and every filesystem finding.")
    boolean verbose;

    @Option(names = "--report", description = "With --verbose: print the extracted text of each crash report.")
    boolean report;

    @Option(names = "--device", paramLabel = "DEV",
            description = "Keep filesystem and I/O findings only for this block device (repeatable), e.g. loop3.")
    List<String> devices = List.of();

    @Option(names = "--json",
            description = "Print one JSON document instead: [{\"file\", \"crashes\": [...], \"fsEvents\": [...]}, ...].")
    boolean json;

    @Option(names = "--corpus",
            description = "Read files in syzkaller's report-test format (TITLE:/ALT: header, empty line, log);"
                    + " print name, tab, our title, tab, expected title, tab, ok|MISMATCH, then a summary.")
    boolean corpus;

    private static String readStdin() throws java.io.IOException {
        return new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KernelLogClassifier classifier = new KernelLogClassifier(Set.copyOf(new HashSet<>(devices)));
        int crashes = 0;
        int mismatches = 0;
        int agreeCrash = 0;
        int exact = 0;
        boolean readError = false;
        List<java.util.Map<String, Object>> jsonOut = new java.util.ArrayList<>();
        // a wrong name is the user's mistake: say so before classifying anything
        for (Path file : files) {
            if (file.toString().equals("-")) {
                continue;
            }
            if (!java.nio.file.Files.exists(file)) {
                throw new UsageException("classify: " + file + ": no such file");
            }
            if (java.nio.file.Files.isDirectory(file)) {
                throw new UsageException("classify: " + file + ": is a directory, not a log file");
            }
        }
        for (Path file : files) {
            ClassifiedLog log;
            SyzkallerTestFile test = null;
            try {
                boolean stdin = file.toString().equals("-");
                if (corpus) {
                    test = stdin ? SyzkallerTestFile.parse(readStdin()) : SyzkallerTestFile.read(file);
                    log = classifier.classify(test.log());
                } else {
                    log = stdin ? classifier.classifyText(readStdin()) : classifier.classifyFile(file);
                }
            } catch (java.io.IOException | RuntimeException e) {
                err.println("krepro classify: " + file + ": " + e.getMessage());
                readError = true;
                continue;
            }
            String title = log.firstCrashTitle();
            if (!title.isEmpty()) {
                crashes++;
            }
            if (json) {
                java.util.Map<String, Object> entry = new java.util.LinkedHashMap<>();
                entry.put("file", file.toString());
                entry.put("crashes", log.crashes());
                entry.put("fsEvents", log.fsEvents());
                jsonOut.add(entry);
                continue;
            }
            if (test != null) {
                String expected = test.expectsCrash() ? test.titles().getFirst() : "";
                boolean sameVerdict = test.expectsCrash() == !title.isEmpty();
                boolean ok = test.expectsCrash() ? test.accepts(title) : title.isEmpty();
                agreeCrash += sameVerdict ? 1 : 0;
                exact += ok ? 1 : 0;
                mismatches += ok ? 0 : 1;
                out.println(file + "\t" + title + "\t" + expected + "\t" + (ok ? "ok" : "MISMATCH"));
            } else {
                out.println(file + "\t" + title);
            }
            if (verbose) {
                for (CrashReport c : log.crashes()) {
                    out.printf("  crash: %s%n    type=%s frame=%s file=%s corrupted=%s%s lines=%d-%d%n", c.title(),
                            c.type(), c.frame().isEmpty() ? "-" : c.frame(), c.guiltyFile().isEmpty() ? "-" : c.guiltyFile(),
                            c.corrupted(),
                            c.corrupted() ? " (" + c.corruptedReason() + ")" : "", c.startLine() + 1, c.endLine() + 1);
                    if (report) {
                        for (String l : c.reportText().split("\n")) {
                            out.println("    | " + l);
                        }
                    }
                }
                for (FsEvent e : log.fsEvents()) {
                    out.printf("  fs: %s [%s %s%s] line %d: %s%n", e.title(), e.filesystem(), e.severity(),
                            e.device().isEmpty() ? "" : " " + e.device(), e.lineIndex() + 1, e.lines().getFirst());
                }
            }
        }
        if (json) {
            out.println(new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(jsonOut));
        }
        out.flush();
        if (corpus && !json) {
            int n = files.size();
            err.printf("files %d, crash/no-crash agreement %d (%.1f%%), exact title %d (%.1f%%)%n", n, agreeCrash,
                    100.0 * agreeCrash / Math.max(1, n), exact, 100.0 * exact / Math.max(1, n));
            return readError ? ExitCodes.ENVIRONMENT : mismatches > 0 ? ExitCodes.REPRODUCER_FAILED : ExitCodes.ALL_PASSED;
        }
        if (readError) {
            return ExitCodes.ENVIRONMENT;
        }
        return crashes > 0 ? ExitCodes.REPRODUCER_FAILED : ExitCodes.ALL_PASSED;
    }
}
