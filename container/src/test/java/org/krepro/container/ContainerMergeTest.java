package org.krepro.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.Version;
import org.krepro.runner.engine.RunOptions;
import org.krepro.runner.report.HostInfo;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Filesystem;
import org.krepro.vm.VmCache;

/** How the container's results become the host's report, and when the container adds a case of its own: no Docker. */
class ContainerMergeTest {
    private static final RootfsImage.Built IMAGE = new RootfsImage.Built("krepro-rootfs:test", "sha256:0123456789abcdef", 1, 2,
            false, 0.5);

    private static RunResults merge(Path tmp, boolean withResults, String end, int exit) throws Exception {
        String release = HostInfo.current(Version.get()).kernelRelease();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("container-output.log"), "krepro 0.1 in the container\n");
        if (withResults) {
            Path inner = Files.createDirectories(out.resolve("results").resolve(release));
            TestResult pass = new TestResult("control-clean", "ext4", "4k", Verdict.PASS, "", List.of(), 2.0, new TreeMap<>(),
                    List.of(), "", "", Map.of());
            new RunResults(HostInfo.current(Version.get()), "2026-12-03T03:00:00", new TreeMap<>(), List.of(pass))
                    .write(inner.resolve(RunResults.FILE_NAME));
        }
        RunOptions options = new RunOptions(Set.of("control-clean"), Set.of(Filesystem.EXT4), Set.of(), Duration.ofSeconds(2), 0, 1,
                tmp.resolve("reports"), tmp.resolve("work"), false, false, List.of(), Duration.ofSeconds(30));
        ContainerRunner.Request rq = new ContainerRunner.Request(options, List.of(), false, false, null,
                new PrintStream(new ByteArrayOutputStream()));
        RunResults merged = new ContainerRunner(new VmCache(tmp.resolve("cache"))).merge(rq, IMAGE, "c0ffee", exit, end, List.of(),
                List.of(), out, 12.0, 15.0);
        Path reportDir = tmp.resolve("reports").resolve(release);
        assertTrue(Files.isRegularFile(reportDir.resolve(RunResults.FILE_NAME)));
        assertEquals(merged, RunResults.read(reportDir.resolve(RunResults.FILE_NAME)));
        return merged;
    }

    @Test
    void aCleanRunIsItsOwnTestsOnly(@TempDir Path tmp) throws Exception {
        RunResults r = merge(tmp, true, "exited", 0);
        assertEquals(List.of(Verdict.PASS), r.tests().stream().map(TestResult::verdict).toList());
        assertEquals("container", r.properties().get("run.mode"));
    }

    @Test
    void aKilledContainerAddsAnErrorCase(@TempDir Path tmp) throws Exception {
        RunResults r = merge(tmp, true, "killed", 137);
        assertEquals(2, r.tests().size());
        TestResult own = r.tests().getLast();
        assertEquals(Verdict.ERROR, own.verdict());
        assertEquals("container", own.optionSet());
        assertEquals("control-clean", own.reproducer());
        assertEquals("container killed (exit 137) after 12.0 s", own.reason());
        assertEquals(List.of(), own.findings());
    }

    @Test
    void noResultsFromAContainerThatExitedIsAnError(@TempDir Path tmp) throws Exception {
        RunResults r = merge(tmp, false, "exited", 0);
        assertEquals(1, r.tests().size());
        assertEquals(Verdict.ERROR, r.tests().getFirst().verdict());
        assertEquals("no results from the container (exit 0)", r.tests().getFirst().reason());
    }
}
