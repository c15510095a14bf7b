package org.krepro.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ci/ scripts with a fake krepro: exit-code mapping of bisect-step.sh, nightly-shard.sh, the demo's git flow. */
class CiScriptsTest {
    @TempDir
    Path tmp;

    static Path repo() {
        return Path.of(System.getProperty("krepro.repo.root", "..")).toAbsolutePath().normalize();
    }

    record Run(int exit, String output) {
    }

    static Run sh(Path dir, Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "script did not finish");
        return new Run(p.exitValue(), out);
    }

    private Path fake(String name, String body) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    @Test
    void bisectStepMapsEveryOtherExitToSkip() throws Exception {
        Path k = fake("krepro", "[ \"$1\" = bisect-run ] || exit 99\nexit $RC\n");
        for (int[] c : new int[][] {{0, 0}, {1, 1}, {125, 125}, {2, 125}, {3, 125}, {4, 125}, {127, 125}, {134, 125}, {255, 125}}) {
            Run r = sh(tmp, Map.of("KREPRO", k.toString(), "RC", Integer.toString(c[0])), repo().resolve("ci/bisect-step.sh").toString(),
                    "--reproducer", "x");
            assertEquals(c[1], r.exit(), "krepro exit " + c[0] + ": " + r.output());
        }
    }

    @Test
    void nightlyShardRunsEveryPlannedGuestWithItsOwnReportDir() throws Exception {
        Path log = tmp.resolve("calls.log");
        Path k = fake("krepro", "echo \"$*\" >> " + log + "\n"
                + "case \"$1\" in shard-plan) echo '--kernels debian:a --reproducer r1 --fs btrfs,ext4'; echo '--kernels debian:a --reproducer r2 --fs xfs';;\n"
                + "matrix) case \"$*\" in *r2*) exit 1;; esac;; esac\nexit 0\n");
        Run r = sh(tmp, Map.of("KREPRO", k.toString()), repo().resolve("ci/nightly-shard.sh").toString(), "debian:a", "2", "3",
                "--duration", "5s");
        assertEquals(0, r.exit(), r.output()); // a finding (exit 1) is a result, not a CI failure
        List<String> calls = Files.readAllLines(log);
        assertEquals(List.of("shard-plan --shard 2/3 --kernels debian:a",
                "matrix --kernels debian:a --reproducer r1 --fs btrfs,ext4 --report-dir reports/debian_a/shard-2/job-1 --duration 5s",
                "matrix --kernels debian:a --reproducer r2 --fs xfs --report-dir reports/debian_a/shard-2/job-2 --duration 5s"), calls);
        Path k4 = fake("krepro4", "case \"$1\" in shard-plan) echo '--kernels k --reproducer r --fs ext4';; matrix) exit 4;; esac\n");
        assertEquals(4, sh(tmp, Map.of("KREPRO", k4.toString()), repo().resolve("ci/nightly-shard.sh").toString(), "k", "1", "1").exit());
    }

    @Tag("root")
    @Test
    void bisectDemoNamesTheRegressionCommit() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the demo script wants root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")) && Files.isExecutable(Path.of("/usr/bin/python3")), "git and python3");
        Run r = sh(tmp, Map.of(), repo().resolve("ci/bisect-demo-selftest.sh").toString());
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("bisect-demo-selftest: PASS"), r.output());
    }
}
