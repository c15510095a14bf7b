package org.krepro.reproducers;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.krepro.runner.engine.RunningTest;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.io.Processes;
import org.krepro.runner.spi.FsConfig;
import org.krepro.runner.spi.TestContext;

/**
 * A loop device this test creates on a sparse image in a temporary directory, detached (only that
 * device) by {@link #close()}; and a minimal {@link TestContext} over it for set-up hooks that work on
 * the unmounted device. Needs root. Never mounts anything.
 */
final class LoopDevice implements AutoCloseable {
    final Path dir;
    final Path image;
    final Path device;

    private LoopDevice(Path dir, Path image, Path device) {
        this.dir = dir;
        this.image = image;
        this.device = device;
    }

    static boolean usable() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/losetup"))
                || Files.isExecutable(Path.of("/sbin/losetup")) && "root".equals(System.getProperty("user.name"));
    }

    static LoopDevice create(long bytes) throws IOException {
        Path dir = Files.createTempDirectory("krepro-rb-test-");
        Path image = dir.resolve("image");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(bytes);
        }
        Result r = run(List.of("losetup", "--find", "--show", image.toString()));
        String dev = r.out.strip();
        if (r.exit != 0 || !dev.startsWith("/dev/loop")) {
            throw new IOException("losetup failed: " + r.out);
        }
        return new LoopDevice(dir, image, Path.of(dev));
    }

    record Result(int exit, String out) {
    }

    static Result run(List<String> command) throws IOException {
        Processes.Result r = Processes.runMerged(command, null, 120).ran();
        return new Result(r.exitCode(), r.output());
    }

    /** A context for hooks on the unmounted device: exec (with /usr/sbin on the PATH), scratch dir, telemetry, notes. */
    TestContext context(FsConfig config, long seed) throws IOException {
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        RunningTest ctx = new RunningTest(config, seed, scratch, java.time.Duration.ofSeconds(1), Long.MAX_VALUE) {
            @Override
            public String exec(List<String> command) throws Exception {
                Result r = run(command);
                if (r.exit != 0) {
                    throw new IOException(String.join(" ", command) + " exited " + r.exit + ":\n" + r.out);
                }
                return r.out;
            }
        };
        ctx.devices(List.of(device));
        return ctx;
    }

    @Override
    public void close() throws IOException {
        run(List.of("losetup", "-d", device.toString()));
        FileTrees.deleteAllItCan(dir);
    }
}
