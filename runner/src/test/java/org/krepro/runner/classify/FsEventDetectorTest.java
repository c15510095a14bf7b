package org.krepro.runner.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filesystem and block-layer findings: realistic messages of ext4/jbd2, XFS, btrfs and the block layer. */
class FsEventDetectorTest {
    private final FsEventDetector all = new FsEventDetector(Set.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            EXT4-fs error (device loop0): ext4_lookup:1812: inode #2: comm ls: iget: bad extra_isize 2 (inode size 256) | EXT4-fs error in ext4_lookup: iget: bad extra_isize NUM (inode size NUM) | ext4 | loop0 | ERROR
            EXT4-fs error (device loop3) in ext4_reserve_inode_write:5830: Journal has aborted | EXT4-fs error in ext4_reserve_inode_write: Journal has aborted | ext4 | loop3 | ERROR
            EXT4-fs warning (device loop0): ext4_dx_add_entry:2582: Directory index full! | EXT4-fs warning in ext4_dx_add_entry: Directory index full! | ext4 | loop0 | WARNING
            EXT4-fs warning (device loop0): ext4_evict_inode:210: inode #33349: comm umount: data will be lost | EXT4-fs warning in ext4_evict_inode: data will be lost | ext4 | loop0 | WARNING
            EXT4-fs error (device loop0): ext4_validate_block_bitmap:440: comm kworker/u4:2: bg 0: block 34: invalid block bitmap | EXT4-fs error in ext4_validate_block_bitmap: bg NUM: block NUM: invalid block bitmap | ext4 | loop0 | ERROR
            EXT4-fs (loop0): Remounting filesystem read-only | EXT4-fs: remounting filesystem read-only | ext4 | loop0 | FATAL
            EXT4-fs (loop1): Delayed block allocation failed for inode 12 at logical offset 0 with max blocks 1 with error 28 | EXT4-fs: Delayed block allocation failed for inode NUM at logical offset NUM with max | ext4 | loop1 | ERROR
            EXT4-fs: ext4_evict_inode:256: aborting transaction: error 28 in __ext4_journal_start_sb | EXT4-fs: aborting transaction in __ext4_journal_start_sb | ext4 | | FATAL
            Aborting journal on device loop0-8. | JBD2: journal aborted | jbd2 | loop0-8 | FATAL
            JBD2: Detected IO errors while flushing file data on loop0-8 | JBD2: Detected IO errors while flushing file data on DEV | jbd2 | loop0-8 | ERROR
            XFS (loop2): Metadata corruption detected at xfs_dinode_verify+0x2a1/0x7a0, inode 0x83 dinode | XFS: Metadata corruption in xfs_dinode_verify | xfs | loop2 | ERROR
            XFS (loop2): Corruption of in-memory data (0x8) detected at xfs_trans_cancel+0x3a0/0x430 (fs/xfs/xfs_trans.c:1098).  Shutting down filesystem. | XFS: Corruption of in-memory data in xfs_trans_cancel | xfs | loop2 | FATAL
            XFS (loop2): metadata I/O error in "xfs_trans_read_buf_map" at daddr 0x2 len 1 error 74 | XFS: metadata I/O error in xfs_trans_read_buf_map | xfs | loop2 | ERROR
            XFS (loop2): Filesystem has been shut down due to log error (0x2). | XFS: filesystem shut down | xfs | loop2 | FATAL
            XFS (loop2): Please unmount the filesystem and rectify the problem(s) | XFS: filesystem shut down | xfs | loop2 | FATAL
            BTRFS critical (device loop4): corrupt leaf: root=5 block=30408704 slot=0, invalid key objectid: has 1 expect 6 or [256, 18446744073709551360] | BTRFS critical: corrupted leaf (invalid key objectid) | btrfs | loop4 | ERROR
            BTRFS error (device loop4): corrupted node, root=1 block=29556736 owner mismatch, have 7 expect [1, 1] | BTRFS error: corrupted node (owner mismatch) | btrfs | loop4 | ERROR
            BTRFS: Transaction aborted (error -28) | BTRFS: Transaction aborted (error -28) | btrfs | | FATAL
            BTRFS: error (device loop4: state A) in __btrfs_free_extent:3092: errno=-28 No space left | BTRFS: error in __btrfs_free_extent (errno=-28) | btrfs | loop4 | FATAL
            BTRFS info (device loop4: state EA): forced readonly | BTRFS: forced readonly | btrfs | loop4 | FATAL
            BTRFS error (device loop4): bad tree block start, mirror 1 want 30408704 have 0 | BTRFS error: bad tree block start | btrfs | loop4 | ERROR
            BTRFS warning (device loop1): csum failed root 5 ino 257 off 81920 csum 0x8941f998 expected csum 0x459732ab mirror 1 | BTRFS: csum failed | btrfs | loop1 | ERROR
            BTRFS error (device loop1): bdev /dev/loop1 errs: wr 0, rd 0, flush 0, corrupt 1, gen 0 | BTRFS: device error counters | btrfs | loop1 | ERROR
            XFS (loop0): Metadata I/O Error (0x4) detected at xfs_fs_goingdown+0x7b/0xb0 (fs/xfs/xfs_fsops.c:472).  Shutting down filesystem. | XFS: Metadata I/O Error in xfs_fs_goingdown | xfs | loop0 | FATAL
            I/O error, dev loop5, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 2 | I/O error on loop5 (WRITE) | block | loop5 | ERROR
            blk_update_request: I/O error, dev nvme0n1, sector 123456 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0 | I/O error on nvme0n1 (READ) | block | nvme0n1 | ERROR
            EXT4-fs (loop1): This should not happen!! Data will be lost | EXT4-fs: This should not happen!! Data will be lost | ext4 | loop1 | ERROR
            Buffer I/O error on device loop5, logical block 0 | Buffer I/O error on loop5 | block | loop5 | ERROR
            Buffer I/O error on dev loop5, logical block 12, lost async page write | Buffer I/O error on loop5 (lost async page write) | block | loop5 | ERROR
            """)
    void recognises(String line, String title, String fs, String device, String severity) {
        FsEvent e = all.detect(line, 7);
        assertTrue(e != null, "not recognised: " + line);
        assertEquals(title, e.title());
        assertEquals(fs, e.filesystem());
        assertEquals(device == null ? "" : device, e.device());
        assertEquals(FsEvent.Severity.valueOf(severity), e.severity());
        assertEquals(7, e.lineIndex());
        assertEquals(List.of(line), e.lines());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            EXT4-fs (loop0): mounted filesystem 0b6a1b7e-6a30-4c4f-8b2e-8f3b1e0a7c11 r/w with ordered data mode. Quota mode: none.
            EXT4-fs (loop0): unmounting filesystem 0b6a1b7e-6a30-4c4f-8b2e-8f3b1e0a7c11.
            XFS (loop2): Mounting V5 Filesystem 1d4e0f3a-2b5c-4d6e-8f90-a1b2c3d4e5f6
            XFS (loop2): Ending clean mount
            XFS (loop2): Unmounting Filesystem 1d4e0f3a-2b5c-4d6e-8f90-a1b2c3d4e5f6
            BTRFS info (device loop4): first mount of filesystem 5e6f7a8b-1111-2222-3333-444455556666
            BTRFS info (device loop4): using crc32c (crc32c-intel) checksum algorithm
            JBD2: Ignoring recovery information on journal
            loop0: detected capacity change from 0 to 2097152
            EXT4-fs warning (device loop0): ext4_convert_unwritten_extents_endio:3830: Inode (12) finished: extent logical block 3584, len 9425; IO logical block 3584, len 64
            """)
    void ignoresRoutineMessages(String line) {
        assertNull(all.detect(line, 0), line);
    }

    @Test
    void restrictsFindingsToTheTestDevices() {
        FsEventDetector only = new FsEventDetector(Set.of("loop5"));
        assertTrue(only.detect("I/O error, dev loop5, sector 8 op 0x1:(WRITE) flags 0x0 phys_seg 1 prio class 0", 0) != null);
        assertNull(only.detect("I/O error, dev sda, sector 8 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0", 0));
        assertNull(only.detect("EXT4-fs error (device sda1): ext4_lookup:1812: inode #2: bad", 0));
        assertTrue(only.detect("EXT4-fs error (device loop5p1): ext4_lookup:1812: inode #2: bad", 0) != null);
        assertTrue(only.detect("Aborting journal on device loop5-8.", 0) != null);
        // a finding naming no device is kept
        assertTrue(only.detect("BTRFS: Transaction aborted (error -5)", 0) != null);
    }

    @Test
    void classifierKeepsFsEventsApartFromCrashes() {
        ClassifiedLog log = new KernelLogClassifier(Set.of("loop4")).classify(List.of(
                "[   10.000000] BTRFS critical (device loop4): corrupt leaf: root=5 block=30408704 slot=0, invalid nritems, have 0 should not be 0 for non-root leaf",
                "[   10.000100] BTRFS error (device loop9): bad tree block start, mirror 1 want 30408704 have 0",
                "[   10.000200] I/O error, dev sda, sector 8 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0"));
        assertTrue(log.crashes().isEmpty());
        assertEquals(List.of("BTRFS critical: corrupted leaf (invalid nritems)"), log.fsEvents().stream().map(FsEvent::title).toList());
        assertEquals(0, log.fsEvents().getFirst().lineIndex());
    }

    @Test
    void xfsAdviceAndBufferDumpJoinTheCorruptionEvent() {
        List<FsEvent> events = new KernelLogClassifier().classify(List.of(
                "[ 1194.302700] XFS (loop0): Metadata corruption detected at xfs_agf_verify+0xc9/0x290, xfs_agf block 0x1 ",
                "[ 1194.304394] XFS (loop0): Unmount and run xfs_repair",
                "[ 1194.305204] XFS (loop0): First 32 bytes of corrupted metadata buffer:",
                "[ 1194.306300] 00000000: 00 00 00 00 00 00 00 01 00 00 00 00 00 00 50 00  ..............P.",
                "[ 1194.307724] 00000010: 00 00 00 01 00 00 00 02 00 00 00 00 00 00 00 01  ................",
                "[ 1194.317142] XFS (loop0): metadata I/O error in \"xfs_read_agf+0x8b/0x170\" at daddr 0x1 len 1 error 117")).fsEvents();
        assertEquals(List.of("XFS: Metadata corruption in xfs_agf_verify", "XFS: metadata I/O error in xfs_read_agf"),
                events.stream().map(FsEvent::title).toList());
        assertEquals(5, events.getFirst().lines().size());
        assertEquals(5, events.get(1).lineIndex());
    }
}
