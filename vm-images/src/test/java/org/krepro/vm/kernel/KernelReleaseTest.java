package org.krepro.vm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way krepro tells a kernel's release, in the order Kernels.resolve asks. */
class KernelReleaseTest {
    @TempDir
    Path dir;

    @Test
    void aBuildTreeWinsOverTheImageName() throws Exception {
        Path tree = dir.resolve("linux");
        Files.createDirectories(tree.resolve("include/config"));
        Path image = Files.writeString(Files.createDirectories(tree.resolve("boot")).resolve("vmlinuz-6.1.0-9-amd64"), "x");
        assertEquals("6.1.0-9-amd64", KernelRelease.ofImage(image, tree), "no kernel.release yet: the name");
        Files.writeString(tree.resolve("include/config/kernel.release"), "6.13.0-rc1+\n");
        assertEquals("6.13.0-rc1+", KernelRelease.ofBuildTree(tree));
        assertEquals("6.13.0-rc1+", KernelRelease.ofImage(image, tree));
        assertEquals("6.1.0-9-amd64", KernelRelease.ofImage(image, null));
        assertNull(KernelRelease.ofImageName(Path.of("/x/bzImage")));
    }

    @Test
    void anUnpackedPackageIsNamedByItsModulesDirectory() throws Exception {
        Files.createDirectories(dir.resolve("lib/modules/6.12.118+deb12-cloud-amd64"));
        assertEquals("6.12.118+deb12-cloud-amd64", KernelRelease.ofUnpacked(dir));
        Path empty = Files.createDirectories(dir.resolve("empty/lib/modules"));
        assertThrows(IOException.class, () -> KernelRelease.ofUnpacked(empty.getParent().getParent()));
    }
}
