package org.krepro.runner.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;

/**
 * The verifier against the running kernel: ext4, xfs and btrfs on a loop device this test creates. Clean data must
 * verify clean after unmount, remount and dropped caches; then blocks damaged underneath the
 * filesystem, at their FIEMAP offsets on the loop device, must be named exactly, with the right class
 * and device offset. Needs root; the device and mount are always removed.
 */
@Tag("root")
class VerifierKernelTest {
    static final int BS = 4096;

    Path dir;
    Path image;
    Path mnt;
    String device;
    Path image2;
    String device2;
    boolean mounted;

    Filesystem fs;

    String mountOptions = "";

    interface Body {
        void run() throws Exception;
    }

    @ParameterizedTest
    @EnumSource(Filesystem.class)
    void cleanThenDamagedUnderneath(Filesystem filesystem) throws Exception {
        withFilesystem(filesystem, "", this::scenario);
    }

    @org.junit.jupiter.api.Test
    void ext4DataJournalHasNoDirectIoAndTheReportSaysSo() throws Exception {
        withFilesystem(Filesystem.EXT4, "data=journal", () -> {
            ExpectedState state = new ExpectedState(new BlockFormat(BS, 7));
            try (BlockWriter w = BlockWriter.open(state, mnt, 1, false)) {
                w.write(0, 16, 1);
                w.fsync();
            }
            remount();
            VerifyResult r = verifier(state, Path.of(device)).verify(mnt);
            assertTrue(r.clean(), r::report);
            assertTrue(r.report().contains("note: f0001: the filesystem does not do O_DIRECT for this file"), r::report);
        });
    }

    @org.junit.jupiter.api.Test
    void btrfsRaid1EveryMirrorIsLocatedAndOnlyDamagingAllOfThemLosesData() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for loop devices and mount");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfs.btrfs")) || Files.isExecutable(Path.of("/usr/sbin/mkfs.btrfs"))
                || Files.isExecutable(Path.of("/sbin/mkfs.btrfs")), "mkfs.btrfs not installed");
        fs = Filesystem.BTRFS;
        dir = Files.createTempDirectory("krepro-verifier-test-");
        image = dir.resolve("image");
        image2 = dir.resolve("image2");
        mnt = dir.resolve("mnt");
        try {
            for (Path img : List.of(image, image2)) {
                try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
                    f.setLength(256L << 20);
                }
            }
            String d1 = run("losetup", "--find", "--show", image.toString()).strip();
            assertTrue(d1.startsWith("/dev/loop"), d1);
            device = d1;
            String d2 = run("losetup", "--find", "--show", image2.toString()).strip();
            assertTrue(d2.startsWith("/dev/loop"), d2);
            device2 = d2;
            run("mkfs.btrfs", "-q", "-f", "-d", "raid1", "-m", "raid1", device, device2);
            mountOptions = "device=" + device + ",device=" + device2;
            Files.createDirectory(mnt);
            mount();
            List<Path> devs = List.of(Path.of(device), Path.of(device2));
            ExpectedState state = new ExpectedState(new BlockFormat(BS, 11));
            try (BlockWriter w = BlockWriter.open(state, mnt, 1, false)) {
                w.write(0, 32, 1);
                w.fsync();
            }
            List<DeviceLocation> copies = UnderneathWriter.locateAll(mnt.resolve("f0001"), 10L * BS, devs, fs);
            assertEquals(2, copies.size(), copies::toString);
            assertEquals(java.util.Set.of(device, device2),
                    java.util.Set.of(copies.get(0).device(), copies.get(1).device()), copies::toString);
            unmount();
            // One mirror damaged: btrfs reads the other copy; the data is intact.
            UnderneathWriter.overwriteBlock(Path.of(copies.get(0).device()), copies.get(0).offset(), ByteBuffer.allocate(BS));
            mountDropped();
            VerifyResult healed = Verifier.of(state).devices(devs, fs).verify(mnt);
            assertTrue(healed.clean(), healed::report);
            unmount();
            for (DeviceLocation c : copies) {
                UnderneathWriter.overwriteBlock(Path.of(c.device()), c.offset(), ByteBuffer.allocate(BS));
            }
            mountDropped();
            VerifyResult lost = Verifier.of(state).devices(devs, fs).verify(mnt);
            assertEquals(1, lost.bad(), lost::report);
            BadBlock b = lost.badBlocks().get(0);
            assertEquals(DataClass.UNREADABLE, b.cls(), lost::report);
            assertEquals(10, b.blockIndex());
            assertTrue(b.location().note().contains("mirror"), b.location()::describe);
        } finally {
            cleanup();
        }
    }

    private void withFilesystem(Filesystem filesystem, String options, Body body) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for loop devices and mount");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/" + filesystem.mkfsCommand()))
                || Files.isExecutable(Path.of("/sbin/" + filesystem.mkfsCommand()))
                || Files.isExecutable(Path.of("/usr/bin/" + filesystem.mkfsCommand())), filesystem.mkfsCommand() + " not installed");
        fs = filesystem;
        mountOptions = options;
        dir = Files.createTempDirectory("krepro-verifier-test-");
        image = dir.resolve("image");
        mnt = dir.resolve("mnt");
        try {
            try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                f.setLength(switch (fs) {
                    case EXT4 -> 128L << 20;
                    case XFS -> 320L << 20;
                    case BTRFS -> 256L << 20;
                });
            }
            String dev = run("losetup", "--find", "--show", image.toString()).strip();
            assertTrue(dev.startsWith("/dev/loop"), dev);
            device = dev;
            switch (fs) {
                case EXT4 -> run("mkfs.ext4", "-q", "-F", "-b", "4096", device);
                case XFS -> run("mkfs.xfs", "-q", "-f", device);
                case BTRFS -> run("mkfs.btrfs", "-q", "-f", device);
            }
            Files.createDirectory(mnt);
            mount();
            body.run();
        } finally {
            cleanup();
        }
    }

    private void scenario() throws Exception {
        Path dev = Path.of(device);
        ExpectedState state = new ExpectedState(new BlockFormat(BS, 0xC0FFEEL));
        try (BlockWriter w1 = BlockWriter.open(state, mnt, 1, false);
             BlockWriter w2 = BlockWriter.open(state, mnt, 2, true)) {
            w1.write(0, 64, 1);
            w1.write(0, 16, 2);          // blocks 0..15 now at generation 2
            w2.write(0, 32, 1);          // O_DIRECT writer
            w1.write(64, 8, 1);
            w1.fsync();
            w2.fsync();
        }
        assertEquals(72, state.file(1).minBlocks());

        // Where the blocks live, while mounted.
        long b20 = location(dev, "f0001", 20);
        long b30 = location(dev, "f0001", 30);
        long b3 = location(dev, "f0001", 3);
        long f2b5 = location(dev, "f0002", 5);

        remount();
        VerifyResult clean = verifier(state, dev).verify(mnt);
        assertTrue(clean.clean(), clean::report);
        assertEquals(72 + 32, clean.files().stream().mapToLong(VerifyResult.FileResult::blocksChecked).sum());
        assertTrue(clean.findings().isEmpty());

        // Positive control 1: zeros over block 20 of f0001, underneath ext4.
        unmount();
        UnderneathWriter.overwriteBlock(dev, b20, ByteBuffer.allocate(BS));
        mountDropped();
        VerifyResult zeroed = verifier(state, dev).verify(mnt);
        // btrfs checksums data: a block changed underneath it cannot be read (EIO) at all.
        DataClass zeroClass = fs == Filesystem.BTRFS ? DataClass.UNREADABLE : DataClass.ZEROED;
        assertEquals(1, zeroed.bad(), zeroed::report);
        BadBlock z = zeroed.badBlocks().get(0);
        assertEquals(zeroClass, z.cls(), zeroed::report);
        assertEquals("f0001", z.path());
        assertEquals(20, z.blockIndex());
        assertEquals(20L * BS, z.fileOffset());
        assertEquals(device, z.location().device(), zeroed::report);
        assertEquals(b20, z.location().offset(), zeroed::report);
        List<Finding> fz = zeroed.findings();
        assertEquals(List.of(String.format("data: 1 %s block in f0001 (first at offset 0x%x)", zeroClass.label(), 20L * BS)),
                fz.stream().map(Finding::title).toList());
        assertTrue(fz.get(0).detail().contains(String.format("device %s offset 0x%x", device, b20)), fz.get(0).detail());

        // Positive control 2: block 5 of f0002 copied over block 30 of f0001 -> misplaced; half of
        // generation 1 of block 3 over its generation 2 -> torn.
        unmount();
        byte[] other = UnderneathWriter.read(dev, f2b5, BS);
        UnderneathWriter.overwriteBlock(dev, b30, ByteBuffer.wrap(other));
        byte[] oldGen = state.format().blocks(1, 3, 1, 1);
        UnderneathWriter.overwriteBlock(dev, b3 + BS / 2, ByteBuffer.wrap(Arrays.copyOfRange(oldGen, BS / 2, BS)));
        mountDropped();
        VerifyResult mixed = verifier(state, dev).verify(mnt);
        System.out.println(mixed.report());
        assertEquals(3, mixed.bad(), mixed::report);
        assertEquals(0, mixed.cacheMismatches(), mixed::report);
        if (fs == Filesystem.BTRFS) {
            assertEquals(3, mixed.count(DataClass.UNREADABLE), mixed::report);
            assertEquals(List.of(3L, 20L, 30L), mixed.badBlocks().stream().map(BadBlock::blockIndex).toList());
            assertEquals(List.of(b3, b20, b30), mixed.badBlocks().stream().map(b -> b.location().offset()).toList());
            return;
        }
        assertEquals(1, mixed.count(DataClass.ZEROED), mixed::report);
        assertEquals(1, mixed.count(DataClass.MISPLACED), mixed::report);
        assertEquals(1, mixed.count(DataClass.TORN), mixed::report);
        BadBlock torn = find(mixed, DataClass.TORN);
        assertEquals(3, torn.blockIndex());
        assertEquals(b3, torn.location().offset());
        assertTrue(torn.explanation().contains("sectors 0-3 generation 2 (expected), sectors 4-7 generation 1 (stale)"), torn.explanation());
        BadBlock mis = find(mixed, DataClass.MISPLACED);
        assertEquals(30, mis.blockIndex());
        assertEquals(b30, mis.location().offset());
        assertEquals(2, mis.found().fileId());
        assertEquals(5, mis.found().blockIndex());
        assertTrue(mixed.report().contains("holds block 5 of file 2 generation 1"), mixed::report);
    }

    private static BadBlock find(VerifyResult r, DataClass c) {
        BadBlock b = r.badBlocks().stream().filter(x -> x.cls() == c).findFirst().orElse(null);
        assertNotNull(b, r::report);
        return b;
    }

    private Verifier verifier(ExpectedState state, Path dev) {
        return Verifier.of(state).devices(List.of(dev), fs);
    }

    private long location(Path dev, String file, long block) throws IOException {
        DeviceLocation loc = UnderneathWriter.locate(mnt.resolve(file), block * BS, List.of(dev), fs);
        assertEquals(device, loc.device(), loc::describe);
        assertTrue(loc.offset() > 0 && loc.offset() % BS == 0, loc::describe);
        return loc.offset();
    }

    private void mount() throws IOException {
        if (mountOptions.isEmpty()) {
            run("mount", "-t", fs.id(), device, mnt.toString());
        } else {
            run("mount", "-t", fs.id(), "-o", mountOptions, device, mnt.toString());
        }
        mounted = true;
    }

    private void unmount() throws IOException {
        run("umount", mnt.toString());
        mounted = false;
    }

    private void mountDropped() throws IOException {
        run("sync");
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
        mount();
    }

    private void remount() throws IOException {
        unmount();
        mountDropped();
    }

    private void cleanup() throws IOException {
        IOException failure = null;
        if (mounted) {
            try {
                unmount();
            } catch (IOException e) {
                failure = e;
                try {
                    run("umount", "-l", mnt.toString());
                    mounted = false;
                } catch (IOException e2) {
                    e.addSuppressed(e2);
                }
            }
        }
        if (!mounted && fs == Filesystem.BTRFS) {
            // Let btrfs forget the devices it scanned, so no stale registration outlives them.
            for (String d : new String[] {device, device2}) {
                if (d != null) {
                    try {
                        run("btrfs", "device", "scan", "--forget", d);
                    } catch (IOException ignored) {
                        // not registered
                    }
                }
            }
        }
        if (device2 != null && !mounted) {
            try {
                run("losetup", "-d", device2);
                device2 = null;
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (device != null && !mounted) {
            try {
                run("losetup", "-d", device);
                device = null;
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (!mounted && device == null && device2 == null && dir != null) {
            if (image2 != null) {
                Files.deleteIfExists(image2);
            }
            Files.deleteIfExists(image);
            Files.deleteIfExists(mnt);
            Files.deleteIfExists(dir);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The runner's own command runner (search path with sbin, stderr kept); the output, or a failure with stderr. */
    static String run(String... command) throws IOException {
        return org.krepro.runner.io.Processes.run(List.of(command)).check().stdout();
    }
}
