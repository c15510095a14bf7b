package org.krepro.runner.device;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.krepro.runner.EnvironmentException;

/**
 * One run at a time reads a kernel's log: the log is shared, so another run's WARNING would land in this
 * run's per-test window and fail the wrong test. A POSIX lock on a file in /run/lock (released by the kernel
 * when its holder dies, even by SIGKILL) whose content names the holder, for the refusal to quote.
 */
public final class HostLock implements AutoCloseable {
    /** The lock of the running kernel's log; {@code krepro.host.lock} moves it (tests). */
    public static Path defaultPath() {
        return Path.of(System.getProperty("krepro.host.lock", "/run/lock/krepro-kernel-log.lock"));
    }

    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock at {@code path}, waiting up to {@code wait} (zero: not at all) while another process
     * holds it; {@code what} describes this run for the next one's message.
     *
     * @throws EnvironmentException when it is still held after the wait (exit 3, naming the holder)
     */
    public static HostLock acquire(Path path, Duration wait, String what, Consumer<String> say) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        try {
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // this JVM holds it already: another run in the same process waits like any other
                }
                if (l != null) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", since "
                            + LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS) + ", " + what + "\n")
                            .getBytes(StandardCharsets.UTF_8)), 0);
                    ch.force(false);
                    return new HostLock(ch, l);
                }
                String holder = holder(path);
                if (System.nanoTime() >= deadline) {
                    throw new EnvironmentException("another krepro run holds the kernel-log lock " + path + " (" + holder
                            + "): two runs on one kernel would see each other's kernel messages; wait for it,"
                            + " pass --lock-wait 30m to queue, or --no-host-lock to run anyway");
                }
                if (!told) {
                    say.accept("waiting for the kernel-log lock " + path + ", held by " + holder);
                    told = true;
                }
                Thread.sleep(200);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        } catch (InterruptedException e) {
            ch.close();
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while waiting for the kernel-log lock " + path);
        }
    }

    /** What the holder wrote about itself. */
    static String holder(Path path) {
        try {
            String s = Files.readString(path).strip();
            return s.isEmpty() ? "a process that has not written its pid yet" : s;
        } catch (IOException e) {
            return "unknown holder";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
