package org.krepro.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.cli.Main;
import org.krepro.runner.report.RunResults;
import picocli.CommandLine;

/** The commands are found through the ServiceLoader, their help renders, and the per-kernel bisect JUnit is written. */
class CommandsTest {
    @TempDir
    Path tmp;

    @Test
    void subcommandsAreRegisteredAndDocumented() {
        CommandLine cl = Main.commandLine();
        for (String name : List.of("bisect-run", "bisect", "merge-reports", "shard-plan")) {
            CommandLine sub = cl.getSubcommands().get(name);
            assertTrue(sub != null, name + " not registered");
            StringWriter w = new StringWriter();
            sub.usage(new PrintWriter(w));
            assertTrue(w.toString().contains("Usage: krepro " + name), w.toString());
        }
        String help = usage(cl.getSubcommands().get("bisect-run"));
        for (String opt : List.of("--reproducer", "--duration", "--seed", "--report-dir", "--kernel-tree", "--kernel",
                "--calibrate", "--p-bad", "--bound", "--bad-after", "--bad-title", "--state", "--accel", "125")) {
            assertTrue(help.contains(opt), opt + " missing from\n" + help);
        }
        assertTrue(usage(cl.getSubcommands().get("bisect")).contains("--fix"));
    }

    @Test
    void usageErrorsOfThePrebuiltBisectAreUsageErrors() {
        CommandLine cl = Main.commandLine();
        assertEquals(2, cl.execute("bisect", "--kernels", "a", "--reproducer", "control-clean"));
        assertEquals(2, cl.execute("shard-plan", "--shard", "5/4", "--kernels", "a"));
    }

    @Test
    void bothBisectCommandsCheckTheJudgeOptionsAlike() {
        // one JudgeOptions mixin: the same values are refused by both (bisect: usage error 2; bisect-run: skip 125)
        for (String[] bad : List.of(new String[] {"--max-errors", "0"}, new String[] {"--bound", "1"},
                new String[] {"--p-bad", "0"}, new String[] {"--bad-after", "0"})) {
            List<String> prebuilt = new java.util.ArrayList<>(List.of("bisect", "--kernels", "a,b", "--reproducer", "control-clean"));
            prebuilt.addAll(List.of(bad));
            assertEquals(2, Main.commandLine().execute(prebuilt.toArray(String[]::new)), String.join(" ", bad));
            List<String> step = new java.util.ArrayList<>(List.of("bisect-run", "--kernel", "debian:none", "--reproducer",
                    "control-clean", "--state", tmp.resolve("s.json").toString()));
            step.addAll(List.of(bad));
            assertEquals(125, Main.commandLine().execute(step.toArray(String[]::new)), String.join(" ", bad));
        }
    }

    @Test
    void aJudgedKernelWithoutRunsStillGetsItsBisectSuite() throws Exception {
        VmKernelRunner r = new VmKernelRunner(new VmKernelRunner.Setup(null, null, List.of(), 1, "control-clean",
                Signature.any(), tmp, tmp.resolve("work"), System.out, false));
        r.planned(Plan.of(0.5, "test", 0.05, 1, 2));
        r.judged("debian:6.1.0-56-cloud-amd64", new Judgement("debian:6.1.0-56-cloud-amd64", Judgement.Verdict.SKIP, 0, 0, 1, 0,
                "cannot test: kernel not found", List.of(RunOutcome.error("kernel not found")), 0.1));
        Path dir = tmp.resolve("6.1.0-56-cloud-amd64");
        String xml = Files.readString(dir.resolve("TEST-krepro.bisect.xml"));
        assertTrue(xml.contains("<skipped") && xml.contains("cannot test: kernel not found"), xml);
        assertTrue(xml.contains("bisect.clean-runs-needed"), xml);
        assertEquals("SKIP", RunResults.read(dir.resolve("results.json")).properties().get("bisect.verdict"));
    }

    @Test
    void logLinesNameTheReleaseOfABuildTreeKernelNotJustItsPath() throws Exception {
        // In `git bisect run` every step boots the same O=/arch/x86/boot/bzImage: the release tells the steps apart.
        Path tree = tmp.resolve("build");
        Files.createDirectories(tree.resolve("arch/x86/boot"));
        Files.createDirectories(tree.resolve("include/config"));
        Files.writeString(tree.resolve("Makefile"), "# O= wrapper\n");
        Files.writeString(tree.resolve(".config"), "CONFIG_EXT4_FS=y\n");
        Files.writeString(tree.resolve("include/config/kernel.release"), "6.1.192-gb461bc6359fe\n");
        byte[] image = new byte[0x400];
        System.arraycopy("HdrS".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, image, 0x202, 4);
        Path bz = Files.write(tree.resolve("arch/x86/boot/bzImage"), image);
        VmKernelRunner r = new VmKernelRunner(new VmKernelRunner.Setup(null, null, List.of(), 1, "control-clean",
                Signature.any(), tmp, tmp.resolve("work"), System.out, false));
        assertEquals("6.1.192-gb461bc6359fe (" + bz + ")", r.describe(bz.toString()));
        assertEquals("debian:6.1.0-56-cloud-amd64", r.describe("debian:6.1.0-56-cloud-amd64"));
        assertEquals(tmp.resolve("missing").toString(), r.describe(tmp.resolve("missing").toString()));
    }

    private static String usage(CommandLine c) {
        StringWriter w = new StringWriter();
        c.usage(new PrintWriter(w));
        return w.toString();
    }
}
