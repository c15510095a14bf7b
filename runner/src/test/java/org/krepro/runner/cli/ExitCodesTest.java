package org.krepro.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.UsageException;
import org.krepro.runner.device.Workspace;
import org.krepro.runner.io.FileTrees;
import picocli.CommandLine;

/**
 * Every user or environment mistake the issue lists ends in exit 2 or 3 with one sentence and no stack
 * trace; only krepro's own failures exit 4, with the trace in the log rather than on the terminal.
 * None of these touch a device: each is refused before the run starts.
 */
class ExitCodesTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        void assertOneSentence() {
            assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace or exception name:\n" + err);
        }
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void negativeIterationsIsAUsageError() {
        Run r = run("run", "-r", "control-clean", "--iterations", "-5", "--work-dir", dir.resolve("w").toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--iterations must be ≥ 1 (got -5)"), r.err());
        r.assertOneSentence();
        assertFalse(Files.exists(dir.resolve("w")), "nothing created");
        assertEquals(ExitCodes.USAGE, run("run", "--iterations", "0").exit());
        assertEquals(ExitCodes.USAGE, run("run", "--iterations", "many").exit());
    }

    @Test
    void zeroOrNegativeDurationIsAUsageError() {
        Run r = run("run", "-r", "control-clean", "--duration", "0s");
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--duration must be longer than 0"), r.err());
        assertEquals(ExitCodes.USAGE, run("run", "--duration", "-5").exit());
    }

    @Test
    void unknownOptionIsOneSentenceAndAPointerToHelp() {
        Run r = run("run", "--no-such-option");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().startsWith("krepro run: Unknown option: '--no-such-option'"), r.err());
        assertEquals(2, r.err().strip().lines().count(), "the sentence and the pointer to --help, not the whole usage:\n" + r.err());
    }

    @Tag("root")
    @Test
    void reportDirNamingAFileIsRefusedNamingThePath() throws IOException {
        assumeTrue(Workspace.effectiveUid() == 0, "the root check comes first");
        Path file = Files.writeString(dir.resolve("a-file"), "mine");
        Run r = run("run", "-r", "control-clean", "--fs", "ext4", "--report-dir", file.toString(),
                "--work-dir", dir.resolve("w").toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.err());
        assertEquals("krepro: --report-dir " + file + ": is a file, not a directory", r.err().strip());
        assertEquals("mine", Files.readString(file), "the file is untouched");
        assertFalse(Files.exists(dir.resolve("w")), "refused before the work directory was made");

        Run below = run("run", "-r", "control-clean", "--fs", "ext4", "--work-dir", file.resolve("sub").toString(),
                "--report-dir", dir.resolve("r").toString());
        assertEquals(ExitCodes.USAGE, below.exit(), below.err());
        assertTrue(below.err().contains("--work-dir " + file.resolve("sub") + ": " + file + " is a file"), below.err());
    }

    @Test
    void classifyOfAMissingFileIsAUsageError() {
        Run r = run("classify", dir.resolve("nope.log").toString());
        assertEquals(ExitCodes.USAGE, r.exit());
        assertEquals("krepro: classify: " + dir.resolve("nope.log") + ": no such file", r.err().strip());
        Run d = run("classify", dir.toString());
        assertEquals(ExitCodes.USAGE, d.exit());
        assertTrue(d.err().contains("is a directory"), d.err());
    }

    @Test
    void fileSystemRefusalsAreTheEnvironmentAndEverythingElseIsInternal() {
        assertEquals(new ErrorHandler.Outcome(ExitCodes.ENVIRONMENT, "cannot use /r/x: permission denied"),
                ErrorHandler.classify(new RuntimeException(new AccessDeniedException("/r/x"))));
        assertEquals(ExitCodes.ENVIRONMENT, ErrorHandler.classify(
                new java.nio.file.FileSystemException("/w/img", null, "No space left on device")).exitCode());
        assertEquals(ExitCodes.INTERNAL, ErrorHandler.classify(new java.nio.file.NoSuchFileException("/w/state/x")).exitCode());
        assertEquals(ExitCodes.INTERNAL, ErrorHandler.classify(new IllegalStateException("bug")).exitCode());
        assertEquals(ExitCodes.USAGE, ErrorHandler.classify(new UsageException("u")).exitCode());
        assertEquals(ExitCodes.ENVIRONMENT, ErrorHandler.classify(new IOException(new EnvironmentException("e"))).exitCode());
    }

    @Test
    void kreprosOwnSentencesLeaveNoTrace() throws IOException {
        Path log = dir.resolve("krepro.log");
        Path before = ErrorHandler.logFile();
        ErrorHandler.logTo(log);
        try {
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(new StringWriter()));
            assertEquals(ExitCodes.ENVIRONMENT, new ErrorHandler().handleExecutionException(
                    new EnvironmentException("no loop devices"), cl, null));
            assertEquals(ExitCodes.ENVIRONMENT, new ErrorHandler().handleExecutionException(
                    new java.nio.file.AccessDeniedException("/r"), cl, null));
            assertEquals(1, Files.readString(log).lines().filter(l -> l.contains("AccessDeniedException")).count(),
                    "only the file-system refusal's trace is kept");
        } finally {
            ErrorHandler.logTo(before);
        }
    }

    @Test
    void anInternalErrorPrintsOneLineAndLeavesTheTraceInTheLog() throws IOException {
        Path log = dir.resolve("krepro.log");
        Path before = ErrorHandler.logFile();
        ErrorHandler.logTo(log);
        try {
            CommandLine cl = Main.commandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            int code = new ErrorHandler().handleExecutionException(new IllegalStateException("a krepro bug"), cl, null);
            assertEquals(ExitCodes.INTERNAL, code);
            assertEquals("krepro: internal error: java.lang.IllegalStateException: a krepro bug (stack trace in " + log + ")",
                    err.toString().strip());
            String trace = Files.readString(log);
            assertTrue(trace.contains("a krepro bug") && trace.contains("\tat "), trace);
        } finally {
            ErrorHandler.logTo(before);
        }
    }

    /**
     * The case: not root, and a report directory that user cannot write. A real unprivileged JVM
     * (setpriv to nobody) must hear about root first, exit 3, and create nothing.
     */
    @Tag("root")
    @Test
    void notRootIsTheFirstThingSaid() throws Exception {
        assumeTrue(Workspace.effectiveUid() == 0, "needs root to drop to nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        // nobody cannot read root's Maven repository: copy the class path somewhere it can
        Path cp = Files.createTempDirectory(Path.of("/var/tmp"), "krepro-nobody-cp-");
        try {
            List<String> entries = new ArrayList<>();
            int i = 0;
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path src = Path.of(e);
                if (!Files.exists(src)) {
                    continue;
                }
                Path dst = cp.resolve(i++ + "-" + src.getFileName());
                copyTree(src, dst);
                entries.add(dst.toString());
            }
            Path reports = Path.of("/root", "krepro-test-unwritable-" + ProcessHandle.current().pid());
            Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                    "-cp", String.join(":", entries), Main.class.getName(), "run", "-r", "control-clean", "--fs", "ext4",
                    "--report-dir", reports.toString(), "--work-dir", dir.resolve("w").toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(ExitCodes.ENVIRONMENT, p.exitValue(), out);
            assertEquals("krepro: krepro must run as root (effective uid is 65534): it attaches loop devices, runs mkfs"
                    + " and mounts filesystems; run it with sudo", out.strip());
            assertFalse(Files.exists(reports));
            assertFalse(Files.exists(dir.resolve("w")));
        } finally {
            FileTrees.deleteAllItCan(cp);
        }
    }

    private static void copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path f : s.toList()) {
                Path t = dst.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(f, t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        Files.setPosixFilePermissions(dst.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
