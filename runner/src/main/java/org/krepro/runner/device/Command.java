package org.krepro.runner.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the external tools krepro drives (losetup, mkfs.*, mount, umount, e2fsck, xfs_repair, btrfs...)
 * with {@link ProcessBuilder}, capturing stdout and stderr separately and in full.
 */
public final class Command {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private Command() {
    }

    /**
     * What a command did.
     *
     * @param argv     the command and its arguments
     * @param exitCode the exit status (128+N when killed by signal N, as a shell reports it)
     * @param stdout   everything it wrote to stdout
     * @param stderr   everything it wrote to stderr
     * @param elapsed  wall-clock time
     */
    public record Result(List<String> argv, int exitCode, String stdout, String stderr, Duration elapsed) {
        public Result {
            argv = List.copyOf(argv);
        }

        public boolean ok() {
            return exitCode == 0;
        }

        /** The command line as one would type it into a shell. */
        public String commandLine() {
            return Command.toShell(argv);
        }

        /** stdout followed by stderr, for reports (fsck tools mix both). */
        public String output() {
            if (stderr.isEmpty()) {
                return stdout;
            }
            if (stdout.isEmpty()) {
                return stderr;
            }
            return stdout.endsWith("\n") ? stdout + stderr : stdout + "\n" + stderr;
        }

        /** Returns this result when the exit status is 0, else throws with the command's stderr. */
        public Result check() throws CommandFailedException {
            if (!ok()) {
                throw new CommandFailedException(this);
            }
            return this;
        }
    }

    /** Runs a command to completion; a non-zero exit status is returned, not thrown. */
    public static Result run(List<String> argv) throws IOException {
        return run(argv, DEFAULT_TIMEOUT);
    }

    /** Runs a command, logging its command line first. */
    public static Result run(List<String> argv, Consumer<String> log) throws IOException {
        log.accept("$ " + toShell(argv));
        return run(argv, DEFAULT_TIMEOUT);
    }

    /** Whether a command, run without logging, exits 0; one that cannot start counts as failed. */
    public static boolean succeeds(String... argv) {
        try {
            return run(List.of(argv)).ok();
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command and throws {@link CommandFailedException} (with its stderr) on a non-zero exit. */
    public static Result check(List<String> argv, Consumer<String> log) throws IOException {
        return run(argv, log).check();
    }

    public static Result run(List<String> argv, Duration timeout) throws IOException {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("PATH", Tools.searchPath());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + toShell(argv) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                throw new IOException(toShell(argv) + ": timed out after " + timeout.toSeconds()
                        + " s; stderr: " + err.join().strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(toShell(argv) + ": interrupted", e);
        }
        return new Result(argv, p.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
    }

    /** Quotes arguments for display so that the line can be pasted into a shell. */
    public static String toShell(List<String> argv) {
        return argv.stream().map(Command::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
