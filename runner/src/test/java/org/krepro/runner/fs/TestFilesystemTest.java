package org.krepro.runner.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.device.DeviceKind;
import org.krepro.runner.device.DeviceSet;
import org.krepro.runner.device.GivenDeviceSource;
import org.krepro.runner.device.Leftovers;
import org.krepro.runner.device.LoopDevices;
import org.krepro.runner.device.Mounts;
import org.krepro.runner.device.Workspace;
import org.krepro.runner.io.Processes;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.TestSkipped;

/** The lifecycle against the running kernel: loop devices, mkfs, mount, unmount, fsck, teardown. */
@Tag("root")
class TestFilesystemTest {
    private static final long EXT4_SIZE = 64 * FsConfig.MIB;
    private static final long XFS_SIZE = 300 * FsConfig.MIB; // mkfs.xfs >= 5.19 refuses smaller
    private static final long BTRFS_SIZE = 128 * FsConfig.MIB; // >= 114 MiB with default options

    private static Path root;
    private static Workspace ws;
    private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void openWorkspace() throws IOException {
        Leftovers.assumeRoot();
        root = Leftovers.tempRoot("fs");
        ws = Workspace.open(root, Workspace.Options.defaults().withLog(line -> {
            LOG.add(line);
            System.err.println("krepro: " + line);
        }));
        assertEquals(List.of(), ws.cleanupActions(), "a fresh workspace has nothing to clean");
    }

    @AfterEach
    void nothingLeft() throws IOException {
        if (ws != null) {
            Leftovers.assertNone(root);
        }
    }

    @AfterAll
    static void closeWorkspace() throws IOException {
        if (ws != null) {
            ws.close();
            Leftovers.assertNone(root);
            Leftovers.deleteTree(root);
        }
    }

    static Stream<FsConfig> configs() {
        return Stream.of(
                FsConfig.of(Filesystem.EXT4, "1k", EXT4_SIZE).withMkfs("-b", "1024"),
                FsConfig.of(Filesystem.EXT4, "2k", EXT4_SIZE).withMkfs("-b", "2048"),
                FsConfig.of(Filesystem.EXT4, "4k-dio", EXT4_SIZE).withMkfs("-b", "4096").withLoopDirectIo(true),
                FsConfig.of(Filesystem.EXT4, "inline-nojournal", EXT4_SIZE).withMkfs("-O", "inline_data,^has_journal"),
                FsConfig.of(Filesystem.EXT4, "data-journal", EXT4_SIZE).withMount("data=journal"),
                FsConfig.of(Filesystem.XFS, "reflink-1k", XFS_SIZE).withMkfs("-m", "reflink=1", "-b", "size=1024"),
                FsConfig.of(Filesystem.BTRFS, "single", BTRFS_SIZE),
                FsConfig.of(Filesystem.BTRFS, "raid0", BTRFS_SIZE).withMkfs("-d", "raid0", "-m", "raid0").withDevices(2),
                FsConfig.of(Filesystem.BTRFS, "raid1", BTRFS_SIZE).withMkfs("-d", "raid1", "-m", "raid1").withDevices(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void lifecycle(FsConfig cfg) throws IOException {
        List<Path> devices;
        List<Path> images;
        try (TestFilesystem tfs = TestFilesystem.create(ws, cfg, "lifecycle")) {
            devices = tfs.devices();
            images = tfs.images();
            assertEquals(cfg.devices(), devices.size());
            assertEquals(DeviceKind.LOOP, tfs.deviceKind());
            for (int i = 0; i < images.size(); i++) {
                assertTrue(ws.ownsImage(images.get(i)));
                assertEquals(cfg.deviceBytes(), Files.size(images.get(i)));
                assertTrue(Leftovers.allocatedBytes(images.get(i)) < cfg.deviceBytes() / 2, "image is sparse");
                assertEquals(images.get(i), LoopDevices.backingFile(devices.get(i)).orElseThrow());
                assertEquals(cfg.loopDirectIo(), LoopDevices.directIoEnabled(devices.get(i)), "loop direct I/O");
            }

            tfs.mkfs();
            for (String opt : cfg.mkfsOptions()) {
                assertTrue(tfs.mkfsCommandLine().contains(opt), tfs.mkfsCommandLine());
            }
            assertFalse(tfs.superblockAlive());
            Path mnt = tfs.mount();
            assertTrue(tfs.superblockAlive());
            assertEquals(ws.mountRoot(), mnt.getParent());
            Mounts.Entry entry = Mounts.list().stream().filter(e -> e.target().equals(mnt)).findFirst().orElseThrow();
            assertEquals(cfg.fs().id(), entry.type());
            for (String opt : cfg.mountOptions()) {
                assertTrue(List.of(entry.options().split(",")).contains(opt), entry.options());
            }
            if (cfg.fs() == Filesystem.EXT4 && !cfg.mkfsOptions().isEmpty() && cfg.mkfsOptions().contains("-b")) {
                long bs = Long.parseLong(cfg.mkfsOptions().get(cfg.mkfsOptions().indexOf("-b") + 1));
                assertEquals(bs, Files.getFileStore(mnt).getBlockSize(), "block size");
            }
            if (cfg.fs() == Filesystem.BTRFS && cfg.devices() > 1) {
                String profile = cfg.mkfsOptions().get(cfg.mkfsOptions().indexOf("-d") + 1).toUpperCase();
                String df = Processes.check(List.of("btrfs", "filesystem", "df", mnt.toString()), s -> { }).stdout();
                assertTrue(df.contains("Data, " + profile), df);
            }

            byte[] data = new byte[3 * 1024 * 1024 + 17];
            new Random(cfg.label().hashCode()).nextBytes(data);
            Files.write(mnt.resolve("data"), data);
            Files.writeString(mnt.resolve("small"), "tiny");
            tfs.unmount();
            assertFalse(tfs.isMounted());
            tfs.dropCaches();
            tfs.mount();
            assertArrayEquals(data, Files.readAllBytes(mnt.resolve("data")));
            assertEquals("tiny", Files.readString(mnt.resolve("small")));
            tfs.unmount();

            assertFalse(tfs.superblockAlive());
            FsckResult fsck = tfs.fsck();
            assertTrue(fsck.clean(), () -> fsck.title() + "\n" + fsck.output());
            assertEquals(FsckResult.Status.CLEAN, fsck.status());
            assertTrue(fsck.finding().isEmpty());

            assertTrue(tfs.reportProperties().get("mkfs").startsWith(cfg.fs().mkfsCommand() + " "));
            assertEquals(cfg.mountOptions().isEmpty() ? "defaults" : String.join(",", cfg.mountOptions()),
                    tfs.reportProperties().get("mount options"));
            assertEquals("loop", tfs.reportProperties().get("device kind"));
            assertEquals(List.of(), tfs.notes());
        }
        for (int i = 0; i < images.size(); i++) {
            assertFalse(Files.exists(images.get(i)), "image deleted");
            Path img = images.get(i);
            assertFalse(LoopDevices.backingFile(devices.get(i)).filter(img::equals).isPresent(), "loop detached");
        }
    }

    static Stream<FsConfig> damageConfigs() {
        return Stream.of(
                FsConfig.of(Filesystem.EXT4, "4k", EXT4_SIZE),
                FsConfig.of(Filesystem.EXT4, "1k-inline-nojournal", EXT4_SIZE).withMkfs("-b", "1024", "-O", "inline_data,^has_journal"),
                FsConfig.of(Filesystem.XFS, "default", XFS_SIZE),
                FsConfig.of(Filesystem.BTRFS, "single", BTRFS_SIZE),
                FsConfig.of(Filesystem.BTRFS, "raid1", BTRFS_SIZE).withMkfs("-d", "raid1", "-m", "raid1").withDevices(2));
    }

    /** Positive control of the fsck detector: damaged metadata must be reported. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("damageConfigs")
    void fsckReportsDamagedMetadata(FsConfig cfg) throws IOException {
        try (TestFilesystem tfs = TestFilesystem.create(ws, cfg, "damage")) {
            tfs.mkfs();
            Path mnt = tfs.mount();
            for (int i = 0; i < 20; i++) {
                Files.createDirectories(mnt.resolve("d" + i % 4));
                Files.writeString(mnt.resolve("d" + i % 4).resolve("f" + i), "file " + i + "\n".repeat(i * 100));
            }
            tfs.unmount();
            FsckResult before = tfs.fsck();
            assertTrue(before.clean(), () -> before.output());

            MetadataDamage.Damage damage = tfs.damageMetadata();
            assertFalse(damage.regions().isEmpty());
            if (cfg.fs() == Filesystem.BTRFS && cfg.devices() == 2) {
                assertEquals(2, damage.regions().stream().map(MetadataDamage.Region::device).distinct().count(),
                        "both raid1 mirrors damaged: " + damage);
            }

            FsckResult after = tfs.fsck();
            assertEquals(FsckResult.Status.ERRORS, after.status(), () -> after.title() + "\n" + after.output());
            Finding f = after.finding().orElseThrow();
            assertEquals(Finding.Kind.FSCK, f.kind());
            String tool = switch (cfg.fs()) {
                case EXT4 -> "e2fsck";
                case XFS -> "xfs_repair";
                case BTRFS -> "btrfs";
            };
            assertTrue(f.title().startsWith("fsck: " + tool + " found errors (exit "), f.title());
            assertTrue(f.title().length() > ("fsck: " + tool + " found errors (exit 1)").length() + 3,
                    "title names the first problem: " + f.title());
            assertTrue(f.detail().contains(after.output()));
            System.err.println(cfg.label() + ": " + damage.description() + "\n  => " + f.title());
        }
    }

    /** An xfs filesystem shut down with changes in its log: xfs_repair -n reports a dirty log, not damage. */
    @Test
    void xfsDirtyLogIsDetected() throws IOException {
        try (TestFilesystem tfs = TestFilesystem.create(ws, FsConfig.of(Filesystem.XFS, "dirty-log", XFS_SIZE), "dirty-log")) {
            tfs.mkfs();
            Path mnt = tfs.mount();
            for (int i = 0; i < 10; i++) {
                Files.writeString(mnt.resolve("f" + i), "x");
            }
            Processes.check(List.of("xfs_io", "-x", "-c", "shutdown -f", mnt.toString()), ws.logger());
            tfs.unmount();
            FsckResult r = tfs.fsck();
            assertEquals(FsckResult.Status.DIRTY_LOG, r.status(), r.output());
            assertTrue(r.finding().orElseThrow().title().startsWith("fsck: xfs log is dirty"));
            // A mount replays the log; after a clean unmount the check is clean again.
            tfs.mount();
            tfs.unmount();
            FsckResult clean = tfs.fsck();
            assertTrue(clean.clean(), clean.output());
        }
    }

    /** A busy mount is retried, then detached lazily, and the report notes it. */
    @Test
    void busyUnmountFallsBackToLazy() throws IOException {
        try (TestFilesystem tfs = TestFilesystem.create(ws, FsConfig.of(Filesystem.EXT4, "busy", EXT4_SIZE), "busy")) {
            tfs.mkfs();
            Path mnt = tfs.mount();
            assertTrue(tfs.superblockAlive());
            try (FileChannel ch = FileChannel.open(mnt.resolve("held"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                tfs.unmount();
                assertFalse(tfs.isMounted());
                assertTrue(tfs.notes().stream().anyMatch(n -> n.contains("lazily")), tfs.notes().toString());
                assertTrue(tfs.superblockAlive(), "the open file keeps the lazily unmounted filesystem alive");
            }
            // The lazily detached superblock is torn down asynchronously after the last close (deferred
            // fput); on a loaded machine that can take a moment.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (tfs.superblockAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            assertFalse(tfs.superblockAlive(), "the last user let go");
            assertTrue(tfs.fsck().clean());
            assertFalse(tfs.notes().stream().anyMatch(n -> n.contains("unreliable")), tfs.notes().toString());
        }
    }

    /** Teardown runs from any state: here mounted and never unmounted. */
    @Test
    void closeTearsDownAMountedFilesystem() throws IOException {
        Path mnt;
        try (TestFilesystem tfs = TestFilesystem.create(ws, FsConfig.of(Filesystem.BTRFS, "mounted", BTRFS_SIZE), "mounted")) {
            tfs.mkfs();
            mnt = tfs.mount();
            Files.writeString(mnt.resolve("f"), "left mounted");
        }
        assertFalse(Mounts.isMounted(mnt));
        assertFalse(Files.exists(mnt), "mount point removed");
    }

    /** Images kept as evidence stay sparse. */
    @Test
    void keptImagesStaySparse() throws IOException {
        Path keep = Leftovers.tempRoot("kept");
        try {
            List<Path> kept;
            try (TestFilesystem tfs = TestFilesystem.create(ws, FsConfig.of(Filesystem.EXT4, "keep", EXT4_SIZE), "keep")) {
                tfs.mkfs();
                tfs.mount();
                tfs.unmount();
                kept = tfs.keepImages(keep);
            }
            assertEquals(1, kept.size());
            Path img = kept.getFirst();
            assertTrue(Files.exists(img));
            assertEquals(EXT4_SIZE, Files.size(img));
            assertTrue(Leftovers.allocatedBytes(img) < EXT4_SIZE / 4, "kept sparse: " + Leftovers.allocatedBytes(img));
            Processes.check(List.of("e2fsck", "-fn", img.toString()), s -> { }); // still a clean filesystem
        } finally {
            Leftovers.deleteTree(keep);
        }
    }

    /** Given devices: formatted and checked, never detached; too few of them skip the test. */
    @Test
    void givenDevicesAreUsedButNotReleased() throws IOException {
        try (DeviceSet backing = ws.loopDevices().acquire(ws.newId("given-backing"), 1, EXT4_SIZE, false)) {
            FsConfig cfg = FsConfig.of(Filesystem.EXT4, "given", EXT4_SIZE);
            try (TestFilesystem tfs = TestFilesystem.create(ws, ws.givenDevices(backing.paths()), cfg, "given")) {
                assertEquals("given", tfs.testName());
                assertEquals(backing.paths(), tfs.devices());
                assertEquals(List.of(), tfs.images());
                    tfs.mkfs();
                tfs.mount();
                EnvironmentException mounted = assertThrows(EnvironmentException.class,
                        () -> new GivenDeviceSource(ws, backing.paths()));
                assertTrue(mounted.getMessage().contains("is mounted"), mounted.getMessage());
                tfs.unmount();
                assertTrue(tfs.fsck().clean());
            }
            assertEquals(backing.images().getFirst(), LoopDevices.backingFile(backing.paths().getFirst()).orElseThrow(),
                    "a given device is not detached");
            FsConfig raid = FsConfig.of(Filesystem.BTRFS, "raid1", BTRFS_SIZE).withMkfs("-d", "raid1").withDevices(2);
            TestSkipped skipped = assertThrows(TestSkipped.class, () -> TestFilesystem.create(ws, ws.givenDevices(backing.paths()), raid, "too-few"));
            assertTrue(skipped.getMessage().contains("needs 2 block devices, only 1 given"), skipped.getMessage());
        }
    }

    @Test
    void mountFailureNamesTheCommandAndItsStderr() throws IOException {
        FsConfig bad = FsConfig.of(Filesystem.EXT4, "bad-mount", EXT4_SIZE).withMount("data=bogus");
        try (TestFilesystem tfs = TestFilesystem.create(ws, bad, "bad-mount")) {
            tfs.mkfs();
            IOException e = assertThrows(IOException.class, tfs::mount);
            assertTrue(e.getMessage().contains("mount -t ext4 -o data=bogus /dev/loop"), e.getMessage());
            assertFalse(tfs.isMounted());
            assertEquals(List.of(), ws.state().list(s -> { }).stream()
                    .filter(r -> r.kind() == org.krepro.runner.device.ResourceRecord.Kind.MOUNT).toList(),
                    "no mount record for a failed mount");
        }
    }

    @Test
    void mkfsFailureNamesTheCommandAndItsStderr() throws IOException {
        FsConfig bad = FsConfig.of(Filesystem.EXT4, "bad", EXT4_SIZE).withMkfs("-O", "no_such_feature");
        try (TestFilesystem tfs = TestFilesystem.create(ws, bad, "bad-mkfs")) {
            IOException e = assertThrows(IOException.class, tfs::mkfs);
            assertTrue(e.getMessage().contains("mkfs.ext4 -F -q -O no_such_feature /dev/loop"), e.getMessage());
            assertTrue(e.getMessage().contains("failed with exit status"), e.getMessage());
            assertTrue(e.getMessage().contains("no_such_feature"), "stderr quoted: " + e.getMessage());
        }
    }
}
