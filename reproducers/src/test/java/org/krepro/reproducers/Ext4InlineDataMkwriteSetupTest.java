package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.krepro.runner.spi.TestContext;

/**
 * The set-up of {@code ext4-inline-data-mkwrite} on this host: mkfs with the recipe's options on a loop
 * device this test creates, the debugfs lie, then dumpe2fs/debugfs/e2fsck -n confirm the state is the
 * intended one. The filesystem is never mounted (read-write or otherwise) and the race never runs here:
 * it can take the kernel down.
 */
@Tag("root")
class Ext4InlineDataMkwriteSetupTest {

    @Test
    void setUpMakesCountersSayRoomWhileBitmapsAreFull() throws Exception {
        assumeTrue(LoopDevice.usable(), "needs root and losetup");
        Ext4InlineDataMkwrite repro = new Ext4InlineDataMkwrite();
        assertTrue(repro.info().mayCrashKernel());
        try (LoopDevice loop = LoopDevice.create(Ext4InlineDataMkwrite.CONFIG.deviceBytes())) {
            List<String> mkfs = new ArrayList<>(List.of("mkfs.ext4", "-q", "-F"));
            mkfs.addAll(Ext4InlineDataMkwrite.CONFIG.mkfsOptions());
            mkfs.add(loop.device.toString());
            assertEquals(0, LoopDevice.run(mkfs).exit());
            TestContext ctx = loop.context(Ext4InlineDataMkwrite.CONFIG, 42);

            repro.afterMkfs(ctx);

            // dumpe2fs: no free bit in any bitmap, group 0 and the superblock claim room, others 0.
            var state = FreeSpaceLie.read(Ext4InlineDataMkwrite.exec(ctx), loop.device);
            long claimed = Ext4InlineDataMkwrite.claimedFree(state);
            assertTrue(claimed > 256, "the delalloc path needs more than ~256 free clusters claimed");
            assertNull(state.mismatch(Ext4InlineDataMkwrite.RICH_GROUP, claimed));
            assertEquals(0, state.bitmapFree());

            // debugfs: the race files are inline (EXT4_INLINE_DATA_FL) and 16 bytes long.
            for (int i = 0; i < Ext4InlineDataMkwrite.FILES; i++) {
                String stat = ctx.exec(List.of("debugfs", "-R", "stat " + Ext4InlineDataMkwrite.fileName(i),
                        loop.device.toString()));
                assertTrue(stat.contains("Flags: 0x10000000"), stat);
                assertTrue(stat.contains("Size: 16"), stat);
                assertTrue(stat.contains("Size of inline data:"), stat);
            }

            // e2fsck -n sees exactly the lie: counts wrong, blocks marked but unowned.
            LoopDevice.Result fsck = LoopDevice.run(List.of("e2fsck", "-fn", loop.device.toString()));
            assertEquals(4, fsck.exit(), fsck.out());
            assertTrue(fsck.out().contains("Free blocks count wrong for group #0 (" + claimed + ", counted=0)"), fsck.out());
            assertTrue(fsck.out().contains("Block bitmap differences:"), fsck.out());

            // afterUnmount undoes it: fsck is clean again (nothing mounted in between on the host).
            repro.afterUnmount(ctx);
            LoopDevice.Result clean = LoopDevice.run(List.of("e2fsck", "-fn", loop.device.toString()));
            assertEquals(0, clean.exit(), clean.out());
        }
    }
}
