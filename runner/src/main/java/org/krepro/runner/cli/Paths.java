package org.krepro.runner.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.UsageException;

/** Checks of the directories a user names, so that a wrong one is one sentence before anything runs. */
public final class Paths {
    private Paths() {
    }

    /**
     * Makes sure {@code dir} (given as {@code option}) is, or can be made, a writable directory: a file in
     * its way is the user's mistake (exit 2), a directory that cannot be written is the machine's (exit 3).
     */
    public static Path requireWritableDirectory(String option, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new UsageException(option + " " + dir + ": " + (p.equals(abs) ? "is a file, not a directory"
                        : p + " is a file, not a directory"));
            }
        }
        try {
            Files.createDirectories(abs);
            // access(2) says yes to root even on a read-only mount: only a real write tells
            Path probe = Files.createTempFile(abs, ".krepro-write-probe-", "");
            Files.delete(probe);
        } catch (FileSystemException e) {
            String why = ErrorHandler.environmentSentence(e);
            throw new EnvironmentException(option + " " + dir + " is not writable: "
                    + (why != null ? why.substring(why.lastIndexOf(": ") + 2) : e.getMessage()), e);
        } catch (IOException e) {
            throw new EnvironmentException(option + " " + dir + " is not writable: " + e.getMessage(), e);
        }
        return abs;
    }
}
