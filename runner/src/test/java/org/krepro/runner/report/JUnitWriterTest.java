package org.krepro.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.spi.Finding;

public class JUnitWriterTest {

    static Path schema() {
        Path p = Path.of(System.getProperty("krepro.repo.root", ".")).resolve("../shared/schemas/JUnit.xsd").normalize();
        assertTrue(Files.isRegularFile(p), "JUnit schema not found at " + p);
        return p;
    }

    /** Validates a report against shared/schemas/JUnit.xsd; throws with the validator's message. */
    public static void validate(Path xml) throws Exception {
        var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.newSchema(schema().toFile()).newValidator().validate(new StreamSource(xml.toFile()));
    }

    static RunResults sample() {
        HostInfo host = new HostInfo("box", "6.18.0-test", "#1 SMP PREEMPT_DYNAMIC", "x86_64", 2, 24L << 30, List.of(0), "dev");
        String log = "[   12.345678] WARNING: CPU: 1 PID: 77 at fs/ext4/inode.c:3664 ext4_dirty_folio+0x5a/0x70\n"
                + "esc \u001b[31m bell \u0007 nul \u0000 end\n";
        TestResult pass = new TestResult("control-clean", "ext4", "4k", Verdict.PASS, "", List.of(), 1.5,
                new TreeMap<>(Map.of("seed", "42", "iterations", "100")), List.of("a note"), "", "", new TreeMap<>());
        TestResult fail = new TestResult("gup-dio-into-mmap", "ext4", "4k", Verdict.FAIL, "",
                List.of(new Finding(Finding.Kind.KERNEL_CRASH, "WARNING in ext4_dirty_folio", log),
                        new Finding(Finding.Kind.FSCK, "fsck: e2fsck found errors (exit 4)", "Inode 12 ...")),
                3.25, new TreeMap<>(Map.of("seed", "42")), List.of(), log, "e2fsck -fn /dev/loop7\nexit 4\n",
                new TreeMap<>(Map.of("kernel-log", "evidence/ext4/x/kernel-log.txt")));
        TestResult skip = new TestResult("ext4-inline-data-mkwrite", "ext4", "1k", Verdict.SKIPPED, "may crash the running kernel",
                List.of(), 0.0, new TreeMap<>(), List.of(), "", "", new TreeMap<>());
        TestResult err = new TestResult("btrfs-eb-read-race", "btrfs", "raid0", Verdict.ERROR, "IOException: mkfs failed",
                List.of(), 0.2, new TreeMap<>(), List.of(), "", "", new TreeMap<>());
        return new RunResults(host, "2026-11-22T03:00:00", new TreeMap<>(Map.of("device.kind", "loop")), List.of(pass, fail, skip, err));
    }

    @Test
    void reportsValidateAgainstTheSchemaOnePerFilesystem(@TempDir Path dir) throws Exception {
        List<Path> files = JUnitWriter.write(sample(), dir);
        assertEquals(2, files.size(), "one file per filesystem");
        for (Path f : files) {
            validate(f);
        }
        String ext4 = Files.readString(dir.resolve("TEST-krepro.ext4.xml"));
        assertTrue(ext4.contains("failures=\"1\""), ext4);
        assertTrue(ext4.contains("skipped=\"1\""), ext4);
        assertTrue(ext4.contains("message=\"WARNING in ext4_dirty_folio\""), ext4);
        assertTrue(ext4.contains("name=\"gup-dio-into-mmap[4k].seed\""), "per-test properties are prefixed");
        assertTrue(ext4.contains("\\x1b[31m") && ext4.contains("\\x07") && ext4.contains("\\x00"), "control characters escaped");
        assertFalse(ext4.contains("\u001b"), "no raw ESC in XML");
        validate(dir.resolve("TEST-krepro.btrfs.xml"));
    }

    @Test
    void aBrokenReportIsRejectedByTheValidator(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<testsuite name=\"x\" tests=\"1\"><testcase name=\"y\"/></testsuite>");
        org.junit.jupiter.api.Assertions.assertThrows(org.xml.sax.SAXException.class, () -> validate(bad));
    }

    @Test
    void resultsRoundTripThroughJson(@TempDir Path dir) throws Exception {
        RunResults r = sample();
        Path f = dir.resolve("results.json");
        r.write(f);
        RunResults back = RunResults.read(f);
        assertEquals(r, back);
        assertEquals(1, back.exitCode(), "a FAIL makes exit code 1");
    }
}
