package org.krepro.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one report layout: what is written, what a rewrite removes, what a remote run brings back. */
class ReportDirTest {

    @Test
    void writeLeavesResultsAndOneJUnitPerFilesystemAndDropsAnEarlierRunsStaleSuites(@TempDir Path tmp) throws Exception {
        ReportDir dir = ReportDir.of(tmp.resolve("6.12.115"));
        Files.createDirectories(dir.path());
        Files.writeString(dir.junit("xfs"), "<testsuite/>"); // an earlier run tested xfs; this one does not
        Files.writeString(dir.path().resolve("krepro.log"), "kept");
        RunResults run = ReportFixtures.run("6.12.115", Map.of());
        dir.write(run);
        assertTrue(dir.hasResults());
        assertEquals(run.tests().size(), dir.read().tests().size());
        assertTrue(Files.isRegularFile(dir.junit("ext4")) && Files.isRegularFile(dir.junit("btrfs")));
        assertFalse(Files.exists(dir.junit("xfs")), "a suite this run did not write would lie");
        assertTrue(Files.isRegularFile(dir.path().resolve("krepro.log")), "logs are not report files");
        assertEquals("TEST-krepro.ext4.xml", dir.junit("ext4").getFileName().toString());
        assertEquals(dir.path().resolve("evidence/ext4/ext4-jbd2-migration[2k]"), dir.evidence("ext4", "ext4-jbd2-migration[2k]"));
    }

    @Test
    void aRemoteRunsEvidenceComesBackWithoutItsReportFiles(@TempDir Path tmp) throws Exception {
        ReportDir guest = ReportDir.of(tmp.resolve("guest/6.12.115"));
        guest.write(ReportFixtures.run("6.12.115", Map.of()));
        Path ev = guest.evidence("ext4", "ext4-jbd2-migration[2k]").resolve("findings.txt");
        Files.createDirectories(ev.getParent());
        Files.writeString(ev, "finding");
        Files.writeString(guest.path().resolve("krepro.log"), "log");

        ReportDir host = ReportDir.of(tmp.resolve("host/6.12.115"));
        host.copyEvidenceFrom(guest.path(), name -> name.replaceFirst("(\\.[^.]+)?$", "-boot2$1"));
        assertTrue(Files.isRegularFile(host.evidence("ext4", "ext4-jbd2-migration[2k]").resolve("findings.txt")));
        assertTrue(Files.isRegularFile(host.path().resolve("krepro-boot2.log")), "top-level files may be renamed");
        assertFalse(host.hasResults(), "results are merged by the caller, not copied");
        assertFalse(Files.exists(host.junit("ext4")));

        assertEquals(List.of(guest.results()), ReportDir.findResults(tmp));
        assertEquals(List.of(), ReportDir.findResults(tmp, 1));
        assertEquals(List.of(), ReportDir.findResults(tmp.resolve("missing")));
    }
}
