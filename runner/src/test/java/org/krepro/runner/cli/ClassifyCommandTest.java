package org.krepro.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClassifyCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsFileTabFirstCrashTitle() throws IOException {
        Path crash = dir.resolve("guest-console.log");
        Files.writeString(crash, """
                [    1.000000] Linux version 6.18.0\r
                [   12.345678] WARNING: CPU: 0 PID: 1 at fs/ext4/inode.c:3664 ext4_dirty_folio+0x5a/0x70\r
                [   12.345700] Modules linked in:\r
                [   12.345710] RIP: 0010:ext4_dirty_folio+0x5a/0x70\r
                [   12.345720] Call Trace:\r
                [   12.345730]  <TASK>\r
                [   12.345740]  folio_mark_dirty+0x41/0x70\r
                [   12.345750]  </TASK>\r
                [   12.345760] EXT4-fs error (device loop0): ext4_lookup:1812: inode #2: comm ls: bad extra_isize\r
                """);
        Path clean = dir.resolve("clean.log");
        Files.writeString(clean, "[    1.000000] Linux version 6.18.0\n[    2.000000] EXT4-fs (vda): mounted filesystem\n");
        Run r = run("classify", crash.toString(), clean.toString());
        assertEquals(crash + "\tWARNING in ext4_dirty_folio\n" + clean + "\t\n", r.out());
        assertEquals(ExitCodes.REPRODUCER_FAILED, r.exit());

        Run v = run("classify", "--verbose", crash.toString());
        assertTrue(v.out().contains("type=WARNING frame=ext4_dirty_folio file=fs/ext4/inode.c corrupted=false"), v.out());
        assertTrue(v.out().contains("fs: EXT4-fs error in ext4_lookup: bad extra_isize [ext4 ERROR loop0]"), v.out());

        Run j = run("classify", "--json", crash.toString());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(j.out());
        assertEquals("WARNING in ext4_dirty_folio", tree.get(0).get("crashes").get(0).get("title").asText());
        assertEquals("WARNING", tree.get(0).get("crashes").get(0).get("type").asText());
        assertEquals("loop0", tree.get(0).get("fsEvents").get(0).get("device").asText());

        Run c = run("classify", clean.toString());
        assertEquals(ExitCodes.ALL_PASSED, c.exit());
    }

    @Test
    void corpusModeComparesWithTheExpectedTitle() throws IOException {
        Path t = dir.resolve("1");
        Files.writeString(t, "TITLE: WARNING in ext4_dirty_folio\n\n"
                + "[   12.345678] WARNING: CPU: 0 PID: 1 at fs/ext4/inode.c:3664 ext4_dirty_folio+0x5a/0x70\n"
                + "[   12.345710] RIP: 0010:ext4_dirty_folio+0x5a/0x70\n[   12.345720] Call Trace:\n"
                + "[   12.345740]  folio_mark_dirty+0x41/0x70\n");
        Run r = run("classify", "--corpus", t.toString());
        assertEquals(t + "\tWARNING in ext4_dirty_folio\tWARNING in ext4_dirty_folio\tok\n", r.out());
        assertTrue(r.err().contains("exact title 1 (100.0%)"), r.err());
        assertEquals(ExitCodes.ALL_PASSED, r.exit());
    }

    @Test
    void missingFileIsAUsageError() {
        Run r = run("classify", dir.resolve("nope.log").toString());
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("nope.log"), r.err());
    }
}
