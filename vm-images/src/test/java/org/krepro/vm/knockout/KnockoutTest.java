package org.krepro.vm.knockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.vm.VmCache;
import org.krepro.vm.kernel.Kernels;

/** The shipped knock-out patches' headers, names and cache keys (the builds themselves are shown in the README). */
class KnockoutTest {

    private static final String GOOD = """
            Knockout: 004
            Title: t
            Seed: 004_17edeaa98658f178.txt
            Undoes: ef1e68236b91 btrfs: fix race in read_extent_buffer_pages()
            Source: linux-source-6.12 6.12.118-1~deb12u1
            Base: debian:6.12.118+deb12-cloud-amd64
            Build: module fs/btrfs
            Cmdline: btrfs.krepro_ko_delay_us=2000 btrfs.krepro_ko=1

            why
            ---
            --- a/fs/btrfs/extent_io.c
            +++ b/fs/btrfs/extent_io.c
            @@ -1,1 +1,1 @@
            -a
            +b
            """;

    @Test
    void everyShippedPatchHasItsHeaderAndADiff() {
        List<Knockout> all = Knockout.bundled();
        assertTrue(all.size() >= 2, "ko003 and ko004 at least");
        Knockout ko000 = Knockout.bundled("000");
        assertEquals(List.of("ebdf4de5642f"), ko000.undoesCommits());
        assertEquals("linux-source-6.1", ko000.sourcePkg(), "6.1 moves buffer heads before it copies the data");
        assertEquals("6.1.192+krepro-ko000", ko000.name());
        Set<String> ids = new HashSet<>();
        for (Knockout k : all) {
            assertTrue(ids.add(k.id()), "one patch per id: " + k.id());
            assertTrue(k.resource().startsWith("ko" + k.id() + "-"), k.resource());
            assertTrue(k.seed().startsWith(k.id() + "_") && k.seed().endsWith(".txt"), k.seed());
            assertTrue(k.undoesCommit().matches("[0-9a-f]{12,40}"), k.undoes());
            assertTrue(k.undoes().length() > k.undoesCommit().length() + 5, "the upstream title too: " + k.undoes());
            assertEquals(k.undoesCommit(), k.undoesCommits().getFirst());
            assertTrue(k.sourcePkg().matches("linux-source-\\d+\\.\\d+"), k.sourcePkg());
            assertTrue(k.base().startsWith("debian:"), k.base());
            assertTrue(k.name().matches("\\d+\\.\\d+\\.\\d+\\+krepro-ko" + k.id()), k.name());
            assertTrue(k.diff().startsWith("--- a/"), k.resource());
            assertTrue(k.diff().contains("\n+++ b/") && k.diff().contains("\n@@ "), k.resource());
            // The module's directory is what the diff patches, so M=DIR builds the patched file.
            if (k.isModule()) {
                for (String line : k.diff().split("\n")) {
                    if (line.startsWith("+++ b/")) {
                        assertTrue(line.startsWith("+++ b/" + k.moduleDir() + "/"), line);
                    }
                }
            }
            // The description says what it changes and why: more than the header.
            String description = k.text().substring(k.text().indexOf("\n\n"), k.text().indexOf("\n---\n"));
            assertTrue(description.length() > 200, k.resource());
        }
        assertEquals("6.12.118+krepro-ko004", Knockout.bundled("004").name());
        assertEquals("xfs", Knockout.bundled("knockout:003").module());
        assertEquals("btrfs", Knockout.bundled("ko004").module());
    }

    @Test
    void parsesAHeader() {
        Knockout k = Knockout.parse("ko004-x.patch", GOOD);
        assertEquals("004", k.id());
        assertEquals("ef1e68236b91", k.undoesCommit());
        assertEquals(List.of("ef1e68236b91"), k.undoesCommits());
        assertEquals("linux-source-6.12", k.sourcePkg());
        assertEquals("6.12.118-1~deb12u1", k.sourceVersion());
        assertEquals("fs/btrfs", k.moduleDir());
        assertEquals(List.of("btrfs.krepro_ko_delay_us=2000", "btrfs.krepro_ko=1"), k.cmdline());
        assertEquals("knockout:004", k.spec());
        assertTrue(k.diff().startsWith("--- a/fs/btrfs/extent_io.c\n"));
        Knockout two = Knockout.parse("ko004-x.patch", GOOD.replace("Undoes: ef1e68236b91 btrfs: fix race in read_extent_buffer_pages()",
                "Undoes: 32a93f5bc9b9 ext4: fix calculation of credits; and ebdf4de5642f mm: migrate: fix reference check race"));
        assertEquals(List.of("32a93f5bc9b9", "ebdf4de5642f"), two.undoesCommits(), "a patch may undo two fixes");
    }

    @Test
    void rejectsIncompleteHeaders() {
        for (String field : Knockout.REQUIRED) {
            String text = GOOD.replaceFirst("(?m)^" + field + ": .*\n", "");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Knockout.parse("p", text), field);
            assertTrue(e.getMessage().contains("no " + field + ":"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Knockout.parse("p",
                GOOD.replace("Undoes: ef1e68236b91 btrfs", "Undoes: the btrfs fix")), "no commit id");
        assertThrows(IllegalArgumentException.class, () -> Knockout.parse("p",
                GOOD.replace("Undoes: ef1e68236b91 btrfs: fix race in read_extent_buffer_pages()", "Undoes: ef1e68236b91")),
                "no title");
        assertThrows(IllegalArgumentException.class, () -> Knockout.parse("p", GOOD.replace("Seed: 004_", "Seed: 003_")));
        assertThrows(IllegalArgumentException.class, () -> Knockout.parse("p", GOOD.replace("Build: module fs/btrfs", "Build: module ../x")));
        assertThrows(IllegalArgumentException.class, () -> Knockout.parse("p", GOOD.substring(0, GOOD.indexOf("--- a/"))), "no diff");
    }

    @Test
    void findsTheStockModuleToReplace(@TempDir Path tmp) throws Exception {
        Knockout ko4 = Knockout.bundled("004");
        Path dir = Files.createDirectories(tmp.resolve("kernel/fs/btrfs"));
        Files.writeString(dir.resolve("btrfs-extra.ko.xz"), "");
        Files.writeString(dir.resolve("btrfs.ko.xz"), "");
        assertEquals(dir.resolve("btrfs.ko.xz"), KnockoutBuilder.findModule(tmp, ko4));
        Files.delete(dir.resolve("btrfs.ko.xz"));
        Files.writeString(dir.resolve("btrfs.ko"), "");
        assertEquals(dir.resolve("btrfs.ko"), KnockoutBuilder.findModule(tmp, ko4), "6.1 ships plain .ko files");
        // xfs built in (no kernel/fs/xfs): a clear error, not a half-made kernel
        var e = assertThrows(java.io.IOException.class, () -> KnockoutBuilder.findModule(tmp, Knockout.bundled("003")));
        assertTrue(e.getMessage().contains("built in"), e.getMessage());
    }

    @Test
    void cacheKeyFollowsThePatch(@TempDir Path tmp) throws Exception {
        Knockout a = Knockout.parse("a", GOOD);
        Knockout same = Knockout.parse("b", GOOD);
        Knockout other = Knockout.parse("a", GOOD.replace("+b", "+c"));
        assertEquals(KnockoutBuilder.key(a), KnockoutBuilder.key(same), "the key is the patch's, not the file name's");
        assertNotEquals(KnockoutBuilder.key(a), KnockoutBuilder.key(other));
        assertTrue(KnockoutBuilder.key(a).matches("[0-9a-f]{16}"));
        KnockoutBuilder b = new KnockoutBuilder(new VmCache(tmp), new Kernels(new VmCache(tmp)));
        Path entry = b.entry(a);
        assertEquals(tmp.resolve("knockouts").resolve("ko004-" + KnockoutBuilder.key(a)), entry);
        assertNotEquals(entry, b.entry(other));
        // Not built: resolving says how to build it; nothing is listed.
        var e = assertThrows(org.krepro.runner.EnvironmentException.class, () -> new Kernels(new VmCache(tmp)).resolve("knockout:004", null));
        assertTrue(e.getMessage().contains("krepro kernels build --knockout 004"), e.getMessage());
        assertTrue(b.built().isEmpty());
        // A complete entry (the shape of an unpacked Debian kernel) resolves under its knock-out name.
        Knockout ko4 = Knockout.bundled("004");
        Path dir = b.entry(ko4);
        Files.createDirectories(dir.resolve("lib/modules/6.12.118+deb12-cloud-amd64"));
        Files.createDirectories(dir.resolve("boot"));
        Files.writeString(dir.resolve("boot/vmlinuz-6.12.118+deb12-cloud-amd64"), "");
        Files.writeString(dir.resolve(".complete"), "");
        var g = new Kernels(new VmCache(tmp)).resolve("knockout:004", null);
        assertEquals("6.12.118+krepro-ko004", g.label());
        assertEquals("6.12.118+deb12-cloud-amd64", g.release());
        assertEquals("knockout:004", g.spec());
        assertEquals(1, b.built().size());
        assertFalse(new Kernels(new VmCache(tmp)).cached().contains("knockout:004"), "knock-outs are not debian: kernels");
    }
}
