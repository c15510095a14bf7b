package org.krepro.runner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Locale;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.UsageException;
import picocli.CommandLine;

/**
 * The one place that turns what escapes a command into an exit code and one sentence on stderr: the
 * user's mistakes exit 2, the machine's (not root, a path that cannot be written, a busy device) exit 3,
 * and only what is left, krepro's own bugs, exit 4. A stack trace never goes to the terminal but to
 * krepro.log ({@link #logTo}), so that a user sees what to fix and a developer still gets the trace; the
 * sentences krepro composes itself (UsageException, EnvironmentException) need none.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    /** Where traces go until a command names its krepro.log: one file per user, since /tmp is shared. */
    static final Path FALLBACK_LOG = Path.of(System.getProperty("java.io.tmpdir"),
            "krepro-errors-" + System.getProperty("user.name", "user") + ".log");

    private static volatile Path log = FALLBACK_LOG;

    /** Sends later stack traces to {@code file} (the run's krepro.log). */
    public static void logTo(Path file) {
        log = file;
    }

    /** The file stack traces go to now. */
    public static Path logFile() {
        return log;
    }

    /** The exit code and the sentence for a throwable that escaped a command. */
    public record Outcome(int exitCode, String sentence) {
    }

    /** How {@code t} is reported: the classification every command shares. */
    public static Outcome classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UsageException) {
                return new Outcome(ExitCodes.USAGE, c.getMessage());
            }
            if (c instanceof EnvironmentException) {
                return new Outcome(ExitCodes.ENVIRONMENT, c.getMessage());
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String env = environmentSentence(c);
            if (env != null) {
                return new Outcome(ExitCodes.ENVIRONMENT, env);
            }
        }
        return new Outcome(ExitCodes.INTERNAL, "internal error: " + t);
    }

    /**
     * A sentence for the file-system refusals a user's machine gives (permission, read-only, full, a file
     * where a directory should be), or null when {@code t} is none of them. Other I/O failures stay internal:
     * krepro's own paths going missing is krepro's bug.
     */
    static String environmentSentence(Throwable t) {
        if (t instanceof ReadOnlyFileSystemException) {
            return "read-only file system";
        }
        if (!(t instanceof FileSystemException f)) {
            return null;
        }
        String reason = f.getReason() == null ? "" : f.getReason().toLowerCase(Locale.ROOT);
        String what;
        if (t instanceof AccessDeniedException || reason.contains("permission denied")
                || reason.contains("operation not permitted")) {
            what = "permission denied";
        } else if (t instanceof NotDirectoryException || reason.contains("not a directory")) {
            what = "not a directory (a file is in the way)";
        } else if (reason.contains("read-only file system")) {
            what = "read-only file system";
        } else if (reason.contains("no space left")) {
            what = "no space left on device";
        } else if (reason.contains("is a directory")) {
            what = "is a directory";
        } else {
            return null;
        }
        String path = f.getFile() == null ? "" : f.getFile();
        return "cannot use " + path + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + what;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine line, CommandLine.ParseResult parsed) {
        Outcome o = classify(ex);
        // a usage or environment sentence krepro wrote itself says all there is; other traces are kept
        boolean own = ex instanceof UsageException || ex instanceof EnvironmentException;
        Path written = own ? null : writeTrace(ex, line.getCommandName());
        String where = written == null ? "" : " (stack trace in " + written + ")";
        line.getErr().println("krepro: " + o.sentence() + (o.exitCode() == ExitCodes.INTERNAL ? where : ""));
        line.getErr().flush();
        return o.exitCode();
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        line.getErr().println("krepro " + line.getCommandName() + ": " + ex.getMessage());
        line.getErr().println("(see krepro " + line.getCommandName() + " --help)");
        line.getErr().flush();
        return ExitCodes.USAGE;
    }

    /** Appends the trace to the log; returns the file, or null when even that could not be written. */
    static Path writeTrace(Throwable t, String command) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        for (Path p : new Path[] {log, FALLBACK_LOG}) {
            try {
                Files.writeString(p, LocalDateTime.now() + " krepro " + command + ": " + sw, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                return p;
            } catch (IOException | RuntimeException e) {
                // try the next place: the report directory may be the very thing that is not writable
            }
        }
        return null;
    }
}
