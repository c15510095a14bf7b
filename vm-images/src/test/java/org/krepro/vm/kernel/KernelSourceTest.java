package org.krepro.vm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bzImage in a git build tree is reported with the tree and the commit it was built at. */
class KernelSourceTest {
    @TempDir
    Path dir;

    @Test
    void aBzImageInAGitTreeNamesTheTreeAndItsHead() throws Exception {
        Path tree = dir.resolve("linux");
        Path image = Files.createDirectories(tree.resolve("arch/x86/boot")).resolve("bzImage");
        Files.writeString(image, "not booted here");
        Files.writeString(tree.resolve("Makefile"), "VERSION = 6\n");
        for (List<String> c : List.of(List.of("git", "init", "-q"), List.of("git", "add", "Makefile"),
                List.of("git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "m"))) {
            assertTrue(new ProcessBuilder(c).directory(tree.toFile()).inheritIO().start().waitFor() == 0, c.toString());
        }
        String head = new String(new ProcessBuilder("git", "-C", tree.toString(), "rev-parse", "HEAD").start()
                .getInputStream().readAllBytes()).strip();
        Map<String, String> props = new TreeMap<>();
        KernelSource.describe(new GuestKernel(image.toString(), "6.1.0", image, null, null), props);
        assertEquals(Map.of("vm.kernel.tree", tree.toString(), "vm.kernel.commit", head), props);

        Map<String, String> debian = new TreeMap<>();
        KernelSource.describe(new GuestKernel("debian:6.1.0-56-cloud-amd64", "6.1.0-56-cloud-amd64", image, null, null), debian);
        assertEquals(Map.of(), debian);
    }
}
