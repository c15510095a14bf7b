package org.krepro.vm;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.krepro.runner.spi.Finding;

/**
 * One guest run end to end: initramfs, accelerator, disks, QEMU, console classification, results
 * disk, host fsck, verdict, JUnit and evidence under reports/RELEASE/.
 */
public final class VmRunner {
    /** Substring of the runner's kmsg marker written before each test (first reproducer iteration). */
    public static final String TEST_MARKER = "krepro:";
    private static final Pattern LINUX_VERSION = Pattern.compile("Linux version (\\S+) .*?(#\\S+ .*)$");

    /**
     * @param kernel     the guest kernel
     * @param spec       guest shape and limits
     * @param guestArgs  krepro's arguments in the guest; @DEVICES@ and @REPORTS@ are replaced by the
     *                   guest's disk list and report directory
     * @param testName   the host test case's name (requested reproducer, or "guest")
     * @param reportRoot reports/ (the run's files go to reports/RELEASE/)
     * @param workDir    scratch for images, initrd and logs of this run
     * @param log        progress lines (guest output echo); null for quiet
     */
    public record Request(GuestKernel kernel, VmSpec spec, List<String> guestArgs, String testName, Path reportRoot,
                          Path workDir, PrintStream log, boolean echoConsole) {
    }

    private final VmCache cache;
    private final GuestImage images;

    public VmRunner(VmCache cache) {
        this.cache = cache;
        this.images = new GuestImage(cache, GuestImage.hostJdk());
    }

    public GuestImage images() {
        return images;
    }

    public VmReport run(Request rq) throws IOException {
        Path work = Files.createDirectories(rq.workDir());
        Path state = Files.createDirectories(cache.root().resolve("state"));
        Qemu.reapStale(state);
        PrintStream log = rq.log() == null ? new PrintStream(java.io.OutputStream.nullOutputStream()) : rq.log();
        VmSpec spec = rq.spec();

        long tb = System.nanoTime();
        Path jar = GuestJar.locate(work);
        Accelerator.Choice accel = Accelerator.choose(spec.accel(), cache, images, rq.kernel(), work);
        log.println("krepro vm: accelerator " + accel.accel() + " (" + accel.reason() + ")");
        List<Qemu.Disk> disks = new ArrayList<>();
        List<Path> testImages = new ArrayList<>();
        for (int i = 0; i < spec.disks(); i++) {
            Path img = work.resolve("disk" + i + ".img");
            sparse(img, spec.diskBytes());
            disks.add(new Qemu.Disk(img, "krepro" + i));
            testImages.add(img);
        }
        Path resultsImg = work.resolve("results.img");
        sparse(resultsImg, 256L << 20);
        disks.add(new Qemu.Disk(resultsImg, "kreproresults"));
        List<String> serials = disks.stream().map(Qemu.Disk::serial).filter(s -> !s.equals("kreproresults")).toList();
        int heapMib = Math.max(256, spec.memoryMib() / 4);
        String javaOpts = "-XX:+UseSerialGC -Xmx" + heapMib + "m -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED";
        GuestImage.RunEnv env = new GuestImage.RunEnv("run", shellJoin(rq.guestArgs()), javaOpts, serials, "kreproresults",
                spec.panicOnOops() ? 1 : 0, spec.panicOnWarn() ? 1 : 0, spec.hungTaskSecs());
        Path initrd = images.initrd(rq.kernel(), jar, env, work.resolve("initrd.cpio"));
        double buildSeconds = (System.nanoTime() - tb) / 1e9;
        log.printf("krepro vm: initrd %s (%d MiB) built in %.1f s%n", initrd, Files.size(initrd) >> 20, buildSeconds);

        String name = "krepro-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path pidFile = state.resolve(name + ".pid");
        Path guestOut = work.resolve("guest-output.log");
        List<String> cmd = Qemu.command(spec, accel.accel(), rq.kernel(), initrd, disks, guestOut, pidFile, name);
        Files.writeString(work.resolve("qemu-command.txt"), shellJoin(cmd) + "\n");
        Path console = work.resolve("console.log");
        SimpleConsoleClassifier cls = new SimpleConsoleClassifier();
        String[] versionLine = {null};
        Qemu.Outcome o = Qemu.run(cmd, spec, console, guestOut, work.resolve("qemu-stderr.log"), cls,
                l -> log.println("guest| " + l),
                l -> {
                    if (versionLine[0] == null && l.contains("Linux version ")) {
                        versionLine[0] = l;
                    }
                    if (rq.echoConsole()) {
                        log.println("console| " + l);
                    }
                }, TEST_MARKER);
        cls.finish();
        Files.deleteIfExists(pidFile);
        log.printf("krepro vm: guest ended %s after %.1f s (qemu exit %d)%n", o.end(), o.seconds(), o.qemuExit());

        // Results disk.
        Path guestDir = Files.createDirectories(work.resolve("guest"));
        boolean results = false;
        Cmd.Result tar = Cmd.run(List.of("tar", "-xf", resultsImg.toString(), "-C", guestDir.toString()), null, 120);
        if (tar.ok() && Files.isRegularFile(guestDir.resolve("MAGIC"))) {
            results = true;
        }
        Properties info = new Properties();
        if (Files.isRegularFile(guestDir.resolve("guest-info.properties"))) {
            try (var r = Files.newBufferedReader(guestDir.resolve("guest-info.properties"))) {
                info.load(r);
            }
        }
        int guestExit = -1;
        if (results && Files.isRegularFile(guestDir.resolve("exit-code"))) {
            try {
                guestExit = Integer.parseInt(Files.readString(guestDir.resolve("exit-code")).trim());
            } catch (NumberFormatException ignored) {
                // leave -1
            }
        }

        // Host fsck of the test disks.
        List<HostFsck.Result> fsck = HostFsck.check(testImages);

        // Verdict.
        List<Finding> findings = new ArrayList<>(cls.findings());
        String release = info.getProperty("release", rq.kernel().release());
        String version = info.getProperty("version", "");
        if (version.isEmpty() && versionLine[0] != null) {
            Matcher m = LINUX_VERSION.matcher(versionLine[0]);
            version = m.find() ? m.group(2) : versionLine[0];
        }
        switch (o.end()) {
            case SILENT -> findings.add(new Finding(Finding.Kind.KERNEL_CRASH,
                    "hang: no output from the guest for " + spec.silence().toSeconds() + " s", o.consoleTail()));
            case TIMEOUT -> findings.add(new Finding(Finding.Kind.KERNEL_CRASH,
                    "hang: guest still running after " + spec.timeout().toSeconds() + " s", o.consoleTail()));
            default -> { }
        }
        for (HostFsck.Result f : fsck) {
            if (f.checked() && !f.clean()) {
                findings.add(new Finding(Finding.Kind.FSCK, f.title(), f.output()));
            }
        }
        boolean crash = findings.stream().anyMatch(f -> f.kind() == Finding.Kind.KERNEL_CRASH);
        String verdict;
        String title;
        if (crash || !findings.isEmpty()) {
            // A crash found on the console titles the FAIL; hangs and fsck follow.
            Finding first = findings.stream().filter(f -> f.kind() == Finding.Kind.KERNEL_CRASH).findFirst().orElse(findings.getFirst());
            verdict = "FAIL";
            title = first.title();
        } else if (guestExit == 0) {
            verdict = "PASS";
            title = "";
        } else if (guestExit == 1) {
            verdict = "FAIL";
            title = guestFailureTitle(guestDir);
            findings.add(new Finding(Finding.Kind.WORKLOAD, title, "the guest runner reported a failure (exit 1)"));
        } else {
            verdict = "ERROR";
            title = guestExit < 0 ? "no results from the guest (" + o.end() + ", qemu exit " + o.qemuExit() + ")"
                    : "guest krepro exited " + guestExit;
        }

        // Reports.
        Path reportDir = Files.createDirectories(rq.reportRoot().resolve(release));
        Path consoleKept = reportDir.resolve("console.log");
        Files.copy(console, consoleKept, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(guestOut, reportDir.resolve("guest-output.log"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(work.resolve("qemu-command.txt"), reportDir.resolve("qemu-command.txt"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("vm.kernel.spec", rq.kernel().spec());
        props.put("vm.kernel.release", release);
        props.put("vm.kernel.version", version);
        props.put("vm.accelerator", accel.accel());
        props.put("vm.accelerator.reason", accel.reason());
        props.put("vm.numa", info.getProperty("numa_nodes", "").isBlank() ? spec.numaLayout()
                : numaFromGuest(info) + " (asked: " + spec.numaLayout() + ")");
        props.put("vm.cpus", info.getProperty("cpus", Integer.toString(spec.cpus())));
        props.put("vm.memory.mib", Integer.toString(spec.memoryMib()));
        props.put("vm.disks", spec.disks() + " x " + (spec.diskBytes() >> 20) + " MiB " + spec.diskKind().name().toLowerCase());
        props.put("vm.end", o.end().name());
        props.put("vm.guest.exit", Integer.toString(guestExit));
        props.put("vm.results", Boolean.toString(results));
        props.put("vm.seconds.initrd", String.format("%.2f", buildSeconds));
        props.put("vm.seconds.boot-to-init", String.format("%.2f", o.initSeconds()));
        props.put("vm.seconds.boot-to-krepro", String.format("%.2f", o.firstOutputSeconds()));
        props.put("vm.seconds.boot-to-first-test", String.format("%.2f", o.markerSeconds()));
        props.put("vm.seconds.total", String.format("%.2f", o.seconds()));
        props.put("vm.console", consoleKept.getFileName().toString());
        for (HostFsck.Result f : fsck) {
            props.put("vm.fsck." + f.image().getFileName(), f.checked() ? f.fs() + " exit " + f.exit() : "not checked (" + (f.fs().isEmpty() ? "unformatted" : f.fs()) + ")");
        }
        StringBuilder body = new StringBuilder();
        for (Finding f : findings) {
            body.append("== ").append(f.kind()).append(": ").append(f.title()).append('\n').append(f.detail()).append("\n\n");
        }
        body.append("== host fsck\n");
        for (HostFsck.Result f : fsck) {
            body.append(f.output()).append('\n');
        }
        body.append("== console tail\n").append(o.consoleTail()).append('\n');
        VmReport report = new VmReport(rq.kernel().spec(), release, version, accel.accel() + " (" + accel.reason() + ")",
                props.get("vm.numa"), o.end(), verdict, title, List.copyOf(findings), guestExit, results, rq.testName(),
                o.initSeconds(), o.firstOutputSeconds(), o.markerSeconds(), o.seconds(), reportDir, consoleKept, props);
        JUnitXml.writeHost(report, body.toString(), reportDir.resolve("TEST-krepro-vm.xml"));
        Files.writeString(reportDir.resolve("vm-findings.txt"), body.toString());
        // The guest's own reports (JUnit per kernel release, results.json), with the guest properties added.
        Path guestReports = guestDir.resolve("reports");
        if (Files.isDirectory(guestReports)) {
            try (Stream<Path> s = Files.walk(guestReports)) {
                for (Path f : s.filter(Files::isRegularFile).toList()) {
                    Path rel = guestReports.relativize(f);
                    // reports/<release>/X -> reportDir/X
                    Path dst = reportDir.resolve(rel.getNameCount() > 1 ? rel.subpath(1, rel.getNameCount()).toString() : rel.toString());
                    Files.createDirectories(dst.getParent());
                    if (f.getFileName().toString().startsWith("TEST-") && f.toString().endsWith(".xml")) {
                        JUnitXml.copyWithProperties(f, dst, props);
                    } else {
                        Files.copy(f, dst, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        if (Files.isRegularFile(guestDir.resolve("output.log"))) {
            Files.copy(guestDir.resolve("output.log"), reportDir.resolve("guest-krepro-output.log"), StandardCopyOption.REPLACE_EXISTING);
        }
        return report;
    }

    private static String numaFromGuest(Properties info) {
        StringBuilder sb = new StringBuilder();
        for (String n : info.getProperty("numa_nodes", "").trim().split("\\s+")) {
            if (n.isEmpty()) {
                continue;
            }
            sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(info.getProperty(n, ""));
        }
        return sb.toString();
    }

    /** The first failure message in the guest's JUnit files, or a generic title. */
    static String guestFailureTitle(Path guestDir) {
        Pattern msg = Pattern.compile("<failure[^>]*message=\"([^\"]*)\"");
        try (Stream<Path> s = Files.walk(guestDir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().startsWith("TEST-")).sorted().toList()) {
                Matcher m = msg.matcher(Files.readString(f));
                if (m.find()) {
                    return m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                            .replace("&apos;", "'").replace("&amp;", "&");
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "the guest runner reported a failure";
    }

    static void sparse(Path img, long bytes) throws IOException {
        Files.deleteIfExists(img);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(bytes);
        }
    }

    static String shellJoin(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append(sb.isEmpty() ? "" : " ");
            sb.append(a.matches("[A-Za-z0-9_@%+=:,./-]+") ? a : GuestImage.q(a));
        }
        return sb.toString();
    }
}
