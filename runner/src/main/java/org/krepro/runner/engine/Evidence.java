package org.krepro.runner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.krepro.runner.fs.TestFilesystem;
import org.krepro.runner.report.JUnitWriter;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.spi.Finding;

/**
 * A test's evidence beside the JUnit XML, in {@code evidence/<fs>/<case>/}: the findings, the kernel log,
 * fsck's output, the verifier's findings and the kept images. Each is named in the result by a path
 * relative to the kernel's report directory.
 */
final class Evidence {
    private final Path reportDir;
    private final Progress progress;

    Evidence(Path reportDir, Progress progress) {
        this.reportDir = reportDir;
        this.progress = progress;
    }

    /** The test's evidence folder (not created). */
    Path dir(String fs, String caseName) {
        return ReportDir.of(reportDir).evidence(fs, caseName);
    }

    /** Kernel log, fsck output and every finding as files; a write that fails is a warning, not an error. */
    Map<String, String> write(TestResult r) {
        Map<String, String> ev = new LinkedHashMap<>();
        Path dir = dir(r.fs(), r.caseName());
        try {
            Files.createDirectories(dir);
            put(ev, "findings", dir.resolve("findings.txt"), JUnitWriter.failureBody(r));
            if (!r.kernelLog().isEmpty()) {
                put(ev, "kernel-log", dir.resolve("kernel-log.txt"), r.kernelLog());
            }
            if (!r.fsckOutput().isEmpty()) {
                put(ev, "fsck", dir.resolve("fsck.txt"), r.fsckOutput());
            }
            StringBuilder data = new StringBuilder();
            for (Finding f : r.findings()) {
                if (f.kind() == Finding.Kind.DATA) {
                    data.append(f.title()).append('\n').append(f.detail()).append("\n\n");
                }
            }
            if (!data.isEmpty()) {
                put(ev, "verifier", dir.resolve("verifier.txt"), data);
            }
        } catch (IOException e) {
            progress.line("warning: evidence for " + r.caseName() + " not written: " + e.getMessage());
        }
        return ev;
    }

    private void put(Map<String, String> ev, String name, Path file, CharSequence text) throws IOException {
        Files.writeString(file, text);
        ev.put(name, reportDir.relativize(file).toString());
    }

    /** Moves the test's (sparse) images into its evidence folder: "image", or "image.0", "image.1"... */
    Map<String, String> keepImages(TestFilesystem tfs) throws IOException {
        Map<String, String> ev = new LinkedHashMap<>();
        if (tfs.images().isEmpty()) {
            return ev;
        }
        List<Path> kept = tfs.keepImagesIn(dir(tfs.config().fs().id(), tfs.testName()));
        for (int i = 0; i < kept.size(); i++) {
            ev.put("image" + (kept.size() > 1 ? "." + i : ""), reportDir.relativize(kept.get(i)).toString());
        }
        return ev;
    }
}
