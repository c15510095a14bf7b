package org.krepro.runner.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.krepro.runner.fs.FsckResult;
import org.krepro.runner.fs.TestFilesystem;
import org.krepro.runner.spi.Finding;

/**
 * fsck after every test, read-only ({@link org.krepro.runner.fs.Fsck} knows each checker): damage it
 * reports is a finding; a checker that could not run is an error of krepro's, not a finding.
 */
public final class FsckDetector implements Detector {
    private final List<Finding> findings = new ArrayList<>();
    private String report = "";
    private String error;

    @Override
    public String name() {
        return "fsck";
    }

    /** Checks the unmounted {@code tfs}, recording its exit status as {@code fsck.exit}. */
    public void check(TestFilesystem tfs, Map<String, String> props) {
        try {
            FsckResult fsck = tfs.fsck();
            report = fsck.report();
            props.put("fsck.exit", Integer.toString(fsck.exitCode()));
            if (!fsck.clean()) {
                findings.add(fsck.toFinding());
            }
        } catch (Exception e) {
            report = "fsck could not run: " + e;
            error = "fsck could not run: " + e.getMessage();
        }
    }

    /** The command line, exit status and full output; "" when it did not run. */
    public String report() {
        return report;
    }

    /** Why the check could not run, or null. */
    public String error() {
        return error;
    }

    @Override
    public List<Finding> findings() {
        return List.copyOf(findings);
    }
}
