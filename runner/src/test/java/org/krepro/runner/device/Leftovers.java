package org.krepro.runner.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.io.Processes;

/** Test helpers: root check, temporary workspaces, and the "nothing left behind" assertion. */
public final class Leftovers {
    private Leftovers() {
    }

    public static void assumeRoot() {
        assumeTrue(Workspace.effectiveUid() == 0, "needs root (loop devices, mkfs, mount)");
        assumeTrue(Files.exists(Path.of("/dev/loop-control")), "needs loop devices");
    }

    /** A fresh directory under /var/tmp (a real disk filesystem, unlike a tmpfs /tmp). */
    public static Path tempRoot(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of("/var/tmp"), "krepro-test-" + prefix + "-");
    }

    /** Loop devices whose backing file lies below {@code dir}. */
    public static List<String> loopDevicesUnder(Path dir) throws IOException {
        Path d = LoopDevices.canonical(dir);
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/sys/block"), "loop*")) {
            for (Path p : ds) {
                Path dev = Path.of("/dev", p.getFileName().toString());
                LoopDevices.backingFile(dev).filter(b -> b.startsWith(d)).ifPresent(b -> out.add(dev + " -> " + b));
            }
        }
        return out;
    }

    /** Asserts that no loop device, mount, image or state record of the workspace at {@code root} remains. */
    public static void assertNone(Path root) throws IOException {
        Path r = LoopDevices.canonical(root);
        assertEquals(List.of(), loopDevicesUnder(r), "loop devices left over in " + r);
        assertEquals(List.of(), Mounts.under(r).stream().map(Mounts.Entry::toString).toList(), "mounts left over in " + r);
        assertEquals(List.of(), list(r.resolve("images")), "image files left over");
        assertEquals(List.of(), list(r.resolve("state")).stream().filter(n -> n.endsWith(".rec")).toList(),
                "state records left over");
    }

    private static List<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Deletes a test workspace directory (after {@link #assertNone}). */
    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        if (!Mounts.under(root).isEmpty()) {
            throw new IOException("refusing to delete " + root + ": something is still mounted below it");
        }
        FileTrees.delete(root);
    }

    /** st_blocks * 512: the bytes a (sparse) file really occupies. */
    public static long allocatedBytes(Path file) throws IOException {
        Processes.Result r = Processes.run(List.of("stat", "-c", "%b %B", file.toString())).check();
        String[] f = r.stdout().strip().split(" ");
        return Long.parseLong(f[0]) * Long.parseLong(f[1]);
    }
}
