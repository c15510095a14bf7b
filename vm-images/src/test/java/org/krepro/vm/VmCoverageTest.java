package org.krepro.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.runner.coverage.RaceCoverage;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;

/**
 * Race-path coverage in a guest whose kernel has kprobe events (Debian 6.12 cloud, the kernel
 * VmGuestTest uses): control-clean on ext4 must count non-zero hits on every function it declares for
 * ext4, and the guest's kprobe_events, read again by the engine after it removed its probes, must hold
 * none of them.
 */
@Tag("qemu")
class VmCoverageTest {

    @Test
    void controlCleanReachesItsFunctionsInAGuestAndLeavesNoProbe() throws Exception {
        VmCache cache = VmCache.defaultCache();
        String spec = System.getProperty("krepro.test.kernel",
                new Kernels(cache).pinnedOrNewest(VmGuestTest.PINNED, VmGuestTest.SERIES));
        GuestKernel kernel = new Kernels(cache).resolve(spec, null);
        Path work = Files.createTempDirectory("krepro-vm-coverage");
        List<String> args = new ArrayList<>(List.of("run", "--devices", "@DEVICES@", "--allow-host-crash", "--report-dir",
                "@REPORTS@", "--reproducer", "control-clean", "--fs", "ext4", "--duration", "5s"));
        PrintStream log = new PrintStream(Files.newOutputStream(work.resolve("progress.log")), true);
        VmReport r = new VmRunner(cache).run(new VmRunner.Request(kernel, VmSpec.defaults().withDisks(1, 256L << 20)
                .withTimeout(Duration.ofMinutes(5)), args, null, "coverage", work.resolve("reports"), work.resolve("work"), log, false));
        assertEquals("PASS", r.verdict(), r.title() + " / " + r.findings());
        assertTrue(r.resultsFound());

        TestResult t = RunResults.read(r.reportDir().resolve(RunResults.FILE_NAME)).tests().stream()
                .filter(x -> x.reproducer().equals("control-clean")).findFirst().orElseThrow();
        Map<String, String> p = t.properties();
        System.out.println("guest coverage: " + RaceCoverage.summary(p) + " " + RaceCoverage.counts(p));
        for (String f : List.of("ext4_file_write_iter", "ext4_fiemap", "vfs_fsync_range")) {
            String v = p.get("coverage." + f);
            assertTrue(v != null && v.matches("\\d+") && Long.parseLong(v) > 0, f + ": " + v + " in " + p);
        }
        assertEquals("0", p.get("coverage.left"), "the guest's kprobe_events still held krepro probes");
        assertEquals(RaceCoverage.Reach.REACHED, RaceCoverage.reach(p));
        assertTrue(p.get("coverage").startsWith("race path: 3/3 reached"), p.get("coverage"));
    }
}
