package org.krepro.vm.guest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.krepro.runner.Version;
import org.krepro.runner.classify.StreamingClassifier;
import org.krepro.runner.detect.Verdicts;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.io.Processes;
import org.krepro.runner.report.HostInfo;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;
import org.krepro.vm.VmCache;
import org.krepro.vm.image.GuestImage;
import org.krepro.vm.image.GuestJar;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.KernelSource;
import org.krepro.vm.qemu.Accelerator;
import org.krepro.vm.qemu.Qemu;
import org.krepro.vm.qemu.RunnerConsoleClassifier;
import org.krepro.vm.qemu.VmSpec;

/**
 * One guest run end to end: initramfs, accelerator, disks, QEMU, console classification, results
 * disk, host fsck, verdict, JUnit and evidence under reports/RELEASE/.
 */
public final class VmRunner {
    /** Substring of the runner's kmsg marker written before each test (first reproducer iteration). */
    public static final String TEST_MARKER = "krepro: run ";
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
    public record Request(GuestKernel kernel, VmSpec spec, List<String> guestArgs, String guestShell, String testName,
                          Path reportRoot, Path workDir, PrintStream log, boolean echoConsole) {
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

    /** One boot's raw outcome, before the session judges it. */
    private record BootRun(GuestSession.Boot boot, Qemu.Outcome outcome, Properties info, RunResults guest, String release,
                           String version, boolean results, double buildSeconds, int bootRetries, String bootRetryReason,
                           List<HostFsck.Result> fsck, Path guestDir, Path console, Path guestOut, Path qemuCommand) {
    }

    public VmReport run(Request rq) throws IOException {
        Path work = Files.createDirectories(rq.workDir());
        Path state = Files.createDirectories(cache.root().resolve("state"));
        Qemu.reapStale(state);
        PrintStream log = rq.log() == null ? new PrintStream(java.io.OutputStream.nullOutputStream()) : rq.log();
        VmSpec spec = rq.spec();
        Path jar = GuestJar.locate(work);
        Accelerator.Choice accel = Accelerator.choose(spec.accel(), cache, images, rq.kernel(), work);
        log.println("krepro vm: accelerator " + accel.accel() + " (" + accel.reason() + ")");

        boolean runCommand = rq.guestShell() == null && !rq.guestArgs().isEmpty() && rq.guestArgs().getFirst().equals("run");
        GuestSession session = new GuestSession(hostCaseName(rq), runCommand);
        List<BootRun> boots = new ArrayList<>();
        while (true) {
            int n = boots.size() + 1;
            List<String> args = new ArrayList<>(rq.guestArgs());
            if (runCommand) {
                args.add(1, "--events");
                if (!session.skip().isEmpty()) {
                    args.add(2, "--skip-test=" + String.join(",", session.skip()));
                }
            }
            BootRun b = boot(rq, accel, jar, n, args, log);
            boots.add(b);
            session.add(b.boot());
            if (!session.needsAnotherBoot()) {
                break;
            }
            log.printf("krepro vm: boot %d ended %s%s; booting again with fresh disks for the %d tests left%n", n,
                    b.boot().detail(), b.boot().running() == null ? "" : " in " + b.boot().running(), session.left().size());
        }
        BootRun first = boots.getFirst();
        BootRun last = boots.getLast();
        String release = first.release();
        // A kernel krepro built or changed (a knock-out) is named so; a stock kernel by its release.
        String dirName = rq.kernel().label().equals(rq.kernel().release()) ? release : rq.kernel().label();
        Path reportDir = Files.createDirectories(rq.reportRoot().resolve(dirName));

        Map<String, String> props = new LinkedHashMap<>();
        props.put("vm.kernel.spec", rq.kernel().spec());
        props.put("vm.kernel.release", release);
        if (!dirName.equals(release)) {
            props.put("vm.kernel.label", dirName);
        }
        props.put("vm.kernel.version", first.version());
        KernelSource.describe(rq.kernel(), props);
        props.put("vm.accelerator", accel.accel());
        props.put("vm.accelerator.reason", accel.reason());
        Path booted = Qemu.bootImage(rq.kernel().image());
        props.put("vm.kernel.boot", booted != null && !booted.equals(rq.kernel().image())
                ? "PVH entry of the vmlinux unpacked from " + rq.kernel().image() + " (" + booted + ")"
                : "bzImage " + rq.kernel().image());
        props.put("vm.numa", first.info().getProperty("numa_nodes", "").isBlank() ? spec.numaLayout()
                : numaFromGuest(first.info()) + " (asked: " + spec.numaLayout() + ")");
        props.put("vm.cpus", first.info().getProperty("cpus", Integer.toString(spec.cpus())));
        props.put("vm.memory.mib", Integer.toString(spec.memoryMib()));
        props.put("vm.disks", spec.disks() + " x " + (spec.diskBytes() >> 20) + " MiB " + spec.diskKind().name().toLowerCase(Locale.ROOT));
        props.put("vm.end", last.outcome().end().name());
        props.put("vm.guest.exit", Integer.toString(last.boot().guestExit()));
        props.put("vm.results", Boolean.toString(boots.stream().anyMatch(BootRun::results)));
        props.put("vm.seconds.initrd", String.format("%.2f", first.buildSeconds()));
        props.put("vm.seconds.boot-to-init", String.format("%.2f", first.outcome().initSeconds()));
        props.put("vm.boot.retries", Integer.toString(boots.stream().mapToInt(BootRun::bootRetries).sum()));
        boots.stream().filter(b -> b.bootRetries() > 0).findFirst().ifPresent(b -> props.put("vm.boot.retry.reason", b.bootRetryReason()));
        props.put("vm.seconds.boot-to-krepro", String.format("%.2f", first.outcome().firstOutputSeconds()));
        props.put("vm.seconds.boot-to-first-test", String.format("%.2f", first.outcome().markerSeconds()));
        first.outcome().phases().forEach((phase, at) -> props.put("vm.phase." + phase, String.format(Locale.ROOT, "%.2f", at)));
        double total = boots.stream().mapToDouble(b -> b.outcome().seconds()).sum();
        props.put("vm.seconds.total", String.format("%.2f", total));
        props.put("vm.boots", Integer.toString(boots.size()));
        for (BootRun b : boots) {
            GuestSession.Boot g = b.boot();
            props.put("vm.boot." + g.number(), g.detail() + (g.running() == null ? "" : ", died in " + g.running()));
            double hit = markerToCrash(b.console());
            if (hit >= 0 && !props.containsKey("vm.seconds.test-start-to-crash")) {
                props.put("vm.seconds.test-start-to-crash", String.format("%.2f", hit));
            }
            for (HostFsck.Result f : b.fsck()) {
                props.put("vm.fsck." + (g.number() > 1 ? "boot" + g.number() + "." : "") + f.image().getFileName(), f.checked()
                        ? f.fs() + " exit " + f.exit() : "not checked (" + (f.fs().isEmpty() ? "unformatted" : f.fs()) + ")");
            }
        }
        props.put("vm.console", "console.log");

        RunResults run = first.guest() != null ? first.guest() : boots.stream().map(BootRun::guest).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        if (run == null) {
            run = new RunResults(guestHost(first.info(), release, first.version(), spec), java.time.LocalDateTime.now()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), new TreeMap<>(), List.of());
        }
        run = run.withTests(session.tests()).withProperties(props);

        // Evidence and reports (this run's JUnit files replace an earlier run's in the same directory).
        ReportDir report = ReportDir.of(reportDir);
        report.clearReportFiles();
        for (BootRun b : boots) {
            String suffix = suffix(b.boot().number());
            Files.copy(b.console(), reportDir.resolve("console" + suffix + ".log"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(b.guestOut(), reportDir.resolve("guest-output" + suffix + ".log"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(b.qemuCommand(), reportDir.resolve("qemu-command" + suffix + ".txt"), StandardCopyOption.REPLACE_EXISTING);
            // the guest's evidence and logs; krepro.log of boot 2 becomes krepro-boot2.log
            report.copyEvidenceFrom(b.guestDir().resolve("reports").resolve(b.release()),
                    name -> suffix.isEmpty() ? name : name.replaceFirst("(\\.[^.]+)?$", suffix + "$1"));
            if (Files.isRegularFile(b.guestDir().resolve("output.log"))) {
                Files.copy(b.guestDir().resolve("output.log"), reportDir.resolve("guest-krepro-output" + suffix + ".log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path consoleKept = reportDir.resolve("console.log");
        report.write(run);

        // The headline: the first FAIL (in plan order, then the host's cases), else ERROR, else PASS.
        List<TestResult> tests = run.tests();
        TestResult headline = Verdicts.headline(tests).orElse(null);
        Verdict verdict = Verdicts.overall(tests);
        String title = headline == null ? "" : headline.headline();
        List<Finding> all = new ArrayList<>();
        tests.forEach(t -> all.addAll(t.findings()));
        String testName = headline != null ? headline.caseName() : tests.isEmpty() ? String.join("[", hostCaseName(rq)) + "]"
                : tests.getFirst().caseName() + (tests.size() > 1 ? " (+" + (tests.size() - 1) + ")" : "");
        return new VmReport(rq.kernel().spec(), dirName, first.version(), accel.accel() + " (" + accel.reason() + ")",
                props.get("vm.numa"), last.outcome().end(), verdict, title, List.copyOf(all), last.boot().guestExit(),
                boots.stream().anyMatch(BootRun::results), testName, first.outcome().initSeconds(),
                first.outcome().firstOutputSeconds(), first.outcome().markerSeconds(), total, reportDir, consoleKept, props);
    }

    /** File-name suffix of boot n's logs: none for the first boot, "-boot2" for the second. */
    static String suffix(int n) {
        return n == 1 ? "" : "-boot" + n;
    }

    /** One boot of the guest with fresh disks: QEMU to its end, the results disk read back, host fsck. */
    private BootRun boot(Request rq, Accelerator.Choice accel, Path jar, int number, List<String> guestArgs, PrintStream log)
            throws IOException {
        VmSpec spec = rq.spec();
        Path state = cache.root().resolve("state");
        Path work = rq.workDir();
        String suffix = suffix(number);
        long tb = System.nanoTime();
        // the disks are sparse: a host disk filling under the guest would look like the guest kernel's bug
        org.krepro.runner.device.WorkDirSpace.requireRoom(work, spec.disks() * spec.diskBytes() + (256L << 20),
                "a guest (" + spec.disks() + " disks and a results disk)");
        List<Qemu.Disk> disks = new ArrayList<>();
        List<Path> testImages = new ArrayList<>();
        for (int i = 0; i < spec.disks(); i++) {
            Path img = work.resolve("disk" + i + suffix + ".img");
            sparse(img, spec.diskBytes());
            disks.add(new Qemu.Disk(img, "krepro" + i));
            testImages.add(img);
        }
        Path resultsImg = work.resolve("results" + suffix + ".img");
        sparse(resultsImg, 256L << 20);
        // ext4 without a journal, mounted sync in the guest: partial results survive a guest crash.
        Processes.runMerged(List.of("mkfs.ext4", "-q", "-F", "-O", "^has_journal", "-L", "kreproresults", resultsImg.toString()), null, 120);
        disks.add(new Qemu.Disk(resultsImg, "kreproresults"));
        List<String> serials = disks.stream().map(Qemu.Disk::serial).filter(s -> !s.equals("kreproresults")).toList();
        disks.add(new Qemu.Disk(images.javaDisk(jar), GuestImage.JAVA_DISK_SERIAL, true));
        int heapMib = Math.max(256, spec.memoryMib() / 4);
        String javaOpts = GuestImage.GUEST_JAVA_OPTS + " -Xmx" + heapMib + "m";
        List<String> modules = rq.guestShell() != null ? List.of() : GuestImage.moduleNames(rq.kernel(), filesystemsAsked(guestArgs));
        GuestImage.RunEnv env = new GuestImage.RunEnv(rq.guestShell() != null ? "shell" : "run",
                rq.guestShell() != null ? rq.guestShell() : shellJoin(guestArgs), javaOpts, serials, "kreproresults",
                GuestImage.JAVA_DISK_SERIAL, spec.panicOnOops() ? 1 : 0, spec.panicOnWarn() ? 1 : 0, spec.hungTaskSecs(), modules, false);
        env = env.withAotTraining(rq.guestShell() == null && !Files.isRegularFile(images.aotCache(jar)));
        Path initrd = images.initrd(rq.kernel(), jar, env, work.resolve("initrd.cpio"));
        double buildSeconds = (System.nanoTime() - tb) / 1e9;
        log.printf("krepro vm: initrd %s (%d MiB) built in %.1f s%n", initrd, Files.size(initrd) >> 20, buildSeconds);

        String name = "krepro-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path pidFile = state.resolve(name + ".pid");
        Path guestOut = work.resolve("guest-output" + suffix + ".log");
        List<String> cmd = Qemu.command(spec, accel.accel(), rq.kernel(), initrd, disks, guestOut, pidFile, name);
        Path qemuCommand = work.resolve("qemu-command" + suffix + ".txt");
        Files.writeString(qemuCommand, shellJoin(cmd) + "\n");
        Path console = work.resolve("console" + suffix + ".log");
        RunnerConsoleClassifier cls;
        String[] versionLine = {null};
        GuestOutput output = new GuestOutput();
        Qemu.Outcome o;
        int bootRetries = 0;
        String bootRetryReason = "";
        while (true) {
            cls = new RunnerConsoleClassifier();
            o = Qemu.run(cmd, spec, console, guestOut, work.resolve("qemu-stderr" + suffix + ".log"), cls,
                    l -> {
                        if (!output.accept(l, System.nanoTime())) {
                            log.println("guest| " + l);
                        }
                    },
                    l -> {
                        if (versionLine[0] == null && l.contains("Linux version ")) {
                            versionLine[0] = l;
                        }
                        if (rq.echoConsole()) {
                            log.println("console| " + l);
                        }
                    }, TEST_MARKER);

            String reason = Accelerator.emulatorBootCrash(accel.accel(), o, console);
            if (reason == null || bootRetries >= 1) {
                break;
            }
            // Not the kernel under test: multi-threaded TCG racing the kernel's own text patching. Boot again,
            // keep the first console as evidence, and say so in the report.
            bootRetries++;
            bootRetryReason = reason;
            cls.finish();
            Files.move(console, work.resolve("console" + suffix + "-boot-attempt-" + bootRetries + ".log"), StandardCopyOption.REPLACE_EXISTING);
            log.println("krepro vm: " + reason + " before krepro started; booting again (emulator flake, not the kernel under test)");
        }
        cls.finish();
        Files.deleteIfExists(pidFile);
        double runningSeconds = output.runningSeconds(System.nanoTime());
        log.printf("krepro vm: guest ended %s after %.1f s (qemu exit %d)%n", o.end(), o.seconds(), o.qemuExit());

        // Results disk: ext4 read without mounting (debugfs rdump), else the tar stream of the fallback.
        Path guestDir = work.resolve("guest" + suffix);
        FileTrees.deleteQuietly(guestDir);
        Files.createDirectories(guestDir);
        Processes.runMerged(List.of("debugfs", "-R", "rdump / " + guestDir, resultsImg.toString()), null, 120);
        if (!Files.isRegularFile(guestDir.resolve("guest-info.properties"))) {
            Processes.runMerged(List.of("tar", "-xf", resultsImg.toString(), "-C", guestDir.toString()), null, 120);
        }
        FileTrees.deleteQuietly(guestDir.resolve("lost+found"));
        if (images.keepAot(jar, guestDir.resolve("krepro.aot"))) {
            log.println("krepro vm: kept the guest's AOT cache for later guests: " + images.aotCache(jar));
        }
        Properties info = new Properties();
        if (Files.isRegularFile(guestDir.resolve("guest-info.properties"))) {
            try (var r = Files.newBufferedReader(guestDir.resolve("guest-info.properties"))) {
                info.load(r);
            }
        }
        output.info().forEach(info::putIfAbsent);
        String release = info.getProperty("release", rq.kernel().release());
        boolean results = Files.isRegularFile(guestDir.resolve("MAGIC"))
                || Files.isDirectory(guestDir.resolve("reports").resolve(release));
        int guestExit = -1;
        if (results && Files.isRegularFile(guestDir.resolve("exit-code"))) {
            try {
                guestExit = Integer.parseInt(Files.readString(guestDir.resolve("exit-code")).trim());
            } catch (NumberFormatException ignored) {
                // leave -1
            }
        }
        List<HostFsck.Result> fsck = HostFsck.check(testImages);
        String version = info.getProperty("version", "");
        if (version.isEmpty() && versionLine[0] != null) {
            Matcher m = LINUX_VERSION.matcher(versionLine[0]);
            version = m.find() ? m.group(2) : versionLine[0];
        }
        ReportDir guestReport = ReportDir.of(guestDir.resolve("reports").resolve(release));
        RunResults guest = null;
        if (guestReport.hasResults()) {
            try {
                guest = guestReport.read();
            } catch (IOException e) {
                log.println("krepro vm: cannot read the guest's results.json: " + e.getMessage());
            }
        }

        // What the host saw that the guest did not attribute to a test: console reports, a hang, fsck damage.
        Set<String> guestTitles = new HashSet<>();
        if (guest != null) {
            guest.tests().forEach(t -> t.findings().forEach(f -> guestTitles.add(f.title())));
        }
        List<Finding> hostFindings = new ArrayList<>();
        for (Finding f : cls.findings()) {
            if (f.kind() == Finding.Kind.KERNEL_CRASH && !guestTitles.contains(f.title())
                    || f.kind() == Finding.Kind.KERNEL_FS && (guest == null || output.running() != null) && !guestTitles.contains(f.title())) {
                hostFindings.add(f);
            }
        }
        switch (o.end()) {
            case SILENT -> hostFindings.add(new Finding(Finding.Kind.KERNEL_CRASH,
                    "hang: no output from the guest for " + spec.silence().toSeconds() + " s", o.consoleTail()));
            case TIMEOUT -> hostFindings.add(new Finding(Finding.Kind.KERNEL_CRASH,
                    "hang: guest still running after " + spec.timeout().toSeconds() + " s", o.consoleTail()));
            default -> { }
        }
        StringBuilder fsckText = new StringBuilder();
        for (HostFsck.Result f : fsck) {
            if (f.checked() && !f.clean()) {
                hostFindings.add(new Finding(Finding.Kind.FSCK, f.title(), f.output()));
            }
            fsckText.append(f.output()).append('\n');
        }
        String detail = String.format(Locale.ROOT, "%s after %.1f s, qemu exit %d, guest exit %d", o.end(), o.seconds(),
                o.qemuExit(), guestExit);
        Map<String, String> evidence = new TreeMap<>(Map.of("console", "console" + suffix + ".log",
                "guest-output", "guest-output" + suffix + ".log"));
        GuestSession.Boot b = new GuestSession.Boot(number, o.end(), output.plan(), output.running(), runningSeconds, guest, hostFindings,
                o.consoleTail(), fsckText.toString(), evidence, guestExit, detail);
        return new BootRun(b, o, info, guest, release, version, results, buildSeconds, bootRetries, bootRetryReason, fsck,
                guestDir, console, guestOut, qemuCommand);
    }

    private static final Pattern PRINTK_TIME = Pattern.compile("^\\[\\s*(\\d+\\.\\d+)\\]");

    /**
     * Guest seconds (printk clock) from the last test-start marker before the first crash report to that
     * report: the time to hit. -1 when there is no crash after a marker.
     */
    static double markerToCrash(Path console) {
        double marker = -1;
        StreamingClassifier crash = null; // the runner's crash rules decide where a report starts
        try {
            for (String l : Files.readAllLines(console, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                Matcher t = PRINTK_TIME.matcher(l);
                if (!t.find()) {
                    continue;
                }
                double ts = Double.parseDouble(t.group(1));
                if (l.contains(TEST_MARKER) && l.contains(" start ")) {
                    marker = ts;
                    crash = new StreamingClassifier();
                } else if (crash != null) {
                    crash.feed(l);
                    if (crash.crashSeen()) {
                        return ts - marker;
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no figure
        }
        return -1;
    }

    /** {reproducer, fs, optionSet} of the host's test case. */
    static String[] hostCaseName(Request rq) {
        String reproducer = option(rq.guestArgs(), "--reproducer");
        String fs = option(rq.guestArgs(), "--fs");
        if (reproducer != null && !reproducer.contains(",")) {
            return new String[] {reproducer, fs == null || fs.contains(",") ? "vm" : fs, "vm"};
        }
        return new String[] {"vm", "vm", "guest"};
    }

    /** The first value of a long option, given as "--name value" or "--name=value"; null when absent. */
    static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The guest as the runner's HostInfo, from what the init wrote (or what QEMU was told). */
    static HostInfo guestHost(Properties info, String release, String version, VmSpec spec) {
        List<Integer> nodes = new ArrayList<>();
        for (String n : info.getProperty("numa_nodes", "").trim().split("\\s+")) {
            if (n.startsWith("node")) {
                nodes.add(Integer.parseInt(n.substring(4)));
            }
        }
        if (nodes.isEmpty()) {
            for (int i = 0; i < spec.numaNodes(); i++) {
                nodes.add(i);
            }
        }
        long mem = 0;
        try {
            mem = Long.parseLong(info.getProperty("memory_kb", "0")) * 1024;
        } catch (NumberFormatException ignored) {
            // unknown
        }
        return new HostInfo("krepro-guest", release, version, "x86_64",
                Integer.parseInt(info.getProperty("cpus", Integer.toString(spec.cpus()))),
                mem > 0 ? mem : (long) spec.memoryMib() << 20, nodes, Version.get());
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

    /** The filesystems a guest's krepro arguments ask for ({@code --fs a,b}); empty when they do not say (all). */
    static java.util.Set<String> filesystemsAsked(List<String> args) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = a.equals("--fs") && i + 1 < args.size() ? args.get(i + 1) : a.startsWith("--fs=") ? a.substring(5) : null;
            if (value != null) {
                for (String fs : value.split(",")) {
                    if (!fs.isBlank()) {
                        out.add(fs.trim());
                    }
                }
            }
        }
        return out;
    }
}
