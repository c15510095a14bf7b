package org.krepro.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.krepro.runner.device.Workspace;
import org.krepro.runner.fs.TestFilesystem;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;

/**
 * A throwaway ext4 on a loop device for {@code bench syscalls} and the bindings' kernel tests
 * ({@code FileIoKernelTest}, {@code IoUringKernelTest}), made through the runner's own lifecycle: a
 * private {@link Workspace} in a fresh temporary directory and a {@link TestFilesystem} in it, so the
 * image, loop device and mount are recorded and released by the workspace's shutdown hook when the
 * process is stopped by a signal (an ad-hoc losetup/mount path before it left both behind when a bench
 * was stopped mid-run). {@link #close()} unmounts, detaches and deletes the directory. Needs root.
 */
public final class ScratchFilesystem implements AutoCloseable {
    private final Path dir;
    private final Workspace workspace;
    private final TestFilesystem tfs;

    private ScratchFilesystem(Path dir, Workspace workspace, TestFilesystem tfs) {
        this.dir = dir;
        this.workspace = workspace;
        this.tfs = tfs;
    }

    /** An ext4 file system of {@code sizeBytes}, made with {@code mkfsOptions} (e.g. {@code "-b", "4096"}). */
    public static ScratchFilesystem ext4(long sizeBytes, String... mkfsOptions) throws IOException {
        FsConfig config = FsConfig.of(Filesystem.EXT4, "scratch", sizeBytes).withMkfs(mkfsOptions);
        Path dir = Files.createTempDirectory("krepro-scratch-");
        Workspace ws = null;
        TestFilesystem tfs = null;
        try {
            ws = Workspace.open(dir.resolve("work"), Workspace.Options.defaults().withLog(line -> { }));
            tfs = TestFilesystem.create(ws, config, "scratch");
            tfs.mkfs();
            tfs.mount();
            return new ScratchFilesystem(dir, ws, tfs);
        } catch (IOException | RuntimeException e) {
            try {
                if (tfs != null) {
                    tfs.close();
                }
                if (ws != null) {
                    ws.close();
                }
                FileTrees.delete(dir);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The mounted file system's root. */
    public Path mountPoint() {
        return tfs.mountPoint();
    }

    /** The loop device ({@code /dev/loopN}). */
    public Path device() {
        return tfs.devices().getFirst();
    }

    @Override
    public void close() throws IOException {
        try {
            tfs.close();
        } finally {
            try {
                workspace.close();
            } finally {
                FileTrees.delete(dir);
            }
        }
    }
}
