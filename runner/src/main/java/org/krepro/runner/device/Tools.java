package org.krepro.runner.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Finds the external tools krepro runs; sbin directories are searched even when not on PATH. */
public final class Tools {
    private static final String SEARCH_PATH;

    static {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(d);
                }
            }
        }
        for (String d : new String[] {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}) {
            dirs.add(d);
        }
        SEARCH_PATH = String.join(":", dirs);
    }

    private Tools() {
    }

    /** PATH plus the sbin directories: the PATH given to every command krepro runs. */
    public static String searchPath() {
        return SEARCH_PATH;
    }

    /** The executable of that name on {@link #searchPath()}, if any. */
    public static Optional<Path> find(String name) {
        for (String dir : SEARCH_PATH.split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
