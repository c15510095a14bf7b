package org.krepro.vm;

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
        assertEquals("FAIL", m.cell(a, "ext4/gup-dio-into-mmap[4k]").verdict());
        Matrix.Cell missing = m.cell(a, "xfs/gup-dio-into-mmap[4k]");
        assertEquals("ERROR", missing.verdict(), "a planned test the kernel did not report is not a blank");
        assertEquals("ERROR", m.cell(m.columns().get(1), "ext4/gup-dio-into-mmap[4k]").verdict());
        String text = m.text();
        for (String row : m.rows()) {
            assertTrue(text.contains(row), row + "\n" + text);
            assertTrue(m.html().contains(Matrix.esc(row)), row);
        }
        assertTrue(text.contains("apt has no such kernel"), text);
    }
}
