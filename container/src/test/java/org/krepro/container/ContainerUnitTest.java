package org.krepro.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.vm.image.CpioWriter;

/** Pieces of container mode that need neither root nor Docker. */
class ContainerUnitTest {

    @Test
    void cpioLayersBecomeOneTar(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a.cpio");
        Path b = tmp.resolve("b.cpio");
        Path src = Files.writeString(tmp.resolve("tool"), "#!/bin/sh\necho hi\n");
        try (CpioWriter w = new CpioWriter(a)) {
            w.file("usr/bin/tool", src, 0755);
            w.symlink("bin/sh", "busybox");
            w.chardev("dev/null", 1, 3);
            w.text("etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644);
        }
        try (CpioWriter w = new CpioWriter(b)) {
            w.text("krepro/a very long directory name that goes past the hundred characters of a plain ustar header/file.txt", "x", 0600);
            w.dir("usr/bin");
        }
        Path tar = tmp.resolve("rootfs.tar");
        RootfsImage.writeTar(List.of(a, b), tar);
        Map<String, TarArchiveEntry> entries = new TreeMap<>();
        Map<String, String> content = new TreeMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            TarArchiveEntry e;
            while ((e = (TarArchiveEntry) in.getNextEntry()) != null) {
                assertFalse(entries.containsKey(e.getName()), "duplicate " + e.getName());
                entries.put(e.getName(), e);
                if (e.isFile()) {
                    content.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(0755, entries.get("usr/bin/tool").getMode() & 07777);
        assertEquals("#!/bin/sh\necho hi\n", content.get("usr/bin/tool"));
        assertTrue(entries.get("bin/sh").isSymbolicLink());
        assertEquals("busybox", entries.get("bin/sh").getLinkName());
        assertTrue(entries.get("usr/bin/").isDirectory());
        assertFalse(entries.containsKey("dev/null"), "device nodes are left to the engine");
        assertEquals("x", content.get("krepro/a very long directory name that goes past the hundred characters of a plain ustar header/file.txt"));
        assertEquals(0, entries.get("etc/passwd").getLongUserId());
    }

    @Test
    void dockerfileIsFromScratch() {
        String df = RootfsImage.dockerfile("0123456789abcdef");
        assertTrue(df.startsWith("FROM scratch\nADD rootfs.tar /\n"), df);
        assertTrue(df.contains("ENTRYPOINT [\"/bin/sh\", \"/krepro/container-init.sh\"]"), df);
    }

    @Test
    void containerJarLeavesTheDockerClientOnTheHostAndIsDeterministic(@TempDir Path tmp) throws Exception {
        Path fat = tmp.resolve("fat.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(fat), mf)) {
            for (String n : List.of("org/krepro/runner/cli/Main.class", "org/testcontainers/DockerClientFactory.class",
                    "com/github/dockerjava/api/DockerClient.class", "com/sun/jna/Native.class", "picocli/CommandLine.class")) {
                jos.putNextEntry(new ZipEntry(n));
                jos.write(n.getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
        }
        Path one = ContainerJar.filtered(fat, tmp.resolve("one.jar"));
        Thread.sleep(2100); // a manifest written with the current time would differ now
        Path two = ContainerJar.filtered(fat, tmp.resolve("two.jar"));
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        List<String> names = new ArrayList<>();
        try (JarFile jf = new JarFile(one.toFile())) {
            jf.stream().map(JarEntry::getName).forEach(names::add);
            assertEquals("org.krepro.runner.cli.Main", jf.getManifest().getMainAttributes().getValue("Main-Class"));
            assertEquals("ALL-UNNAMED", jf.getManifest().getMainAttributes().getValue("Enable-Native-Access"));
        }
        assertEquals(List.of("META-INF/MANIFEST.MF", "org/krepro/runner/cli/Main.class", "picocli/CommandLine.class"), names);
    }

    @Test
    void surefireGivesTestcontainersItsEnvironment() {
        assertEquals(Map.of(), DockerEngine.missingEnvironment());
    }

    @Test
    void noDockerEngineIsALoudFailure(@TempDir Path tmp) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.krepro.runner.EnvironmentException.class,
                () -> DockerEngine.ensureRunning(tmp.resolve("docker.sock"), false, tmp.resolve("dockerd.log"), l -> { }));
        assertTrue(e.getMessage().contains("does not answer") && e.getMessage().contains("docker.io"), e.getMessage());
    }

    @Test
    void ownCommandLineIsReadable() throws Exception {
        List<String> cl = ContainerCommand.commandLine();
        assertTrue(cl.getFirst().endsWith("java"), cl.toString());
    }
}
