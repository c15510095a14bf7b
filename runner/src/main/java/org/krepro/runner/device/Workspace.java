package org.krepro.runner.device;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.io.Processes;

/**
 * A krepro work directory: {@code images/} (sparse image files), {@code mnt/} (krepro's mount root) and
 * {@code state/} (a record of every image, loop device and mount krepro's processes created there).
 *
 * <p>{@link #open} refuses to start when not root or without loop devices, then cleans what a killed run
 * left in this same work directory: resources whose records name an owner process that no longer exists
 * (pid and start time). Resources of live processes, of other work directories, and anything not recorded
 * are never touched. Resources created through an open workspace are released by their owners' close, and
 * by a JVM shutdown hook on SIGTERM/SIGINT.
 */
public final class Workspace implements AutoCloseable {
    /** The CLI's default work directory. */
    public static final Path DEFAULT_ROOT = Path.of("/var/tmp/krepro");

    private static final AtomicLong IDS = new AtomicLong();

    private final Path root;
    private final Path images;
    private final Path mountRoot;
    private final StateDirectory state;
    private final Consumer<String> log;
    private final List<String> cleanupActions;
    private final Deque<AutoCloseable> live = new ArrayDeque<>();
    private final Thread shutdownHook;
    private GivenDeviceSource given;
    private volatile boolean closed;

    /**
     * How to open a workspace.
     *
     * @param effectiveUid    returns the effective uid (injectable for tests of the refusal)
     * @param needLoopDevices check /dev/loop-control (false when only given devices are used)
     * @param log             where commands and actions are logged
     */
    public record Options(LongSupplier effectiveUid, boolean needLoopDevices, Consumer<String> log) {
        public static Options defaults() {
            return new Options(Workspace::effectiveUid, true, line -> System.err.println("krepro: " + line));
        }

        public Options withLog(Consumer<String> l) {
            return new Options(effectiveUid, needLoopDevices, l);
        }

        public Options withEffectiveUid(LongSupplier uid) {
            return new Options(uid, needLoopDevices, log);
        }

        public Options withLoopDevices(boolean need) {
            return new Options(effectiveUid, need, log);
        }
    }

    private Workspace(Path root, Options options) throws IOException {
        this.root = LoopDevices.canonical(root);
        this.log = options.log();
        Files.createDirectories(this.root);
        this.images = Files.createDirectories(this.root.resolve("images")).toRealPath();
        this.mountRoot = Files.createDirectories(this.root.resolve("mnt")).toRealPath();
        this.state = new StateDirectory(this.root.resolve("state"));
        this.cleanupActions = Collections.unmodifiableList(cleanLeftovers());
        this.shutdownHook = Thread.ofPlatform().name("krepro-teardown " + this.root).unstarted(this::releaseAll);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Opens {@code root} with the default options (stderr log, real uid check). */
    public static Workspace open(Path root) throws IOException {
        return open(root, Options.defaults());
    }

    /**
     * Opens {@code root} for a run on {@code givenDevices} (e.g. a guest's NVMe disks), or on loop devices
     * when the list is empty: loop support is only required in the second case.
     */
    public static Workspace open(Path root, List<Path> givenDevices) throws IOException {
        return open(root, Options.defaults().withLoopDevices(givenDevices.isEmpty()));
    }

    /**
     * Checks the environment, creates the directories and cleans the leftovers of dead owners.
     *
     * @throws EnvironmentException when not root or without loop device support (exit code 3)
     */
    public static Workspace open(Path root, Options options) throws IOException {
        long uid = options.effectiveUid().getAsLong();
        if (uid != 0) {
            throw new EnvironmentException("krepro must run as root (effective uid is " + uid
                    + "): it attaches loop devices, runs mkfs and mounts filesystems; run it with sudo");
        }
        if (options.needLoopDevices()) {
            requireLoopSupport(options.log());
        }
        return new Workspace(root, options);
    }

    private static void requireLoopSupport(Consumer<String> log) throws IOException {
        Path ctl = Path.of("/dev/loop-control");
        if (Files.exists(ctl)) {
            return;
        }
        Processes.Result r = Processes.run(List.of("modprobe", "loop"), log).ran();
        if (!Files.exists(ctl)) {
            throw new EnvironmentException("no loop device support: /dev/loop-control does not exist and"
                    + " 'modprobe loop' did not create it (exit " + r.exitCode() + ": " + r.output().strip()
                    + "); load the loop module or use a kernel with CONFIG_BLK_DEV_LOOP");
        }
    }

    /** The effective uid of this process, from /proc/self/status. */
    public static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new EnvironmentException("cannot read the effective uid from /proc/self/status: " + e, e);
        }
        throw new EnvironmentException("no Uid: line in /proc/self/status");
    }

    public Path root() {
        return root;
    }

    /** Where sparse image files live. */
    public Path imageDir() {
        return images;
    }

    /** krepro's mount root: every mount point krepro creates is directly below it. */
    public Path mountRoot() {
        return mountRoot;
    }

    public StateDirectory state() {
        return state;
    }

    /** Logs a command or action. */
    public void log(String line) {
        log.accept(line);
    }

    public Consumer<String> logger() {
        return log;
    }

    /** What {@link #open} cleaned up (one line per action; empty when nothing was left). */
    public List<String> cleanupActions() {
        return cleanupActions;
    }

    /** Loop devices over sparse images in this workspace. */
    public DeviceSource loopDevices() {
        return new LoopDeviceSource(this);
    }

    /**
     * The given block devices as a source (a test takes the first {@code config.devices()} of them); the same
     * list must be passed for every test of a run, so that the source checked once is reused.
     */
    public synchronized DeviceSource givenDevices(List<Path> devices) throws IOException {
        if (given == null || !given.devices().equals(devices.stream().map(LoopDevices::canonical).toList())) {
            given = new GivenDeviceSource(this, devices);
        }
        return given;
    }

    /**
     * A fresh id for a test's resources: the test name made file-name safe, this pid, a counter and a random
     * suffix (so that a recycled pid does not reproduce the names of a dead run's leftovers).
     */
    public String newId(String testName) {
        String safe = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        if (safe.length() > 48) {
            safe = safe.substring(0, 48);
        }
        return (safe.isEmpty() ? "test" : safe) + "-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet()
                + "-" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    /** Registers something the shutdown hook (and {@link #close}) must release; released in reverse order. */
    public synchronized void track(AutoCloseable resource) {
        if (closed) {
            throw new IllegalStateException("workspace " + root + " is closed");
        }
        live.push(resource);
    }

    public synchronized void untrack(AutoCloseable resource) {
        live.remove(resource);
    }

    /** True when {@code p} lies inside this workspace's image directory. */
    public boolean ownsImage(Path p) {
        Path c = LoopDevices.canonical(p);
        return c.startsWith(images) && !c.equals(images);
    }

    /** True when {@code p} is a mount point below this workspace's mount root. */
    public boolean ownsMountPoint(Path p) {
        Path c = LoopDevices.canonical(p);
        return c.startsWith(mountRoot) && !c.equals(mountRoot);
    }

    private void releaseAll() {
        List<AutoCloseable> todo;
        synchronized (this) {
            todo = new ArrayList<>(live);
            live.clear();
        }
        for (AutoCloseable c : todo) {
            try {
                c.close();
            } catch (Exception e) {
                log.accept("teardown of " + c + " failed: " + e.getMessage());
            }
        }
    }

    /** Releases everything still tracked (tests that were not closed) and removes the shutdown hook. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        releaseAll();
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) anyway
        }
    }

    /**
     * Removes the resources recorded in this workspace whose owner process is dead: unmounts their mounts
     * (lazily if busy), detaches loop devices still bound to their images, deletes the images. Runs under
     * the state directory's lock.
     *
     * @return the actions taken, also logged
     */
    public List<String> cleanLeftovers() throws IOException {
        List<String> actions = new ArrayList<>();
        Consumer<String> act = line -> {
            actions.add(line);
            log.accept(line);
        };
        try (AutoCloseable lock = state.lock()) {
            List<ResourceRecord> all = state.list(log);
            // A path a live process has a record for is never touched, even if a dead record names it too.
            java.util.Set<Path> livePaths = new java.util.HashSet<>();
            all.stream().filter(r -> r.owner().isAlive()).forEach(r -> livePaths.add(LoopDevices.canonical(r.path())));
            List<ResourceRecord> dead = new ArrayList<>(all.stream().filter(r -> !r.owner().isAlive()).toList());
            dead.sort(Comparator.comparing(ResourceRecord::kind)
                    .reversed()); // MOUNT, then LOOP, then IMAGE
            for (ResourceRecord r : dead) {
                try {
                    if (livePaths.contains(LoopDevices.canonical(r.path()))) {
                        act.accept("dropping record " + r.fileName() + " of dead " + r.owner() + ": " + r.path()
                                + " belongs to a live process now");
                    } else {
                        cleanOne(r, act);
                    }
                    state.remove(r);
                } catch (IOException | RuntimeException e) {
                    act.accept("FAILED to clean " + r.kind().name().toLowerCase(Locale.ROOT) + " " + r.path()
                            + " (record " + r.fileName() + " kept): " + e.getMessage());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        return actions;
    }

    private void cleanOne(ResourceRecord r, Consumer<String> act) throws IOException {
        String who = "left by dead " + r.owner();
        switch (r.kind()) {
            case MOUNT -> {
                if (!ownsMountPoint(r.path())) {
                    act.accept("ignoring mount record " + r.fileName() + ": " + r.path()
                            + " is not below " + mountRoot);
                } else {
                    Mounts.Unmounted how = Mounts.unmount(r.path(), log);
                    if (how != Mounts.Unmounted.NOT_MOUNTED) {
                        act.accept("unmounted " + r.path() + (how == Mounts.Unmounted.LAZY ? " (lazily)" : "")
                                + ", " + who);
                    }
                    removeMountDir(r.path(), act);
                }
            }
            case LOOP -> {
                if (!ownsImage(r.path())) {
                    act.accept("ignoring loop record " + r.fileName() + ": " + r.path()
                            + " is not an image of " + images);
                } else {
                    for (Path dev : LoopDevices.boundTo(r.path())) {
                        if (LoopDevices.detach(dev, r.path(), log)) {
                            act.accept("detached " + dev + " (backing file " + r.path() + "), " + who);
                        }
                    }
                }
            }
            case IMAGE -> {
                if (!ownsImage(r.path())) {
                    act.accept("ignoring image record " + r.fileName() + ": " + r.path()
                            + " is not in " + images);
                } else if (Files.deleteIfExists(r.path())) {
                    act.accept("deleted image " + r.path() + ", " + who);
                }
            }
        }
    }

    private void removeMountDir(Path dir, Consumer<String> act) {
        try {
            if (Files.deleteIfExists(dir)) {
                act.accept("removed mount point " + dir);
            }
        } catch (DirectoryNotEmptyException e) {
            act.accept("left non-empty mount point directory " + dir);
        } catch (IOException e) {
            act.accept("cannot remove mount point " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "workspace " + root;
    }
}
