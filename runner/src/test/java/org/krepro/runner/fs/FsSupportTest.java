package org.krepro.runner.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.TestSkipped;

class FsSupportTest {

    @Test
    void missingToolSkipsWithThePackageName() {
        TestSkipped e = assertThrows(TestSkipped.class, () -> FsSupport.requireAvailable(Filesystem.XFS,
                tool -> tool.equals("xfs_repair") ? Optional.empty() : Optional.of(Path.of("/usr/sbin", tool)),
                fs -> true, s -> { }));
        assertEquals("xfs: xfs_repair is not installed (package xfsprogs)", e.getMessage());
    }

    @Test
    void filesystemTheKernelLacksSkips() {
        TestSkipped e = assertThrows(TestSkipped.class, () -> FsSupport.requireAvailable(Filesystem.BTRFS,
                tool -> Optional.of(Path.of("/usr/bin", tool)), fs -> false, s -> { }));
        assertTrue(e.getMessage().startsWith("kernel "), e.getMessage());
        assertTrue(e.getMessage().contains("does not support btrfs: not in /proc/filesystems; modprobe btrfs"),
                e.getMessage());
    }
}
