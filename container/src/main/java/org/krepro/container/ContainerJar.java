package org.krepro.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.krepro.runner.cli.Main;
import org.krepro.vm.image.GuestJar;

/**
 * The krepro jar that goes into the container image: krepro without the Docker client side (Testcontainers,
 * docker-java, JNA, commons-compress, slf4j), which only the host needs. From the running jar when krepro
 * runs from dist/target/krepro.jar (its entries filtered), else assembled from the class path with
 * vm-images' {@link GuestJar#assemble}, like a guest's jar. {@code KREPRO_GUEST_JAR} overrides both.
 */
public final class ContainerJar {
    /** Path fragments of class path entries, and entry prefixes of a fat jar, that stay on the host. */
    static final List<String> HOST_ONLY_JARS = List.of("testcontainers", "docker-java", "/jna", "commons-compress",
            "duct-tape", "slf4j", "junit", "opentest4j", "apiguardian", "hamcrest", "assertj", "mockito", "surefire", "test-classes");
    static final List<String> HOST_ONLY_ENTRIES = List.of("org/testcontainers/", "com/github/dockerjava/", "com/sun/jna/",
            "org/apache/commons/compress/", "org/rnorth/", "org/slf4j/", "org/junit/", "junit/", "org/hamcrest/",
            "META-INF/services/org.testcontainers", "META-INF/versions/9/org/apache/commons/compress/");

    private ContainerJar() {
    }

    public static Path locate(Path workDir) throws IOException {
        String override = System.getenv("KREPRO_GUEST_JAR");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Files.createDirectories(workDir);
        Path self = GuestJar.codeSource(Main.class);
        if (self != null && Files.isRegularFile(self) && self.toString().endsWith(".jar")
                && self.equals(GuestJar.codeSource(ContainerJar.class))) {
            // Filtered once per jar (path, size, time): the copy is what the image key hashes.
            var attrs = Files.readAttributes(self, java.nio.file.attribute.BasicFileAttributes.class);
            String key = Integer.toHexString((self.toAbsolutePath() + "|" + attrs.size() + "|" + attrs.lastModifiedTime().toMillis()).hashCode());
            Path cached = workDir.resolve("krepro-container-" + key + ".jar");
            if (!Files.isRegularFile(cached)) {
                try (var old = Files.newDirectoryStream(workDir, "krepro-container-*.jar")) {
                    for (Path o : old) {
                        Files.deleteIfExists(o);
                    }
                }
                filtered(self, cached);
            }
            return cached;
        }
        // GuestJar writes its manifest with the current time: normalize, so that the image key stays put.
        Path assembled = GuestJar.assemble(classPath(), workDir.resolve("krepro-container-cp.jar"));
        try {
            return filtered(assembled, workDir.resolve("krepro-container.jar"));
        } finally {
            Files.deleteIfExists(assembled);
        }
    }

    /** The class path (a surefire manifest-only jar expanded), without what stays on the host. */
    static List<Path> classPath() throws IOException {
        return GuestJar.expandedClassPath(List.of(ContainerJar.class)).stream()
                .filter(p -> HOST_ONLY_JARS.stream().noneMatch(p.toString()::contains)).toList();
    }

    /** A copy of a jar without the host-only entries, deterministic (entry times 0, the manifest's too). */
    static Path filtered(Path jar, Path out) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest mf = in.getManifest() == null ? new Manifest() : new Manifest(in.getManifest());
            Attributes a = mf.getMainAttributes();
            a.putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
            a.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
            a.putValue("Enable-Native-Access", "ALL-UNNAMED");
            try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(tmp))) {
                ZipEntry m = new ZipEntry(JarFile.MANIFEST_NAME);
                m.setTime(0);
                jos.putNextEntry(m);
                mf.write(jos);
                jos.closeEntry();
                for (JarEntry e : in.stream().toList()) {
                    String n = e.getName();
                    if (e.isDirectory() || n.equalsIgnoreCase("META-INF/MANIFEST.MF")
                            || HOST_ONLY_ENTRIES.stream().anyMatch(n::startsWith)) {
                        continue;
                    }
                    ZipEntry z = new ZipEntry(n);
                    z.setTime(0);
                    jos.putNextEntry(z);
                    try (InputStream is = in.getInputStream(e)) {
                        is.transferTo(jos);
                    }
                    jos.closeEntry();
                }
            }
        }
        return Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    }
}
