package org.krepro.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.report.RunResults;
import org.krepro.vm.VmCache;
import org.krepro.vm.kernel.Kernels;
import picocli.CommandLine;

/**
 * {@code krepro bisect-run}'s three exits with real QEMU guests of a Debian 6.12 kernel (TCG here):
 * good (control-clean stays clean), bad (control-kernel-warning's WARNING is the reproducer's own
 * failure) and skip on a kernel that does not boot (rdinit points nowhere: the kernel panics with
 * "VFS: Unable to mount root fs" before krepro starts, twice, so the commit cannot be tested).
 */
@Tag("qemu")
@Tag("root")
class BisectRunGuestTest {
    static String kernel;

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @BeforeAll
    static void kernel() throws Exception {
        kernel = System.getProperty("krepro.test.kernel", new Kernels(VmCache.defaultCache())
                .pinnedOrNewest("debian:6.12.115+deb12-cloud-amd64", "debian:6\\.12\\.\\d+\\+deb\\d+-cloud-amd64"));
    }

    private String out() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private int bisectRun(String... args) {
        BisectRunCommand cmd = new BisectRunCommand();
        cmd.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> a = new ArrayList<>(List.of("--kernel", kernel, "--fs", "ext4", "--duration", "3s", "--p-bad", "1",
                "--disk-size", "256", "--state", tmp.resolve("state.json").toString(),
                "--report-dir", tmp.resolve("reports").toString(), "--work-dir", tmp.resolve("work").toString(), "--seed", "11"));
        a.addAll(List.of(args));
        int rc = new CommandLine(cmd).execute(a.toArray(String[]::new));
        System.out.print(out()); // the step's log, as git bisect run would show it
        return rc;
    }

    private static List<String> qemusUnder(Path dir) {
        List<String> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            String cmd = p.info().commandLine().orElse("");
            if (cmd.contains("qemu-system") && cmd.contains(dir.toString())) {
                out.add(p.pid() + " " + cmd);
            }
        });
        return out;
    }

    private RunResults verdictOf() throws Exception {
        try (var dirs = Files.list(tmp.resolve("reports"))) {
            Path dir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            return RunResults.read(dir.resolve(RunResults.FILE_NAME));
        }
    }

    @Test
    void cleanGuestIsGood() throws Exception {
        assertEquals(0, bisectRun("--reproducer", "control-clean"), out());
        assertTrue(out().contains("GOOD (0) after 1 run"), out());
        assertEquals("GOOD", verdictOf().properties().get("bisect.verdict"));
        assertTrue(qemusUnder(tmp).isEmpty(), qemusUnder(tmp).toString());
    }

    @Test
    void reproducersOwnFailureInTheGuestIsBad() throws Exception {
        assertEquals(1, bisectRun("--reproducer", "control-kernel-warning"), out());
        assertTrue(out().contains("BAD (1) after 1 run"), out());
        assertTrue(out().contains("WARNING in"), out());
        assertEquals("BAD", verdictOf().properties().get("bisect.verdict"));
        assertTrue(qemusUnder(tmp).isEmpty(), qemusUnder(tmp).toString());
    }

    @Test
    void aKernelThatDoesNotBootIsSkipped() throws Exception {
        assertEquals(125, bisectRun("--reproducer", "control-clean", "--cmdline", "rdinit=/krepro-no-such-init"), out());
        assertTrue(out().contains("SKIP (125)"), out());
        assertTrue(out().contains("Unable to mount root"), out()); // the console's panic, kept in the reason
        assertEquals("SKIP", verdictOf().properties().get("bisect.verdict"));
        assertTrue(qemusUnder(tmp).isEmpty(), qemusUnder(tmp).toString());
    }
}
