package org.krepro.runner.cli;

import org.krepro.runner.EnvironmentException;
import org.krepro.runner.device.Workspace;

/** The environment checks a run makes before it touches anything, each one sentence and exit 3. */
public final class RunPreflight {
    private RunPreflight() {
    }

    /** Root first: without it every later step fails in a way that looks like something else. */
    public static void requireRoot() {
        long uid = Workspace.effectiveUid();
        if (uid != 0) {
            throw new EnvironmentException("krepro must run as root (effective uid is " + uid
                    + "): it attaches loop devices, runs mkfs and mounts filesystems; run it with sudo");
        }
    }
}
