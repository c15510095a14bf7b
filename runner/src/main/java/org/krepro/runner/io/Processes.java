package org.krepro.runner.io;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs an external command to its end, the one way for every module (losetup, mkfs.*, mount, fsck tools,
 * apt-get, dpkg-deb, cpio, gcc, git...): stdin from /dev/null, {@code LC_ALL=C}, PATH plus the sbin
 * directories ({@link #searchPath()}), an optional working directory and extra environment, a timeout
 * (the command and its descendants are killed), and stdout and stderr captured apart, or through one pipe
 * in the order they came ({@link Call#mergeStderr()}, {@link #runMerged}, as {@code 2>&1}). A command that cannot start is exit status {@value #NOT_FOUND} with a message saying why; one
 * that timed out is {@value #TIMED_OUT}. {@link Result#check()} turns anything but exit 0 into a
 * {@link ProcessFailedException} naming the command line and the tail of its output.
 *
 * <p>Not for a process whose output must be streamed while it runs (QEMU, make into a build log, dockerd):
 * those keep their own {@link ProcessBuilder}, and may still use {@link #which} and {@link #searchPath()}.
 */
public final class Processes {
    /** The exit status of a command that could not start (as a shell reports "command not found"). */
    public static final int NOT_FOUND = 127;
    /** The exit status of a command that was killed at its timeout. */
    public static final int TIMED_OUT = -1;
    /** The most of a command's output an exception message carries. */
    public static final int MESSAGE_TAIL = 4000;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final String SEARCH_PATH;

    static {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(d);
                }
            }
        }
        for (String d : new String[] {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
            dirs.add(d);
        }
        SEARCH_PATH = String.join(":", dirs);
    }

    private Processes() {
    }

    /**
     * What a command did.
     *
     * @param argv     the command and its arguments
     * @param exitCode the exit status (128+N when killed by signal N, as a shell reports it; {@link #NOT_FOUND}
     *                 when it could not start, {@link #TIMED_OUT} when it was killed at its timeout)
     * @param stdout   everything it wrote to stdout
     * @param stderr   everything it wrote to stderr
     * @param output   stdout and stderr: in the order they came when run with stderr merged, else stdout
     *                 followed by stderr (fsck reports: a tool's stdout first, whatever it flushed when)
     * @param elapsed  wall-clock time
     * @param problem  why the command did not run to its end (could not start, timed out), or null
     */
    public record Result(List<String> argv, int exitCode, String stdout, String stderr, String output,
            Duration elapsed, String problem) {
        public Result {
            argv = List.copyOf(argv);
        }

        public boolean ok() {
            return exitCode == 0 && problem == null;
        }

        /** Whether it was killed at its timeout. */
        public boolean timedOut() {
            return exitCode == TIMED_OUT && problem != null;
        }

        /** The command line as one would type it into a shell. */
        public String commandLine() {
            return toShell(argv);
        }

        /** This result when the command ran to its end (whatever its exit status), else an IOException saying why. */
        public Result ran() throws IOException {
            if (problem != null) {
                throw new IOException(problem);
            }
            return this;
        }

        /** This result when the command exited 0, else a {@link ProcessFailedException} with its command line and output tail. */
        public Result check() throws ProcessFailedException {
            if (!ok()) {
                throw new ProcessFailedException(this);
            }
            return this;
        }
    }

    /** One command to run, with what it needs besides its argv. */
    public static final class Call {
        private final List<String> argv;
        private Path dir;
        private final Map<String, String> env = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Consumer<String> log;
        private boolean merge;

        private Call(List<String> argv) {
            this.argv = List.copyOf(argv);
        }

        /** Runs it in {@code dir} (null: this process's working directory). */
        public Call in(Path dir) {
            this.dir = dir;
            return this;
        }

        /** Adds (or replaces) one variable of its environment. */
        public Call env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Call timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Sends its stderr into the same pipe as stdout ({@code 2>&1}): {@code output()} keeps their order, {@code stderr()} is empty. */
        public Call mergeStderr() {
            this.merge = true;
            return this;
        }

        /** Logs its command line ({@code $ ...}) before it runs. */
        public Call log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        /** Runs it to its end; only an interrupt is thrown (the command is killed first). */
        public Result run() throws IOException {
            return execute(this);
        }
    }

    /** A command to set up before it runs ({@link Call#in}, {@link Call#env}, {@link Call#timeout}, {@link Call#log}). */
    public static Call call(List<String> argv) {
        return new Call(argv);
    }

    /** Runs a command to its end (10 minutes at most); a non-zero exit status is returned, not thrown. */
    public static Result run(List<String> argv) throws IOException {
        return call(argv).run();
    }

    /** Runs a command, logging its command line first. */
    public static Result run(List<String> argv, Consumer<String> log) throws IOException {
        return call(argv).log(log).run();
    }

    public static Result run(List<String> argv, Duration timeout) throws IOException {
        return call(argv).timeout(timeout).run();
    }

    /** Runs a command in {@code dir} (null: here) for at most {@code timeoutSeconds}. */
    public static Result run(List<String> argv, Path dir, long timeoutSeconds) throws IOException {
        return call(argv).in(dir).timeout(Duration.ofSeconds(timeoutSeconds)).run();
    }

    /** Runs a command in {@code dir} (null: here) for at most {@code timeoutSeconds}, stderr merged into stdout in the order they came. */
    public static Result runMerged(List<String> argv, Path dir, long timeoutSeconds) throws IOException {
        return call(argv).in(dir).timeout(Duration.ofSeconds(timeoutSeconds)).mergeStderr().run();
    }

    /** Runs a command, logging it, and throws {@link ProcessFailedException} unless it exits 0. */
    public static Result check(List<String> argv, Consumer<String> log) throws IOException {
        return run(argv, log).check();
    }

    /** Whether a command, run without logging, exits 0; one that cannot start counts as failed. */
    public static boolean succeeds(String... argv) {
        try {
            return run(List.of(argv)).ok();
        } catch (IOException e) {
            return false;
        }
    }

    private static Result execute(Call c) throws IOException {
        List<String> argv = c.argv;
        if (c.log != null) {
            c.log.accept("$ " + toShell(argv));
        }
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(c.merge);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (c.dir != null) {
            pb.directory(c.dir.toFile());
        }
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("PATH", SEARCH_PATH);
        pb.environment().putAll(c.env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            String why = "cannot run " + toShell(argv) + ": " + e.getMessage();
            return new Result(argv, NOT_FOUND, "", why, why, Duration.ofNanos(System.nanoTime() - start), why);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = drain(p.getInputStream(), out);
        Thread errReader = drain(p.getErrorStream(), err);
        try {
            boolean done = p.waitFor(c.timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            outReader.join(done ? 5000 : 2000);
            errReader.join(done ? 5000 : 2000);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            String stdout = text(out);
            String stderr = text(err);
            String output = joined(stdout, stderr);
            if (!done) {
                String why = toShell(argv) + ": timed out after " + c.timeout.toSeconds() + " s; stderr: " + stderr.strip();
                return new Result(argv, TIMED_OUT, stdout, stderr,
                        output + "\n(timed out after " + c.timeout.toSeconds() + " s)", elapsed, why);
            }
            return new Result(argv, p.exitValue(), stdout, stderr, output, elapsed, null);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(toShell(argv) + ": interrupted", e);
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream sink) {
        return Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (sink) {
                        sink.write(buf, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
    }

    private static String joined(String stdout, String stderr) {
        if (stderr.isEmpty()) {
            return stdout;
        }
        if (stdout.isEmpty()) {
            return stderr;
        }
        return stdout.endsWith("\n") ? stdout + stderr : stdout + "\n" + stderr;
    }

    private static String text(ByteArrayOutputStream b) {
        synchronized (b) {
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    /** PATH plus the sbin directories: the PATH given to every command krepro runs. */
    public static String searchPath() {
        return SEARCH_PATH;
    }

    /** The executable of that name on {@link #searchPath()} (PATH, then /usr/local, /usr/sbin, /usr/bin, /sbin, /bin). */
    public static Optional<Path> which(String name) {
        return which(name, SEARCH_PATH);
    }

    /** The first executable regular file {@code name} in the directories of {@code path} (a PATH string). */
    public static Optional<Path> which(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A mutable argv to add to. */
    public static List<String> argv(String... args) {
        return new ArrayList<>(List.of(args));
    }

    /** The last {@code max} characters of {@code s}, "..." in front when cut. */
    public static String tail(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max);
    }

    /** Quotes arguments for display so that the line can be pasted into a shell. */
    public static String toShell(List<String> argv) {
        return argv.stream().map(Processes::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
