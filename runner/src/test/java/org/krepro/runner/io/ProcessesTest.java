package org.krepro.runner.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {
    @TempDir
    Path dir;

    @Test
    void capturesStdoutAndStderrApartAndMerged() throws Exception {
        Processes.Result r = Processes.run(List.of("sh", "-c", "echo out; sleep 0.2; echo err >&2; exit 3"));
        assertEquals(3, r.exitCode());
        assertFalse(r.ok());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals("out\nerr\n", r.output());
        assertEquals(r, r.ran());
    }

    @Test
    void mergedStderrKeepsTheOrderTheLinesCameIn() throws Exception {
        Processes.Result r = Processes.runMerged(List.of("sh", "-c", "echo a; echo b >&2; echo c"), null, 60);
        assertTrue(r.ok());
        assertEquals("a\nb\nc\n", r.output());
        assertEquals("", r.stderr());
    }

    @Test
    void runsInADirectoryWithExtraEnvironmentAndLogsTheCommandLine() throws Exception {
        List<String> log = new ArrayList<>();
        Processes.Result r = Processes.call(List.of("sh", "-c", "pwd; echo \"$KREPRO_X $LC_ALL\""))
                .in(dir).env("KREPRO_X", "a b").log(log::add).run().check();
        assertEquals(dir.toRealPath() + "\na b C\n", r.output());
        assertEquals(List.of("$ sh -c 'pwd; echo \"$KREPRO_X $LC_ALL\"'"), log);
    }

    @Test
    void aCommandThatCannotStartIsExit127WithTheReason() throws Exception {
        Processes.Result r = Processes.run(List.of("krepro-no-such-tool", "x"));
        assertEquals(Processes.NOT_FOUND, r.exitCode());
        assertTrue(r.output().startsWith("cannot run krepro-no-such-tool x: "), r.output());
        IOException e = assertThrows(IOException.class, r::ran);
        assertEquals(r.output(), e.getMessage());
        assertTrue(assertThrows(ProcessFailedException.class, r::check).getMessage().startsWith("cannot run krepro-no-such-tool x: "));
        assertFalse(Processes.succeeds("krepro-no-such-tool"));
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithItsChildren() throws Exception {
        long start = System.nanoTime();
        Processes.Result r = Processes.run(List.of("sh", "-c", "echo started; sleep 30 & wait"), Duration.ofMillis(500));
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertEquals(Processes.TIMED_OUT, r.exitCode());
        assertTrue(r.timedOut());
        assertTrue(r.output().startsWith("started\n"), r.output());
        assertTrue(r.output().endsWith("(timed out after 0 s)"), r.output());
        assertThrows(IOException.class, r::ran);
    }

    @Test
    void checkNamesTheCommandTheStatusAndTheTailOfItsOutput() throws Exception {
        ProcessFailedException e = assertThrows(ProcessFailedException.class,
                () -> Processes.run(List.of("sh", "-c", "head -c 5000 /dev/zero | tr '\\0' x; echo END; exit 2")).check());
        String m = e.getMessage();
        assertTrue(m.startsWith("sh -c 'head -c 5000 /dev/zero | tr '\\''\\0'\\'' x; echo END; exit 2' failed with exit status 2: ..."), m);
        assertTrue(m.endsWith("xEND"), m);
        assertTrue(m.length() < 4200, () -> Integer.toString(m.length()));
        assertEquals(2, e.result().exitCode());
        assertTrue(Processes.succeeds("true"));
    }

    @Test
    void whichSearchesPathAndTheSbinDirectories() throws Exception {
        assertTrue(Processes.which("sh").isPresent());
        assertTrue(Processes.searchPath().contains("/usr/sbin") && Processes.searchPath().contains("/sbin"));
        Path exe = Files.createFile(dir.resolve("tool"));
        assertTrue(Processes.which("tool", dir.toString()).isEmpty(), "not executable");
        exe.toFile().setExecutable(true);
        assertEquals(exe, Processes.which("tool", "::" + dir).orElseThrow());
        Files.createDirectory(dir.resolve("adir"));
        assertTrue(Processes.which("adir", dir.toString()).isEmpty());
        assertTrue(Processes.which("krepro-no-such-tool").isEmpty());
    }
}
