package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.reproducers.bench.LoopFilesystem;
import org.krepro.reproducers.bench.StandaloneContext;
import org.krepro.runner.spi.FsConfig;
import org.krepro.sys.SyscallCounters;

/**
 * The mover's moving path (MPOL_MF_MOVE_ALL of the block device's metadata pages), which a two-node
 * guest takes, driven on this one-node host by moving pages to the node they are on.
 */
@Tag("root")
class Ext4MoverTest {
    @Test
    void movesTheBlockDevicesMetadataPages() throws Exception {
        Ext4Jbd2Migration r = new Ext4Jbd2Migration(List.of(0, 0));
        FsConfig config = r.info().configs().getFirst();
        try (LoopFilesystem fs = LoopFilesystem.create(config)) {
            StandaloneContext ctx = new StandaloneContext(config, fs.mountPoint(), List.of(fs.device()), 3, fs.scratch(),
                    Duration.ofSeconds(2), Long.MAX_VALUE);
            long before = SyscallCounters.count("move_pages");
            ctx.startBudget();
            r.run(ctx);
            fs.unmountAndCheck();
            System.out.println("mover: " + ctx.telemetry().counters() + " " + ctx.telemetry().facts() + " " + ctx.notes());
            assertTrue(ctx.telemetry().get("pages.moved") > 0, "no page moved");
            // A page under writeback or with a buffer jbd2 still holds is refused (-EBUSY/-EAGAIN), and the
            // kernel gives up on the rest of a call after a batch fails (those count as failed too): a minority.
            assertTrue(ctx.telemetry().get("pages.move_failed") * 4 < ctx.telemetry().get("pages.moved"),
                    "pages the kernel refused to move: " + ctx.telemetry().get("pages.move_failed"));
            assertTrue(SyscallCounters.count("move_pages") > before);
            // bitmaps and the start of each inode table: 8 groups of 1 GiB at 4k give 8 x 64 + 16 pages
            assertTrue(Long.parseLong(ctx.telemetry().facts().get("mover.metadata_pages")) >= 8 * Ext4Jbd2Migration.MOVED_INODE_TABLE_BLOCKS,
                    "metadata map from dumpe2fs");
        }
    }
}
