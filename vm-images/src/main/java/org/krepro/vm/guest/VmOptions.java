package org.krepro.vm.guest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.cli.RunOptionsMixin;
import org.krepro.vm.qemu.VmSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Guest and run options shared by {@code krepro vm} and {@code krepro matrix} (a picocli mixin). {@link #run}
 * and {@link #kcidb} are public because matrix rewrites them for each shard job.
 */
public final class VmOptions {
    /** --reproducer, --fs, --duration, --seed, --report-dir, --work-dir...: the same options as `krepro run`. */
    @Mixin
    public RunOptionsMixin run = new RunOptionsMixin();
    @Parameters(paramLabel = "GUEST-ARG", description = "after --: krepro's arguments in the guest instead of `run ...`,"
            + " e.g. `-- list` or `-- --version`; @DEVICES@ and @REPORTS@ are replaced in the guest")
    List<String> guestArgs = new ArrayList<>();
    @Option(names = "--kcidb", paramLabel = "FILE",
            description = "Also write the results as a KernelCI KCIDB report to FILE (see krepro export).")
    public java.nio.file.Path kcidb;

    @Option(names = "--guest-shell", description = "run this busybox sh command in the guest instead of krepro"
            + " (debugging; e.g. 'echo c > /proc/sysrq-trigger')")
    String guestShell;
    /** --cpus, --memory, --numa-nodes, --disk(s), --accel, --timeout, --silence, --panic-on-*...: the guest. */
    @Mixin
    GuestShape guest = new GuestShape();

    VmSpec spec() {
        // Boot + JVM under TCG, then three times each test's budget (set-up, verification and fsck are
        // slow under emulation); all reproducers on all filesystems are about 20 tests.
        int tests = run.reproducers.isEmpty() ? 20 : run.reproducers.size() * Math.max(1, run.filesystems.isEmpty() ? 3 : run.filesystems.size());
        long budget = run.duration == null ? 60 : Math.max(1, run.duration.toSeconds());
        return guest.spec(budget * tests);
    }

    /** The guest's krepro command line. */
    List<String> guestArgs() {
        if (!guestArgs.isEmpty()) {
            return List.copyOf(guestArgs);
        }
        List<String> a = new ArrayList<>(List.of("run", "--devices", "@DEVICES@", "--allow-host-crash", "--report-dir", "@REPORTS@"));
        // The guest is disposable: it always may crash (added above, so not again from the shared options).
        run.toArguments().stream().filter(x -> !x.equals("--allow-host-crash")).forEach(a::add);
        return a;
    }

    /** Host-side scratch of the guests (disk images, initrd, logs): under the run's --work-dir. */
    Path workDir() {
        return run.workDir.resolve("vm");
    }

    String testName() {
        String name = run.reproducers.isEmpty() ? "guest" : String.join("+", run.reproducers);
        return run.filesystems.isEmpty() ? name : name + "[" + String.join(",", run.filesystems) + "]";
    }
}
