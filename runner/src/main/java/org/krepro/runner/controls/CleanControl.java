package org.krepro.runner.controls;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestContext;
import org.krepro.runner.verify.BlockWriter;
import org.krepro.runner.verify.ExpectedState;
import org.krepro.runner.verify.Verifier;
import org.krepro.runner.verify.VerifyResult;

/**
 * Negative control: writes verified data (buffered and O_DIRECT, several generations of each block,
 * fsync) and checks it after the remount. On a sound kernel it must PASS on ext4, xfs and btrfs; a
 * FAIL here means the harness, not the reproducer, is wrong.
 */
public final class CleanControl implements Reproducer {

    public static final String ID = "control-clean";
    static final int FILES = 4;
    static final int BLOCKS_PER_FILE = 256;

    @Override
    public ReproducerInfo info() {
        return new ReproducerInfo(ID, "Negative control: verified writes, remount, verify: must pass", "",
                configs(), List.of("open", "pwrite", "fsync", "pread", "ioctl"), false, List.of(),
                Duration.ofSeconds(3), List.of())
                // what every clean run surely enters: the write path of its filesystem, fsync, FIEMAP
                .withRacePath("ext4_file_write_iter@ext4", "ext4_fiemap@ext4", "xfs_file_write_iter@xfs",
                        "btrfs_do_write_iter@btrfs", "vfs_fsync_range");
    }

    /** One default set-up per filesystem, sized for each mkfs's minimum. */
    static List<FsConfig> configs() {
        return List.of(FsConfig.of(Filesystem.EXT4, "4k", 64 * FsConfig.MIB),
                FsConfig.of(Filesystem.XFS, "default", 320 * FsConfig.MIB),
                FsConfig.of(Filesystem.BTRFS, "single", 128 * FsConfig.MIB));
    }

    static ExpectedState expected(TestContext ctx) {
        return ctx.state(ExpectedState.class, () -> new ExpectedState(org.krepro.runner.verify.BlockFormat.withSeed(ctx.seed())));
    }

    /** Writes FILES files of BLOCKS_PER_FILE blocks, then rewrites random runs until the budget is spent. */
    public static void writeVerifiedData(TestContext ctx) throws Exception {
        ExpectedState state = expected(ctx);
        SplittableRandom rnd = ctx.random("clean-writer");
        BlockWriter[] writers = new BlockWriter[FILES];
        try {
            for (int f = 0; f < FILES; f++) {
                writers[f] = BlockWriter.open(state, ctx.mountPoint(), f, f % 2 == 1);
                writers[f].write(0, BLOCKS_PER_FILE, 1);
            }
            long iterations = 0;
            var it = ctx.telemetry().counter("iterations");
            while (!ctx.budget().spent(iterations)) {
                BlockWriter w = writers[rnd.nextInt(FILES)];
                int first = rnd.nextInt(BLOCKS_PER_FILE);
                int count = 1 + rnd.nextInt(Math.min(16, BLOCKS_PER_FILE - first));
                w.writeNext(first, count);
                iterations++;
                it.increment();
                if (iterations % 64 == 0) {
                    w.fsync();
                }
            }
            for (BlockWriter w : writers) {
                w.fsync();
            }
        } finally {
            for (BlockWriter w : writers) {
                if (w != null) {
                    w.close();
                }
            }
        }
    }

    static void verifyData(TestContext ctx) throws Exception {
        VerifyResult r = Verifier.verify(ctx, expected(ctx));
        r.findings().forEach(ctx::report);
        r.properties().forEach(ctx.telemetry()::fact);
    }

    @Override
    public void run(TestContext ctx) throws Exception {
        writeVerifiedData(ctx);
        recordLayout(ctx);
    }

    /**
     * Where each file's first block lives on the device (FIEMAP, and btrfs-map-logical on btrfs), as
     * report facts: evidence for whoever looks at a kept image, and a FIEMAP call on every clean run
     * (the bisect demo plants its regression in ext4_fiemap).
     */
    static void recordLayout(TestContext ctx) throws Exception {
        ExpectedState state = expected(ctx);
        for (var f : state.files()) {
            var where = org.krepro.runner.verify.UnderneathWriter.locate(ctx.mountPoint().resolve(f.path()), 0,
                    ctx.devices(), ctx.config().fs());
            ctx.telemetry().fact("layout." + f.path(), where.describe());
        }
    }

    @Override
    public void verify(TestContext ctx) throws Exception {
        verifyData(ctx);
    }
}
