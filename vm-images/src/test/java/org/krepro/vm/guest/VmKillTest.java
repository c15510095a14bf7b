package org.krepro.vm.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.runner.cli.Main;
import org.krepro.runner.io.FileTrees;
import org.krepro.vm.VmCache;
import org.krepro.vm.kernel.Kernels;

/**
 * The guest-boot phase of the kill test (the host phases are runner's KillReliabilityTest): a real
 * {@code krepro vm} is killed with SIGKILL, then SIGTERM, at a random point while its QEMU boots; afterwards
 * no process (QEMU included) may still run with the work dir in its command line, and no loop device or
 * mount may lie below it. {@code -Dkrepro.kills.boot=N} kills more often (2 by default).
 */
@Tag("qemu")
@Tag("root")
class VmKillTest {
    @Test
    void aKreproVmKilledDuringTheGuestBootLeavesNoQemuBehind() throws Exception {
        VmCache cache = VmCache.defaultCache();
        String kernel = VmGuestTest.testKernel(cache);
        new Kernels(cache).resolve(kernel, null); // fetched before the clock starts
        int kills = Integer.getInteger("krepro.kills.boot", 2);
        long seed = Long.getLong("krepro.kills.seed", System.nanoTime());
        Random random = new Random(seed);
        Path root = Files.createTempDirectory(Path.of("/var/tmp"), "krepro-vm-kill-");
        List<String> problems = new ArrayList<>();
        List<String> done = new ArrayList<>();
        try {
            for (int i = 0; i < kills; i++) {
                boolean sigkill = i % 2 == 0;
                Path work = root.resolve("work-" + i);
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                        "vm", "--kernel", kernel, "-r", "control-clean", "--fs", "ext4", "--duration", "2s",
                        "--work-dir", work.toString(), "--report-dir", root.resolve("reports-" + i).toString())
                        .redirectErrorStream(true).redirectOutput(root.resolve("vm-" + i + ".out").toFile()).start();
                String what = "kill " + i + " (" + (sigkill ? "SIGKILL" : "SIGTERM") + ", seed " + seed + ")";
                try {
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                    while (p.isAlive() && System.nanoTime() < deadline && qemusOf(work).isEmpty()) {
                        Thread.sleep(20);
                    }
                    if (!p.isAlive() || qemusOf(work).isEmpty()) {
                        problems.add(what + ": no QEMU started\n" + Files.readString(root.resolve("vm-" + i + ".out")));
                        continue;
                    }
                    int delay = random.nextInt(1500);
                    Thread.sleep(delay);
                    if (sigkill) {
                        p.destroyForcibly();
                    } else {
                        p.destroy();
                    }
                    if (!p.waitFor(60, TimeUnit.SECONDS)) {
                        problems.add(what + ": krepro vm still running 60 s after the signal");
                    }
                    long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    List<String> left = processesMentioning(work);
                    while (!left.isEmpty() && System.nanoTime() < gone) {
                        Thread.sleep(100);
                        left = processesMentioning(work);
                    }
                    if (!left.isEmpty()) {
                        problems.add(what + ": still running 30 s later: " + left);
                    }
                    List<String> host = hostLeftovers(work);
                    if (!host.isEmpty()) {
                        problems.add(what + ": left on the host: " + host);
                    }
                    done.add(what + " " + delay + " ms into the boot");
                } finally {
                    if (p.isAlive()) {
                        p.destroyForcibly().waitFor();
                    }
                    for (String q : qemusOf(work)) {
                        ProcessHandle.of(Long.parseLong(q.split(" ")[0])).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
        } finally {
            done.forEach(System.err::println);
            if (hostLeftovers(root).isEmpty()) {
                FileTrees.deleteQuietly(root);
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(kills, done.size());
    }

    static List<String> qemusOf(Path work) {
        return processesMentioning(work).stream().filter(s -> s.contains("qemu-system")).toList();
    }

    static List<String> processesMentioning(Path dir) {
        List<String> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().filter(h -> h.pid() != self).forEach(h -> {
            try {
                String cmd = Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).replace('\0', ' ');
                if (cmd.contains(dir.toString())) {
                    out.add(h.pid() + " " + cmd.strip());
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile
            }
        });
        return out;
    }

    /** Loop devices backed by files below {@code dir} and mounts below it. */
    static List<String> hostLeftovers(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        String d = dir.toRealPath().toString();
        try (var blocks = Files.list(Path.of("/sys/block"))) {
            for (Path b : blocks.filter(p -> p.getFileName().toString().startsWith("loop")).toList()) {
                Path backing = b.resolve("loop/backing_file");
                if (Files.exists(backing) && Files.readString(backing).strip().startsWith(d)) {
                    out.add(b.getFileName() + " -> " + Files.readString(backing).strip());
                }
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 1 && f[1].startsWith(d)) {
                out.add("mount " + f[0] + " on " + f[1]);
            }
        }
        return out;
    }
}
