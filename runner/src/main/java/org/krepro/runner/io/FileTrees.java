package org.krepro.runner.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recursive delete, the one copy for every module (scratch directories, caches being replaced, guest
 * results). Symbolic links are removed, never followed: a link into the host stays harmless.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code root} and everything below it; nothing when it does not exist. The first failure is thrown. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Deletes as much of {@code root} as it can, going on past what it cannot delete (a busy mount point, a
     * file the walk lost), without saying so: scratch space, where every file that goes is a gain.
     */
    public static void deleteAllItCan(Path root) {
        if (root == null) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException | UncheckedIOException e) {
            return;
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // go on with the rest
            }
        }
    }

    /** The same, best effort: stops at the first failure without saying so (clean-up that must not fail a run). */
    public static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
