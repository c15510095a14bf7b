package org.krepro.vm.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.runner.coverage.RaceCoverage;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.vm.VmCache;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.Kernels;
import org.krepro.vm.qemu.VmSpec;

/**
 * Race-path coverage in a guest whose kernel has kprobe events (Debian 6.12 cloud, the kernel
 * VmGuestTest uses): control-clean on ext4 must count non-zero hits on every function it declares for
 * ext4, and the guest's kprobe_events, read again by the engine after it removed its probes, must hold
 * none of them, nor the group a killed krepro left behind, which the engine removes at its start.
 */
@Tag("qemu")
@Tag("root")
class VmCoverageTest {
    /** A probe group left by a krepro that was killed: pid 4000000 is above any 2-CPU guest's pid_max. */
    static final String STALE = "krepro_4000000";

    @Test
    void controlCleanReachesItsFunctionsInAGuestAndLeavesNoProbe() throws Exception {
        VmCache cache = VmCache.defaultCache();
        GuestKernel kernel = new Kernels(cache).resolve(VmGuestTest.testKernel(cache), null);
        Path work = Files.createTempDirectory("krepro-vm-coverage");
        // A krepro killed with its probes set, as the next run finds it: a group whose pid cannot exist
        // (above the guest's pid_max); then krepro as `krepro vm` runs it, with the guest's JVM options
        // (plain `java -jar`, G1 and tiered, died twice in CI with SIGSEGV in C1-compiled Unsafe
        // accesses; guests run SerialGC and C1 only); then what kprobe_events holds.
        String shell = String.join("\n",
                "T=/sys/kernel/tracing",
                "echo 'p:" + STALE + "/vfs_fsync_range vfs_fsync_range' >> $T/kprobe_events"
                        + " && echo 1 > $T/events/" + STALE + "/enable && echo STALE-SET",
                "java $JAVA_OPTS -jar /krepro/krepro.jar run --devices @DEVICES@ --allow-host-crash --report-dir @REPORTS@"
                        + " --reproducer control-clean --fs ext4 --duration 5s",
                "rc=$?",
                "echo KPROBE-EVENTS-AFTER; cat $T/kprobe_events; echo KPROBE-EVENTS-END",
                "exit $rc");
        PrintStream log = new PrintStream(Files.newOutputStream(work.resolve("progress.log")), true);
        VmReport r = new VmRunner(cache).run(new VmRunner.Request(kernel, VmSpec.defaults().withDisks(1, 256L << 20)
                .withTimeout(Duration.ofMinutes(5)), List.of(), shell, "coverage", work.resolve("reports"), work.resolve("work"),
                log, false));
        assertEquals(org.krepro.runner.report.Verdict.PASS, r.verdict(), r.title() + " / " + r.findings());
        assertTrue(r.resultsFound());

        TestResult t = RunResults.read(r.reportDir().resolve(RunResults.FILE_NAME)).tests().stream()
                .filter(x -> x.reproducer().equals("control-clean")).findFirst().orElseThrow();
        Map<String, String> p = t.properties();
        System.out.println("guest coverage: " + RaceCoverage.summary(p) + " " + RaceCoverage.counts(p) + " in "
                + p.get("duration.seconds") + " s, " + p.get("iterations") + " iterations, " + p.get("stopped.early"));
        for (String f : List.of("ext4_file_write_iter", "ext4_fiemap", "vfs_fsync_range")) {
            String v = p.get("coverage." + f);
            assertTrue(v != null && v.matches("\\d+") && Long.parseLong(v) > 0, f + ": " + v + " in " + p);
        }
        // every iteration of control-clean is one pwrite: the count cannot be below them
        assertTrue(Long.parseLong(p.get("coverage.ext4_file_write_iter")) >= Long.parseLong(p.get("iterations")), p.toString());
        assertEquals("0", p.get("coverage.left"), "the guest's kprobe_events still held krepro probes");
        assertEquals(RaceCoverage.Reach.REACHED, RaceCoverage.reach(p));
        assertTrue(p.get("coverage").startsWith("race path: 3/3 reached"), p.get("coverage"));

        String out = Files.readString(r.reportDir().resolve("guest-krepro-output.log"));
        assertTrue(out.contains("STALE-SET"), out);
        String after = out.substring(out.indexOf("KPROBE-EVENTS-AFTER"), out.indexOf("KPROBE-EVENTS-END"));
        assertFalse(after.contains("krepro_"), "krepro probes left in the guest's kprobe_events: " + after);
        assertTrue(Files.readString(r.reportDir().resolve("krepro.log")).contains("removed stale kprobe group " + STALE),
                "the stale group was removed by the engine at its start");
        FileTrees.deleteQuietly(work);
    }
}
