package org.krepro.runner.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.device.Leftovers;
import org.krepro.runner.device.Mounts;
import org.krepro.runner.io.Processes;

/**
 * What a safety test sets up as a user would, outside krepro: a loop device over a file (with a filesystem,
 * mounted or not), a small tmpfs. Everything is undone by {@link #close}, in reverse, even after a failure.
 */
final class HostScratch implements AutoCloseable {
    final Path dir;
    private final List<Path> mounts = new ArrayList<>();
    private final List<Path> loops = new ArrayList<>();

    HostScratch(String name) throws IOException {
        dir = Leftovers.tempRoot(name);
    }

    /** A loop device over a fresh sparse file of {@code mib} MiB. */
    Path loopDevice(String name, int mib) throws IOException {
        Path img = dir.resolve(name + ".img");
        Processes.check(List.of("truncate", "-s", mib + "M", img.toString()), s -> { });
        Path dev = Path.of(Processes.check(List.of("losetup", "--find", "--show", img.toString()), s -> { }).stdout().strip());
        loops.add(dev);
        return dev;
    }

    void run(String... argv) throws IOException {
        Processes.check(List.of(argv), s -> { });
    }

    Path mount(Path dev, String name) throws IOException {
        Path mnt = Files.createDirectories(dir.resolve(name));
        run("mount", dev.toString(), mnt.toString());
        mounts.add(mnt);
        return mnt;
    }

    Path tmpfs(String name, String size) throws IOException {
        Path mnt = Files.createDirectories(dir.resolve(name));
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "krepro-test", mnt.toString());
        mounts.add(mnt);
        return mnt;
    }

    void unmount(Path mnt) throws IOException {
        run("umount", mnt.toString());
        mounts.remove(mnt);
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Path m : mounts.reversed()) {
            try {
                if (Mounts.isMounted(m)) {
                    Processes.run(List.of("umount", m.toString())).check();
                }
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        for (Path l : loops.reversed()) {
            Processes.run(List.of("losetup", "-d", l.toString())).ran();
        }
        if (first != null) {
            throw first;
        }
        Leftovers.deleteTree(dir);
    }
}
