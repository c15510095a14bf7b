package org.krepro.runner.controls;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestContext;
import org.krepro.runner.verify.DeviceLocation;
import org.krepro.runner.verify.ExpectedState;
import org.krepro.runner.verify.UnderneathWriter;

/**
 * Positive control of the data verifier: writes verified data, finds the device offset of block
 * {@value #DAMAGED_BLOCK} of file 0 with FIEMAP, and after the unmount zeroes that block underneath the
 * filesystem through the block device. The run must FAIL with a DATA finding that names that block as
 * zeroed, on all three filesystems. btrfs is mounted with nodatasum so that the damaged block reads back
 * as the zeros written rather than as a checksum error.
 */
public final class DataCorruptionControl implements Reproducer {

    public static final String ID = "control-data-corruption";
    public static final int DAMAGED_BLOCK = 17;

    @Override
    public ReproducerInfo info() {
        return new ReproducerInfo(ID, "Positive control: a data block zeroed underneath the filesystem must fail the test", "",
                List.of(FsConfig.of(Filesystem.EXT4, "4k", 64 * FsConfig.MIB),
                        FsConfig.of(Filesystem.XFS, "default", 320 * FsConfig.MIB),
                        FsConfig.of(Filesystem.BTRFS, "single-nodatasum", 128 * FsConfig.MIB).withMount("nodatasum")),
                List.of("open", "pwrite", "fsync", "pread", "ioctl"), false, List.of(), Duration.ofSeconds(2),
                List.of("data: zeroed block " + DAMAGED_BLOCK))
                .withRacePath("vfs_fsync_range");
    }

    /** Where the damage goes, found while mounted. */
    record Target(DeviceLocation where) {
    }

    @Override
    public void run(TestContext ctx) throws Exception {
        CleanControl.writeVerifiedData(ctx);
        ExpectedState state = CleanControl.expected(ctx);
        var file = ctx.mountPoint().resolve(state.file(0).path());
        long offset = (long) DAMAGED_BLOCK * state.format().blockSize();
        DeviceLocation where = UnderneathWriter.locate(file, offset, ctx.devices(), ctx.config().fs());
        if (where.device() == null || where.offset() < 0) {
            throw new IllegalStateException("cannot locate block " + DAMAGED_BLOCK + " of " + file + ": " + where.note());
        }
        ctx.state(Target.class, () -> new Target(where));
        ctx.note("will zero block " + DAMAGED_BLOCK + " of " + state.file(0).path() + " at " + where.describe());
    }

    @Override
    public void afterUnmount(TestContext ctx) throws Exception {
        DeviceLocation where = ctx.state(Target.class, () -> {
            throw new IllegalStateException("run() did not locate the block");
        }).where();
        int bs = CleanControl.expected(ctx).format().blockSize();
        UnderneathWriter.overwriteBlock(java.nio.file.Path.of(where.device()), where.offset(), ByteBuffer.allocateDirect(bs));
        ctx.telemetry().add("blocks.damaged", 1);
    }

    @Override
    public void verify(TestContext ctx) throws Exception {
        CleanControl.verifyData(ctx);
    }
}
