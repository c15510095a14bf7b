package org.krepro.vm.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.krepro.runner.coverage.RaceCoverage;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.RunEvents;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.vm.guest.VmReport;
import org.krepro.vm.qemu.Qemu;

/**
 * The kernel x reproducer grid of a {@code krepro matrix} run: built from each kernel's
 * reports/RELEASE/results.json, written as text (matrix.txt) and HTML (matrix.html) in the report root.
 */
public final class Matrix {

    /** One column: a kernel and its guest run (report null when the guest could not even start). */
    public record Column(String spec, String release, VmReport report, RunResults results, String error) {
    }

    /** One cell; {@code coverage} is the test's race-path summary ("" when none was recorded). */
    public record Cell(Verdict verdict, String title, String evidence, String coverage, RaceCoverage.Reach reach) {
        Cell(Verdict verdict, String title, String evidence) {
            this(verdict, title, evidence, "", RaceCoverage.Reach.UNKNOWN);
        }

        /** A PASS that never drove the code where the bug lives: it says nothing about the bug. */
        public boolean unreachedPass() {
            return verdict == Verdict.PASS && reach == RaceCoverage.Reach.NOT_REACHED;
        }
    }

    private final List<Column> columns = new ArrayList<>();
    private final List<String> planned = new ArrayList<>();

    /** The tests asked for (fs/reproducer[option-set]): each is a row even where no kernel ran it. */
    public void plan(List<String> keys) {
        planned.addAll(keys);
    }

    public void add(Column c) {
        columns.add(c);
    }

    public List<Column> columns() {
        return columns;
    }

    /** Row names: the planned tests, then any other test a kernel reported, as fs/reproducer[option-set]. */
    public List<String> rows() {
        Set<String> rows = new LinkedHashSet<>(planned);
        for (Column c : columns) {
            if (c.results() != null) {
                c.results().tests().forEach(t -> rows.add(RunEvents.key(t)));
            }
        }
        return new ArrayList<>(rows);
    }

    public Cell cell(Column c, String row) {
        if (c.results() == null) {
            return new Cell(Verdict.ERROR, c.error() == null ? "no results" : c.error(), null);
        }
        for (TestResult t : c.results().tests()) {
            if (RunEvents.key(t).equals(row)) {
                String ev = ReportDir.junitName(t.fs());
                return new Cell(t.verdict(), t.headline(), ev, RaceCoverage.summary(t.properties()),
                        RaceCoverage.reach(t.properties()));
            }
        }
        return new Cell(Verdict.ERROR, "not in this kernel's results", null);
    }

    public String text() {
        List<String> rows = rows();
        int w0 = Math.max(10, rows.stream().mapToInt(String::length).max().orElse(10));
        List<Integer> widths = new ArrayList<>();
        for (Column c : columns) {
            int w = c.release().length();
            for (String r : rows) {
                w = Math.max(w, cellText(cell(c, r)).length());
            }
            widths.add(Math.min(w, 60));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("reproducer", w0));
        for (int i = 0; i < columns.size(); i++) {
            sb.append(" | ").append(pad(columns.get(i).release(), widths.get(i)));
        }
        sb.append('\n').append("-".repeat(w0));
        for (int w : widths) {
            sb.append("-+-").append("-".repeat(w));
        }
        sb.append('\n');
        for (String r : rows) {
            sb.append(pad(r, w0));
            for (int i = 0; i < columns.size(); i++) {
                sb.append(" | ").append(pad(cellText(cell(columns.get(i), r)), widths.get(i)));
            }
            sb.append('\n');
        }
        sb.append('\n');
        for (Column c : columns) {
            for (String r : rows) {
                Cell cell = cell(c, r);
                if (!cell.coverage().isEmpty()) {
                    sb.append(c.release()).append(' ').append(r).append(": ").append(cell.coverage()).append('\n');
                }
            }
        }
        for (Column c : columns) {
            if (c.report() != null) {
                VmReport v = c.report();
                String hit = v.properties().get("vm.seconds.test-start-to-crash");
                sb.append(String.format("%s: %s, accelerator %s, NUMA %s, boot to /init %.1f s, to first test %.1f s, total %.1f s%s%n",
                        c.release(), v.version(), v.accel(), v.numa(), v.bootSeconds(), v.markerSeconds(), v.totalSeconds(),
                        hit == null ? "" : ", crash " + hit + " s after its test started"));
            } else {
                sb.append(c.spec()).append(": ").append(c.error()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String cellText(Cell c) {
        String v = c.unreachedPass() ? "PASS (race path not reached)" : c.verdict().name();
        String t = c.title() == null || c.title().isEmpty() ? v : v + ": " + c.title();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }

    private static String pad(String s, int w) {
        if (s.length() > w) {
            s = s.substring(0, w);
        }
        return s + " ".repeat(w - s.length());
    }

    public String html() {
        List<String> rows = rows();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>krepro matrix</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\n")
                .append("table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.4em .7em;vertical-align:top;text-align:left}\n")
                .append("th{background:#eee}td.PASS{background:#d8f5d0}td.FAIL{background:#f8d0d0}td.ERROR{background:#f5e6a8}\n")
                .append("td.SKIPPED{background:#e4e4e4}td.UNREACHED{background:#eef0c8}.t{font-family:monospace;font-size:90%}small{color:#555}\n")
                .append("</style></head><body>\n<h1>krepro: kernel &times; reproducer</h1>\n<table>\n<tr><th>reproducer</th>");
        for (Column c : columns) {
            h.append("<th><a href=\"").append(esc(c.release())).append("/\">").append(esc(c.release())).append("</a>");
            if (c.report() != null) {
                h.append("<br><small>").append(esc(c.report().accel().split(" ")[0])).append(", ")
                        .append(String.format("boot %.1f s", c.report().bootSeconds())).append("</small>");
            }
            h.append("</th>");
        }
        h.append("</tr>\n");
        for (String r : rows) {
            h.append("<tr><th class=\"t\">").append(esc(r)).append("</th>");
            for (Column c : columns) {
                Cell cell = cell(c, r);
                h.append("<td class=\"").append(cell.unreachedPass() ? "UNREACHED" : esc(cell.verdict().name())).append("\"><b>")
                        .append(esc(cell.unreachedPass() ? "PASS, race path not reached" : cell.verdict().name())).append("</b>");
                if (cell.title() != null && !cell.title().isEmpty()) {
                    h.append("<br><span class=\"t\">").append(esc(cell.title())).append("</span>");
                }
                if (!cell.coverage().isEmpty()) {
                    h.append("<br><small>").append(esc(cell.coverage())).append("</small>");
                }
                String hit = c.report() == null ? null : c.report().properties().get("vm.seconds.test-start-to-crash");
                if (hit != null && cell.verdict() == Verdict.FAIL && c.report().end() == Qemu.End.CRASHED
                        && cell.title().equals(c.report().title())) {
                    h.append("<br><small>crashed ").append(esc(hit)).append(" s after the test started</small>");
                }
                if (c.results() != null) {
                    String base = esc(c.release()) + "/";
                    h.append("<br><small>");
                    if (cell.evidence() != null) {
                        h.append("<a href=\"").append(base).append(esc(cell.evidence())).append("\">junit</a> &middot; ");
                    }
                    h.append("<a href=\"").append(base).append("console.log\">console</a> &middot; <a href=\"").append(base)
                            .append("guest-output.log\">guest output</a></small>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<h2>Kernels</h2>\n<ul>\n");
        for (Column c : columns) {
            h.append("<li><b>").append(esc(c.release())).append("</b> (").append(esc(c.spec())).append("): ");
            if (c.report() != null) {
                VmReport v = c.report();
                h.append(esc(v.version())).append("; accelerator ").append(esc(v.accel())).append("; NUMA ").append(esc(v.numa()))
                        .append(String.format("; boot to /init %.1f s, to first test %.1f s, total %.1f s", v.bootSeconds(),
                                v.markerSeconds(), v.totalSeconds()));
            } else {
                h.append(esc(String.valueOf(c.error())));
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n</body></html>\n");
        return h.toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    public Map<String, Path> write(Path reportRoot) throws IOException {
        Files.createDirectories(reportRoot);
        Map<String, Path> out = new LinkedHashMap<>();
        out.put("text", Files.writeString(reportRoot.resolve("matrix.txt"), text()));
        out.put("html", Files.writeString(reportRoot.resolve("matrix.html"), html()));
        return out;
    }
}
