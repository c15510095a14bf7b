package org.krepro.runner.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.krepro.runner.io.ProcessFailedException;
import org.krepro.runner.io.Processes;
import org.krepro.runner.spi.Filesystem;

/**
 * Damages the metadata of an unmounted filesystem so that its checker must report it: the positive control
 * of the fsck detector ({@code control-metadata-corruption}).
 * <ul>
 *   <li>ext4: zeroes the first block of group 0's inode table (inodes 1.., the root inode among them),
 *       located with dumpe2fs;</li>
 *   <li>xfs: zeroes the magic number of AG 0's AGF header with {@code xfs_db -x};</li>
 *   <li>btrfs: overwrites the body of the FS_TREE root block (located with {@code btrfs inspect-internal
 *       dump-tree}) on every mirror ({@code btrfs-map-logical}), so that its checksum no longer matches.</li>
 * </ul>
 */
public final class MetadataDamage {
    private static final byte GARBAGE = (byte) 0xa5;

    private MetadataDamage() {
    }

    /** Bytes krepro changed on a device. */
    public record Region(Path device, long offset, int length) {
        @Override
        public String toString() {
            return length + " bytes at offset " + offset + " of " + device;
        }
    }

    /**
     * What was damaged.
     *
     * @param description one line for the report
     * @param regions     where, on the devices
     */
    public record Damage(String description, List<Region> regions) {
        public Damage {
            regions = List.copyOf(regions);
        }
    }

    public static Damage damage(Filesystem fs, List<Path> devices) throws IOException {
        return damage(fs, devices, line -> System.err.println("krepro: " + line));
    }

    /** Damages the unmounted filesystem on {@code devices} (the caller ensures it is not mounted). */
    public static Damage damage(Filesystem fs, List<Path> devices, Consumer<String> log) throws IOException {
        Damage d = switch (fs) {
            case EXT4 -> ext4(devices.getFirst(), log);
            case XFS -> xfs(devices.getFirst(), log);
            case BTRFS -> btrfs(devices, log);
        };
        log.accept("damaged metadata: " + d.description());
        return d;
    }

    private static Damage ext4(Path dev, Consumer<String> log) throws IOException {
        String out = Processes.check(List.of("dumpe2fs", dev.toString()), log).stdout();
        long blockSize = Long.parseLong(group(out, "(?m)^Block size:\\s+(\\d+)", "Block size", dev));
        long inodeTable = Long.parseLong(group(out, "(?m)^\\s+Inode table at (\\d+)-", "Inode table at", dev));
        Region r = new Region(dev, inodeTable * blockSize, Math.toIntExact(blockSize));
        write(r, (byte) 0);
        return new Damage("ext4: zeroed the first inode table block of group 0 (block " + inodeTable
                + ", holding the root inode): " + r, List.of(r));
    }

    private static Damage xfs(Path dev, Consumer<String> log) throws IOException {
        String sect = Processes.check(List.of("xfs_db", "-r", "-c", "sb 0", "-c", "print sectsize", dev.toString()), log)
                .stdout();
        long sectSize = Long.parseLong(group(sect, "sectsize = (\\d+)", "sectsize", dev));
        Processes.check(List.of("xfs_db", "-x", "-c", "agf 0", "-c", "write -d magicnum 0", dev.toString()), log);
        // The AGF is the second sector of the AG; its magic number is its first 4 bytes.
        Region r = new Region(dev, sectSize, 4);
        return new Damage("xfs: zeroed the magic number of AG 0's AGF (xfs_db -x 'agf 0' 'write -d magicnum 0'): " + r,
                List.of(r));
    }

    private static Damage btrfs(List<Path> devices, Consumer<String> log) throws IOException {
        Path first = devices.getFirst();
        String sup = Processes.check(List.of("btrfs", "inspect-internal", "dump-super", first.toString()), log).stdout();
        int nodeSize = Integer.parseInt(group(sup, "(?m)^nodesize\\s+(\\d+)", "nodesize", first));
        String tree = Processes.check(List.of("btrfs", "inspect-internal", "dump-tree", "-t", "5", first.toString()), log)
                .stdout();
        long logical = Long.parseLong(group(tree, "(?m)^(?:leaf|node) (\\d+) ", "FS_TREE root block", first));
        Processes.Result map = Processes.check(List.of("btrfs-map-logical", "-l", Long.toString(logical),
                "-b", Integer.toString(nodeSize), first.toString()), log);
        Matcher m = Pattern.compile("(?m)^mirror \\d+ logical \\d+ physical (\\d+) device (\\S+)$").matcher(map.stdout());
        List<Region> regions = new ArrayList<>();
        int skip = 0x100; // keep the header (checksum, fsid, bytenr): the body then fails its checksum
        while (m.find()) {
            Path dev = Path.of(m.group(2));
            if (!devices.contains(dev)) {
                throw new IOException("btrfs-map-logical mapped block " + logical + " to " + dev
                        + ", which is not one of this test's devices " + devices + "; refusing to write");
            }
            regions.add(new Region(dev, Long.parseLong(m.group(1)) + skip, nodeSize - skip));
        }
        if (regions.isEmpty()) {
            throw new ProcessFailedException(map, "no mirror of logical block " + logical);
        }
        for (Region r : regions) {
            write(r, GARBAGE);
        }
        return new Damage("btrfs: overwrote the FS_TREE root block (logical " + logical + ") after its header on "
                + regions.size() + " mirror(s): " + regions, regions);
    }

    private static String group(String text, String regex, String what, Path dev) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IOException("cannot find '" + what + "' for " + dev + " in:\n" + text);
        }
        return m.group(1);
    }

    /** Writes the byte pattern through the block device, then flushes and drops its buffer cache. */
    private static void write(Region r, byte fill) throws IOException {
        byte[] b = new byte[r.length()];
        Arrays.fill(b, fill);
        try (FileChannel ch = FileChannel.open(r.device(), StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            long pos = r.offset();
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            ch.force(true);
        }
        Processes.check(List.of("blockdev", "--flushbufs", r.device().toString()), s -> { });
    }
}
