package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Ext4MetadataMapTest {
    static final String DUMPE2FS = """
            Block size:               2048
            Group 0: (Blocks 0-16383) csum 0x1ea1 [ITABLE_ZEROED]
              Primary superblock at 0, Group descriptors at 1-1
              Block bitmap at 129 (+129), csum 0xf80b0923
              Inode bitmap at 137 (+137), csum 0xff839e28
              Inode table at 145-656 (+145)
            Group 1: (Blocks 16384-32767)
              Backup superblock at 16384, Group descriptors at 16385-16385
              Block bitmap at 130 (bg #0 + 130), csum 0x00000000
            """;
    @Test
    void readsSuperblocksDescriptorsBitmapsAndInodeTables() {
        List<long[]> r = Ext4Jbd2Migration.Mover.ranges(DUMPE2FS,
                "superblock at|Group descriptors at|bitmap at|Inode table at", Long.MAX_VALUE);
        assertArrayEquals(new long[] {0, 2048}, r.get(0));
        assertArrayEquals(new long[] {2048, 2048}, r.get(1));
        assertArrayEquals(new long[] {129 * 2048L, 2048}, r.get(2));
        assertArrayEquals(new long[] {145 * 2048L, 512 * 2048L}, r.get(4));
        assertEquals(8, r.size());
    }

    @Test
    void theMoverMovesBitmapsAndTheStartOfInodeTablesOnly() {
        List<long[]> r = Ext4Jbd2Migration.movedRanges(DUMPE2FS, 64);
        assertArrayEquals(new long[] {129 * 2048L, 2048}, r.get(0));
        assertArrayEquals(new long[] {137 * 2048L, 2048}, r.get(1));
        assertArrayEquals(new long[] {130 * 2048L, 2048}, r.get(2));
        assertArrayEquals(new long[] {145 * 2048L, 64 * 2048L}, r.get(3));
        assertEquals(4, r.size());
        assertArrayEquals(new long[] {145 * 2048L, 512 * 2048L}, Ext4Jbd2Migration.movedRanges(DUMPE2FS, 1000).get(3));
    }

    @Test
    void windowsCoverTheRangesInPages() {
        long[] w = Ext4Jbd2Migration.Mover.windows(List.of(new long[] {2048, 2048}, new long[] {1 << 20, 300 * 4096L}), 1L << 30);
        assertEquals(3, w.length);
        assertEquals(0, w[0] >>> 16);
        assertEquals(1, w[0] & 0xffff);
        assertEquals(256, w[1] >>> 16);
        assertEquals(256, w[1] & 0xffff);
        assertEquals(512, w[2] >>> 16);
        assertEquals(44, w[2] & 0xffff);
        assertTrue(Ext4Jbd2Migration.movedRanges("no block size", 64).isEmpty());
    }
}
