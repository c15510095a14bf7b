package org.krepro.vm.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.krepro.runner.io.Processes;

/**
 * Where a bzImage came from, for reports that name a kernel by its source (KCIDB's checkout):
 * {@code vm.kernel.tree} (the build tree above the image) and {@code vm.kernel.commit} (its git HEAD).
 * Recorded at run time, since the tree may be at another commit when the report is exported.
 */
public final class KernelSource {
    private KernelSource() {
    }

    public static void describe(GuestKernel k, Map<String, String> props) {
        if (k.spec().startsWith("debian:") || k.image() == null) {
            return;
        }
        for (Path d = k.image().toAbsolutePath().getParent(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("Makefile")) && Files.isDirectory(d.resolve("arch"))) {
                props.put("vm.kernel.tree", d.toString());
                try {
                    Processes.Result r = Processes.runMerged(List.of("git", "-C", d.toString(), "rev-parse", "HEAD"), null, 30);
                    String head = r.output().strip();
                    if (r.exitCode() == 0 && head.matches("[0-9a-f]{40}")) {
                        props.put("vm.kernel.commit", head);
                    }
                } catch (IOException | RuntimeException e) {
                    // no git or not a repository: the tree alone names the source
                }
                return;
            }
        }
    }
}
