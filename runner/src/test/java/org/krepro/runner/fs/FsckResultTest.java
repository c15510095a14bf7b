package org.krepro.runner.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;

/** Titles and classification of checker output, from captured outputs of the real tools. */
class FsckResultTest {

    private static FsckResult result(Filesystem fs, String tool, int exit, String out) {
        FsckResult.Status s = Fsck.classify(fs, exit, out);
        return new FsckResult(tool, tool + " /dev/loop0", exit, out, s == FsckResult.Status.CLEAN, s);
    }

    @Test
    void e2fsckErrorsAreTitledWithTheFirstProblem() {
        String out = """
                Pass 1: Checking inodes, blocks, and sizes
                Root inode is not a directory.  Clear? no

                Pass 2: Checking directory structure
                Entry '..' in ??? (11) has deleted/unused inode 2.  Clear? no

                /dev/loop0: ********** WARNING: Filesystem still has errors **********

                /dev/loop0: 11/16384 files (0.0% non-contiguous), 5416/65536 blocks
                """;
        FsckResult r = result(Filesystem.EXT4, "e2fsck", 4, out);
        assertEquals(FsckResult.Status.ERRORS, r.status());
        Finding f = r.finding().orElseThrow();
        assertEquals(Finding.Kind.FSCK, f.kind());
        assertEquals("fsck: e2fsck found errors (exit 4): Root inode is not a directory.", f.title());
        assertTrue(f.detail().contains("$ e2fsck /dev/loop0"));
        assertTrue(f.detail().contains(out));
    }

    @Test
    void cleanE2fsckHasNoFinding() {
        FsckResult r = result(Filesystem.EXT4, "e2fsck", 0, "Pass 1: Checking inodes, blocks, and sizes\n");
        assertTrue(r.clean());
        assertTrue(r.finding().isEmpty());
    }

    @Test
    void xfsRepairSkipsProgressAndCodeAddresses() {
        String out = """
                Phase 1 - find and verify superblock...
                Phase 2 - using internal log
                        - zero log...
                        - scan filesystem freespace and inode maps...
                Metadata corruption detected at 0x557d3bce14b8, xfs_agf block 0x1/0x200
                bad magic # 0x0 for agf 0
                would reset bad agf for ag 0
                """;
        FsckResult r = result(Filesystem.XFS, "xfs_repair", 1, out);
        assertEquals("fsck: xfs_repair found errors (exit 1): bad magic # 0x0 for agf 0", r.title());
    }

    @Test
    void xfsDirtyLogIsItsOwnStatus() {
        String out = """
                Phase 1 - find and verify superblock...
                Phase 2 - using internal log
                        - zero log...
                ALERT: The filesystem has valuable metadata changes in a log which is being
                ignored because the -n option was used.  Expect spurious inconsistencies
                which may be resolved by first mounting the filesystem to replay the log.
                """;
        FsckResult r = result(Filesystem.XFS, "xfs_repair", 1, out);
        assertEquals(FsckResult.Status.DIRTY_LOG, r.status());
        assertTrue(r.title().startsWith("fsck: xfs log is dirty"), r.title());
        // without -n, xfs_repair exits 2 with an ERROR line: the same status
        assertEquals(FsckResult.Status.DIRTY_LOG, Fsck.classify(Filesystem.XFS, 2,
                "ERROR: The filesystem has valuable metadata changes in a log which needs to be replayed."));
    }

    @Test
    void btrfsCheckErrors() {
        String out = """
                Opening filesystem to check...
                checksum verify failed on 30605312 wanted 0x46b9fb3d found 0x12c48a11
                Csum didn't match
                ERROR: cannot open file system
                """;
        FsckResult r = result(Filesystem.BTRFS, "btrfs", 1, out);
        assertEquals("fsck: btrfs found errors (exit 1): checksum verify failed on 30605312 wanted 0x46b9fb3d found 0x12c48a11",
                r.title());
    }

    @Test
    void killedCheckerFailed() {
        assertEquals(FsckResult.Status.FAILED, Fsck.classify(Filesystem.BTRFS, 137, ""));
        assertEquals(FsckResult.Status.FAILED, Fsck.classify(Filesystem.EXT4, 16, "Usage: e2fsck"));
        assertEquals(FsckResult.Status.ERRORS, Fsck.classify(Filesystem.EXT4, 8, "e2fsck: Bad magic number in super-block"));
    }
}
