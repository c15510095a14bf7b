package org.krepro.vm.guest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;
import org.krepro.vm.qemu.Qemu;

/**
 * The host's view of one guest run.
 *
 * @param kernelSpec     what --kernel said
 * @param release        the guest's uname -r
 * @param version        the guest's uname -v (or the console's "Linux version" line)
 * @param accel          "kvm" or "tcg", and why
 * @param numa           NUMA layout as the guest saw it (or as QEMU was told)
 * @param end            how the guest run ended
 * @param verdict        PASS, FAIL or ERROR: the run's headline test's ({@code Verdicts.overall})
 * @param title          the first finding's title ("" on PASS)
 * @param findings       console findings, hang/timeout, host fsck, guest failure, in that order
 * @param guestExit      the guest krepro's exit code, -1 when it never reported one
 * @param resultsFound   whether the guest's results tar came back
 * @param testName       the host test case's name (the requested reproducer, or "guest")
 * @param bootSeconds    QEMU start to the guest's /init ("krepro-init: up"), -1 when not seen
 * @param javaSeconds    QEMU start to krepro's first output line in the guest
 * @param markerSeconds  QEMU start to the first test's kernel-log marker on the console (after mkfs, before
 *                       the mount; the first iteration is property vm.phase.first-iteration)
 * @param totalSeconds   QEMU start to QEMU gone
 * @param reportDir      reports/RELEASE/ where the JUnit XML and the evidence are
 * @param consoleLog     the console log kept as evidence
 * @param properties     everything else, as JUnit properties
 */
public record VmReport(String kernelSpec, String release, String version, String accel, String numa, Qemu.End end,
                       Verdict verdict, String title, List<Finding> findings, int guestExit, boolean resultsFound,
                       String testName, double bootSeconds, double javaSeconds, double markerSeconds, double totalSeconds,
                       Path reportDir, Path consoleLog, Map<String, String> properties) {

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
