package org.krepro.runner.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.fs.TestFilesystem;
import org.krepro.runner.spi.Finding;

/**
 * The mount after the workload: when the kernel refuses the filesystem the workload left, that is a
 * finding about the kernel, not an error of krepro's.
 */
public final class Remount implements Detector {
    private final List<Finding> findings = new ArrayList<>();

    @Override
    public String name() {
        return "remount";
    }

    /** Mounts {@code tfs} again; the new mount point, or null (and a finding) when the mount failed. */
    public Path mount(TestFilesystem tfs) {
        try {
            return tfs.mount();
        } catch (IOException e) {
            findings.add(new Finding(Finding.Kind.KERNEL_FS, "mount failed after the workload (" + tfs.fs().id() + ")",
                    e.getMessage()));
            return null;
        }
    }

    @Override
    public List<Finding> findings() {
        return List.copyOf(findings);
    }
}
