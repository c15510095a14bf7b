package org.krepro.sys;

/**
 * The fields of {@code struct statx} that krepro uses, copied out of native memory.
 *
 * @param mask the {@code STATX_*} bits the kernel filled
 * @param mode file type and permission bits ({@code S_IFREG | 0644})
 * @param size file size in bytes
 * @param blocks 512-byte blocks allocated
 * @param blockSize preferred I/O size
 * @param inode inode number
 * @param links hard link count
 * @param deviceMajor major of the device holding the file
 * @param deviceMinor minor of the device holding the file
 * @param mtimeSeconds modification time, seconds
 * @param mtimeNanos modification time, nanoseconds
 * @param dioMemAlign required memory alignment for O_DIRECT (0 when not reported or not supported)
 * @param dioOffsetAlign required file offset alignment for O_DIRECT (0 when not reported or not supported)
 */
public record FileStat(int mask, int mode, long size, long blocks, int blockSize, long inode, int links,
        int deviceMajor, int deviceMinor, long mtimeSeconds, int mtimeNanos, int dioMemAlign, int dioOffsetAlign) {
}
