package org.krepro.runner.device;

import java.nio.file.Files;
import java.nio.file.Path;
import org.krepro.runner.fs.TestFilesystem;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;

/**
 * A krepro run that gets killed: opens the workspace given as first argument, makes and mounts an ext4
 * filesystem on a loop device, writes "DEVICE MOUNTPOINT IMAGE" to the file given as second argument and
 * sleeps until killed. Started as a separate JVM by {@link KilledRunTest}.
 */
public final class KilledRunChild {
    private KilledRunChild() {
    }

    public static void main(String[] args) throws Exception {
        Workspace ws = Workspace.open(Path.of(args[0]));
        TestFilesystem tfs = TestFilesystem.create(ws, FsConfig.of(Filesystem.EXT4, "killed", 64 * FsConfig.MIB), "killed");
        tfs.mkfs();
        Path mnt = tfs.mount();
        Files.writeString(mnt.resolve("busy"), "the child was here");
        Path tmp = Path.of(args[1] + ".tmp");
        Files.writeString(tmp, tfs.devices().getFirst() + " " + mnt + " " + tfs.images().getFirst() + "\n");
        Files.move(tmp, Path.of(args[1]));
        Thread.sleep(600_000);
    }
}
