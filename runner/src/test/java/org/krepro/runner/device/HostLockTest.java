package org.krepro.runner.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.Main;
import picocli.CommandLine;

/**
 * The kernel-log lock between two real processes: the second is refused naming the first's pid, waits when
 * told to, and gets the lock once the first dies, even by SIGKILL. The lock file is a private one here, so
 * that the test does not stop someone's real run; {@code RunSafetyTest} takes the real one.
 */
class HostLockTest {
    @TempDir
    Path dir;
    private Process child;

    @AfterEach
    void stop() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor();
        }
        System.clearProperty("krepro.host.lock");
    }

    private Process holdInChild(Path lock) throws Exception {
        Path ready = dir.resolve("ready");
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HostLockChild.class.getName(), lock.toString(), ready.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(ready)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                fail("child did not take the lock:\n" + Files.readString(dir.resolve("child.log")));
            }
            Thread.sleep(20);
        }
        return child;
    }

    @Test
    void theSecondRunIsRefusedWithTheHoldersPidAndGetsTheLockWhenTheHolderDies() throws Exception {
        Path lock = dir.resolve("kernel-log.lock");
        Process holder = holdInChild(lock);
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> HostLock.acquire(lock, Duration.ZERO, "second", s -> { }));
        assertTrue(e.getMessage().startsWith("another krepro run holds the kernel-log lock " + lock + " (pid "
                + holder.pid() + ", since "), e.getMessage());
        assertTrue(e.getMessage().contains("the child's run") && e.getMessage().contains("--lock-wait"), e.getMessage());

        List<String> said = new ArrayList<>();
        long t0 = System.nanoTime();
        assertThrows(EnvironmentException.class, () -> HostLock.acquire(lock, Duration.ofMillis(700), "second", said::add));
        assertTrue(System.nanoTime() - t0 >= 700_000_000L, "waited as told");
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.getFirst().contains("pid " + holder.pid()), said.toString());

        holder.destroyForcibly().waitFor(); // SIGKILL: the kernel drops its lock
        try (HostLock mine = HostLock.acquire(lock, Duration.ofSeconds(5), "second", s -> { })) {
            assertTrue(Files.readString(lock).startsWith("pid " + ProcessHandle.current().pid() + ", "));
        }
    }

    @Test
    void aWaitingRunStartsWhenTheHolderEnds() throws Exception {
        Path lock = dir.resolve("kernel-log.lock");
        Process holder = holdInChild(lock);
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            holder.destroy();
        });
        long t0 = System.nanoTime();
        try (HostLock mine = HostLock.acquire(lock, Duration.ofSeconds(30), "waiter", s -> { })) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 400 && ms < 30_000, ms + " ms");
        }
    }

    /** Through the command line: exit 3 and the sentence, before any device or image is made. */
    @Tag("root")
    @Test
    void krepRunRefusesWhileAnotherHoldsTheLock() throws Exception {
        assumeTrue(Workspace.effectiveUid() == 0, "run checks root first");
        Path lock = dir.resolve("kernel-log.lock");
        Process holder = holdInChild(lock);
        System.setProperty("krepro.host.lock", lock.toString());
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("run", "-r", "control-clean", "--fs", "ext4", "--work-dir", dir.resolve("w").toString(),
                "--report-dir", dir.resolve("r").toString());
        assertEquals(ExitCodes.ENVIRONMENT, exit, err.toString());
        assertTrue(err.toString().contains("holds the kernel-log lock " + lock + " (pid " + holder.pid()), err.toString());
        assertFalse(Files.exists(dir.resolve("w/images")), "no workspace was opened");
        assertFalse(Files.exists(dir.resolve("r/" + Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip())),
                "no report written");
    }
}
