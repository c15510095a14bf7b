package org.krepro.vm.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.krepro.runner.cli.Main;

/**
 * The krepro jar a guest runs: the running jar itself when krepro runs from dist/target/krepro.jar;
 * otherwise (tests, IDE) one is assembled from the class path (class directories and jars, with
 * META-INF/services files merged), skipping test frameworks and test classes.
 */
public final class GuestJar {

    private GuestJar() {
    }

    public static Path locate(Path workDir) throws IOException {
        String override = System.getenv("KREPRO_GUEST_JAR");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path self = codeSource(Main.class);
        if (self != null && Files.isRegularFile(self) && self.toString().endsWith(".jar")
                && codeSource(GuestJar.class) != null && self.equals(codeSource(GuestJar.class))) {
            return self;
        }
        return assemble(classPath(), workDir.resolve("krepro-guest.jar"));
    }

    /** Where a class was loaded from (a jar or a class directory), or null. */
    public static Path codeSource(Class<?> c) {
        try {
            var cs = c.getProtectionDomain().getCodeSource();
            return cs == null ? null : Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            return null;
        }
    }

    static List<Path> classPath() throws IOException {
        return expandedClassPath(List.of()).stream().filter(GuestJar::wanted).toList();
    }

    /**
     * This JVM's class path with a manifest-only launcher jar (surefire's) replaced by the entries of its
     * Class-Path, plus the code sources of krepro's own entry points and of {@code alsoFrom}, unfiltered.
     */
    public static List<Path> expandedClassPath(List<Class<?>> alsoFrom) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (e.isBlank()) {
                continue;
            }
            Path p = Path.of(e);
            if (p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jf = new JarFile(p.toFile())) {
                    Manifest m = jf.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                    if (cp != null && jf.size() <= 2) { // a manifest-only launcher jar (surefire)
                        for (String u : cp.trim().split("\\s+")) {
                            try {
                                out.add(Path.of(new java.net.URI(u)));
                            } catch (URISyntaxException | IllegalArgumentException ex) {
                                out.add(p.resolveSibling(u));
                            }
                        }
                        continue;
                    }
                }
            }
            out.add(p);
        }
        // Make sure krepro's own code is in, whatever the launcher did.
        List<Class<?>> own = new ArrayList<>(List.of(Main.class, GuestJar.class, picocli.CommandLine.class));
        own.addAll(alsoFrom);
        for (Class<?> c : own) {
            Path cs = codeSource(c);
            if (cs != null && !out.contains(cs)) {
                out.add(cs);
            }
        }
        return out;
    }

    private static boolean wanted(Path p) {
        String s = p.toString();
        return !(s.contains("junit") || s.contains("opentest4j") || s.contains("apiguardian") || s.contains("surefire")
                || s.contains("test-classes") || s.contains("hamcrest") || s.contains("assertj") || s.contains("mockito"));
    }

    /** Merges class path entries into one runnable jar (Main-Class org.krepro.runner.cli.Main). */
    public static Path assemble(List<Path> entries, Path out) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Map<String, StringBuilder> services = new LinkedHashMap<>();
        for (Path e : entries) {
            if (Files.isDirectory(e)) {
                try (Stream<Path> s = Files.walk(e)) {
                    for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                        add(e.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f), files, services);
                    }
                }
            } else if (Files.isRegularFile(e)) {
                try (JarFile jf = new JarFile(e.toFile())) {
                    for (JarEntry je : jf.stream().filter(x -> !x.isDirectory()).toList()) {
                        try (InputStream in = jf.getInputStream(je)) {
                            add(je.getName(), in.readAllBytes(), files, services);
                        }
                    }
                }
            }
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.krepro.runner.cli.Main");
        mf.getMainAttributes().putValue("Enable-Native-Access", "ALL-UNNAMED");
        mf.getMainAttributes().putValue("Implementation-Version", "dev-guest");
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(tmp), mf)) {
            for (var f : files.entrySet()) {
                put(jos, f.getKey(), f.getValue());
            }
            for (var s : services.entrySet()) {
                put(jos, s.getKey(), s.getValue().toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    private static void add(String name, byte[] data, Map<String, byte[]> files, Map<String, StringBuilder> services) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("META-INF/MANIFEST.MF") || upper.endsWith(".SF") || upper.endsWith(".DSA") || upper.endsWith(".RSA")
                || upper.startsWith("META-INF/VERSIONS/") && upper.endsWith("MODULE-INFO.CLASS") || upper.equals("MODULE-INFO.CLASS")) {
            return;
        }
        if (name.startsWith("META-INF/services/")) {
            StringBuilder sb = services.computeIfAbsent(name, k -> new StringBuilder());
            String text = new String(data, StandardCharsets.UTF_8);
            sb.append(text);
            if (!text.endsWith("\n")) {
                sb.append('\n');
            }
            return;
        }
        files.putIfAbsent(name, data);
    }

    private static void put(JarOutputStream jos, String name, byte[] data) throws IOException {
        ZipEntry ze = new ZipEntry(name);
        ze.setTime(0);
        jos.putNextEntry(ze);
        jos.write(data);
        jos.closeEntry();
    }
}
