package org.krepro.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The exit codes of {@code krepro bisect-run}: 0 good, 1 bad, 125 skip, never anything else. Good/bad
 * with a scripted runner; skip with the real VM runner on a missing or garbage kernel (fails before any
 * QEMU starts) and with a fake {@code make} on PATH for the build.
 */
class BisectRunCommandTest {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private int exec(BisectRunCommand cmd, String... args) {
        cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--state", tmp.resolve("state.json").toString(), "--report-dir", tmp.resolve("reports").toString(),
                "--work-dir", tmp.resolve("work").toString(), "--seed", "7"));
        return new CommandLine(cmd).execute(a.toArray(String[]::new));
    }

    private static BisectRunCommand scripted(KernelRunner r) {
        BisectRunCommand c = new BisectRunCommand();
        c.factory = setup -> r;
        return c;
    }

    @Test
    void goodAfterTheCleanRunsThePlanAsks() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        int rc = exec(scripted((k, i) -> {
            runs.incrementAndGet();
            return RunOutcome.clean();
        }), "--reproducer", "control-clean", "--kernel", "debian:fake", "--p-bad", "0.5");
        assertEquals(0, rc, out());
        assertEquals(5, runs.get()); // (1-0.5)^5 = 0.031 <= 0.05
        assertTrue(out().contains("GOOD (0) after 5 runs"), out());
        assertTrue(out().contains("accumulated P(wrong answer) over 1 steps <= 0.0313"), out());
        BisectState st = BisectState.load(tmp.resolve("state.json"), "control-clean");
        assertEquals(1, st.steps().size());
        assertEquals("GOOD", st.steps().getFirst().verdict());
    }

    @Test
    void badAtTheFirstFailure() {
        int rc = exec(scripted((k, i) -> RunOutcome.bug("WARNING in ext4_fiemap")), "--reproducer", "control-clean",
                "--kernel", "debian:fake", "--p-bad", "0.2");
        assertEquals(1, rc, out());
        assertTrue(out().contains("BAD (1) after 1 run"), out());
    }

    @Test
    void infrastructureErrorsAndInternalFailuresSkip() {
        assertEquals(125, exec(scripted((k, i) -> RunOutcome.error("no results from the guest")), "--reproducer", "control-clean",
                "--kernel", "debian:fake", "--p-bad", "1"), out());
        assertEquals(125, exec(scripted((k, i) -> {
            throw new OutOfMemoryError("simulated");
        }), "--reproducer", "control-clean", "--kernel", "debian:fake", "--p-bad", "1"), out());
        BisectRunCommand broken = new BisectRunCommand();
        broken.factory = setup -> {
            throw new IllegalStateException("no QEMU");
        };
        assertEquals(125, exec(broken, "--reproducer", "control-clean", "--kernel", "debian:fake", "--p-bad", "1"), out());
        // wrong use after parsing is a skip too, never 2 or >= 128
        assertEquals(125, exec(scripted((k, i) -> RunOutcome.clean()), "--reproducer", "a,b", "--kernel", "x", "--p-bad", "1"));
        assertEquals(125, exec(scripted((k, i) -> RunOutcome.clean()), "--reproducer", "a", "--kernel", "x", "--p-bad", "1.5"));
    }

    @Test
    void noCalibrationNoPlanSkips() {
        int rc = exec(scripted((k, i) -> RunOutcome.clean()), "--reproducer", "control-clean", "--kernel", "debian:fake");
        assertEquals(125, rc);
        assertTrue(out().contains("no reproduction probability"), out());
    }

    @Test
    void calibrationIsPersistedAndPlansTheNextSteps() throws Exception {
        boolean[] script = {true, false, true, false, true, false, false, true, false, false}; // 4/10
        AtomicInteger i = new AtomicInteger();
        int rc = exec(scripted((k, n) -> script[i.getAndIncrement()] ? RunOutcome.bug("WARNING in x") : RunOutcome.clean()),
                "--reproducer", "control-clean", "--kernel", "debian:bad", "--calibrate", "10");
        assertEquals(1, rc, out());
        BisectState st = BisectState.load(tmp.resolve("state.json"), "control-clean");
        assertEquals(10, st.calibrationRuns());
        assertEquals(4, st.calibrationFailures());
        Stats.Interval e = Stats.estimate(4, 10);
        int n = Stats.runsNeeded(e.lo(), 0.05);
        assertEquals(24, n); // CP lower 0.12155 -> ln 0.05 / ln 0.87845 = 23.1 -> 24
        bytes.reset();
        AtomicInteger runs = new AtomicInteger();
        rc = exec(scripted((k, m) -> {
            runs.incrementAndGet();
            return RunOutcome.clean();
        }), "--reproducer", "control-clean", "--kernel", "debian:good");
        assertEquals(0, rc, out());
        assertEquals(n, runs.get());
        assertTrue(out().contains("Clopper-Pearson interval of 4/10"), out());
    }

    @Test
    void missingKernelImageSkipsWithoutBooting() {
        long t0 = System.nanoTime();
        int rc = exec(new BisectRunCommand(), "--reproducer", "control-clean", "--kernel", tmp.resolve("nope/bzImage").toString(),
                "--p-bad", "1");
        assertEquals(125, rc, out());
        assertTrue(out().contains("cannot test"), out());
        assertTrue((System.nanoTime() - t0) / 1e9 < 30);
    }

    @Test
    void garbageKernelImageSkipsWithoutBooting() throws Exception {
        Path img = tmp.resolve("vmlinuz-6.1.0-garbage");
        byte[] junk = new byte[8192];
        new Random(3).nextBytes(junk);
        Files.write(img, junk);
        long t0 = System.nanoTime();
        int rc = exec(new BisectRunCommand(), "--reproducer", "control-clean", "--kernel", img.toString(), "--p-bad", "1");
        assertEquals(125, rc, out());
        assertTrue(out().contains("not a bzImage") || out().contains("cannot"), out());
        assertTrue((System.nanoTime() - t0) / 1e9 < 30);
    }

    /** A kernel tree the build step accepts, and a fake make that logs its arguments. */
    private Path fakeTree() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("linux"));
        Files.writeString(tree.resolve("Makefile"), "# fake\n");
        Files.writeString(tree.resolve("Kconfig"), "# fake\n");
        Files.createDirectories(tree.resolve("arch/x86"));
        return tree;
    }

    private Map<String, String> fakeMakeEnv(String behaviour, boolean ccache) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        String script = """
                #!/bin/sh
                # fake make: records its arguments; $BEHAVIOUR decides
                echo "$@" >> "%s"
                out=""
                for a in "$@"; do case "$a" in O=*) out="${a#O=}";; esac; done
                case " $* " in
                  *" defconfig "*) echo "CONFIG_X86_64=y" > "$out/.config"; exit 0;;
                  *" olddefconfig "*) exit 0;;
                esac
                if [ "%s" = fail ]; then echo "fs/ext4/inode.c:1: error: expected ';'" >&2; exit 2; fi
                mkdir -p "$out/arch/x86/boot" "$out/include/config"
                printf 'garbage, not a kernel' > "$out/arch/x86/boot/bzImage"
                echo "6.1.0-00001-gfake" > "$out/include/config/kernel.release"
                : > "$out/Makefile"; : > "$out/modules.order"
                exit 0
                """.formatted(tmp.resolve("make.log"), behaviour);
        Path make = bin.resolve("make");
        Files.writeString(make, script);
        Files.setPosixFilePermissions(make, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (ccache) {
            Path cc = bin.resolve("ccache");
            Files.writeString(cc, "#!/bin/sh\nexec \"$@\"\n");
            Files.setPosixFilePermissions(cc, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("HOME", tmp.toString());
        return env;
    }

    @Test
    void failedBuildSkips() throws Exception {
        Path tree = fakeTree();
        BisectRunCommand c = new BisectRunCommand();
        c.buildEnv = fakeMakeEnv("fail", false);
        AtomicInteger booted = new AtomicInteger();
        c.factory = setup -> (k, i) -> {
            booted.incrementAndGet();
            return RunOutcome.clean();
        };
        int rc = exec(c, "--reproducer", "control-clean", "--kernel-tree", tree.toString(), "--build-dir",
                tmp.resolve("out").toString(), "--p-bad", "1");
        assertEquals(125, rc, out());
        assertEquals(0, booted.get());
        assertTrue(out().contains("make bzImage modules failed (exit 2)"), out());
        assertTrue(out().contains("error: expected ';'"), out()); // the log's tail is shown
        BisectState st = BisectState.load(tmp.resolve("state.json"), "control-clean");
        assertEquals("SKIP", st.steps().getFirst().verdict());
        assertTrue(st.steps().getFirst().reason().startsWith("build failed"));
    }

    @Test
    void buildStepsFragmentAndCcacheThenAnUnbootableImageSkips() throws Exception {
        Path tree = fakeTree();
        BisectRunCommand c = new BisectRunCommand();
        c.buildEnv = fakeMakeEnv("ok", true);
        Path out = tmp.resolve("out");
        int rc = exec(c, "--reproducer", "control-clean", "--kernel-tree", tree.toString(), "--build-dir", out.toString(),
                "--p-bad", "1", "-j", "3", "--debug-config");
        assertEquals(125, rc, out()); // the fake bzImage has no boot header: cannot test, no QEMU
        assertTrue(out().contains("not a bzImage"), out());
        List<String> make = Files.readAllLines(tmp.resolve("make.log"));
        assertEquals(3, make.size(), make.toString());
        String o = "O=" + out.toAbsolutePath();
        assertTrue(make.get(0).contains("-C " + tree.toAbsolutePath()) && make.get(0).contains(o) && make.get(0).endsWith("defconfig"),
                make.get(0));
        assertTrue(make.get(0).contains("CC=" + tmp.resolve("bin/ccache") + " gcc"), make.get(0));
        assertTrue(make.get(1).endsWith("olddefconfig"), make.get(1));
        assertTrue(make.get(2).endsWith("-j3 bzImage modules"), make.get(2));
        String config = Files.readString(out.resolve(".config"));
        assertTrue(config.startsWith("CONFIG_X86_64=y\n"), config);
        for (String opt : List.of("CONFIG_VIRTIO_BLK=y", "CONFIG_BLK_DEV_NVME=y", "CONFIG_EXT4_FS=y", "CONFIG_XFS_FS=y",
                "CONFIG_BTRFS_FS=y", "CONFIG_IO_URING=y", "CONFIG_NUMA=y", "CONFIG_KASAN=y", "# CONFIG_WERROR is not set")) {
            assertTrue(config.contains(opt + "\n"), opt);
        }
        // olddefconfig of the fake make keeps everything, so nothing required is reported missing
        assertTrue(!out().contains("did not take"), out());
    }

    @Test
    void notAKernelTreeSkips() {
        int rc = exec(new BisectRunCommand(), "--reproducer", "control-clean", "--kernel-tree", tmp.toString(), "--p-bad", "1",
                "--build-dir", tmp.resolve("o").toString());
        assertEquals(125, rc, out());
        assertTrue(out().contains("not a kernel source tree"), out());
    }

    @Test
    void checkPrintsThePlanAndRunsNothing() {
        AtomicInteger runs = new AtomicInteger();
        int rc = exec(scripted((k, i) -> {
            runs.incrementAndGet();
            return RunOutcome.clean();
        }), "--reproducer", "control-clean", "--kernel", "debian:x", "--p-bad", "0.1", "--check");
        assertEquals(0, rc, out());
        assertEquals(0, runs.get());
        assertTrue(out().contains("good after 29 clean runs"), out());
    }
}
