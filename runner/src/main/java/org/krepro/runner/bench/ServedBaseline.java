package org.krepro.runner.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * A C baseline started once in its {@code serve} mode: each {@link #run} writes the slice's length in
 * milliseconds to its standard input and reads back its result line. Started from the calling thread,
 * so it inherits that thread's CPU mask. {@link #close} ends it (end of input, then a kill if it does
 * not go within five seconds), so no baseline outlives its row, whatever the row ended with.
 */
final class ServedBaseline implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;
    private final Path errors;

    private ServedBaseline(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        this.in = process.outputWriter(StandardCharsets.US_ASCII);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Starts {@code exe serve <mode> [args]}; {@code args} as for a single run, without the milliseconds. */
    static ServedBaseline start(Path exe, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "serve"));
        cmd.addAll(List.of(args));
        Path errors = Files.createTempFile("krepro-baseline-", ".err");
        try {
            return new ServedBaseline(new ProcessBuilder(cmd).redirectError(errors.toFile()).start(), errors);
        } catch (IOException e) {
            Files.deleteIfExists(errors);
            throw e;
        }
    }

    /** Runs the baseline's loop for {@code millis} and returns its result. */
    SyscallBench.Run run(long millis) throws IOException {
        String line;
        try {
            in.write(millis + "\n");
            in.flush();
            line = out.readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            throw new IOException("C baseline " + process.info().command().orElse("?") + " ended: " + stderr());
        }
        Matcher m = SyscallBench.C_RESULT.matcher(line);
        if (!m.find()) {
            throw new IOException("C baseline printed no result: " + line);
        }
        return new SyscallBench.Run(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    private String stderr() {
        try {
            return Files.readString(errors).strip();
        } catch (IOException e) {
            return "(its standard error is unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (IOException ignored) { // it is gone already; waitFor below says so
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            out.close();
            Files.deleteIfExists(errors);
        }
    }
}
