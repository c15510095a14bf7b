package org.krepro.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.Version;
import org.krepro.runner.detect.Verdicts;
import org.krepro.runner.device.DeviceSet;
import org.krepro.runner.device.Workspace;
import org.krepro.runner.engine.Reproducers;
import org.krepro.runner.engine.RunOptions;
import org.krepro.runner.engine.TestEngine;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.report.HostInfo;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.vm.VmCache;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * One {@code krepro container} run: the guest rootfs as a local image, loop devices made on the host
 * (recorded in the host work directory like every loop device krepro makes), a Testcontainers container
 * on the host kernel running {@code krepro run --devices ...} with SYS_ADMIN, seccomp unconfined, the loop
 * devices and /dev/kmsg, then the results copied back and JUnit rewritten under
 * {@code reports/<host kernel release>/} with the image id and the mode as properties.
 */
public final class ContainerRunner {
    /** Where krepro writes its reports in the container. */
    public static final String RESULTS = "/results";
    /** The in-container work directory (its mount root and state live in the container's own layer). */
    public static final String GUEST_WORK_DIR = "/var/tmp/krepro";
    public static final String JAVA_OPTS = "-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED";
    static final List<Capability> CAPABILITIES = List.of(Capability.SYS_ADMIN, Capability.SYSLOG);

    /**
     * @param options      the run options (as the host's {@code krepro run} would take them)
     * @param kreproArgs   the same options as arguments for the krepro in the container
     * @param startDocker  start dockerd when it does not answer (root)
     * @param removeImage  remove the image after the run instead of keeping it for the next one
     * @param timeout      limit of the container's run (null: computed from the plan)
     * @param log          progress and the container's output
     */
    public record Request(RunOptions options, List<String> kreproArgs, boolean startDocker, boolean removeImage,
                          Duration timeout, PrintStream log) {
    }

    /**
     * @param results          the merged results written to reportDir
     * @param containerExit    exit status of krepro in the container (137 when killed, -1 when unknown)
     * @param seconds          wall time of the whole command
     * @param containerSeconds container start to exit
     */
    public record Report(int exitCode, RunResults results, Path reportDir, RootfsImage.Built image, String containerId,
                         int containerExit, List<Path> devices, double seconds, double containerSeconds) {
    }

    /** Hooks for tests: called with the container id once it runs. */
    public interface Observer {
        void started(String containerId, List<Path> devices);
    }

    private final VmCache cache;
    private Observer observer = (id, devs) -> { };

    public ContainerRunner(VmCache cache) {
        this.cache = cache;
    }

    public ContainerRunner observe(Observer o) {
        this.observer = o;
        return this;
    }

    /** The Docker client of Testcontainers (after checking the environment and the engine). */
    public static DockerClient docker(boolean startDocker, Path workDir, PrintStream log) {
        Map<String, String> missing = DockerEngine.missingEnvironment();
        if (!missing.isEmpty()) {
            throw new EnvironmentException("Testcontainers needs " + missing + " in the environment");
        }
        DockerEngine.ensureRunning(startDocker, workDir.resolve("dockerd.log"), l -> log.println("krepro container: " + l));
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new EnvironmentException("Testcontainers finds no Docker environment although " + DockerEngine.socket() + " answers");
        }
        return DockerClientFactory.instance().client();
    }

    public Report run(Request rq) throws IOException {
        long t0 = System.nanoTime();
        PrintStream log = rq.log();
        RunOptions options = rq.options();
        Path workDir = options.workDir().toAbsolutePath();
        DockerClient docker = docker(rq.startDocker(), workDir, log);
        log.printf("krepro container: Docker engine answers (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
        // A dead run's container first (it holds the mounts), then the workspace's own leftovers (loop devices).
        StaleContainers.clean(docker, workDir.toString(), l -> log.println("krepro container: " + l));
        try (Workspace ws = Workspace.open(workDir, Workspace.Options.defaults().withLog(l -> log.println("krepro: " + l)))) {
            List<Map.Entry<Reproducer, FsConfig>> plan = TestEngine.plan(Reproducers.all(), options);
            if (plan.isEmpty()) {
                throw new IllegalArgumentException("nothing selected: no reproducer declares that filesystem/option set");
            }
            int count = plan.stream().mapToInt(e -> e.getValue().devices()).max().orElse(1);
            long bytes = plan.stream().mapToLong(e -> e.getValue().deviceBytes()).max().orElse(FsConfig.GIB);
            boolean directIo = plan.stream().anyMatch(e -> e.getValue().loopDirectIo());

            Path scratch = Files.createDirectories(workDir.resolve("container"));
            Path jar = ContainerJar.locate(scratch);
            log.printf("krepro container: krepro jar %s (%d KiB) (%.1f s)%n", jar, Files.size(jar) >> 10, (System.nanoTime() - t0) / 1e9);
            RootfsImage.Built image = new RootfsImage(cache, l -> log.println("krepro container: " + l)).ensure(docker, jar, scratch);
            log.printf("krepro container: image %s (%s, %d MiB%s) in %.1f s%n", image.tag(), shortId(image.id()),
                    image.imageBytes() >> 20, image.built() ? ", built now" : ", cached", image.seconds());
            try {
                return runIn(rq, docker, ws, plan, count, bytes, directIo, image, scratch, t0);
            } finally {
                if (rq.removeImage() && RootfsImage.remove(docker, image.tag())) {
                    log.println("krepro container: removed image " + image.tag());
                }
            }
        }
    }

    private Report runIn(Request rq, DockerClient docker, Workspace ws, List<Map.Entry<Reproducer, FsConfig>> plan,
                         int count, long bytes, boolean directIo, RootfsImage.Built image, Path scratch, long t0) throws IOException {
        PrintStream log = rq.log();
        RunOptions options = rq.options();
        Duration timeout = rq.timeout() != null ? rq.timeout() : defaultTimeout(plan, options);
        Path out = Files.createTempDirectory(scratch, "results-");
        Path outputLog = out.resolve("container-output.log");
        int exit = -1;
        String containerId = null;
        String end;
        double containerSeconds = 0;
        List<Path> devices;
        List<Path> keptImages = List.of();
        try (DeviceSet set = ws.loopDevices().acquire(ws.newId("container"), count, bytes, directIo)) {
            devices = set.devices().stream().map(org.krepro.runner.device.Device::path).toList();
            List<String> cmd = new ArrayList<>(List.of("run",
                    "--devices=" + String.join(",", devices.stream().map(Path::toString).toList()),
                    "--report-dir=" + RESULTS, "--work-dir=" + GUEST_WORK_DIR));
            cmd.addAll(rq.kreproArgs());
            List<Device> devs = new ArrayList<>();
            for (Path d : devices) {
                devs.add(new Device("rwm", d.toString(), d.toString()));
            }
            devs.add(new Device("rw", "/dev/kmsg", "/dev/kmsg"));
            log.println("krepro container: " + count + " loop device(s) of " + (bytes >> 20) + " MiB: " + devices
                    + "; timeout " + timeout.toSeconds() + " s");
            log.println("krepro container: " + String.join(" ", cmd));
            OutputStream outLog = Files.newOutputStream(outputLog);
            try (outLog; GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image.tag()))) {
                c.withCommand(cmd.toArray(String[]::new))
                        .withEnv("JAVA_OPTS", JAVA_OPTS)
                        .withEnv("KREPRO_DEVICES", String.join(",", devices.stream().map(Path::toString).toList()))
                        .withLabels(StaleContainers.labels(ws.root().toString()))
                        .withNetworkMode("none")
                        .withStartupCheckStrategy(new Started())
                        .withLogConsumer(frame -> consume(frame, outLog, log))
                        .withCreateContainerCmdModifier(cc -> {
                            cc.withHostName("krepro-container");
                            cc.getHostConfig()
                                    .withDevices(devs)
                                    .withCapAdd(CAPABILITIES.toArray(Capability[]::new))
                                    .withSecurityOpts(List.of("seccomp=unconfined"));
                        });
                long tc = System.nanoTime();
                c.start();
                containerId = c.getContainerId();
                log.printf("krepro container: container %s started in %.1f s (%.1f s)%n", shortId(containerId),
                        (System.nanoTime() - tc) / 1e9, (System.nanoTime() - t0) / 1e9);
                // On SIGTERM/SIGINT Testcontainers' own JVM hook (Ryuk is off) kills and removes the container,
                // and the workspace's hook detaches the devices (autoclear while the container still holds them).
                {
                    observer.started(containerId, devices);
                    try {
                        exit = docker.waitContainerCmd(containerId).start().awaitStatusCode(timeout.toSeconds(), TimeUnit.SECONDS);
                        end = exit == 137 ? "killed" : "exited";
                    } catch (DockerClientException e) {
                        end = "timeout";
                        log.println("krepro container: still running after " + timeout.toSeconds() + " s: killing it");
                        killQuietly(docker, containerId);
                    } catch (NotFoundException e) {
                        end = "removed";
                    }
                    containerSeconds = (System.nanoTime() - tc) / 1e9;
                    log.printf("krepro container: container %s %s (exit %d) after %.1f s%n", shortId(containerId), end, exit, containerSeconds);
                    copyResults(docker, containerId, out.resolve("results"), log);
                    // The devices hold the last test's filesystem: its evidence when that test failed.
                    if (options.keepImages() || lastTestFailed(out.resolve("results"))) {
                        Path dir = options.reportDir().resolve(HostInfo.current(Version.get()).kernelRelease()).resolve(IMAGES);
                        keptImages = set.keepImages(dir);
                        log.println("krepro container: keeping the device image(s) as evidence: " + keptImages);
                    }
                }
            }
        }
        RunResults merged = merge(rq, image, containerId, exit, end, devices, keptImages, out, containerSeconds,
                (System.nanoTime() - t0) / 1e9);
        Path reportDir = options.reportDir().resolve(merged.host().kernelRelease());
        FileTrees.delete(out);
        return new Report(merged.exitCode(), merged, reportDir, image, containerId, exit, devices,
                (System.nanoTime() - t0) / 1e9, containerSeconds);
    }

    /** Where kept device images go, below reports/RELEASE/. */
    public static final String IMAGES = "container-images";

    static boolean lastTestFailed(Path results) {
        try {
            List<Path> found = ReportDir.findResults(results);
            if (found.isEmpty()) {
                return false;
            }
            List<TestResult> tests = RunResults.read(found.getFirst()).tests();
            return !tests.isEmpty() && tests.getLast().verdict() == Verdict.FAIL;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Budget of every test plus grace, and a few minutes for set-up: a backstop behind the runner's own limits. */
    static Duration defaultTimeout(List<Map.Entry<Reproducer, FsConfig>> plan, RunOptions o) {
        long s = 300;
        for (var e : plan) {
            Duration d = o.duration() != null ? o.duration() : e.getKey().info().defaultDuration();
            s += (d == null ? 300 : d.toSeconds()) + o.hangGrace().toSeconds() + 120;
        }
        return Duration.ofSeconds(s);
    }

    private static void consume(OutputFrame frame, OutputStream file, PrintStream log) {
        byte[] b = frame.getBytes();
        if (b == null) {
            return;
        }
        synchronized (file) {
            try {
                file.write(b);
            } catch (IOException ignored) {
                // the log file is evidence, not essential
            }
        }
        String s = new String(b, StandardCharsets.UTF_8);
        for (String line : s.split("\n")) {
            if (!line.isBlank()) {
                log.println("container| " + line.stripTrailing());
            }
        }
    }

    static void killQuietly(DockerClient docker, String id) {
        if (id == null) {
            return;
        }
        try {
            docker.killContainerCmd(id).exec();
        } catch (RuntimeException ignored) {
            // not running any more
        }
    }

    /** Copies the container's /results into {@code dest} (the tar's first path component stripped). */
    static void copyResults(DockerClient docker, String id, Path dest, PrintStream log) {
        try (InputStream raw = docker.copyArchiveFromContainerCmd(id, RESULTS + "/.").exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(raw))) {
            Files.createDirectories(dest);
            Path root = dest.toAbsolutePath().normalize();
            TarArchiveEntry e;
            while ((e = (TarArchiveEntry) tar.getNextEntry()) != null) {
                String name = e.getName();
                int slash = name.indexOf('/');
                name = slash < 0 ? "" : name.substring(slash + 1);
                if (name.isEmpty()) {
                    continue;
                }
                Path p = root.resolve(name).normalize();
                if (!p.startsWith(root)) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else if (e.isFile()) {
                    Files.createDirectories(p.getParent());
                    Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.println("krepro container: cannot copy " + RESULTS + " out of the container: " + e.getMessage());
        }
    }

    /** The container's results under the host's reports/RELEASE/, with the container's facts as properties. */
    RunResults merge(Request rq, RootfsImage.Built image, String containerId, int exit, String end, List<Path> devices, List<Path> kept,
                     Path out, double containerSeconds, double totalSeconds) throws IOException {
        HostInfo host = HostInfo.current(Version.get());
        String release = host.kernelRelease();
        Path reportDir = Files.createDirectories(rq.options().reportDir().resolve(release));
        Path inner = out.resolve("results").resolve(release);
        RunResults run = null;
        ReportDir innerReport = ReportDir.of(inner);
        if (innerReport.hasResults()) {
            try {
                run = innerReport.read();
            } catch (IOException e) {
                rq.log().println("krepro container: cannot read the container's results.json: " + e.getMessage());
            }
        }
        // This run's files replace an earlier run's in the same directory.
        ReportDir report = ReportDir.of(reportDir);
        report.clearReportFiles();
        report.copyEvidenceFrom(inner);
        Files.copy(out.resolve("container-output.log"), reportDir.resolve("container-output.log"), StandardCopyOption.REPLACE_EXISTING);

        Map<String, String> props = new LinkedHashMap<>();
        props.put("run.mode", "container");
        props.put("container.image", image.tag());
        props.put("container.image.id", image.id());
        props.put("container.image.bytes", Long.toString(image.imageBytes()));
        props.put("container.id", containerId == null ? "" : containerId);
        props.put("container.end", end);
        props.put("container.exit", Integer.toString(exit));
        props.put("container.devices", devices.toString());
        props.put("container.capabilities", CAPABILITIES.toString());
        props.put("container.seccomp", "unconfined");
        props.put("container.output", "container-output.log");
        props.put("container.seconds.image", String.format("%.2f", image.seconds()));
        props.put("container.seconds.run", String.format("%.2f", containerSeconds));
        props.put("container.seconds.total", String.format("%.2f", totalSeconds));
        String tail = "";
        try {
            tail = DockerEngine.tail(Files.readString(out.resolve("container-output.log")), 40);
        } catch (IOException ignored) {
            // no output
        }
        boolean clean = "exited".equals(end) && (exit == 0 || exit == 1 || exit == 4);
        if (run == null) {
            run = new RunResults(host, LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), new TreeMap<>(), List.of());
        }
        // The host sees no kernel log of its own here: only how the container ended and whether results came back.
        String reason = run.tests().isEmpty() && clean ? "no results from the container (exit " + exit + ")"
                : "container " + end + " (exit " + exit + ") after " + String.format("%.1f s", containerSeconds);
        Verdicts.Decision hostCase = Verdicts.remote(List.of(), clean && !run.tests().isEmpty(), reason);
        if (hostCase.verdict() != Verdict.PASS) {
            String[] name = hostCaseName(rq.options());
            run = run.plus(new TestResult(name[0], name[1], "container", hostCase.verdict(), hostCase.reason(), hostCase.findings(),
                    containerSeconds,
                    new TreeMap<>(Map.of("container.end", end, "container.exit", Integer.toString(exit))),
                    List.of(reason), tail, "", new TreeMap<>(Map.of("container-output", "container-output.log"))));
        }
        if (!kept.isEmpty() && !run.tests().isEmpty()) {
            // Evidence of the last test that ran on the devices (the host case, if added, ran on none).
            List<TestResult> tests = new ArrayList<>(run.tests());
            int last = tests.size() - 1;
            while (last > 0 && "container".equals(tests.get(last).optionSet())) {
                last--;
            }
            Map<String, String> ev = new TreeMap<>();
            for (int i = 0; i < kept.size(); i++) {
                ev.put(kept.size() == 1 ? "device-image" : "device-image-" + i, reportDir.relativize(kept.get(i)).toString());
            }
            tests.set(last, tests.get(last).withEvidence(ev));
            run = run.withTests(tests);
        }
        run = run.withProperties(props);
        report.write(run);
        return run;
    }

    /** {reproducer, fs} of the host's own test case (the one reproducer and filesystem asked, or "container"). */
    static String[] hostCaseName(RunOptions o) {
        String r = o.reproducers().size() == 1 ? o.reproducers().iterator().next() : "container";
        String fs = o.filesystems().size() == 1 ? o.filesystems().iterator().next().id() : "container";
        return new String[] {r, fs};
    }

    static String shortId(String id) {
        if (id == null) {
            return "";
        }
        String s = id.startsWith("sha256:") ? id.substring(7) : id;
        return s.length() > 12 ? s.substring(0, 12) : s;
    }

    /** Success as soon as the container was started: krepro's exit status is judged afterwards. */
    static final class Started extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
            return StartupStatus.SUCCESSFUL;
        }
    }
}
