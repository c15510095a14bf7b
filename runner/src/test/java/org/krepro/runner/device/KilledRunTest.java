package org.krepro.runner.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.runner.fs.TestFilesystem;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;

/**
 * A run killed with SIGKILL leaves its loop device and mount behind; the next open of the same workspace
 * removes them, and only them: a live process's resources in the same workspace and another workspace's
 * resources stay. A run stopped with SIGTERM cleans up after itself through the shutdown hook.
 */
@Tag("root")
class KilledRunTest {
    private static final FsConfig EXT4 = FsConfig.of(Filesystem.EXT4, "live", 64 * FsConfig.MIB);

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private Path shared;
    private Path other;
    private Process child;

    @BeforeEach
    void roots() throws IOException {
        Leftovers.assumeRoot();
        shared = Leftovers.tempRoot("shared");
        other = Leftovers.tempRoot("other");
    }

    @AfterEach
    void cleanup() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor();
        }
        if (shared != null) {
            try (Workspace ws = Workspace.open(shared, options())) {
                // cleans whatever a failed assertion left
            }
            Leftovers.assertNone(shared);
            Leftovers.assertNone(other);
            Leftovers.deleteTree(shared);
            Leftovers.deleteTree(other);
        }
    }

    private Workspace.Options options() {
        return Workspace.Options.defaults().withLog(line -> {
            log.add(line);
            System.err.println("krepro: " + line);
        });
    }

    private record ChildResources(Path device, Path mountPoint, Path image) {
    }

    private ChildResources startChild(Path root) throws Exception {
        Path ready = root.resolve("child-ready");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledRunChild.class.getName(), root.toString(), ready.toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("child.log").toFile())
                .start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(ready)) {
            if (!child.isAlive()) {
                fail("child exited " + child.exitValue() + ":\n" + Files.readString(root.resolve("child.log")));
            }
            if (System.nanoTime() > deadline) {
                fail("child not ready after 120 s:\n" + Files.readString(root.resolve("child.log")));
            }
            Thread.sleep(50);
        }
        String[] f = Files.readString(ready).strip().split(" ");
        Files.delete(ready);
        return new ChildResources(Path.of(f[0]), Path.of(f[1]), Path.of(f[2]));
    }

    private static boolean bound(ChildResources c) {
        return LoopDevices.backingFile(c.device()).filter(c.image()::equals).isPresent();
    }

    @Test
    void sigkilledRunIsCleanedUpByTheNextOpenAndNothingElse() throws Exception {
        try (Workspace live = Workspace.open(shared, options());
             Workspace otherWs = Workspace.open(other, options());
             TestFilesystem liveFs = TestFilesystem.create(live, EXT4, "live");
             TestFilesystem otherFs = TestFilesystem.create(otherWs, EXT4, "other")) {
            liveFs.mkfs();
            Path liveMnt = liveFs.mount();
            Files.writeString(liveMnt.resolve("f"), "live");
            otherFs.mkfs();
            Path otherMnt = otherFs.mount();
            Files.writeString(otherMnt.resolve("f"), "other");

            ChildResources c = startChild(shared); // its open must not touch our live records
            assertTrue(liveFs.isMounted(), "the child's open left our live mount alone");
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertEquals(137, child.waitFor());
            assertTrue(Mounts.isMounted(c.mountPoint()), "SIGKILL leaves the mount");
            assertTrue(bound(c), "SIGKILL leaves the loop device");
            assertTrue(Files.exists(c.image()));

            List<String> actions;
            try (Workspace reopened = Workspace.open(shared, options())) {
                actions = reopened.cleanupActions();
            }
            String all = String.join("\n", actions);
            assertTrue(actions.stream().anyMatch(a -> a.startsWith("unmounted " + c.mountPoint())), all);
            assertTrue(actions.stream().anyMatch(a -> a.startsWith("detached " + c.device())), all);
            assertTrue(actions.stream().anyMatch(a -> a.startsWith("deleted image " + c.image())), all);
            assertFalse(Mounts.isMounted(c.mountPoint()));
            assertFalse(bound(c));
            assertFalse(Files.exists(c.image()));
            assertFalse(Files.exists(c.mountPoint()));

            // the live process's resources in the same workspace, and the other workspace's, are untouched
            assertTrue(liveFs.isMounted());
            assertEquals("live", Files.readString(liveMnt.resolve("f")));
            assertEquals(liveFs.images().getFirst(), LoopDevices.backingFile(liveFs.devices().getFirst()).orElseThrow());
            assertTrue(otherFs.isMounted());
            assertEquals("other", Files.readString(otherMnt.resolve("f")));
            assertEquals(3, live.state().list(s -> { }).size(), "live records kept: image, loop, mount");

            liveFs.unmount();
            assertTrue(liveFs.fsck().clean());
        }
        Leftovers.assertNone(shared);
        Leftovers.assertNone(other);
    }

    @Test
    void sigtermedRunCleansUpThroughTheShutdownHook() throws Exception {
        ChildResources c = startChild(shared);
        child.destroy(); // SIGTERM
        child.waitFor();
        assertFalse(Mounts.isMounted(c.mountPoint()), "unmounted by the shutdown hook");
        assertFalse(bound(c), "detached by the shutdown hook");
        assertFalse(Files.exists(c.image()), "image deleted by the shutdown hook");
        Leftovers.assertNone(shared);
    }
}
