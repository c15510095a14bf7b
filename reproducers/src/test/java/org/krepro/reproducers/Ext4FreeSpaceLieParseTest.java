package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dumpe2fs / e2fsck parsing behind ext4-inline-data-mkwrite's set-up and its undo (no root needed). */
class Ext4FreeSpaceLieParseTest {
    static final String FRESH = """
            Filesystem features:      ext_attr resize_inode dir_index filetype extent 64bit flex_bg inline_data
            Block count:              16384
            Free blocks:              2796
            First block:              1
            Blocks per group:         8192
            Group 0: (Blocks 1-8192) csum 0x9bb4 [ITABLE_ZEROED]
              Primary superblock at 1, Group descriptors at 2-2
              0 free blocks, 2032 free inodes, 2 directories, 2032 unused inodes
              Free blocks:\s
              Free inodes: 17-2048
            Group 1: (Blocks 8193-16383) csum 0xbc3e [INODE_UNINIT, BLOCK_UNINIT, ITABLE_ZEROED]
              Backup superblock at 8193, Group descriptors at 8194-8194
              2796 free blocks, 2048 free inodes, 0 directories, 2048 unused inodes
              Free blocks: 13588-16383, 100, 200-201
              Free inodes: 2049-4096
            """;

    static final String LIED = """
            Free blocks:              7936
            First block:              1
            Blocks per group:         8192
            Group 0: (Blocks 1-8192) csum 0x9a4d [ITABLE_ZEROED]
              7936 free blocks, 2032 free inodes, 2 directories, 2032 unused inodes
              Free blocks:\s
            Group 1: (Blocks 8193-16383) csum 0x5497 [INODE_UNINIT, ITABLE_ZEROED]
              0 free blocks, 2048 free inodes, 0 directories, 2048 unused inodes
              Free blocks:\s
            """;

    @Test
    void parsesGroupsFlagsAndFreeRanges() {
        var s = FreeSpaceLie.parse(FRESH);
        assertEquals(2796, s.superFree());
        assertEquals(8192, s.blocksPerGroup());
        assertEquals(1, s.firstBlock());
        assertEquals(2, s.groups().size());
        assertEquals(0x4, s.group(0).flags());
        assertEquals(0x7, s.group(1).flags());
        assertEquals(0, s.group(0).freeInBitmap());
        assertEquals(2796 + 1 + 2, s.group(1).freeInBitmap());
        assertEquals("bitmaps still have 2799 free blocks", s.mismatch(0, 7936));
    }

    @Test
    void recognisesTheIntendedLie() {
        var s = FreeSpaceLie.parse(LIED);
        assertNull(s.mismatch(0, 7936));
        assertTrue(s.mismatch(0, 8000) != null);
    }

    @Test
    void undoFreesOnlyOurUnownedBlocksAndResetsCounts(@TempDir Path dir) throws Exception {
        List<List<String>> commands = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        String fsck = """
                Pass 5: Checking group summary information
                Block bitmap differences:  -(13588--16383) -50 +(9000--9001)
                Fix? no
                Free blocks count wrong for group #0 (7936, counted=0).
                """;
        String out = FreeSpaceLie.undo(cmd -> {
            commands.add(cmd);
            if (cmd.getFirst().equals("dumpe2fs")) {
                return LIED;
            }
            try {
                scripts.add(Files.readString(Path.of(cmd.get(3))));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return "";
        }, Path.of("/dev/null-device"), dir, List.of(new long[] {13588, 2796}), fsck);
        assertEquals(1, scripts.size());
        String script = scripts.getFirst();
        assertTrue(script.contains("freeb 13588 2796\n"), script);
        assertTrue(!script.contains("freeb 50"), "block 50 was not marked by the set-up: " + script);
        assertTrue(!script.contains("9000"), "'+' differences are left to fsck: " + script);
        assertTrue(script.contains("set_bg 0 free_blocks_count 0\n"), script);
        assertTrue(script.contains("set_bg 1 free_blocks_count 2796\n"), script);
        assertTrue(script.contains("ssv free_blocks_count 2796\n"), script);
        assertTrue(out.contains("freed 2796"), out);
    }
}
