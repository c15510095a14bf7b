package org.krepro.reproducers.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.krepro.runner.device.Workspace;
import org.krepro.runner.fs.FsckResult;
import org.krepro.runner.fs.TestFilesystem;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.spi.FsConfig;

/**
 * One {@link FsConfig} made real on the host for the reproducers' benchmark and standalone tests,
 * through the runner's lifecycle (a private {@link Workspace} in a fresh temporary directory, so its
 * loop device and mount are recorded and cleaned up even after a kill): sparse image, loop device, mkfs
 * with the config's options, mounted with its options. Root only.
 */
public final class LoopFilesystem implements AutoCloseable {
    private final Path dir;
    private final Workspace workspace;
    private final TestFilesystem tfs;

    private LoopFilesystem(Path dir, Workspace workspace, TestFilesystem tfs) {
        this.dir = dir;
        this.workspace = workspace;
        this.tfs = tfs;
    }

    public static LoopFilesystem create(FsConfig config) throws IOException {
        Path dir = Files.createTempDirectory("krepro-bench-");
        Workspace ws = Workspace.open(dir.resolve("work"), Workspace.Options.defaults().withLog(line -> { }));
        TestFilesystem tfs = null;
        try {
            tfs = TestFilesystem.create(ws, config, "bench-" + config.fs().id() + "-" + config.name());
            tfs.mkfs();
            tfs.mount();
            return new LoopFilesystem(dir, ws, tfs);
        } catch (IOException | RuntimeException e) {
            try {
                if (tfs != null) {
                    tfs.close();
                }
                ws.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Unmount, drop caches, mount again (what the runner does before verify). */
    public void remount() throws IOException {
        tfs.unmount();
        tfs.dropCaches();
        tfs.mount();
    }

    /** Unmounts and runs the filesystem's read-only check; returns its report, throws when it finds damage. */
    public String unmountAndCheck() throws IOException {
        if (tfs.isMounted()) {
            tfs.unmount();
        }
        FsckResult fsck = tfs.fsck();
        if (!fsck.clean()) {
            throw new IOException(fsck.report());
        }
        return fsck.report();
    }

    public Path mountPoint() {
        return tfs.mountPoint();
    }

    public Path device() {
        return tfs.devices().getFirst();
    }

    /** A scratch directory beside the workspace (not on the test filesystem). */
    public Path scratch() throws IOException {
        return Files.createDirectories(dir.resolve("scratch"));
    }

    @Override
    public void close() throws IOException {
        try {
            tfs.close();
        } finally {
            workspace.close();
            FileTrees.delete(dir);
        }
    }
}
