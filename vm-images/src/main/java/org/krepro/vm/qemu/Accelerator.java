package org.krepro.vm.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.krepro.vm.VmCache;
import org.krepro.vm.image.GuestImage;
import org.krepro.vm.kernel.GuestKernel;

/**
 * Chooses KVM or TCG. /dev/kvm existing is not enough (on some hosts it exists and a guest hangs or
 * dies with "KVM internal error"), so KVM is used only when a probe guest really booted under it: a
 * busybox-only initramfs that prints KREPRO-PROBE-OK and powers off, within a timeout. The result is
 * cached per host boot (keyed by /proc/sys/kernel/random/boot_id) under CACHE/per-boot.
 */
public final class Accelerator {

    /**
     * @param accel   "kvm" or "tcg"
     * @param reason  why: "kvm probe ok in 1.2 s", "/dev/kvm missing", "kvm probe failed: ...", "forced"
     * @param cached  whether the probe result came from the per-boot cache
     */
    public record Choice(String accel, String reason, boolean cached) {
    }

    private Accelerator() {
    }

    public static Choice choose(String requested, VmCache cache, GuestImage images, GuestKernel kernel, Path workDir)
            throws IOException {
        if ("tcg".equals(requested)) {
            return new Choice("tcg", "forced by --accel tcg", false);
        }
        if ("kvm".equals(requested)) {
            return new Choice("kvm", "forced by --accel kvm", false);
        }
        Path kvm = Path.of("/dev/kvm");
        if (!Files.exists(kvm)) {
            return new Choice("tcg", "/dev/kvm missing", false);
        }
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
            return new Choice("tcg", "/dev/kvm not accessible", false);
        }
        String bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        Path cached = cache.perBoot().resolve("kvm-probe-" + bootId + ".properties");
        if (Files.isRegularFile(cached)) {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(cached)) {
                p.load(r);
            }
            return new Choice(p.getProperty("accel", "tcg"), p.getProperty("reason", "cached"), true);
        }
        Probe probe = bootProbe(images, kernel, "kvm", Duration.ofSeconds(20), workDir.resolve("kvm-probe"));
        Choice c = probe.ok()
                ? new Choice("kvm", String.format("kvm probe ok in %.1f s", probe.seconds()), false)
                : new Choice("tcg", "kvm probe failed: " + probe.detail() + kvmVendorNote(Path.of("/sys/module")), false);
        Properties p = new Properties();
        p.setProperty("accel", c.accel());
        p.setProperty("reason", c.reason());
        p.setProperty("probed", Instant.now() + " with " + kernel.release());
        try (var w = Files.newBufferedWriter(cached)) {
            p.store(w, "krepro KVM probe, valid until the host reboots");
        }
        return c;
    }

    /**
     * Why a failed probe is no surprise, from the loaded KVM modules under {@code sysModule}: where
     * {@code kvm_pvm} is the only vendor module (a PVM host, as this project's CI machine has been), /dev/kvm runs
     * only guest kernels built for PVM, and QEMU stops at its first MSR or at the firmware's real mode
     * ("failed to set MSR 0x10a", "KVM internal error. Suberror: 1"). Empty otherwise.
     */
    static String kvmVendorNote(Path sysModule) {
        boolean pvm = Files.isDirectory(sysModule.resolve("kvm_pvm"));
        boolean hardware = Files.isDirectory(sysModule.resolve("kvm_intel")) || Files.isDirectory(sysModule.resolve("kvm_amd"));
        return pvm && !hardware ? "; this host's KVM is PVM (kvm_pvm), which boots only PVM guest kernels" : "";
    }

    /**
     * The result of a busybox-only boot: whether the probe line came, QEMU start to QEMU gone, QEMU start
     * to the init's probe line, what went wrong, and why it died of the emulator
     * ({@link #emulatorBootCrash}; null when it did not).
     */
    public record Probe(boolean ok, double seconds, double initSeconds, String detail, String emulatorCrash) {
    }

    /**
     * The benchmark's plain busybox boot: {@link #bootProbe}, booted once more (in {@code dir/again})
     * when the first died of the emulator's stale int3 (a CI run's VmGuestTest failed on one,
     * {@code sched_clock_cpu} 1.3 s into the boot), as a run's guest is. The second probe's detail says
     * that the first crashed.
     */
    public static Probe benchBoot(GuestImage images, GuestKernel kernel, String accel, VmSpec shape, Path dir)
            throws IOException {
        Probe first = bootProbe(images, kernel, accel, shape, dir);
        if (first.emulatorCrash() == null) {
            return first;
        }
        Probe again = bootProbe(images, kernel, accel, shape, dir.resolve("again"));
        return new Probe(again.ok(), again.seconds(), again.initSeconds(),
                again.detail() + " (booted again: the first boot " + first.detail() + ", " + first.emulatorCrash() + ")",
                again.emulatorCrash());
    }

    /**
     * Under multi-threaded TCG, QEMU 7.2 can let a vCPU execute a stale int3 while the kernel patches its
     * own text (static keys flipped during boot: "sched_clock: Marking stable", for one), which the guest
     * reports as "Oops: int3" and dies. When that happens before krepro has printed anything, the kernel
     * under test never ran a reproducer: returns why, so that the boot is retried once (a run's guest,
     * the benchmark's busybox boot); null otherwise.
     */
    public static String emulatorBootCrash(String accel, Qemu.Outcome o, Path console) {
        if (!"tcg".equals(accel) || o.firstOutputSeconds() >= 0) {
            return null;
        }
        try {
            for (String l : Files.readAllLines(console, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                if (l.contains("Oops: int3")) {
                    return "guest oopsed on a stale int3 during boot under multi-threaded TCG";
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /**
     * Boots {@code kernel} with a busybox-only initramfs under {@code accel}; ok when the init prints
     * KREPRO-PROBE-OK and the guest powers off within {@code limit}. Also the "plain busybox boot"
     * of the benchmark.
     */
    public static Probe bootProbe(GuestImage images, GuestKernel kernel, String accel, Duration limit, Path dir)
            throws IOException {
        return bootProbe(images, kernel, accel, new VmSpec(1, 512, 1, VmSpec.DiskKind.NVME, 0, 0, accel, limit, limit, true,
                false, 0, List.of()), dir);
    }

    /** The same with the guest shape of a real run (CPUs, memory, NUMA), for the benchmark. */
    public static Probe bootProbe(GuestImage images, GuestKernel kernel, String accel, VmSpec shape, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        Path initrd = images.probeInitrd(dir.resolve("probe-initrd.cpio"));
        VmSpec spec = new VmSpec(shape.cpus(), shape.memoryMib(), shape.numaNodes(), shape.diskKind(), 0, 0, accel,
                shape.timeout(), shape.silence(), true, false, 0, List.of());
        Path guestOut = dir.resolve("guest-output.log");
        List<String> cmd = Qemu.command(spec, accel, kernel, initrd, List.of(), guestOut, dir.resolve("qemu.pid"),
                "krepro-probe");
        RunnerConsoleClassifier cls = new RunnerConsoleClassifier();
        boolean[] ok = {false};
        long t0 = System.nanoTime();
        double[] okAt = {-1};
        Qemu.Outcome o = Qemu.run(cmd, spec, dir.resolve("console.log"), guestOut, dir.resolve("qemu-stderr.log"), cls,
                l -> {
                    if (l.contains("KREPRO-PROBE-OK")) {
                        ok[0] = true;
                        okAt[0] = (System.nanoTime() - t0) / 1e9;
                    }
                }, null, null);
        String detail = o.end() + " after " + String.format("%.1f s", o.seconds());
        if (o.qemuStderr().contains("KVM internal error")) {
            detail += ": KVM internal error";
        } else if (!o.qemuStderr().isBlank()) {
            String first = o.qemuStderr().lines().filter(l -> !l.contains("warning")).findFirst().orElse(o.qemuStderr().strip())
                    .replace("qemu-system-x86_64: ", "");
            detail += ": " + (first.length() > 80 ? first.substring(0, 80) + "..." : first);
        }
        boolean passed = ok[0] && o.end() == Qemu.End.EXITED;
        return new Probe(passed, o.seconds(), okAt[0], detail,
                passed ? null : emulatorBootCrash(accel, o, dir.resolve("console.log")));
    }
}
