package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.Main;
import org.krepro.runner.engine.IoUringProbe;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import picocli.CommandLine;

/**
 * With the real sysctl kernel.io_uring_disabled=2 the io_uring reproducers are SKIPPED with the reason
 * (not ERROR on io_uring_setup's EPERM), and nothing is set up for them. The sysctl is put back whatever
 * happens.
 */
@Tag("root")
class IoUringDisabledTest {
    static final Path SYSCTL = Path.of("/proc/sys/kernel/io_uring_disabled");

    @TempDir
    Path dir;

    @Test
    void ioUringReproducersAreSkippedWithTheReasonWhenTheSysctlForbidsIt() throws Exception {
        assumeTrue(Files.isWritable(SYSCTL) && Files.exists(Path.of("/dev/loop-control")), "needs root and the sysctl");
        String original = Files.readString(SYSCTL).strip();
        assumeTrue(original.equals("0"), "io_uring must be enabled to begin with (is " + original + ")");
        assertNull(IoUringProbe.probe(), "io_uring works while enabled");
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        int exit;
        StringWriter err = new StringWriter();
        try {
            Files.writeString(SYSCTL, "2");
            assertEquals("io_uring is disabled by kernel.io_uring_disabled=2", IoUringProbe.probe());
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err));
            exit = cl.execute("run", "-r", "gup-dio-into-mmap,btrfs-eb-read-race", "--duration", "2s",
                    "--work-dir", dir.resolve("work").toString(), "--report-dir", dir.resolve("reports").toString());
        } finally {
            Files.writeString(SYSCTL, original);
        }
        assertEquals(original, Files.readString(SYSCTL).strip());
        assertEquals(ExitCodes.ALL_PASSED, exit, err.toString());
        List<TestResult> tests = RunResults.read(dir.resolve("reports").resolve(release).resolve(RunResults.FILE_NAME)).tests();
        assertFalse(tests.isEmpty());
        for (TestResult t : tests) {
            assertEquals(Verdict.SKIPPED, t.verdict(), t.caseName() + " " + t.fs());
            assertEquals("io_uring is disabled by kernel.io_uring_disabled=2", t.reason());
        }
        try (var s = Files.list(dir.resolve("work/images"))) {
            assertEquals(0, s.count(), "no image was made for a skipped test");
        }
    }
}
