package org.krepro.runner.verify;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.krepro.runner.spi.Filesystem;
import org.krepro.sys.Abi;
import org.krepro.sys.AlignedBuffers;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.NativeFile;
import org.krepro.sys.ffi.fcntl_h;

/**
 * Damages data underneath a filesystem: writes straight to the block device (or image file) at a
 * FIEMAP physical offset with {@code O_DIRECT | O_SYNC}, bypassing the filesystem. The positive control
 * of the data verifier. Use it on an unmounted filesystem (or remount after), and only on devices
 * krepro created.
 */
public final class UnderneathWriter {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;

    private UnderneathWriter() {
    }

    /** Where a file's byte lives: the device offset of {@code fileOffset} in {@code file} (FIEMAP, synced). */
    public static DeviceLocation locate(Path file, long fileOffset, List<Path> devices, Filesystem fs) throws IOException {
        return locateAll(file, fileOffset, devices, fs).get(0);
    }

    /**
     * Every on-disk copy of a file's byte: one location on ext4 and xfs, one per mirror on btrfs (raid1,
     * dup data). A positive control that must defeat btrfs's self-healing overwrites all of them.
     */
    public static List<DeviceLocation> locateAll(Path file, long fileOffset, List<Path> devices, Filesystem fs) throws IOException {
        if (fs == Filesystem.BTRFS) {
            // btrfs-map-logical reads the committed extent tree: commit the running transaction first.
            DeviceMap.run(List.of("sync", "-f", file.toString()));
        }
        FsDataSource src = new FsDataSource(file.getParent());
        return DeviceMap.locateAll(src.extents(file.getFileName().toString()), fileOffset, devices, fs);
    }

    /**
     * Overwrites {@code data.remaining()} bytes at {@code physicalOffset} of {@code device}; the offset and
     * length must be multiples of 512. Returns the bytes that were there before. The buffer's position is
     * unchanged.
     */
    public static byte[] overwriteBlock(Path device, long physicalOffset, ByteBuffer data) throws IOException {
        int len = data.remaining();
        if (physicalOffset < 0 || physicalOffset % 512 != 0 || len == 0 || len % 512 != 0) {
            throw new IllegalArgumentException("offset " + physicalOffset + " and length " + len + " must be multiples of 512");
        }
        try (Arena arena = Arena.ofConfined();
             NativeFile dev = NativeFile.open(device, fcntl_h.O_RDWR() | Abi.O_DIRECT() | fcntl_h.O_SYNC())) {
            int type = dev.statx().mode() & S_IFMT;
            long size;
            if (type == S_IFBLK) {
                size = dev.blockDeviceSize();
            } else if (type == S_IFREG) {
                size = dev.statx().size();
            } else {
                throw new IOException(device + " is neither a block device nor an image file");
            }
            if (physicalOffset + len > size) {
                throw new IOException(String.format("%s: range [0x%x, 0x%x) beyond its end 0x%x", device, physicalOffset,
                        physicalOffset + len, size));
            }
            MemorySegment buf = AlignedBuffers.allocate(arena, len);
            long got = dev.readFully(buf, physicalOffset);
            if (got != len) {
                throw new IOException(device + ": short read of " + got + " bytes at " + physicalOffset);
            }
            byte[] before = buf.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            MemorySegment.copy(MemorySegment.ofBuffer(data), 0, buf, 0, len);
            dev.writeFully(buf, physicalOffset);
            dev.fsync();
            return before;
        } catch (ErrnoException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Reads {@code length} bytes at {@code offset} of a device or image with O_DIRECT (multiples of 512). */
    public static byte[] read(Path device, long offset, int length) throws IOException {
        if (offset < 0 || offset % 512 != 0 || length <= 0 || length % 512 != 0) {
            throw new IllegalArgumentException("offset " + offset + " and length " + length + " must be multiples of 512");
        }
        try (Arena arena = Arena.ofConfined(); NativeFile dev = NativeFile.open(device, fcntl_h.O_RDONLY() | Abi.O_DIRECT())) {
            MemorySegment buf = AlignedBuffers.allocate(arena, length);
            long got = dev.readFully(buf, offset);
            if (got != length) {
                throw new IOException(device + ": short read of " + got + " bytes at " + offset);
            }
            return buf.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        } catch (ErrnoException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
