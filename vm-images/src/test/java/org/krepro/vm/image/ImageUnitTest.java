package org.krepro.vm.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.io.Processes;
import org.krepro.vm.VmCache;

/** Initramfs layers and the guest jar: no QEMU, no downloads. */
class ImageUnitTest {

    @Test
    void cpioIsReadableByCpio(@TempDir Path dir) throws Exception {
        Path src = Files.writeString(dir.resolve("src.txt"), "hello\n");
        Path out = dir.resolve("a.cpio");
        try (CpioWriter w = new CpioWriter(out)) {
            w.file("usr/bin/hello", src, 0755);
            w.symlink("bin/hi", "/usr/bin/hello");
            w.text("krepro/run.env", "MODE='run'\n", 0644);
            w.chardev("dev/console", 5, 1);
        }
        Processes.Result r = Processes.runMerged(List.of("sh", "-c", "cpio -itv < " + out), null, 30);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("usr/bin/hello"), r.output());
        assertTrue(r.output().contains("bin/hi -> /usr/bin/hello"), r.output());
        assertTrue(r.output().contains("krepro/run.env"), r.output());
        Path x = Files.createDirectories(dir.resolve("x"));
        Processes.runMerged(List.of("sh", "-c", "cpio -id --no-absolute-filenames usr/bin/hello < " + out), x, 30).check();
        assertEquals("hello\n", Files.readString(x.resolve("usr/bin/hello")));
    }

    /**
     * A jar's AOT cache is named by the jar and the runtime its guests get, whatever was asked first: it
     * used to depend on whether initrd() had chosen the runtime yet, so shell-mode guests never found
     * the cache the run-mode guests of the same jar had recorded.
     */
    @Test
    void aotCacheNameDoesNotDependOnCallOrder(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("tiny.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("a.txt"));
            out.write('a');
        }
        org.krepro.vm.VmCache cache = new org.krepro.vm.VmCache(dir.resolve("cache"));
        Path asked = new GuestImage(cache, GuestImage.hostJdk()).aotCache(jar);
        GuestImage chosen = new GuestImage(cache, GuestImage.hostJdk());
        chosen.useRuntimeOf(jar);
        assertEquals(asked, chosen.aotCache(jar));
    }

    @Test
    void guestJarMergesServiceFiles(@TempDir Path dir) throws Exception {
        Path jar = GuestJar.locate(dir);
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertEquals("org.krepro.runner.cli.Main", jf.getManifest().getMainAttributes().getValue("Main-Class"));
            String cmds = new String(jf.getInputStream(jf.getEntry("META-INF/services/org.krepro.runner.cli.KreproCommand")).readAllBytes());
            assertTrue(cmds.contains("org.krepro.vm.guest.VmCommand"), cmds);
            assertTrue(cmds.contains("org.krepro.runner.cli.ListCommand"), cmds);
            String reps = new String(jf.getInputStream(jf.getEntry("META-INF/services/org.krepro.runner.spi.Reproducer")).readAllBytes());
            assertTrue(reps.contains("org.krepro.vm.controls.ControlKernelPanic"), reps);
            assertTrue(jf.getEntry("picocli/CommandLine.class") != null);
            assertTrue(jf.getEntry("org/junit/jupiter/api/Test.class") == null);
        }
    }

    @Test
    void initShIsFoundBesideGuestImage() throws Exception {
        // GuestImage reads /init relative to its own package; the layers' cache keys hash its text
        assertTrue(GuestImage.resource("init.sh").startsWith("#!"), "init.sh in org/krepro/vm/image/");
    }

    /** Jar layers and AOT caches of old builds go: the most recently used ones stay, each with all its files. */
    @Test
    void pruneKeepsTheMostRecentlyUsedEntriesWithAllTheirFiles(@TempDir Path dir) throws Exception {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) {
            Path aot = Files.writeString(dir.resolve("aot-k" + i + ".aot"), "x");
            Path cpio = Files.writeString(dir.resolve("aot-k" + i + ".cpio"), "x");
            Files.setLastModifiedTime(aot, FileTime.fromMillis(now - (10 - i) * 60_000L));
            Files.setLastModifiedTime(cpio, FileTime.fromMillis(now - 3_600_000L));
        }
        Files.writeString(dir.resolve("jar-other.cpio"), "x"); // another kind: untouched
        // k0 is the oldest by its .aot, but was used last: its newest file counts
        Files.setLastModifiedTime(dir.resolve("aot-k0.cpio"), FileTime.fromMillis(now));
        org.krepro.vm.VmCache.prune(dir, "aot-", 2);
        try (var s = Files.list(dir)) {
            assertEquals(List.of("aot-k0.aot", "aot-k0.cpio", "aot-k4.aot", "aot-k4.cpio", "jar-other.cpio"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** A runtime is a directory entry: the oldest go with their trees, the one in use stays. */
    @Test
    void pruneTakesDirectoryEntriesWithTheirTrees(@TempDir Path dir) throws Exception {
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            Path jre = Files.createDirectories(dir.resolve("jre-k" + i).resolve("lib/server"));
            Files.writeString(jre.resolve("libjvm.so"), "x");
            Files.setLastModifiedTime(dir.resolve("jre-k" + i), FileTime.fromMillis(now - (10 - i) * 60_000L));
        }
        VmCache.touch(dir.resolve("jre-k0")); // used last
        VmCache.prune(dir, "jre-", 2);
        try (var s = Files.list(dir)) {
            assertEquals(List.of("jre-k0", "jre-k2"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.isRegularFile(dir.resolve("jre-k0/lib/server/libjvm.so")));
    }

    /**
     * The java disk a guest mounts read-only: ext4 with the runtime, the jar (fixed mtime, so an AOT cache
     * recorded from one disk fits the next) and, once recorded, the AOT cache; a newly kept cache
     * gets a disk of its own, and the one made with the old cache stays until pruned. Real mkfs.ext4
     * and debugfs; the runtime comes from the host cache (jlinked once).
     */
    @Test
    void javaDiskCarriesTheRuntimeTheJarAndLaterItsAotCache(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("java-disk-test.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("java-disk-test.txt"));
            out.write("a jar only this test makes".getBytes());
        }
        org.krepro.vm.VmCache cache = org.krepro.vm.VmCache.defaultCache();
        GuestImage images = new GuestImage(cache, GuestImage.hostJdk());
        Path aot = images.aotCache(jar);
        Files.deleteIfExists(aot);
        Path plain = images.javaDisk(jar);
        Path withAot = null;
        Path older = null;
        try {
            assertTrue(debugfs(plain, "ls -p /jre/bin").contains("/java/"), "jre/bin/java");
            assertFalse(debugfs(plain, "ls -p /").contains("/krepro.aot/"));
            Path back = dir.resolve("back.jar");
            debugfs(plain, "dump /krepro.jar " + back);
            assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(back));
            assertTrue(debugfs(plain, "stat /krepro.jar").contains("mtime: 0x386d4380"), debugfs(plain, "stat /krepro.jar"));
            assertEquals("kreprojava", Processes.runMerged(List.of("e2label", plain.toString()), null, 30).check().output().strip());

            Path recorded = Files.writeString(dir.resolve("krepro.aot"), "recorded by a guest");
            assertTrue(images.keepAot(jar, recorded));
            withAot = images.javaDisk(jar);
            assertNotEquals(plain, withAot);
            debugfs(withAot, "dump /krepro.aot " + dir.resolve("back.aot"));
            assertEquals("recorded by a guest", Files.readString(dir.resolve("back.aot")));
            assertEquals(withAot, images.javaDisk(jar), "the same cache, the same disk");
            // another recording: the next disk carries the new cache under a name of its own, and the disk
            // made from the old cache stays for a guest that may be about to boot it
            assertTrue(images.keepAot(jar, Files.writeString(dir.resolve("krepro.aot"), "recorded again")));
            assertTrue(Files.exists(withAot));
            older = withAot;
            withAot = images.javaDisk(jar);
            assertNotEquals(older, withAot);
            debugfs(withAot, "dump /krepro.aot " + dir.resolve("back2.aot"));
            assertEquals("recorded again", Files.readString(dir.resolve("back2.aot")));
        } finally {
            for (Path p : new Path[] {plain, older, withAot}) {
                if (p != null) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(aot);
        }
    }

    private static String debugfs(Path image, String request) throws Exception {
        return Processes.runMerged(List.of("debugfs", "-R", request, image.toString()), null, 60).check().output();
    }
}
