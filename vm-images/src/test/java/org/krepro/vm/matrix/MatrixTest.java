package org.krepro.vm.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.krepro.runner.report.HostInfo;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;

/** Every planned (kernel, test) cell is in the grid, whatever happened to the kernel. */
class MatrixTest {
    private static TestResult t(String id, String fs, String opt, Verdict v, String title) {
        List<Finding> f = title == null ? List.of() : List.of(new Finding(Finding.Kind.KERNEL_CRASH, title, ""));
        return new TestResult(id, fs, opt, v, v == Verdict.ERROR ? "no kernel" : "", f, 1, Map.of(), List.of(), "", "", Map.of());
    }

    private static RunResults results(String release, TestResult... tests) {
        return new RunResults(new HostInfo("g", release, "", "x86_64", 2, 0, List.of(), "t"), "2026-12-02T00:00:00",
                new TreeMap<>(), List.of(tests));
    }

    @Test
    void everyPlannedCellIsARowInTextAndHtml() {
        Matrix m = new Matrix();
        m.plan(List.of("ext4/ext4-inline-data-mkwrite[inline-nojournal]", "ext4/gup-dio-into-mmap[4k]", "xfs/gup-dio-into-mmap[4k]"));
        m.add(new Matrix.Column("debian:a", "6.1.0-57-cloud-amd64", null, results("6.1.0-57-cloud-amd64",
                t("ext4-inline-data-mkwrite", "ext4", "inline-nojournal", Verdict.FAIL, "kernel BUG in __ext4_journal_stop"),
                t("gup-dio-into-mmap", "ext4", "4k", Verdict.FAIL, "WARNING in ext4_dirty_folio")), null));
        m.add(new Matrix.Column("debian:b", "b", null, null, "apt has no such kernel"));

        assertEquals(3, m.rows().size(), m.rows().toString());
        Matrix.Column a = m.columns().getFirst();
        assertEquals(Verdict.FAIL, m.cell(a, "ext4/gup-dio-into-mmap[4k]").verdict());
        Matrix.Cell missing = m.cell(a, "xfs/gup-dio-into-mmap[4k]");
        assertEquals(Verdict.ERROR, missing.verdict(), "a planned test the kernel did not report is not a blank");
        assertEquals(Verdict.ERROR, m.cell(m.columns().get(1), "ext4/gup-dio-into-mmap[4k]").verdict());
        String text = m.text();
        for (String row : m.rows()) {
            assertTrue(text.contains(row), row + "\n" + text);
            assertTrue(m.html().contains(Matrix.esc(row)), row);
        }
        assertTrue(text.contains("apt has no such kernel"), text);
    }

    @Test
    void aPassThatNeverReachedItsRacePathSaysSo() {
        Matrix m = new Matrix();
        TestResult unreached = t("btrfs-eb-read-race", "btrfs", "single", Verdict.PASS, null).withProperties(Map.of(
                "coverage", "x", "coverage.read_extent_buffer_pages_nowait", "1800", "coverage.end_bbio_meta_read", "0"));
        TestResult reached = t("xfs-iomap-stale-write", "xfs", "4k", Verdict.PASS, null).withProperties(Map.of(
                "coverage", "x", "coverage.xfs_iomap_valid", "9100"));
        m.add(new Matrix.Column("debian:c", "6.12.118+deb12-cloud-amd64", null, results("6.12.118+deb12-cloud-amd64", unreached, reached), null));
        Matrix.Column c = m.columns().getFirst();
        assertTrue(m.cell(c, "btrfs/btrfs-eb-read-race[single]").unreachedPass());
        assertTrue(!m.cell(c, "xfs/xfs-iomap-stale-write[4k]").unreachedPass());
        String text = m.text();
        assertTrue(text.contains("PASS (race path not reached)"), text);
        assertTrue(text.contains("race path: 1/2 reached, never: end_bbio_meta_read"), text);
        assertTrue(m.html().contains("class=\"UNREACHED\""));
    }
}
