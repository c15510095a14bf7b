package org.krepro.bisect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.KreproCommand;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.RunResults;
import org.krepro.vm.matrix.Matrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code krepro merge-reports --out DIR IN...}: shard report directories into one JUnit directory per kernel. */
@Command(name = "merge-reports", mixinStandardHelpOptions = true,
        description = {"Merges report directories (shards of a nightly `krepro matrix` or `krepro run` reports) into one"
                + " directory per kernel release: OUT/<release>/results.json and TEST-krepro.<fs>.xml with every test of every"
                + " input, each input's evidence under OUT/<release>/<input>/, and the kernel x reproducer grid"
                + " OUT/matrix.txt and OUT/matrix.html.",
                "An input is any directory holding <release>/results.json at any depth."})
public final class MergeReportsCommand implements KreproCommand, Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "merged report root")
    Path out;
    @Parameters(arity = "1..*", paramLabel = "IN", description = "report directories to merge")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        Map<String, List<ReportMerge.Part>> byRelease = merge(inputs, out);
        int tests = 0;
        int failed = 0;
        Matrix m = new Matrix();
        for (var e : byRelease.entrySet()) {
            RunResults r = ReportDir.of(out.resolve(e.getKey())).read();
            tests += r.tests().size();
            failed += (int) r.tests().stream().filter(t -> t.verdict() == org.krepro.runner.report.Verdict.FAIL).count();
            m.add(new Matrix.Column(r.host().kernelRelease(), e.getKey(), null, r, "merged from " + e.getValue().size() + " report"
                    + (e.getValue().size() == 1 ? "" : "s")));
            System.out.printf("%s: %d report%s, %d tests%n", e.getKey(), e.getValue().size(), e.getValue().size() == 1 ? "" : "s",
                    r.tests().size());
        }
        if (byRelease.isEmpty()) {
            System.err.println("krepro merge-reports: no <release>/results.json under " + inputs);
            return ExitCodes.USAGE;
        }
        m.write(out);
        System.out.print(m.text());
        System.out.printf("merged %d kernel%s, %d tests (%d failed) into %s%n", byRelease.size(), byRelease.size() == 1 ? "" : "s",
                tests, failed, out);
        return ExitCodes.ALL_PASSED;
    }

    /**
     * Finds every results.json under the inputs, groups them by release directory name, and writes
     * OUT/RELEASE/ (results.json, JUnit, evidence under a per-input subdirectory). Returns the parts per release.
     */
    public static Map<String, List<ReportMerge.Part>> merge(List<Path> inputs, Path out) throws IOException {
        Map<String, List<ReportMerge.Part>> byRelease = new TreeMap<>();
        Map<String, List<Path>> dirs = new LinkedHashMap<>();
        Path outAbs = out.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (!Files.isDirectory(in)) {
                throw new IOException("not a directory: " + in);
            }
            List<Path> found = ReportDir.findResults(in).stream()
                    .filter(p -> !p.toAbsolutePath().normalize().startsWith(outAbs)).toList();
            for (Path json : found) {
                Path dir = json.getParent();
                RunResults r = RunResults.read(json);
                String release = dir.getFileName().toString();
                String label = partLabel(in, dir);
                List<ReportMerge.Part> ps = byRelease.computeIfAbsent(release, k -> new ArrayList<>());
                String unique = label;
                for (int i = 2; containsLabel(ps, unique); i++) {
                    unique = label + "-" + i;
                }
                ps.add(new ReportMerge.Part(r.withProperties(Map.of("merge.part." + unique, dir.toString())), unique, ""));
                dirs.computeIfAbsent(release, k -> new ArrayList<>()).add(dir);
            }
        }
        for (var e : byRelease.entrySet()) {
            Path dst = out.resolve(e.getKey());
            Files.createDirectories(dst);
            List<Path> src = dirs.get(e.getKey());
            for (int i = 0; i < src.size(); i++) {
                ReportMerge.copyEvidence(src.get(i), dst.resolve(e.getValue().get(i).evidencePrefix()));
            }
            ReportDir.of(dst).write(ReportMerge.merge(e.getValue()));
        }
        return byRelease;
    }

    private static boolean containsLabel(List<ReportMerge.Part> ps, String label) {
        return ps.stream().anyMatch(p -> p.evidencePrefix().equals(label));
    }

    /** The input's name plus the path from it to the release dir's parent: "shard-2", "shard-2_job-3". */
    static String partLabel(Path in, Path releaseDir) {
        Path abs = in.toAbsolutePath().normalize();
        StringBuilder sb = new StringBuilder(abs.getFileName() == null ? "input" : abs.getFileName().toString());
        Path rel = abs.relativize(releaseDir.toAbsolutePath().normalize().getParent());
        for (Path p : rel) {
            if (!p.toString().isEmpty()) {
                sb.append('_').append(p);
            }
        }
        return sb.toString().replaceAll("[^A-Za-z0-9._+-]", "_");
    }
}
