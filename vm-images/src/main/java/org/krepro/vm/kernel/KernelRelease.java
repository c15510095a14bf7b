package org.krepro.vm.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.krepro.runner.io.Processes;

/**
 * A kernel's release (its {@code uname -r}) as the files on the host tell it: the one place for a build
 * tree, an installed or unpacked image and a bzImage header, so that resolving and building agree.
 */
public final class KernelRelease {
    private static final Pattern BZIMAGE_VERSION = Pattern.compile("version (\\S+)");

    private KernelRelease() {
    }

    /**
     * The release of a kernel image: its build tree's (null when none), else a vmlinuz-REL name, else the
     * bzImage header; null when none of them tells.
     */
    public static String ofImage(Path image, Path tree) throws IOException {
        String release = tree == null ? null : ofBuildTree(tree);
        if (release == null) {
            release = ofImageName(image);
        }
        return release != null ? release : ofBzImage(image);
    }

    /** include/config/kernel.release of a build tree (or of make's O= directory), or null when there is none. */
    public static String ofBuildTree(Path tree) throws IOException {
        Path rel = tree.resolve("include/config/kernel.release");
        return Files.isRegularFile(rel) ? Files.readString(rel).trim() : null;
    }

    /** REL of an image named vmlinuz-REL (/boot's naming), or null. */
    public static String ofImageName(Path image) {
        String fileName = image.getFileName().toString();
        return fileName.startsWith("vmlinuz-") ? fileName.substring("vmlinuz-".length()) : null;
    }

    /** The release string embedded in a bzImage header ("Linux kernel x86 boot executable ... version R"), or null. */
    public static String ofBzImage(Path image) throws IOException {
        Processes.Result r = Processes.runMerged(List.of("file", "-bL", image.toString()), null, 30);
        Matcher m = BZIMAGE_VERSION.matcher(r.output());
        return m.find() ? m.group(1) : null;
    }

    /** The release of an unpacked kernel package (a Debian one, a knock-out entry): its lib/modules/REL. */
    public static String ofUnpacked(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("lib/modules"))) {
            return s.map(p -> p.getFileName().toString()).sorted().findFirst()
                    .orElseThrow(() -> new IOException("no lib/modules/* in " + dir));
        }
    }
}
