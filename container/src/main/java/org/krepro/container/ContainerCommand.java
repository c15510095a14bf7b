package org.krepro.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.krepro.runner.cli.KreproCommand;
import org.krepro.runner.cli.RunOptionsMixin;
import org.krepro.runner.engine.RunOptions;
import org.krepro.runner.report.Summary;
import org.krepro.vm.VmCache;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code krepro container}: reproducers on the host's kernel, in a container of the guest rootfs. This
 * class names no Testcontainers type, so that the krepro inside the container (whose jar has no Docker
 * client) still loads it as a subcommand.
 */
@Command(name = "container", mixinStandardHelpOptions = true,
        description = {"Run reproducers on the running kernel inside a container of krepro's guest userspace"
                + " (busybox, a jlinked JDK, the mkfs/fsck tools it pins), through Testcontainers and the local"
                + " Docker engine: loop devices made on the host and passed in, SYS_ADMIN, seccomp unconfined,"
                + " /dev/kmsg; reports in <report-dir>/<host kernel release>/ with the image id as a property.",
                "The image is built locally from scratch (no registry) and kept for the next run unless --remove-image."})
public final class ContainerCommand implements Callable<Integer>, KreproCommand {

    @Mixin
    RunOptionsMixin run = new RunOptionsMixin();

    @Option(names = "--start-docker", description = "Start dockerd (as root) when the Docker engine does not answer.")
    boolean startDocker;

    @Option(names = "--remove-image", description = "Remove the container image after the run (default: keep it for the next run).")
    boolean removeImage;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = RunOptionsMixin.DurationConverter.class,
            description = "Kill the container after this long (default: every test's budget and grace, plus 5 minutes).")
    Duration timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> missing = DockerEngine.missingEnvironment();
        if (!missing.isEmpty()) {
            return reexec(missing);
        }
        RunOptions options;
        try {
            options = run.toRunOptions(List.of());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ContainerRunner.Report r;
        // the container reads the host's kernel log, and its own /run/lock is not the host's: lock here
        try (org.krepro.runner.device.HostLock lock = org.krepro.runner.device.HostLock.acquire(
                org.krepro.runner.device.HostLock.defaultPath(), java.time.Duration.ZERO, "krepro container", System.out::println)) {
            r = new ContainerRunner(VmCache.defaultCache()).run(new ContainerRunner.Request(options, run.toArguments(),
                    startDocker, removeImage, timeout, System.out));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        System.out.println();
        System.out.print(Summary.table(r.results()));
        System.out.printf("krepro container: image %s (%s), container exit %d, %.1f s in the container, %.1f s in all; reports in %s%n",
                r.image().tag(), ContainerRunner.shortId(r.image().id()), r.containerExit(), r.containerSeconds(), r.seconds(), r.reportDir());
        return r.exitCode();
    }

    /**
     * Testcontainers reads its switches with System.getenv only, and a JVM cannot change its own
     * environment: run this same command line again with them set, and hand its exit status back.
     */
    static int reexec(Map<String, String> env) throws IOException, InterruptedException {
        List<String> argv = commandLine();
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        pb.environment().putAll(env);
        Process p = pb.start();
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            p.destroy(); // SIGTERM: the child's own hooks kill its container and release its devices
            try {
                p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        int rc = p.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down
        }
        return rc;
    }

    /** This JVM's own command line, from /proc/self/cmdline. */
    static List<String> commandLine() throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                out.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            out.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        if (out.isEmpty()) {
            throw new IOException("empty /proc/self/cmdline");
        }
        return out;
    }
}
