package org.krepro.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host commands (apt-get, dpkg-deb, jlink, cpio, fsck) with a timeout; output merged and captured. */
public final class Cmd {

    /** The result of one command: exit status (-1 when it timed out) and its merged output. */
    public record Result(List<String> command, int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }

        public Result check() throws IOException {
            if (exit != 0) {
                throw new IOException("command failed (exit " + exit + "): " + String.join(" ", command) + "\n"
                        + tail(output, 4000));
            }
            return this;
        }
    }

    private Cmd() {
    }

    public static Result run(List<String> command) throws IOException {
        return run(command, null, 600);
    }

    public static Result run(List<String> command, Path dir, long timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("LC_ALL", "C");
        pb.environment().merge("PATH", "/usr/sbin:/sbin", (a, b) -> a + ":" + b);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(List.copyOf(command), 127, "cannot run " + command.getFirst() + ": " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            var out = new java.io.ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (var in = p.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // process gone
                }
            });
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                reader.join(2000);
                return new Result(List.copyOf(command), -1, out.toString(StandardCharsets.UTF_8) + "\n(timed out after " + timeoutSeconds + " s)");
            }
            reader.join(5000);
            return new Result(List.copyOf(command), p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }

    public static List<String> of(String... args) {
        return new ArrayList<>(List.of(args));
    }

    /** Finds an executable on PATH plus /usr/sbin and /sbin, or null. */
    public static Path which(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String d : path.split(":")) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (java.nio.file.Files.isExecutable(p) && !java.nio.file.Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    public static String tail(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max);
    }
}
