package org.krepro.container;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.device.Workspace;
import org.krepro.runner.io.Processes;

/**
 * The local Docker engine: whether it answers on its socket, and (as root, on request) starting
 * {@code dockerd} when it does not. Debian's docker.io installs the daemon but nothing starts it on a
 * machine without systemd; krepro's tests and {@code krepro container --start-docker} start it themselves.
 *
 * <p>Testcontainers reads {@code TESTCONTAINERS_RYUK_DISABLED} and {@code TESTCONTAINERS_HOST_OVERRIDE}
 * with {@code System.getenv} only: {@link #REQUIRED_ENV} lists what krepro needs there (Ryuk would be
 * pulled from a registry, and without the host override Testcontainers starts a container of a public
 * image to find the gateway, because this machine has /.dockerenv); {@link #missingEnvironment()} says
 * what is missing so that the command can re-execute itself with it.
 */
public final class DockerEngine {
    public static final Path SOCKET = Path.of("/var/run/docker.sock");
    public static final Map<String, String> REQUIRED_ENV = Map.of(
            "TESTCONTAINERS_RYUK_DISABLED", "true",
            "TESTCONTAINERS_HOST_OVERRIDE", "localhost");
    /**
     * dockerd's flags when krepro starts it: containers of krepro have no network, so no bridge and no
     * iptables rules are set up on the host.
     */
    public static final List<String> DOCKERD_FLAGS = List.of("--iptables=false", "--ip6tables=false", "--bridge=none");

    private DockerEngine() {
    }

    /** The environment variables Testcontainers needs that this process lacks (name -> value). */
    public static Map<String, String> missingEnvironment() {
        Map<String, String> out = new java.util.TreeMap<>();
        REQUIRED_ENV.forEach((k, v) -> {
            if (!v.equals(System.getenv(k))) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The socket in DOCKER_HOST (unix://...) or the default one. */
    public static Path socket() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && host.startsWith("unix://")) {
            return Path.of(host.substring("unix://".length()));
        }
        return SOCKET;
    }

    /** True when the engine answers {@code GET /_ping} with OK on its unix socket. */
    public static boolean answers() {
        return answers(socket());
    }

    static boolean answers(Path s) {
        if (!Files.exists(s)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(s));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            StringBuilder sb = new StringBuilder();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline && ch.read(buf) > 0) {
                buf.flip();
                sb.append(StandardCharsets.US_ASCII.decode(buf));
                buf.clear();
            }
            return sb.toString().startsWith("HTTP/1.") && sb.toString().contains(" 200 ") && sb.toString().endsWith("OK");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes sure the engine answers: returns at once when it does; otherwise, when {@code start} is set,
     * starts {@code dockerd} (as root) in its own session, logging to {@code log}, and waits up to a
     * minute for it.
     *
     * @return true when this call started dockerd
     * @throws EnvironmentException when the engine does not answer and cannot be started
     */
    public static boolean ensureRunning(boolean start, Path daemonLog, Consumer<String> log) {
        return ensureRunning(socket(), start, daemonLog, log);
    }

    static boolean ensureRunning(Path socket, boolean start, Path daemonLog, Consumer<String> log) {
        if (answers(socket)) {
            return false;
        }
        String fix = "install Debian's docker.io (apt-get install docker.io) and start dockerd, or use --start-docker";
        if (!start) {
            throw new EnvironmentException("the Docker engine does not answer on " + socket + ": " + fix);
        }
        if (Workspace.effectiveUid() != 0) {
            throw new EnvironmentException("the Docker engine does not answer on " + socket
                    + " and only root can start dockerd");
        }
        Path dockerd = Processes.which("dockerd").orElseThrow(() -> new EnvironmentException(
                "the Docker engine does not answer on " + socket + " and there is no dockerd: " + fix));
        try {
            Files.createDirectories(daemonLog.toAbsolutePath().getParent());
            List<String> cmd = new java.util.ArrayList<>(List.of("setsid", dockerd.toString()));
            cmd.addAll(DOCKERD_FLAGS);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(daemonLog.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().put("PATH", Processes.searchPath());
            log.accept("starting " + String.join(" ", cmd) + " (log " + daemonLog + ")");
            Process p = pb.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (answers(socket)) {
                    log.accept("dockerd (pid " + p.pid() + ") answers on " + socket);
                    return true;
                }
                if (!p.isAlive()) {
                    break;
                }
                Thread.sleep(250);
            }
            String tail = Files.isRegularFile(daemonLog) ? tail(Files.readString(daemonLog), 15) : "";
            throw new EnvironmentException("dockerd did not come up within a minute (exit "
                    + (p.isAlive() ? "none, still running" : Integer.toString(p.exitValue())) + "); its log:\n" + tail);
        } catch (IOException e) {
            throw new EnvironmentException("cannot start dockerd: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while starting dockerd", e);
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
