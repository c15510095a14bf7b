package org.krepro.runner.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.TestContext;

/**
 * What the verifier found: counts per class, per file, the first bad blocks with their evidence,
 * the page-cache/disk disagreements, a report for humans, findings for the verdict and properties for
 * JUnit.
 */
public final class VerifyResult {

    /** Per file: what was expected, what was there, and the counts per class. */
    public static final class FileResult {
        final long fileId;
        final String path;
        final long minBlocks;
        final long maxBlocks;
        boolean exists = true;
        long size;
        long blocksChecked;
        final EnumMap<DataClass, Long> counts = new EnumMap<>(DataClass.class);
        final EnumMap<DataClass, Long> firstOffset = new EnumMap<>(DataClass.class);
        final EnumMap<DataClass, List<BadBlock>> examples = new EnumMap<>(DataClass.class);
        long cacheMismatches;
        long firstCacheMismatchOffset = -1;
        final List<CacheMismatch> mismatchExamples = new ArrayList<>();

        FileResult(long fileId, String path, long minBlocks, long maxBlocks) {
            this.fileId = fileId;
            this.path = path;
            this.minBlocks = minBlocks;
            this.maxBlocks = maxBlocks;
        }

        public long fileId() {
            return fileId;
        }

        public String path() {
            return path;
        }

        public boolean exists() {
            return exists;
        }

        /** The file's size in bytes as found (0 when it does not exist). */
        public long size() {
            return size;
        }

        public long blocksChecked() {
            return blocksChecked;
        }

        public long count(DataClass c) {
            return counts.getOrDefault(c, 0L);
        }

        public long cacheMismatches() {
            return cacheMismatches;
        }

        public long bad() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean clean() {
            return bad() == 0 && cacheMismatches == 0;
        }
    }

    private final BlockFormat format;
    private final int maxListed;
    private final List<FileResult> files = new ArrayList<>();
    private final List<BadBlock> listed = new ArrayList<>();
    private final List<CacheMismatch> listedMismatches = new ArrayList<>();
    private final EnumMap<DataClass, Long> totals = new EnumMap<>(DataClass.class);
    private long cacheMismatches;
    private long bytesVerified;
    private long nanos;
    private boolean bothViews;
    private final List<String> notes = new ArrayList<>();
    private String root = "";
    private String filesystem = "";
    private List<String> devices = List.of();

    VerifyResult(BlockFormat format, int maxListed) {
        this.format = format;
        this.maxListed = maxListed;
    }

    // ------------------------------------------------------------------ building (Verifier)

    FileResult addFile(long fileId, String path, long minBlocks, long maxBlocks) {
        FileResult f = new FileResult(fileId, path, minBlocks, maxBlocks);
        files.add(f);
        return f;
    }

    /** Counts a bad block; returns true when its details are still wanted (the caller then calls {@link #keep}). */
    boolean count(FileResult f, DataClass c, long blockIndex, long n) {
        f.counts.merge(c, n, Long::sum);
        totals.merge(c, n, Long::sum);
        f.firstOffset.putIfAbsent(c, blockIndex * format.blockSize());
        return listed.size() < maxListed || f.examples.getOrDefault(c, List.of()).size() < maxListed;
    }

    void keep(FileResult f, BadBlock b) {
        List<BadBlock> ex = f.examples.computeIfAbsent(b.cls(), k -> new ArrayList<>());
        if (ex.size() < maxListed) {
            ex.add(b);
        }
        if (listed.size() < maxListed) {
            listed.add(b);
        }
    }

    boolean countMismatch(FileResult f, long blockIndex) {
        f.cacheMismatches++;
        cacheMismatches++;
        if (f.firstCacheMismatchOffset < 0) {
            f.firstCacheMismatchOffset = blockIndex * format.blockSize();
        }
        return f.mismatchExamples.size() < maxListed;
    }

    void keepMismatch(FileResult f, CacheMismatch m) {
        f.mismatchExamples.add(m);
        if (listedMismatches.size() < maxListed) {
            listedMismatches.add(m);
        }
    }

    void finish(long bytes, long elapsedNanos, boolean readBothViews) {
        this.bytesVerified = bytes;
        this.nanos = elapsedNanos;
        this.bothViews = readBothViews;
    }

    void where(String root, String filesystem, List<String> devs) {
        this.root = root;
        this.filesystem = filesystem;
        this.devices = List.copyOf(devs);
    }

    void note(String line) {
        notes.add(line);
    }

    /** Replaces kept bad blocks (same identity) with located copies. */
    void relocate(Map<BadBlock, BadBlock> located) {
        listed.replaceAll(b -> located.getOrDefault(b, b));
        for (FileResult f : files) {
            for (List<BadBlock> ex : f.examples.values()) {
                ex.replaceAll(b -> located.getOrDefault(b, b));
            }
        }
    }

    List<BadBlock> allKept() {
        List<BadBlock> out = new ArrayList<>();
        for (FileResult f : files) {
            f.examples.values().forEach(out::addAll);
        }
        return out;
    }

    // ------------------------------------------------------------------ reading

    public BlockFormat format() {
        return format;
    }

    public List<FileResult> files() {
        return Collections.unmodifiableList(files);
    }

    /** Total bad blocks of a class over all files. */
    public long count(DataClass c) {
        return totals.getOrDefault(c, 0L);
    }

    /** Total bad blocks over all files and classes (page-cache disagreements not included). */
    public long bad() {
        return totals.values().stream().mapToLong(Long::longValue).sum();
    }

    public long cacheMismatches() {
        return cacheMismatches;
    }

    /** True when every file holds what was written and both views agree. */
    public boolean clean() {
        return bad() == 0 && cacheMismatches == 0;
    }

    /** The first bad blocks (at most the configured number), in file order. */
    public List<BadBlock> badBlocks() {
        return Collections.unmodifiableList(listed);
    }

    public List<CacheMismatch> mismatches() {
        return Collections.unmodifiableList(listedMismatches);
    }

    public long bytesVerified() {
        return bytesVerified;
    }

    public long elapsedNanos() {
        return nanos;
    }

    /** Machine-readable summary, for JUnit properties: data.bad.zeroed=3, data.blocks=1536, ... */
    public SortedMap<String, String> properties() {
        SortedMap<String, String> p = new TreeMap<>();
        long blocks = files.stream().mapToLong(f -> f.blocksChecked).sum();
        p.put("data.files", Long.toString(files.size()));
        p.put("data.blocks", Long.toString(blocks));
        p.put("data.bytes", Long.toString(bytesVerified));
        p.put("data.block_size", Integer.toString(format.blockSize()));
        p.put("data.seed", "0x" + Long.toHexString(format.seed()));
        p.put("data.bad", Long.toString(bad()));
        for (DataClass c : DataClass.values()) {
            p.put("data.bad." + c.label(), Long.toString(count(c)));
        }
        p.put("data.cache_mismatch", Long.toString(cacheMismatches));
        p.put("data.views", bothViews ? "o_direct,buffered" : "o_direct");
        p.put("data.verify_ms", Long.toString(nanos / 1_000_000));
        if (nanos > 0) {
            p.put("data.verify_mb_per_s", Long.toString(Math.round(bytesVerified / 1e6 / (nanos / 1e9))));
        }
        return p;
    }

    /** One finding per file and class (and per file whose views disagree), titled with counts and the first offset. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (FileResult f : files) {
            if (!f.exists && f.minBlocks > 0) {
                out.add(new Finding(Finding.Kind.DATA,
                        String.format("data: %s does not exist (%d block%s written)", f.path, f.minBlocks, f.minBlocks == 1 ? "" : "s"),
                        detail(f, DataClass.MISSING, false)));
                continue;
            }
            for (DataClass c : DataClass.values()) {
                long n = f.count(c);
                if (n == 0) {
                    continue;
                }
                String title = String.format("data: %d %s block%s in %s (first at offset 0x%x)", n, c.label(),
                        n == 1 ? "" : "s", f.path, f.firstOffset.get(c));
                out.add(new Finding(Finding.Kind.DATA, title, detail(f, c, false)));
            }
            if (f.cacheMismatches > 0) {
                String title = String.format("data: page cache and disk differ in %d block%s of %s (first at offset 0x%x)",
                        f.cacheMismatches, f.cacheMismatches == 1 ? "" : "s", f.path, f.firstCacheMismatchOffset);
                out.add(new Finding(Finding.Kind.DATA, title, detail(f, null, true)));
            }
        }
        return out;
    }

    private String detail(FileResult f, DataClass c, boolean mismatches) {
        StringBuilder sb = new StringBuilder();
        header(sb);
        fileLine(sb, f);
        if (mismatches) {
            sb.append('\n');
            mismatchSection(sb, f.mismatchExamples, f.cacheMismatches);
        } else {
            List<BadBlock> ex = f.examples.getOrDefault(c, List.of());
            long n = f.count(c);
            sb.append('\n').append(String.format("%s blocks of %s (%s of %d):%n", c.upper(), f.path,
                    ex.size() < n ? "first " + ex.size() : "all " + ex.size(), n));
            int i = 1;
            for (BadBlock b : ex) {
                entry(sb, i++, b);
            }
        }
        return sb.toString();
    }

    /** The whole report: summary, per-file lines, the first bad blocks with evidence, the page-cache disagreements. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        header(sb);
        for (FileResult f : files) {
            fileLine(sb, f);
        }
        long bad = bad();
        if (bad > 0) {
            sb.append('\n').append(String.format("bad blocks (%s of %d, in file order):%n",
                    listed.size() < bad ? "first " + listed.size() : "all " + listed.size(), bad));
            int i = 1;
            for (BadBlock b : listed) {
                entry(sb, i++, b);
            }
        }
        if (cacheMismatches > 0) {
            sb.append('\n');
            mismatchSection(sb, listedMismatches, cacheMismatches);
        }
        return sb.toString();
    }

    private void header(StringBuilder sb) {
        long blocks = files.stream().mapToLong(f -> f.blocksChecked).sum();
        sb.append(String.format("krepro data verifier: %d file%s, %d blocks of %d bytes checked (%d bytes), seed 0x%x, block format v%d%n",
                files.size(), files.size() == 1 ? "" : "s", blocks, format.blockSize(), bytesVerified, format.seed(), BlockFormat.VERSION));
        if (!root.isEmpty()) {
            sb.append("files: ").append(root);
            if (!filesystem.isEmpty() || !devices.isEmpty()) {
                sb.append(" (").append(filesystem.isEmpty() ? "filesystem" : filesystem)
                        .append(devices.isEmpty() ? "" : " on " + String.join(", ", devices)).append(')');
            }
            sb.append('\n');
        }
        sb.append(bothViews
                ? "views: disk (O_DIRECT) and page cache (buffered); classes are of the disk view\n"
                : "views: disk (O_DIRECT) only\n");
        for (String n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        if (clean()) {
            sb.append("result: clean\n");
        } else {
            StringBuilder counts = new StringBuilder();
            for (DataClass c : DataClass.values()) {
                if (count(c) > 0) {
                    counts.append(counts.isEmpty() ? "" : ", ").append(c.label()).append(' ').append(count(c));
                }
            }
            sb.append(String.format("result: %d bad block%s%s%s%n", bad(), bad() == 1 ? "" : "s",
                    counts.isEmpty() ? "" : " (" + counts + ")",
                    cacheMismatches > 0 ? "; page cache and disk differ in " + cacheMismatches + " block(s)" : ""));
        }
    }

    private void fileLine(StringBuilder sb, FileResult f) {
        String expected = f.minBlocks == f.maxBlocks ? f.minBlocks + " blocks" : f.minBlocks + ".." + f.maxBlocks + " blocks";
        if (!f.exists) {
            sb.append(String.format("  %s (file %d): %s expected, file does not exist%n", f.path, f.fileId, expected));
            return;
        }
        StringBuilder counts = new StringBuilder();
        for (DataClass c : DataClass.values()) {
            if (f.count(c) > 0) {
                counts.append(counts.isEmpty() ? "" : ", ").append(c.label()).append(' ').append(f.count(c))
                        .append(String.format(" (first at offset 0x%x)", f.firstOffset.get(c)));
            }
        }
        if (f.cacheMismatches > 0) {
            counts.append(counts.isEmpty() ? "" : ", ").append("page cache differs ").append(f.cacheMismatches)
                    .append(String.format(" (first at offset 0x%x)", f.firstCacheMismatchOffset));
        }
        sb.append(String.format("  %s (file %d): %s expected, size %d (0x%x): %s%n", f.path, f.fileId, expected, f.size, f.size,
                counts.isEmpty() ? "clean" : counts));
    }

    private void entry(StringBuilder sb, int n, BadBlock b) {
        String ind = "    ";
        if (b.found() == null) {
            sb.append(String.format("[%d] %-10s %s block %d, file offset 0x%x%s%n", n, b.cls().upper(), b.path(), b.blockIndex(),
                    b.fileOffset(), b.cls() == DataClass.UNREADABLE ? ", " + b.location().describe() : ""));
            if (b.cls() == DataClass.UNREADABLE) {
                sb.append(ind).append("view:     ").append(b.view()).append('\n');
            }
            sb.append(ind).append("expected: ").append(b.cls() == DataClass.EXTRA
                    ? String.format("the file to end by offset 0x%x", b.fileOffset())
                    : b.expectedText(format.seed())).append('\n');
            sb.append(ind).append("what:     ").append(b.explanation()).append('\n');
            return;
        }
        sb.append(String.format("[%d] %-10s %s block %d, file offset 0x%x, %s%n", n, b.cls().upper(), b.path(), b.blockIndex(),
                b.fileOffset(), b.location().describe()));
        sb.append(ind).append("view:     ").append(b.view()).append('\n');
        sb.append(ind).append("expected: ").append(b.expectedText(format.seed())).append('\n');
        sb.append(ind).append("found:    ").append(b.found().describe())
                .append(String.format("; crc stored 0x%08x, computed 0x%08x", b.found().crc(), b.computedCrc())).append('\n');
        sb.append(ind).append("what:     ").append(b.explanation()).append('\n');
        if (!b.sectors().isEmpty()) {
            List<int[]> runs = BlockClassifier.runs(b.sectors());
            if (runs.size() > 1 || b.cls() != DataClass.ZEROED) {
                sb.append(ind).append("sectors (512 bytes):\n");
                for (int[] r : runs) {
                    String range = r[0] == r[1] ? String.format("%d", r[0]) : String.format("%d-%d", r[0], r[1]);
                    sb.append(ind).append(String.format("  %-7s [0x%04x, 0x%04x) %s%n", range, r[0] * BlockFormat.SECTOR,
                            (r[1] + 1) * BlockFormat.SECTOR,
                            BlockClassifier.describe(b.sectors().get(r[0]), r[0], b.fileId(), b.blockIndex(), b.expectLo(), b.expectHi(), format.seed())));
                }
            }
        }
        for (String line : b.hex().split("\n")) {
            sb.append(ind).append(line).append('\n');
        }
    }

    private void mismatchSection(StringBuilder sb, List<CacheMismatch> list, long total) {
        sb.append(String.format("page cache (buffered) and disk (O_DIRECT) differ in %d block%s (%s):%n", total, total == 1 ? "" : "s",
                list.size() < total ? "first " + list.size() : "all"));
        int i = 1;
        for (CacheMismatch m : list) {
            boolean unreadable = (m.diskView() != null && m.diskView().cls() == DataClass.UNREADABLE)
                    || (m.cacheView() != null && m.cacheView().cls() == DataClass.UNREADABLE);
            sb.append(String.format("[%d] %s block %d, file offset 0x%x: %s%n", i++, m.path(), m.blockIndex(), m.fileOffset(),
                    unreadable ? "one view cannot be read" : String.format("first difference at block offset 0x%x", m.firstDiff())));
            sb.append("    disk:       ").append(m.diskView() == null ? "as written"
                    : m.diskView().cls().upper() + ": " + m.diskView().explanation()).append('\n');
            sb.append("    page cache: ").append(m.cacheView() == null ? "as written"
                    : m.cacheView().cls().upper() + ": " + m.cacheView().explanation()).append('\n');
            if (!m.hex().isEmpty()) {
                for (String line : m.hex().split("\n")) {
                    sb.append("    ").append(line).append('\n');
                }
            }
        }
    }

    /** Counts per class over all files, including zeros, in class order. */
    public Map<DataClass, Long> counts() {
        Map<DataClass, Long> m = new LinkedHashMap<>();
        for (DataClass c : DataClass.values()) {
            m.put(c, count(c));
        }
        return m;
    }

    /**
     * Hands the result to a test: every finding to {@link TestContext#report}, the summary to telemetry
     * facts (the JUnit properties), the whole report to {@code verifier-report.txt} (then -2, -3... when a
     * test verifies more than once) in the test's scratch directory, noted in the test's report.
     * Returns the report file.
     */
    public Path reportTo(TestContext ctx) throws IOException {
        findings().forEach(ctx::report);
        properties().forEach((k, v) -> ctx.telemetry().fact(k, v));
        Path dir = ctx.scratchDir();
        Files.createDirectories(dir);
        Path file = dir.resolve("verifier-report.txt");
        for (int i = 2; Files.exists(file); i++) {
            file = dir.resolve("verifier-report-" + i + ".txt");
        }
        Files.writeString(file, report());
        ctx.note(String.format("data verifier: %s; report in %s", clean() ? "clean"
                : bad() + " bad block(s), " + cacheMismatches + " page-cache mismatch(es)", file));
        return file;
    }

    @Override
    public String toString() {
        return report();
    }
}
