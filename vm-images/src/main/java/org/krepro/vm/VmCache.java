package org.krepro.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where krepro keeps what it fetches and builds for guests: {@code $KREPRO_CACHE}, or
 * /var/cache/krepro (root) or ~/.cache/krepro. Subdirectories: kernels/NAME (unpacked Debian kernel
 * packages), initramfs/ (cpio layers named by the content hash of their inputs), runtime/ (jlinked JDKs).
 */
public record VmCache(Path root) {

    public static VmCache defaultCache() {
        String env = System.getenv("KREPRO_CACHE");
        if (env != null && !env.isBlank()) {
            return new VmCache(Path.of(env));
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return new VmCache(Path.of("/var/cache/krepro"));
        }
        return new VmCache(Path.of(System.getProperty("user.home"), ".cache", "krepro"));
    }

    public Path kernels() throws IOException {
        return Files.createDirectories(root.resolve("kernels"));
    }

    public Path initramfs() throws IOException {
        return Files.createDirectories(root.resolve("initramfs"));
    }

    public Path runtime() throws IOException {
        return Files.createDirectories(root.resolve("runtime"));
    }

    /** Facts valid until the host reboots (the KVM probe); /run is cleared at boot anyway. */
    public Path perBoot() throws IOException {
        return Files.createDirectories(root.resolve("per-boot"));
    }
}
