package org.krepro.runner.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.runner.cli.Main;

/**
 * Kills real {@code krepro run}s at random points of each phase (mkfs, workload, verify, fsck), with SIGKILL
 * and SIGTERM in turn, on ext4, xfs and btrfs in turn, and checks after each kill that the next start leaves
 * nothing behind: no loop device, mount, image or state record of the work dir, no process of the run
 * (mkfs, fsck, a QEMU or container would show the work dir in its command line), no krepro kprobe, and the
 * kernel-log lock free. A SIGTERMed run must have cleaned up by itself, before any next start.
 *
 * <p>{@code -Dkrepro.kills=N} sets the number of kills: 8 by default (two per phase, about 2 minutes
 * here), 24 or more for a thorough run; {@code -Dkrepro.kills.seed=S} replays a sequence.
 * The guest-boot phase is killed by vm-images' tests, not here.
 */
@Tag("root")
class KillReliabilityTest {
    enum Phase {
        MKFS("$ mkfs.", 40), WORKLOAD("$ mount -t ", 2000), VERIFY("$ mount -t ", 150), FSCK_PHASE(null, 40);

        final String marker;
        final int maxDelayMs;

        Phase(String marker, int maxDelayMs) {
            this.marker = marker;
            this.maxDelayMs = maxDelayMs;
        }

        /**
         * The index in the log where this phase begins, or -1. VERIFY is the test's second mount of its own
         * filesystem (the first is the workload's; a debugfs mount does not count).
         */
        int find(String log, String fs) {
            String m = marker == null ? null : marker.startsWith("$ mount") ? marker + fs + " " : marker;
            return switch (this) {
                case MKFS, WORKLOAD -> log.indexOf(m);
                case VERIFY -> {
                    int first = log.indexOf(m);
                    yield first < 0 ? -1 : log.indexOf(m, first + 1);
                }
                case FSCK_PHASE -> {
                    int i = -1;
                    for (String fsck : List.of("$ e2fsck", "$ xfs_repair", "$ btrfs check")) {
                        int j = log.indexOf(fsck);
                        i = j >= 0 && (i < 0 || j < i) ? j : i;
                    }
                    yield i;
                }
            };
        }
    }

    @Test
    void killedRunsLeaveNothingBehindAfterTheNextStart() throws Exception {
        Leftovers.assumeRoot();
        int kills = Integer.getInteger("krepro.kills", 8);
        long seed = Long.getLong("krepro.kills.seed", System.nanoTime());
        Random random = new Random(seed);
        System.err.println("KillReliabilityTest: " + kills + " kills, -Dkrepro.kills.seed=" + seed);
        String[] fss = {"ext4", "xfs", "btrfs"};
        Path root = Leftovers.tempRoot("kills");
        Path work = root.resolve("work");
        List<String> problems = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<String> leftByKills = new ArrayList<>();
        try {
            for (int i = 0; i < kills; i++) {
                Phase phase = Phase.values()[i % 4];
                boolean sigkill = (i / 4) % 2 == 0;
                String fs = fss[i % 3];
                Path reports = root.resolve("reports-" + i);
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                        Main.class.getName(), "run", "-r", "control-clean", "--fs", fs, "--duration", "3s",
                        "--lock-wait", "60s", "--work-dir", work.toString(), "--report-dir", reports.toString())
                        .redirectErrorStream(true).redirectOutput(root.resolve("run-" + i + ".out").toFile()).start();
                String what = "kill " + i + ": " + (sigkill ? "SIGKILL" : "SIGTERM") + " in " + phase + " on " + fs;
                try {
                    Path log = reports.resolve(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip()).resolve("krepro.log");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                    boolean reached = false;
                    while (p.isAlive() && System.nanoTime() < deadline) {
                        if (Files.exists(log) && phase.find(Files.readString(log), fs) >= 0) {
                            reached = true;
                            break;
                        }
                        Thread.sleep(5);
                    }
                    if (!reached || !p.isAlive()) {
                        problems.add(what + ": the run never reached the phase (alive " + p.isAlive() + ")\n"
                                + Files.readString(root.resolve("run-" + i + ".out")));
                        continue;
                    }
                    int delay = random.nextInt(phase.maxDelayMs + 1);
                    Thread.sleep(delay);
                    if (!p.isAlive()) {
                        problems.add(what + ": the run ended before the kill");
                        continue;
                    }
                    // the run's children (mkfs, fsck, mount) outlive a SIGKILL for a moment and hold the loop device
                    List<ProcessHandle> children = p.descendants().toList();
                    long t0 = System.nanoTime();
                    if (sigkill) {
                        p.destroyForcibly();
                    } else {
                        p.destroy();
                    }
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        problems.add(what + ": still running 30 s after the signal");
                        p.destroyForcibly().waitFor();
                    }
                    double exitSeconds = (System.nanoTime() - t0) / 1e9;
                    waitForOrphans(work, children, Duration.ofSeconds(30), problems, what);
                    if (!sigkill) {
                        // SIGTERM: the run's own shutdown hook must have cleaned up, without any next start
                        String left = leftovers(work);
                        if (!left.isEmpty()) {
                            problems.add(what + ": left behind after SIGTERM: " + left);
                        }
                        if (exitSeconds > 10.0) {
                            problems.add(what + String.format(": exited %.1f s after SIGTERM (want <= 10 s on a shared machine)", exitSeconds));
                        }
                    }
                    if (sigkill) {
                        // what the dead run left for the next start: proves the check below sees leftovers
                        String before = leftovers(work);
                        if (!before.isEmpty()) {
                            leftByKills.add(what + ": " + before);
                        }
                    }
                    try (Workspace next = Workspace.open(work, Workspace.Options.defaults().withLog(s -> { }))) {
                        // the next start: cleans what the dead run left
                    }
                    String left = leftovers(work);
                    if (!left.isEmpty()) {
                        problems.add(what + ": left behind after the next start: " + left);
                    }
                    try (HostLock free = HostLock.acquire(HostLock.defaultPath(), Duration.ofSeconds(5), "kill test", s -> { })) {
                        // the dead run's lock went with it
                    } catch (RuntimeException e) {
                        problems.add(what + ": kernel-log lock still held: " + e.getMessage());
                    }
                    done.add(String.format("%s after %d ms: exited in %.2f s", what, delay, exitSeconds));
                } finally {
                    if (p.isAlive()) {
                        p.destroyForcibly().waitFor();
                    }
                }
            }
        } finally {
            try (Workspace last = Workspace.open(work, Workspace.Options.defaults().withLog(s -> { }))) {
                // whatever a failed assertion left
            }
            done.forEach(System.err::println);
            leftByKills.forEach(l -> System.err.println("before the next start, " + l));
            Leftovers.assertNone(work);
            Leftovers.deleteTree(root);
        }
        assertEquals(List.of(), problems, String.join("\n", done));
        assertEquals(kills, done.size());
        if (kills >= 4) {
            assertTrue(!leftByKills.isEmpty(), "no SIGKILL left anything for the next start to clean: the kills missed the run");
        }
    }

    /**
     * Waits until the dead run's children have ended and no process mentions the work dir in its command
     * line (mkfs, fsck, qemu of the dead run): a user's next start comes later than that.
     */
    private static void waitForOrphans(Path work, List<ProcessHandle> children, Duration max, List<String> problems,
                                       String what) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        List<String> procs = running(work, children);
        while (!procs.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            procs = running(work, children);
        }
        if (!procs.isEmpty()) {
            problems.add(what + ": processes still running: " + procs);
        }
    }

    private static List<String> running(Path work, List<ProcessHandle> children) throws IOException {
        List<String> out = new ArrayList<>(processesMentioning(work));
        children.stream().filter(ProcessHandle::isAlive)
                .forEach(h -> out.add(h.pid() + " " + h.info().commandLine().orElse("?") + " (child of the dead run)"));
        return out;
    }

    static List<String> processesMentioning(Path dir) throws IOException {
        String needle = dir.toString();
        List<String> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().filter(h -> h.pid() != self).forEach(h -> {
            try {
                String cmd = Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).replace('\0', ' ');
                if (cmd.contains(needle)) {
                    out.add(h.pid() + " " + cmd.strip());
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile
            }
        });
        return out;
    }

    /** Loop devices, mounts, images and records of the work dir, and krepro kprobes; "" when none. */
    static String leftovers(Path work) throws IOException {
        List<String> out = new ArrayList<>();
        Path r = LoopDevices.canonical(work);
        out.addAll(Leftovers.loopDevicesUnder(r));
        Mounts.under(r).forEach(m -> out.add("mount " + m));
        for (String sub : List.of("images", "state")) {
            Path d = r.resolve(sub);
            if (Files.isDirectory(d)) {
                try (var s = Files.list(d)) {
                    s.filter(f -> sub.equals("images") || f.getFileName().toString().endsWith(".rec"))
                            .forEach(f -> out.add(sub + "/" + f.getFileName()));
                }
            }
        }
        for (Path events : List.of(Path.of("/sys/kernel/tracing/kprobe_events"), Path.of("/sys/kernel/debug/tracing/kprobe_events"))) {
            if (Files.isReadable(events)) {
                Files.readAllLines(events).stream().filter(l -> l.contains("krepro")).forEach(l -> out.add("kprobe " + l));
                break;
            }
        }
        return String.join(", ", out);
    }
}
