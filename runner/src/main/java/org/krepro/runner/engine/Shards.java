package org.krepro.runner.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;

/**
 * The deterministic partition of a nightly's work, kernel x reproducer x filesystem, into N shards: the
 * cells are sorted (kernel, reproducer, filesystem; plain string order, so every shard job computes the
 * same list from the same arguments) and cell i (0-based) goes to shard {@code i % N + 1}. Round robin over
 * the sorted list keeps the shards within one cell of each other. A shard runs as jobs: one guest per
 * (kernel, reproducer) with the shard's filesystems of that pair.
 *
 * <p>Depends only on the runner (the registry, for the default reproducer set): {@code krepro matrix
 * --shard} and {@code krepro shard-plan} both use it.
 */
public final class Shards {
    private Shards() {
    }

    /** One unit of work. */
    public record Cell(String kernel, String reproducer, String fs) {
    }

    /** One guest: a kernel, a reproducer, the filesystems to run it on. */
    public record Job(String kernel, String reproducer, List<String> fs) {
        public Job {
            fs = List.copyOf(fs);
        }

        /** The arguments of {@code krepro matrix} (or vm) for this job. */
        public List<String> arguments() {
            return List.of("--kernels", kernel, "--reproducer", reproducer, "--fs", String.join(",", fs));
        }
    }

    static final Comparator<Cell> ORDER = Comparator.comparing(Cell::kernel).thenComparing(Cell::reproducer)
            .thenComparing(Cell::fs);

    /** "2/4" -> {2, 4}; 1 <= I <= N. */
    public static int[] parse(String spec) {
        String[] p = spec.trim().split("/");
        if (p.length != 2) {
            throw new IllegalArgumentException("shard must be I/N, e.g. 2/4: " + spec);
        }
        int i;
        int n;
        try {
            i = Integer.parseInt(p[0].trim());
            n = Integer.parseInt(p[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must be I/N, e.g. 2/4: " + spec);
        }
        if (n < 1 || i < 1 || i > n) {
            throw new IllegalArgumentException("shard I/N needs 1 <= I <= N: " + spec);
        }
        return new int[] {i, n};
    }

    /** Every cell: each kernel x each (reproducer, filesystem) pair; duplicates removed, sorted. */
    public static List<Cell> cells(List<String> kernels, Map<String, List<String>> reproducerFs) {
        TreeSet<Cell> out = new TreeSet<>(ORDER);
        for (String k : kernels) {
            for (var e : reproducerFs.entrySet()) {
                for (String fs : e.getValue()) {
                    out.add(new Cell(k.trim(), e.getKey(), fs));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The cells of shard {@code index} (1-based) of {@code count}. */
    public static List<Cell> shard(List<Cell> all, int index, int count) {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count);
        }
        TreeSet<Cell> set = new TreeSet<>(ORDER);
        set.addAll(all);
        List<Cell> sorted = new ArrayList<>(set);
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (i % count == index - 1) {
                out.add(sorted.get(i));
            }
        }
        return out;
    }

    public static List<Cell> shard(List<Cell> all, String spec) {
        int[] s = parse(spec);
        return shard(all, s[0], s[1]);
    }

    /** The cells grouped into guests: one per (kernel, reproducer), filesystems in cell order. */
    public static List<Job> jobs(List<Cell> cells) {
        Map<List<String>, List<String>> g = new LinkedHashMap<>();
        for (Cell c : cells) {
            g.computeIfAbsent(List.of(c.kernel(), c.reproducer()), x -> new ArrayList<>()).add(c.fs());
        }
        List<Job> out = new ArrayList<>();
        g.forEach((k, fs) -> out.add(new Job(k.get(0), k.get(1), fs)));
        return out;
    }

    /**
     * Reproducer id -> the filesystems it declares (restricted to {@code fs} when not empty), for the
     * requested reproducers or, when none, the default run's (every bug reproducer plus control-clean).
     */
    public static Map<String, List<String>> reproducerFs(List<String> reproducers, List<String> fs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Set<String> wanted = new LinkedHashSet<>(reproducers);
        for (Reproducer r : Reproducers.all()) {
            String id = r.info().id();
            if (wanted.isEmpty() ? !TestEngine.inDefaultRun(id) : !wanted.contains(id)) {
                continue;
            }
            Set<String> f = new LinkedHashSet<>();
            for (FsConfig c : r.info().configs()) {
                String fid = c.fs().id();
                if (fs.isEmpty() || fs.contains(fid)) {
                    f.add(fid);
                }
            }
            if (!f.isEmpty()) {
                out.put(id, new ArrayList<>(f));
            }
            wanted.remove(id);
        }
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("unknown reproducer(s): " + String.join(", ", wanted) + " (see `krepro list`)");
        }
        return out;
    }
}
