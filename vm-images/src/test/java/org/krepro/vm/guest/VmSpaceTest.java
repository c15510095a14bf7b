package org.krepro.vm.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.Main;
import org.krepro.runner.io.FileTrees;
import org.krepro.vm.VmCache;
import picocli.CommandLine;

/** A work dir on a small tmpfs: krepro vm refuses before booting (exit 3, naming it) instead of a guest on full disks. */
@Tag("qemu")
@Tag("root")
class VmSpaceTest {
    @Test
    void aWorkDirWithoutRoomForTheGuestDisksIsRefused() throws Exception {
        String kernel = VmGuestTest.testKernel(VmCache.defaultCache());
        Path root = Files.createTempDirectory(Path.of("/var/tmp"), "krepro-vm-space-");
        Path small = Files.createDirectories(root.resolve("small"));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96m", "krepro-test", small.toString())
                .inheritIO().start().waitFor());
        try {
            CommandLine cl = Main.commandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            int exit = cl.execute("vm", "--kernel", kernel, "-r", "control-clean", "--fs", "ext4", "--duration", "2s",
                    "--work-dir", small.toString(), "--report-dir", root.resolve("reports").toString());
            System.err.println("krepro vm said: " + err);
            assertEquals(ExitCodes.ENVIRONMENT, exit, err.toString());
            assertTrue(err.toString().contains(small.toString()) && !err.toString().contains("\tat "), err.toString());
            assertTrue(VmKillTest.processesMentioning(small).isEmpty(), "no QEMU started");
        } finally {
            new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor();
            FileTrees.delete(root);
        }
        assertEquals(List.of(), VmKillTest.hostLeftovers(Path.of("/var/tmp")).stream()
                .filter(l -> l.contains("krepro-vm-space-")).toList());
    }
}
