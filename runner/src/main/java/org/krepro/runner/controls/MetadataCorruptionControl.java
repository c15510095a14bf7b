package org.krepro.runner.controls;

import java.time.Duration;
import java.util.List;
import org.krepro.runner.fs.MetadataDamage;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestContext;

/**
 * Positive control of the fsck detector: writes data, and after the unmount damages filesystem
 * metadata on the devices ({@link MetadataDamage}: an inode table block on ext4, an allocation-group
 * header on xfs, a tree block on btrfs). The run must FAIL through fsck on all three filesystems (the
 * kernel log and the remount usually complain too; those findings are kept beside fsck's).
 */
public final class MetadataCorruptionControl implements Reproducer {

    public static final String ID = "control-metadata-corruption";

    @Override
    public ReproducerInfo info() {
        return new ReproducerInfo(ID, "Positive control: metadata damaged on the unmounted image must fail fsck", "",
                CleanControl.configs(), List.of("open", "pwrite", "fsync"), false, List.of(), Duration.ofSeconds(1),
                List.of("fsck: damage found"))
                .withRacePath("vfs_fsync_range");
    }

    @Override
    public void run(TestContext ctx) throws Exception {
        CleanControl.writeVerifiedData(ctx);
    }

    @Override
    public void afterUnmount(TestContext ctx) throws Exception {
        MetadataDamage.Damage d = MetadataDamage.damage(ctx.config().fs(), ctx.devices(), ctx::note);
        ctx.telemetry().fact("damage", d.description());
    }
}
