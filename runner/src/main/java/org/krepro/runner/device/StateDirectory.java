package org.krepro.runner.device;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The records of every resource a workspace's processes created (one small file per resource), and the
 * lock that serializes cleaning them up.
 */
public final class StateDirectory {
    /** In-process locks per state directory: a file lock is held per JVM, not per thread. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;

    public StateDirectory(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        Files.createDirectories(this.dir);
    }

    public Path path() {
        return dir;
    }

    /** Writes (or replaces) a record atomically. */
    public void write(ResourceRecord r) throws IOException {
        Path tmp = dir.resolve("." + r.fileName() + ".tmp");
        Files.writeString(tmp, r.serialize(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
        try {
            Files.move(tmp, dir.resolve(r.fileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(r.fileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes a record once its resource is gone. */
    public void remove(ResourceRecord r) throws IOException {
        Files.deleteIfExists(dir.resolve(r.fileName()));
    }

    /** All records; malformed ones are reported to {@code bad} and skipped. */
    public List<ResourceRecord> list(java.util.function.Consumer<String> bad) throws IOException {
        List<ResourceRecord> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.rec")) {
            for (Path p : ds) {
                try {
                    out.add(ResourceRecord.parse(Files.readString(p)));
                } catch (NoSuchFileException e) {
                    // removed concurrently by its owner
                } catch (IOException e) {
                    bad.accept("ignoring unreadable state record " + p + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    /** Takes the exclusive lock of this state directory (blocks while another process holds it). */
    public AutoCloseable lock() throws IOException {
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        jvm.lock();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fl = ch.lock();
            FileChannel channel = ch;
            return () -> {
                try {
                    fl.release();
                    channel.close();
                } finally {
                    jvm.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            jvm.unlock();
            throw e;
        }
    }
}
