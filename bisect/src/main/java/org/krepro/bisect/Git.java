package org.krepro.bisect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.io.Processes;

/** The few git questions bisect-run asks (null answers when there is no git or no repository). */
final class Git {
    private Git() {
    }

    static String run(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        try {
            Processes.Result r = Processes.run(cmd, null, 60);
            return r.ok() ? r.stdout().trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static Path gitDir(Path dir) {
        String d = run(dir, "rev-parse", "--absolute-git-dir");
        return d == null || d.isEmpty() ? null : Path.of(d);
    }

    /** "v6.1-3-gabcdef123456 (subject)" of HEAD, or null. */
    static String describe(Path dir) {
        String rev = run(dir, "describe", "--always", "--tags", "--abbrev=12");
        String subject = run(dir, "log", "-1", "--format=%s");
        if (rev == null) {
            return null;
        }
        return subject == null || subject.isEmpty() ? rev : rev + " (" + subject + ")";
    }
}
