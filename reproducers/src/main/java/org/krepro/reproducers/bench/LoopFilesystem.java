package org.krepro.reproducers.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.krepro.runner.spi.FsConfig;

/**
 * One {@link FsConfig} made real on the host for the reproducers' benchmark: a sparse image in a fresh
 * temporary directory, a loop device attached by it, mkfs with the config's options, mounted with its
 * options. {@link #close()} unmounts and detaches exactly what it attached. Root only. (The runner's
 * lifecycle does the same with state tracking; this is the small version a benchmark needs.)
 */
public final class LoopFilesystem implements AutoCloseable {
    private final FsConfig config;
    private final Path dir;
    private final Path image;
    private final Path mnt;
    private String device;
    private boolean mounted;

    private LoopFilesystem(FsConfig config, Path dir) {
        this.config = config;
        this.dir = dir;
        this.image = dir.resolve("image");
        this.mnt = dir.resolve("mnt");
    }

    public static LoopFilesystem create(FsConfig config) throws IOException {
        Path dir = Files.createTempDirectory("krepro-ra-");
        LoopFilesystem fs = new LoopFilesystem(config, dir);
        try {
            try (RandomAccessFile f = new RandomAccessFile(fs.image.toFile(), "rw")) {
                f.setLength(config.deviceBytes());
            }
            fs.device = run(List.of("losetup", "--find", "--show", fs.image.toString())).strip();
            if (!fs.device.startsWith("/dev/loop")) {
                throw new IOException("losetup printed no loop device: " + fs.device);
            }
            List<String> mkfs = new ArrayList<>();
            mkfs.add(config.fs().mkfsCommand());
            mkfs.add(switch (config.fs()) {
                case EXT4 -> "-qF";
                case XFS, BTRFS -> "-f";
            });
            mkfs.addAll(config.mkfsOptions());
            mkfs.add(fs.device);
            run(mkfs);
            Files.createDirectory(fs.mnt);
            fs.mount();
            return fs;
        } catch (IOException | RuntimeException e) {
            try {
                fs.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void mount() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("mount"));
        if (!config.mountOptions().isEmpty()) {
            cmd.add("-o");
            cmd.add(String.join(",", config.mountOptions()));
        }
        cmd.add(device);
        cmd.add(mnt.toString());
        run(cmd);
        mounted = true;
    }

    /** Unmount, drop caches, mount again (what the runner does before verify). */
    public void remount() throws IOException {
        run(List.of("umount", mnt.toString()));
        mounted = false;
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
        mount();
    }

    /** Unmounts and runs the filesystem's read-only check; returns its output, throws when it finds damage. */
    public String unmountAndCheck() throws IOException {
        if (mounted) {
            run(List.of("umount", mnt.toString()));
            mounted = false;
        }
        return run(switch (config.fs()) {
            case EXT4 -> List.of("e2fsck", "-fn", device);
            case XFS -> List.of("xfs_repair", "-n", device);
            case BTRFS -> List.of("btrfs", "check", "--readonly", device);
        });
    }

    public Path mountPoint() {
        return mnt;
    }

    public Path device() {
        return Path.of(device);
    }

    /** A scratch directory beside the image (not on the test filesystem). */
    public Path scratch() throws IOException {
        Path s = dir.resolve("scratch");
        Files.createDirectories(s);
        return s;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        if (mounted) {
            try {
                run(List.of("umount", mnt.toString()));
                mounted = false;
            } catch (IOException e) {
                try {
                    run(List.of("umount", "-l", mnt.toString()));
                    mounted = false;
                } catch (IOException e2) {
                    failure = e;
                }
            }
        }
        if (device != null && !mounted) {
            try {
                run(List.of("losetup", "-d", device));
                device = null;
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (!mounted && device == null) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    static String run(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().merge("PATH", ":/usr/sbin:/sbin", String::concat);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text.strip());
        }
        return text;
    }
}
