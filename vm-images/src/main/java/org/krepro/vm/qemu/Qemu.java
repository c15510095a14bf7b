package org.krepro.vm.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.io.Processes;
import org.krepro.runner.report.RunEvents;
import org.krepro.vm.VmCache;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.PvhImage;

/**
 * Starts qemu-system-x86_64 for one guest, watches both serial ports and always reaps the process.
 * ttyS0 (the kernel console) comes through QEMU's stdout, is written to console.log and fed line by line
 * to a {@link ConsoleClassifier}; ttyS1 (the guest's user-space output) goes to guest-output.log, which
 * is tailed. The run ends when QEMU exits (guest powered off, or rebooted after a panic with
 * -no-reboot), when the classifier calls the console fatal (after a grace period), after
 * {@link VmSpec#silence()} without output on either port (hang), or at {@link VmSpec#timeout()}.
 */
public final class Qemu {

    public enum End { EXITED, CRASHED, SILENT, TIMEOUT }

    /**
     * What happened; timings are seconds since QEMU started, -1 when not seen. {@code phases}: when each
     * step of the guest's way to its first test was first seen, in order ({@link #PHASES}).
     */
    public record Outcome(End end, int qemuExit, double seconds, double initSeconds, double firstOutputSeconds,
                          double markerSeconds, String consoleTail, String qemuStderr, Map<String, Double> phases) {
    }

    /**
     * The phases of a guest's start, as the host sees them arrive: the kernel's first console line,
     * /init running, modules loaded, the JVM exec'd, krepro's first line, the first test's start, its
     * filesystem mounted, its kernel-log marker, its first iteration ({@link RunEvents} phase events).
     */
    public static final List<String> PHASES = List.of("kernel", "init", "modules", "exec-java", "krepro", "test-start",
            RunEvents.MOUNTED, "marker", RunEvents.FIRST_ITERATION);

    /**
     * A disk to attach: image file, serial the guest finds it by; a read-only one (the java disk) may be
     * shared by guests running at once.
     */
    public record Disk(Path image, String serial, boolean readOnly) {
        public Disk(Path image, String serial) {
            this(image, serial, false);
        }
    }

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Qemu::reap), "krepro-qemu-reaper"));
    }

    private Qemu() {
    }

    /**
     * qboot, QEMU's minimal firmware for direct kernel boot (qemu-system-data): the guest's kernel starts
     * about 1 s sooner than under SeaBIOS with TCG here and reaches /init 0.2-0.4 s sooner (README).
     * SeaBIOS when it is not installed.
     */
    static final Path QBOOT = Path.of("/usr/share/qemu/qboot.rom");

    /** The firmware option for {@link #command}: qboot when present, else QEMU's default (SeaBIOS). */
    static List<String> firmware(Path qboot) {
        return Files.isRegularFile(qboot) ? List.of("-bios", qboot.toString()) : List.of();
    }

    /** The kernel file QEMU boots: the PVH vmlinux unpacked from {@code image} when it has one ({@link PvhImage}). */
    public static Path bootImage(Path image) {
        try {
            return PvhImage.bootImage(image, VmCache.defaultCache().root().resolve("boot"));
        } catch (IOException | RuntimeException e) {
            return image; // the bzImage boots too, only slower
        }
    }

    public static Path binary() {
        Path p = Processes.which("qemu-system-x86_64").orElse(null);
        if (p == null) {
            throw new EnvironmentException("qemu-system-x86_64 not found (apt-get install qemu-system-x86)");
        }
        return p;
    }

    /** The full QEMU command line. */
    public static List<String> command(VmSpec spec, String accel, GuestKernel kernel, Path initrd, List<Disk> disks,
                                       Path guestOutput, Path pidFile, String name) {
        List<String> c = new ArrayList<>(List.of(binary().toString(), "-name", name,
                "-machine", "q35", "-cpu", accel.equals("kvm") ? "host" : "max",
                "-accel", accel.equals("kvm") ? "kvm" : "tcg,thread=multi",
                "-smp", spec.smp(), "-m", spec.memoryMib() + "M"));
        c.addAll(firmware(QBOOT));
        if (spec.numaNodes() > 1) {
            for (int n = 0; n < spec.numaNodes(); n++) {
                c.addAll(List.of("-object", "memory-backend-ram,id=mem" + n + ",size=" + spec.memOf(n) + "M"));
                StringBuilder node = new StringBuilder("node,nodeid=" + n + ",memdev=mem" + n);
                for (String cpu : spec.cpusOf(n).split(" ")) {
                    if (!cpu.isEmpty()) {
                        node.append(",cpus=").append(cpu);
                    }
                }
                c.addAll(List.of("-numa", node.toString()));
            }
        }
        List<String> cmdline = new ArrayList<>(List.of("console=ttyS0,115200", "panic=-1", "rdinit=/init",
                "loglevel=7", "printk.time=1", "nokaslr", "tsc=reliable", "no_timer_check",
                "mitigations=off", "audit=0", "random.trust_cpu=on"));
        cmdline.removeIf(String::isEmpty);
        cmdline.addAll(kernel.cmdline()); // a knock-out's defaults first, so --cmdline can override them
        cmdline.addAll(spec.extraCmdline());
        c.addAll(List.of("-kernel", bootImage(kernel.image()).toString(), "-initrd", initrd.toString(),
                "-append", String.join(" ", cmdline),
                "-display", "none", "-vga", "none", "-monitor", "none", "-nodefaults", "-no-reboot", "-no-user-config",
                "-serial", "stdio", "-serial", "file:" + guestOutput,
                "-pidfile", pidFile.toString()));
        int i = 0;
        for (Disk d : disks) {
            String id = "d" + i++;
            c.addAll(List.of("-drive", "file=" + d.image() + ",if=none,id=" + id + ",format=raw,"
                    + (d.readOnly() ? "readonly=on" : "cache=unsafe,aio=threads,discard=unmap")));
            if (spec.diskKind() == VmSpec.DiskKind.VIRTIO) {
                c.addAll(List.of("-device", "virtio-blk-pci,drive=" + id + ",serial=" + d.serial()));
            } else {
                c.addAll(List.of("-device", "nvme,drive=" + id + ",serial=" + d.serial()));
            }
        }
        return c;
    }

    /**
     * Runs QEMU to its end. {@code consoleLine} sees every console line; {@code outputLine} every line
     * of the guest's user-space output. {@code marker} (may be null) is a console substring whose first
     * appearance time is recorded (e.g. the runner's first test marker).
     */
    public static Outcome run(List<String> command, VmSpec spec, Path consoleLog, Path guestOutput, Path qemuStderr,
                              ConsoleClassifier classifier, Consumer<String> outputLine, Consumer<String> consoleLine,
                              String marker) throws IOException {
        Files.deleteIfExists(guestOutput);
        Files.createFile(guestOutput);
        List<String> argv = new ArrayList<>(command);
        Path setpriv = Processes.which("setpriv").orElse(null);
        if (setpriv != null) {
            // QEMU dies with krepro even when krepro is SIGKILLed (no shutdown hook runs then);
            // setpriv execs QEMU, so the pid stays the same. Stale pid files cover the rest.
            argv.addAll(0, List.of(setpriv.toString(), "--pdeathsig", "KILL", "--"));
        }
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(qemuStderr.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        LIVE.add(p);
        Map<String, Double> seen = new ConcurrentHashMap<>();
        long[] last = {System.nanoTime()};
        StringBuilder tail = new StringBuilder();
        try (OutputStream log = Files.newOutputStream(consoleLog)) {
            Thread console = Thread.ofPlatform().daemon().name("krepro-console").start(() -> {
                try (InputStream in = p.getInputStream()) {
                    byte[] buf = new byte[8192];
                    LineSplitter lines = new LineSplitter(l -> {
                        seen.putIfAbsent("kernel", (System.nanoTime() - t0) / 1e9);
                        classifier.line(l);
                        if (consoleLine != null) {
                            consoleLine.accept(l);
                        }
                        if (marker != null && !seen.containsKey("marker") && l.contains(marker)) {
                            seen.putIfAbsent("marker", (System.nanoTime() - t0) / 1e9);
                        }
                        synchronized (tail) {
                            tail.append(l).append('\n');
                            if (tail.length() > 64_000) {
                                tail.delete(0, tail.length() - 32_000);
                            }
                        }
                    });
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        log.write(buf, 0, n);
                        log.flush();
                        last[0] = System.nanoTime();
                        lines.feed(buf, n);
                    }
                    lines.finish();
                } catch (IOException ignored) {
                    // QEMU went away
                }
            });
            Thread output = Thread.ofPlatform().daemon().name("krepro-guest-output").start(() -> tail(guestOutput, p, t0, seen, last, outputLine));
            End end = null;
            long fatalAt = 0;
            while (end == null) {
                if (p.waitFor(Duration.ofMillis(100))) {
                    end = classifier.fatal() ? End.CRASHED : End.EXITED;
                    break;
                }
                long now = System.nanoTime();
                if (classifier.fatal()) {
                    if (fatalAt == 0) {
                        fatalAt = now;
                    } else if (now - fatalAt > 5_000_000_000L) {
                        end = End.CRASHED; // grace for trailing lines; a panic with -no-reboot exits by itself
                    }
                } else if (now - last[0] > spec.silence().toNanos()) {
                    end = End.SILENT;
                } else if (now - t0 > spec.timeout().toNanos()) {
                    end = End.TIMEOUT;
                }
            }
            reap(p);
            console.join(5000);
            output.join(2000);
            String t;
            synchronized (tail) {
                t = tail.toString();
            }
            String[] lines = t.split("\n");
            String lastLines = String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - 80), lines.length));
            String err = Files.exists(qemuStderr) ? Files.readString(qemuStderr) : "";
            return new Outcome(end, p.exitValue(), (System.nanoTime() - t0) / 1e9, seen.getOrDefault("init", -1.0),
                    seen.getOrDefault("krepro", -1.0), seen.getOrDefault("marker", -1.0), lastLines, err, ordered(seen));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            reap(p);
            LIVE.remove(p);
        }
    }

    /** The phases seen, in {@link #PHASES} order. */
    private static Map<String, Double> ordered(Map<String, Double> seen) {
        Map<String, Double> out = new LinkedHashMap<>();
        PHASES.stream().filter(seen::containsKey).forEach(k -> out.put(k, seen.get(k)));
        return Collections.unmodifiableMap(out);
    }

    /** The start phase an output line of the guest's marks, or null. */
    static String phaseOf(String line) {
        if (line.startsWith("krepro-init: up")) {
            return "init";
        }
        if (line.startsWith("krepro-init: modules loaded")) {
            return "modules";
        }
        if (line.startsWith("krepro-init: exec java")) {
            return "exec-java";
        }
        if (line.startsWith("krepro-init:") || line.startsWith("krepro-info:")) {
            return null;
        }
        var ev = RunEvents.parse(line);
        if (ev.isEmpty()) {
            return "krepro";
        }
        return ev.get().is("start") ? "test-start" : ev.get().is("phase") ? ev.get().phase() : "krepro";
    }

    private static void tail(Path file, Process p, long t0, Map<String, Double> seen, long[] last,
                             Consumer<String> outputLine) {
        LineSplitter lines = new LineSplitter(l -> {
            double t = (System.nanoTime() - t0) / 1e9;
            String phase = phaseOf(l);
            boolean fromInit = phase == null || phase.equals("init") || phase.equals("modules") || phase.equals("exec-java");
            if (phase != null) {
                seen.putIfAbsent(phase, t);
            }
            if (!fromInit) {
                seen.putIfAbsent("krepro", t); // krepro's first line, whatever it is (the plan event comes first)
            }
            if (outputLine != null) {
                outputLine.accept(l);
            }
        });
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] buf = new byte[8192];
            boolean alive = true;
            while (true) {
                int n = raf.read(buf);
                if (n <= 0) {
                    if (!alive) {
                        break;
                    }
                    alive = p.isAlive();
                    Thread.sleep(50);
                    continue;
                }
                last[0] = System.nanoTime();
                lines.feed(buf, n);
            }
        } catch (IOException | InterruptedException ignored) {
            // done
        }
    }

    /** SIGTERM, then SIGKILL; always waits, so no QEMU is left behind. */
    static void reap(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(Duration.ofSeconds(3))) {
                p.destroyForcibly();
                p.waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills QEMU processes a killed krepro left behind: pid files in {@code stateDir} named
     * {@code krepro-<owner pid>-<n>.pid} whose owner (the krepro JVM that started the guest) is gone and
     * whose process is a qemu-system naming that pid file. A guest whose owner still runs is left alone:
     * several krepro runs (other users, CI) share the state directory.
     */
    public static int reapStale(Path stateDir) {
        int n = 0;
        if (!Files.isDirectory(stateDir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(stateDir)) {
            for (Path pf : s.filter(x -> x.getFileName().toString().matches("krepro-\\d+-\\d+\\.pid")).toList()) {
                long owner = Long.parseLong(pf.getFileName().toString().split("-")[1]);
                var ownerHandle = ProcessHandle.of(owner);
                if (ownerHandle.isPresent() && ownerHandle.get().info().command().orElse("").contains("java")) {
                    continue; // its krepro is alive and will reap it
                }
                try {
                    long pid = Long.parseLong(Files.readString(pf).trim());
                    var ph = ProcessHandle.of(pid);
                    if (ph.isPresent()) {
                        String cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
                        if (cmd.contains("qemu-system") && cmd.contains(pf.toString())) {
                            ph.get().destroyForcibly();
                            ph.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                            n++;
                        }
                    }
                } catch (Exception e) {
                    // unreadable or already gone
                }
                try {
                    Files.deleteIfExists(pf);
                } catch (IOException ignored) {
                    // ignore
                }
            }
        } catch (IOException ignored) {
            // nothing to do
        }
        return n;
    }
}
