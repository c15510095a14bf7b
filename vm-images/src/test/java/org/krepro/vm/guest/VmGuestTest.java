package org.krepro.vm.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.krepro.runner.spi.Finding;
import org.krepro.vm.VmCache;
import org.krepro.vm.controls.ControlKernelPanic;
import org.krepro.vm.image.GuestImage;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.Kernels;
import org.krepro.vm.qemu.Accelerator;
import org.krepro.vm.qemu.Qemu;
import org.krepro.vm.qemu.RunnerConsoleClassifier;
import org.krepro.vm.qemu.VmSpec;

/**
 * Boots a Debian cloud kernel under QEMU (TCG here: KVM is probed and found broken) and runs the controls
 * in the guest. The kernel is fetched through the same code path as {@code --kernel debian:NAME}.
 * Few and short: every guest costs ~20-40 s of emulation on this machine.
 */
@Tag("qemu")
@Tag("root")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmGuestTest {
    /** The kernel these tests were written against; Debian's archive keeps only the newest builds. */
    static final String PINNED = "debian:6.12.115+deb12-cloud-amd64";
    static String KERNEL;
    static VmCache cache;
    static GuestKernel kernel;
    static Path root;

    /** Another build of the 6.12 cloud series when the pinned one left the archive. */
    static final String SERIES = "debian:6\\.12\\.\\d+\\+deb\\d+-cloud-amd64";

    /** The spec every guest test boots: -Dkrepro.test.kernel, else {@link #PINNED} or its series' newest. */
    static String testKernel(VmCache cache) throws Exception {
        return System.getProperty("krepro.test.kernel", new Kernels(cache).pinnedOrNewest(PINNED, SERIES));
    }

    @BeforeAll
    static void fetch() throws Exception {
        cache = VmCache.defaultCache();
        KERNEL = testKernel(cache);
        kernel = new Kernels(cache).resolve(KERNEL, null);
        root = Files.createTempDirectory("krepro-vm-test");
    }

    /** Whether a test of this class failed: then its guests' logs, consoles and reports stay. */
    static volatile boolean failed;

    @org.junit.jupiter.api.extension.RegisterExtension
    static final org.junit.jupiter.api.extension.TestWatcher WATCHER = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };

    /**
     * Deletes the guests' work: all of it when every test passed (a directory per run used to stay in
     * /tmp); after a failure only the disk images, initramfs copies and jars (about 740 MB a run, 3.4 GB
     * apparent), so that the logs, consoles and reports stay for whoever looks at it.
     */
    @AfterAll
    static void dropImages() throws Exception {
        if (root == null) {
            return;
        }
        if (!failed) {
            org.krepro.runner.io.FileTrees.delete(root);
            return;
        }
        System.err.println("VmGuestTest: a test failed; its guests' logs and reports are in " + root);
        try (var files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".img") || n.endsWith(".cpio") || n.endsWith(".jar") || n.endsWith(".aot")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    static VmReport run(String name, VmSpec spec, String... guestArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--devices", "@DEVICES@", "--allow-host-crash", "--report-dir", "@REPORTS@"));
        args.addAll(List.of(guestArgs));
        Path work = root.resolve(name);
        PrintStream log = new PrintStream(Files.newOutputStream(Files.createDirectories(work).resolve("progress.log")), true);
        VmRunner.Request rq = new VmRunner.Request(kernel, spec, args, null, name, work.resolve("reports"), work.resolve("work"),
                log, false);
        return new VmRunner(cache).run(rq);
    }

    static VmSpec spec(int disks, Duration timeout) {
        return VmSpec.defaults().withDisks(disks, 256L << 20).withTimeout(timeout);
    }

    static List<String> ourQemus() throws Exception {
        List<String> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = p.info().commandLine().orElse("");
            if (cmd.contains("qemu-system") && cmd.contains(root.toString())) {
                out.add(p.pid() + " " + cmd);
            }
        });
        return out;
    }

    @Test
    @Order(1)
    void controlCleanPassesInAGuest() throws Exception {
        VmReport r = run("clean", spec(1, Duration.ofMinutes(5)), "--reproducer", "control-clean", "--fs", "ext4", "--duration", "3s");
        assertEquals(org.krepro.runner.report.Verdict.PASS, r.verdict(), r.title() + " / " + r.findings());
        assertEquals(Qemu.End.EXITED, r.end());
        assertTrue(r.resultsFound());
        assertEquals(0, r.guestExit());
        assertTrue(Files.isRegularFile(r.reportDir().resolve("results.json")));
        junitparserAgrees(r.reportDir());
        // the guest's results as KCIDB: valid against KernelCI's schema, the checkout naming the Debian package
        Path kcidb = root.resolve("clean-kcidb.json");
        assertEquals(0, org.krepro.runner.cli.Main.commandLine().execute("export", "--kcidb", kcidb.toString(),
                r.reportDir().toString()));
        kcidbValid(kcidb);
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(kcidb.toFile());
        if (KERNEL.startsWith("debian:")) {
            assertEquals(Kernels.packageName(KERNEL.substring("debian:".length())),
                    doc.get("checkouts").get(0).get("misc").get("debian_package").asText(), doc.toString());
        }
        assertEquals("PASS", doc.get("tests").get(0).get("status").asText());
        assertTrue(Files.isRegularFile(r.consoleLog()));
        assertTrue(r.properties().get("vm.numa").contains("node1"), r.properties().get("vm.numa"));
        assertTrue(r.properties().get("vm.kernel.version").contains("Debian"), r.properties().get("vm.kernel.version"));
        // Debian's cloud kernels have CONFIG_PVH: the guest booted the vmlinux unpacked from the bzImage
        assertTrue(r.properties().get("vm.kernel.boot").startsWith("PVH entry"), r.properties().get("vm.kernel.boot"));
        try (var s = Files.list(r.reportDir())) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().matches("TEST-.*\\.xml")));
        }
        // Benchmark row: a busybox-only boot of the same kernel, same shape, same run.
        Accelerator.Probe plain = Accelerator.benchBoot(new GuestImage(cache, GuestImage.hostJdk()), kernel, "tcg",
                spec(0, Duration.ofMinutes(2)), root.resolve("bench-busybox"));
        assertTrue(plain.ok(), plain.detail());
        String line = VmBench.line(r.release(), r, plain);
        System.out.println(line);
        Files.writeString(root.resolve("bench.txt"), line + "\n");
        assertTrue(ourQemus().isEmpty(), ourQemus().toString());
    }

    @Test
    @Order(2)
    void kernelWarningFailsWithTheConsoleTitle() throws Exception {
        VmReport r = run("warning", spec(1, Duration.ofMinutes(5)), "--reproducer", "control-kernel-warning", "--fs", "ext4",
                "--duration", "2s");
        assertEquals(org.krepro.runner.report.Verdict.FAIL, r.verdict(), r.title());
        assertTrue(r.title().startsWith("WARNING in "), r.title());
        // The title is on the console: the host's console classifier finds the same report.
        RunnerConsoleClassifier c = new RunnerConsoleClassifier();
        Files.readAllLines(r.consoleLog()).forEach(c::line);
        c.finish();
        assertTrue(c.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.KERNEL_CRASH && f.title().equals(r.title())),
                c.findings().toString());
        assertTrue(ourQemus().isEmpty(), ourQemus().toString());
    }

    @Test
    @Order(3)
    void guestPanicIsATitledFailWithinTheTimeoutAndNoQemuLeft() throws Exception {
        Duration timeout = Duration.ofMinutes(4);
        long t0 = System.nanoTime();
        VmReport r = run("panic", spec(1, timeout), "--reproducer", ControlKernelPanic.ID, "--fs", "ext4");
        double took = (System.nanoTime() - t0) / 1e9;
        assertEquals(org.krepro.runner.report.Verdict.FAIL, r.verdict());
        assertTrue(r.title().contains("sysrq triggered crash"), r.title());
        assertEquals(Qemu.End.CRASHED, r.end());
        assertTrue(r.totalSeconds() < timeout.toSeconds() && took < timeout.toSeconds() + 120, r.totalSeconds() + " s");
        assertTrue(Files.readString(r.consoleLog()).contains("Kernel panic - not syncing: sysrq triggered crash"));
        assertTrue(ourQemus().isEmpty(), ourQemus().toString());
        ProcessHandle.current().children().forEach(ch -> assertTrue(!ch.info().command().orElse("").contains("qemu"), ch.toString()));
    }

    @Test
    @Order(4)
    void aSilentGuestIsAHangWithTheConsoleTailAndIsReaped() throws Exception {
        VmSpec quiet = new VmSpec(2, 1024, 2, VmSpec.DiskKind.NVME, 0, 0, "auto", Duration.ofMinutes(4),
                Duration.ofSeconds(15), true, false, 0, List.of());
        Path work = root.resolve("hang");
        VmReport r = new VmRunner(cache).run(new VmRunner.Request(kernel, quiet, List.of(), "sleep 600", "hang",
                work.resolve("reports"), work.resolve("work"), null, false));
        assertEquals(Qemu.End.SILENT, r.end());
        assertEquals(org.krepro.runner.report.Verdict.FAIL, r.verdict());
        assertEquals("hang: no output from the guest for 15 s", r.title());
        assertTrue(r.findings().getFirst().detail().contains("Run /init"), "console tail as evidence");
        assertTrue(ourQemus().isEmpty(), ourQemus().toString());
    }

    @Test
    @Order(5)
    void aPanicDoesNotSwallowTheTestsAfterIt() throws Exception {
        VmReport r = run("restart", spec(1, Duration.ofMinutes(6)), "--reproducer",
                "control-clean,control-kernel-panic,control-kernel-warning", "--fs", "ext4", "--duration", "2s");
        var results = org.krepro.runner.report.RunResults.read(r.reportDir().resolve("results.json"));
        java.util.Map<String, org.krepro.runner.report.TestResult> byName = new java.util.HashMap<>();
        results.tests().forEach(t -> byName.put(t.reproducer(), t));
        assertEquals(java.util.Set.of("control-clean", ControlKernelPanic.ID, "control-kernel-warning"), byName.keySet(),
                results.tests().stream().map(t -> t.caseName()).toList().toString());
        assertEquals(3, results.tests().size(), "one row per requested test, no host row");
        assertEquals(org.krepro.runner.report.Verdict.PASS, byName.get("control-clean").verdict());
        assertTrue(byName.get(ControlKernelPanic.ID).headline().contains("sysrq triggered crash"),
                byName.get(ControlKernelPanic.ID).headline());
        assertTrue(byName.get("control-kernel-warning").headline().startsWith("WARNING in "),
                byName.get("control-kernel-warning").headline());
        int boots = Integer.parseInt(r.properties().get("vm.boots"));
        // the panic ends a boot unless it was the last test planned
        assertTrue(boots == 1 || boots == 2, "boots " + boots);
        assertTrue(Files.isRegularFile(r.reportDir().resolve("console.log")));
        if (boots == 2) {
            assertTrue(Files.isRegularFile(r.reportDir().resolve("console-boot2.log")));
        }
        // the JUnit files hold the same three cases
        String junit = Files.readString(r.reportDir().resolve("TEST-krepro.ext4.xml"));
        assertEquals(3, junit.split("<testcase ", -1).length - 1, junit);
        assertTrue(ourQemus().isEmpty(), ourQemus().toString());
    }

    /** ci/junit-check.py (python3-junitparser): every JUnit file in {@code dir} counts what results.json says. */
    static void junitparserAgrees(Path dir) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "needs Debian's python3-junitparser");
        Path script = Path.of(System.getProperty("krepro.repo.root", ".")).resolve("ci/junit-check.py");
        Process p = new ProcessBuilder(python.toString(), script.toString(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertEquals(0, p.exitValue(), out);
    }

    /** Debian's python3-jsonschema, with its format checker, against shared/schemas/kcidb-v5.3.json. */
    static void kcidbValid(Path doc) throws Exception {
        Path schema = null;
        for (Path p = Path.of(System.getProperty("krepro.repo.root", ".")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolveSibling("shared/schemas/kcidb-v5.3.json"))) {
                schema = p.resolveSibling("shared/schemas/kcidb-v5.3.json");
                break;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(schema != null, "shared/schemas/kcidb-v5.3.json not found");
        String script = "import json,sys,jsonschema\n"
                + "v=jsonschema.Draft7Validator(json.load(open(sys.argv[1])),format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)\n"
                + "e=[x.message for x in v.iter_errors(json.load(open(sys.argv[2])))]\nprint(e)\nsys.exit(1 if e else 0)\n";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, schema.toString(), doc.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
    }
}
