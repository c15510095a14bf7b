package org.krepro.runner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;

class EvidenceTest {
    @Test
    void aFailureLeavesItsFilesBesideTheReport(@TempDir Path reportDir) throws Exception {
        Finding data = new Finding(Finding.Kind.DATA, "data: zeroed block 17 of f0003", "block 17: zeros");
        Finding fsck = new Finding(Finding.Kind.FSCK, "fsck: e2fsck found errors (exit 4)", "$ e2fsck -fn /dev/loop0");
        TestResult r = new TestResult("seed-x", "ext4", "default", Verdict.FAIL, "", List.of(fsck, data), 1.0, Map.of(),
                List.of(), "EXT4-fs error\n", "$ e2fsck -fn /dev/loop0\n", Map.of());
        Map<String, String> ev = new Evidence(reportDir, Progress.quiet()).write(r);
        assertEquals(Map.of("findings", "evidence/ext4/seed-x[default]/findings.txt",
                "kernel-log", "evidence/ext4/seed-x[default]/kernel-log.txt",
                "fsck", "evidence/ext4/seed-x[default]/fsck.txt",
                "verifier", "evidence/ext4/seed-x[default]/verifier.txt"), ev);
        assertEquals("EXT4-fs error\n", Files.readString(reportDir.resolve(ev.get("kernel-log"))));
        assertEquals(data.title() + "\n" + data.detail() + "\n\n", Files.readString(reportDir.resolve(ev.get("verifier"))));
        assertTrue(Files.readString(reportDir.resolve(ev.get("findings"))).contains(fsck.title()));
    }

    @Test
    void onlyWhatThereIsIsWritten(@TempDir Path reportDir) {
        TestResult r = new TestResult("seed-y", "xfs", "crc=0", Verdict.ERROR, "IOException: x", List.of(), 1.0, Map.of(),
                List.of(), "", "", Map.of());
        assertEquals(Map.of("findings", "evidence/xfs/seed-y[crc_0]/findings.txt"),
                new Evidence(reportDir, Progress.quiet()).write(r));
    }
}
