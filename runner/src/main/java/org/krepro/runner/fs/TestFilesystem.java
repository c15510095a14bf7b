package org.krepro.runner.fs;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.krepro.runner.device.DeviceKind;
import org.krepro.runner.device.DeviceSet;
import org.krepro.runner.device.DeviceSource;
import org.krepro.runner.device.Mounts;
import org.krepro.runner.device.ResourceRecord;
import org.krepro.runner.device.Workspace;
import org.krepro.runner.io.ProcessFailedException;
import org.krepro.runner.io.Processes;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;

/**
 * The filesystem of one test: its devices, mkfs, mount, unmount, fsck and a teardown that always runs.
 *
 * <pre>{@code
 * try (TestFilesystem tfs = TestFilesystem.create(ws, ws.loopDevices(), config, "ext4-jbd2-migration")) {
 *     tfs.mkfs();
 *     Path mnt = tfs.mount();
 *     ... workload ...
 *     tfs.unmount();
 *     FsckResult r = tfs.fsck();
 * }   // unmounts (lazily if it must), detaches the loop devices, deletes the images
 * }</pre>
 * Every step logs its command line; {@link #reportProperties()} gives what the report needs.
 */
public final class TestFilesystem implements AutoCloseable {
    private final Workspace ws;
    private final FsConfig config;
    private final String id;
    private final String testName;
    private final DeviceSet deviceSet;
    private final Path mountPoint;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private String mkfsCommandLine = "";
    private String mountCommandLine = "";
    private ResourceRecord mountRecord;
    private boolean formatted;
    private boolean closed;

    private TestFilesystem(Workspace ws, FsConfig config, String testName, String id, DeviceSet deviceSet) {
        this.ws = ws;
        this.testName = testName;
        this.config = config;
        this.id = id;
        this.deviceSet = deviceSet;
        this.mountPoint = ws.mountRoot().resolve(id);
    }

    /**
     * Gets the devices for {@code config} from {@code source}.
     *
     * @throws org.krepro.runner.spi.TestSkipped when a tool is missing, the kernel lacks the filesystem, or
     *                                           the source has too few devices
     */
    public static TestFilesystem create(Workspace ws, DeviceSource source, FsConfig config, String testName)
            throws IOException {
        if (config.devices() > 1 && config.fs() != Filesystem.BTRFS) {
            throw new IllegalArgumentException(config.label() + ": only btrfs spans several devices, "
                    + config.devices() + " requested");
        }
        FsSupport.requireAvailable(config.fs(), ws.logger());
        String id = ws.newId(testName + "-" + config.fs().id() + "-" + config.name());
        DeviceSet set = source.acquire(id, config.devices(), config.deviceBytes(), config.loopDirectIo());
        TestFilesystem tfs = new TestFilesystem(ws, config, testName, id, set);
        ws.track(tfs); // after the device set: the shutdown hook closes this first
        return tfs;
    }

    /** Loop devices over fresh images in the workspace. */
    public static TestFilesystem create(Workspace ws, FsConfig config, String testName) throws IOException {
        return create(ws, ws.loopDevices(), config, testName);
    }

    public FsConfig config() {
        return config;
    }

    /** The name the test was created with. */
    public String testName() {
        return testName;
    }

    /** The unique id naming its images and mount point. */
    public String id() {
        return id;
    }

    public Filesystem fs() {
        return config.fs();
    }

    /** The block devices, first one first (the one mount and fsck name). */
    public List<Path> devices() {
        return deviceSet.paths();
    }

    /** The sparse image files behind loop devices (empty for given devices). */
    public List<Path> images() {
        return deviceSet.images();
    }

    public DeviceKind deviceKind() {
        return deviceSet.kind();
    }

    public Path mountPoint() {
        return mountPoint;
    }

    /** True while the filesystem is mounted on its mount point (read from /proc/self/mounts). */
    public boolean isMounted() {
        try {
            return Mounts.isMounted(mountPoint);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read /proc/self/mounts", e);
        }
    }

    /** The mkfs command line as run ("" before {@link #mkfs()}). */
    public synchronized String mkfsCommandLine() {
        return mkfsCommandLine;
    }

    /** The mount command line of the last mount ("" before {@link #mount()}). */
    public synchronized String mountCommandLine() {
        return mountCommandLine;
    }

    /** The configured mount options joined by commas, "defaults" when none. */
    public String mountOptions() {
        return config.mountOptions().isEmpty() ? "defaults" : String.join(",", config.mountOptions());
    }

    /** Things the report should mention: lazy unmounts, teardown problems. */
    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    /** JUnit properties: "mkfs", "mount options", "device kind", "devices". */
    public Map<String, String> reportProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mkfs", mkfsCommandLine());
        p.put("mount options", mountOptions());
        p.put("device kind", deviceKind().id());
        p.put("devices", devices().stream().map(Path::toString).collect(Collectors.joining(" ")));
        return p;
    }

    /** The mkfs command for the configured options and devices. */
    public List<String> mkfsCommand() {
        List<String> argv = new ArrayList<>();
        argv.add(config.fs().mkfsCommand());
        argv.addAll(switch (config.fs()) {
            case EXT4 -> List.of("-F", "-q");
            case XFS, BTRFS -> List.of("-f", "-q");
        });
        argv.addAll(config.mkfsOptions());
        devices().forEach(d -> argv.add(d.toString()));
        return argv;
    }

    /** Formats the devices (mkfs.ext4 -F -q, mkfs.xfs -f -q, mkfs.btrfs -f -q, with the configured options). */
    public synchronized void mkfs() throws IOException {
        requireOpen();
        if (isMounted()) {
            throw new IllegalStateException(config.label() + ": cannot mkfs while mounted on " + mountPoint);
        }
        List<String> argv = mkfsCommand();
        mkfsCommandLine = Processes.toShell(argv);
        Processes.Result r = Processes.run(argv, ws.logger()).ran();
        if (!r.ok()) {
            throw new ProcessFailedException(r, config.label() + ": mkfs failed");
        }
        formatted = true;
    }

    /** The mount command: btrfs over several devices names them all with device= options. */
    public List<String> mountCommand() {
        List<String> opts = new ArrayList<>();
        if (config.fs() == Filesystem.BTRFS && devices().size() > 1) {
            devices().forEach(d -> opts.add("device=" + d));
        }
        opts.addAll(config.mountOptions());
        List<String> argv = new ArrayList<>(List.of("mount", "-t", config.fs().id()));
        if (!opts.isEmpty()) {
            argv.add("-o");
            argv.add(String.join(",", opts));
        }
        argv.add(devices().getFirst().toString());
        argv.add(mountPoint.toString());
        return argv;
    }

    /** Mounts the filesystem on its mount point below the workspace's mount root and returns it. */
    public synchronized Path mount() throws IOException {
        requireOpen();
        if (!formatted) {
            throw new IllegalStateException(config.label() + ": mount before mkfs");
        }
        if (isMounted()) {
            throw new IllegalStateException(config.label() + ": already mounted on " + mountPoint);
        }
        Files.createDirectories(mountPoint);
        List<String> argv = mountCommand();
        mountCommandLine = Processes.toShell(argv);
        ResourceRecord rec = ResourceRecord.create(ResourceRecord.Kind.MOUNT, id, mountPoint, devices().getFirst());
        ws.state().write(rec);
        mountRecord = rec;
        Processes.Result r = Processes.run(argv, ws.logger()).ran();
        if (!r.ok()) {
            if (!isMounted()) {
                ws.state().remove(rec);
                mountRecord = null;
            }
            throw new ProcessFailedException(r, config.label() + ": mount failed (the kernel log says why)");
        }
        return mountPoint;
    }

    /**
     * Unmounts: umount, retried while busy, then {@code umount -l} as a last resort (noted, since the
     * filesystem may then still be alive when fsck runs).
     */
    public synchronized void unmount() throws IOException {
        Mounts.Unmounted how = Mounts.unmount(mountPoint, ws.logger());
        if (how == Mounts.Unmounted.LAZY) {
            note("unmount of " + mountPoint + " stayed busy: detached lazily with umount -l");
        }
        if (mountRecord != null && !isMounted()) {
            ws.state().remove(mountRecord);
            mountRecord = null;
        }
    }

    /** sync, then drop the page cache, dentries and inodes (echo 3 > /proc/sys/vm/drop_caches). */
    public void dropCaches() throws IOException {
        Processes.check(List.of("sync"), ws.logger());
        ws.log("echo 3 > /proc/sys/vm/drop_caches");
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
    }

    /**
     * Runs the read-only checker on the unmounted filesystem; the result keeps its output in full. After a
     * lazy unmount it first waits (up to 10 s) for the kernel to let go of the superblock, and notes it when
     * the check had to run on a filesystem that is still alive.
     */
    public synchronized FsckResult fsck() throws IOException {
        requireOpen();
        if (isMounted()) {
            throw new IllegalStateException(config.label() + ": fsck while mounted on " + mountPoint + "; unmount first");
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (superblockAlive() && System.nanoTime() < deadline) {
            sleep(100);
        }
        if (superblockAlive()) {
            note("fsck ran while the kernel still held the filesystem on " + devices().getFirst()
                    + " (lazily unmounted, still in use): its result may be unreliable");
        }
        return Fsck.check(config.fs(), devices(), ws.logger());
    }

    /**
     * True while the kernel has a live superblock on this test's devices, mounted or not (after a lazy
     * unmount it lives until its last user lets go): /sys/fs/ext4/DEV, /sys/fs/xfs/DEV,
     * /sys/fs/btrfs/FSID/devices/DEV.
     */
    public boolean superblockAlive() {
        List<String> names = devices().stream().map(d -> d.toAbsolutePath().normalize()).map(d -> {
            try {
                return d.toRealPath().getFileName().toString();
            } catch (IOException e) {
                return d.getFileName().toString();
            }
        }).toList();
        Path sysfs = Path.of("/sys/fs", config.fs().id());
        if (config.fs() != Filesystem.BTRFS) {
            return Files.exists(sysfs.resolve(names.getFirst()));
        }
        try (var fsids = Files.list(sysfs)) {
            return fsids.anyMatch(fsid -> names.stream().anyMatch(n -> Files.exists(fsid.resolve("devices").resolve(n))));
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Damages the unmounted filesystem's metadata (positive control of fsck). */
    public synchronized MetadataDamage.Damage damageMetadata() throws IOException {
        requireOpen();
        if (isMounted()) {
            throw new IllegalStateException(config.label() + ": cannot damage metadata while mounted");
        }
        return MetadataDamage.damage(config.fs(), devices(), ws.logger());
    }

    /**
     * Keeps the image files (sparse) at close instead of deleting them, e.g. as evidence: moved into
     * {@code dir}, or left in the workspace's image directory when null. Returns their future paths.
     */
    public List<Path> keepImages(Path dir) {
        return deviceSet.keepImages(dir);
    }

    /** Same as {@link #keepImages(Path)} with a directory. */
    public List<Path> keepImagesIn(Path dir) {
        return keepImages(java.util.Objects.requireNonNull(dir, "dir"));
    }

    private void note(String line) {
        notes.add(line);
        ws.log(line);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(config.label() + ": closed");
        }
    }

    /**
     * Teardown, whatever state the test is in: unmount (lazily if it must), forget btrfs devices, detach
     * the loop devices, delete (or keep) the images, remove the mount point. Every step is attempted; the
     * first failure is thrown at the end with the others suppressed.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        List<Exception> failures = new ArrayList<>();
        try {
            unmount();
        } catch (IOException | RuntimeException e) {
            failures.add(e);
            note("teardown: unmount of " + mountPoint + " failed: " + e.getMessage());
        }
        if (config.fs() == Filesystem.BTRFS) {
            forgetBtrfsDevices();
        }
        try {
            deviceSet.close();
        } catch (IOException | RuntimeException e) {
            failures.add(e);
            note("teardown: releasing devices failed: " + e.getMessage());
        }
        try {
            Files.deleteIfExists(mountPoint);
        } catch (DirectoryNotEmptyException e) {
            note("teardown: mount point " + mountPoint + " is not empty; left in place");
        } catch (IOException e) {
            failures.add(e);
        }
        ws.untrack(this);
        if (!failures.isEmpty()) {
            Exception first = failures.getFirst();
            IOException thrown = first instanceof IOException io ? io
                    : new IOException(config.label() + ": teardown failed: " + first.getMessage(), first);
            failures.stream().skip(1).forEach(thrown::addSuppressed);
            throw thrown;
        }
    }

    /** Drops the kernel's registration of our btrfs devices so that a reused loop device starts afresh. */
    private void forgetBtrfsDevices() {
        for (Path d : devices()) {
            try {
                Processes.Result r = Processes.run(List.of("btrfs", "device", "scan", "--forget", d.toString()), ws.logger()).ran();
                if (!r.ok()) {
                    ws.log("btrfs device scan --forget " + d + ": " + r.output().strip() + " (ignored)");
                }
            } catch (IOException e) {
                ws.log("btrfs device scan --forget " + d + ": " + e.getMessage() + " (ignored)");
            }
        }
    }

    @Override
    public String toString() {
        return "test filesystem " + config.label() + " on " + devices();
    }
}
