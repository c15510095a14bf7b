package org.krepro.runner.kmsg;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the kernel log from /dev/kmsg as records, without blocking.
 *
 * <p>Each read() of /dev/kmsg returns exactly one record (the kernel fails a read with EINVAL when the
 * buffer is smaller than the record, so the buffer here is 16 KiB, above the kernel's 8 KiB limit). The
 * descriptor is opened with O_NONBLOCK: {@link #drain()} returns what is in the ring buffer now and never
 * waits. When records were overwritten before we read them the kernel fails one read with EPIPE and moves
 * our position to the oldest record it still has; the reader records that as a {@link Gap} and goes on.
 *
 * <p>Not thread-safe: one reader per consumer (every open descriptor has its own position).
 */
public final class KmsgReader implements AutoCloseable {
    /** Default device. */
    public static final Path DEV_KMSG = Path.of("/dev/kmsg");
    private static final int BUFFER_SIZE = 16 * 1024;

    /**
     * Records lost between two reads: the ring buffer wrapped before they were read.
     *
     * @param afterSequence the last sequence number read before the gap (-1 when none was read yet)
     * @param nextSequence  the sequence number of the first record read after it
     */
    public record Gap(long afterSequence, long nextSequence) {
        /** Number of records lost (at least 1 when known; 0 when the kernel reported EPIPE without a jump). */
        public long lost() {
            return afterSequence < 0 ? 0 : Math.max(0, nextSequence - afterSequence - 1);
        }
    }

    private final Path path;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(BUFFER_SIZE);
    private final List<Gap> gaps = new ArrayList<>();
    private int fd;
    private long lastSequence = -1;
    private boolean pendingEpipe;

    private KmsgReader(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens /dev/kmsg positioned at the oldest record still in the ring buffer. */
    public static KmsgReader open() throws IOException {
        return open(DEV_KMSG);
    }

    /** Opens a kmsg device at {@code path} (a test may pass a character device of its own). */
    public static KmsgReader open(Path path) throws IOException {
        LibcKmsg.Result r = LibcKmsg.open(path.toString(), LibcKmsg.O_RDONLY | LibcKmsg.O_NONBLOCK | LibcKmsg.O_CLOEXEC);
        if (r.failed()) {
            throw LibcKmsg.errnoException("open " + path, r.errno());
        }
        return new KmsgReader(path, (int) r.value());
    }

    /** Positions the reader after the newest record: only records logged from now on will be read. */
    public KmsgReader seekToEnd() throws IOException {
        seek(LibcKmsg.SEEK_END);
        return this;
    }

    /** Positions the reader at the oldest record still in the ring buffer. */
    public KmsgReader seekToStart() throws IOException {
        seek(LibcKmsg.SEEK_SET);
        return this;
    }

    private void seek(int whence) throws IOException {
        ensureOpen();
        LibcKmsg.Result r = LibcKmsg.lseek(fd, 0, whence);
        if (r.failed()) {
            throw LibcKmsg.errnoException("lseek " + path, r.errno());
        }
        lastSequence = -1;
        pendingEpipe = false;
    }

    /**
     * Reads the next record if one is there now.
     *
     * @return the record, or empty when the reader has caught up with the kernel
     */
    public Optional<KmsgRecord> next() throws IOException {
        ensureOpen();
        while (true) {
            LibcKmsg.Result r = LibcKmsg.read(fd, buffer);
            if (r.failed()) {
                switch (r.errno()) {
                    case LibcKmsg.EAGAIN:
                        return Optional.empty();
                    case LibcKmsg.EINTR:
                        continue;
                    case LibcKmsg.EPIPE:
                        // Overwritten records; the kernel already moved us to the oldest one left.
                        pendingEpipe = true;
                        continue;
                    default:
                        throw LibcKmsg.errnoException("read " + path, r.errno());
                }
            }
            if (r.value() == 0) {
                return Optional.empty();
            }
            byte[] bytes = buffer.asSlice(0, r.value()).toArray(ValueLayout.JAVA_BYTE);
            KmsgRecord rec = KmsgRecord.parse(new String(bytes, StandardCharsets.UTF_8));
            track(rec.sequence());
            return Optional.of(rec);
        }
    }

    /**
     * Notes a record's sequence number: a jump over the previous one, or a preceding EPIPE, is a gap (records
     * overwritten in the ring buffer before we read them).
     */
    void track(long sequence) {
        if (pendingEpipe || (lastSequence >= 0 && sequence > lastSequence + 1)) {
            gaps.add(new Gap(lastSequence, sequence));
        }
        pendingEpipe = false;
        lastSequence = sequence;
    }

    /** Notes that the kernel reported EPIPE (for tests: the real path sets it from read()). */
    void noteOverwritten() {
        pendingEpipe = true;
    }

    /** Reads every record available now, without blocking. */
    public List<KmsgRecord> drain() throws IOException {
        List<KmsgRecord> out = new ArrayList<>();
        for (Optional<KmsgRecord> r = next(); r.isPresent(); r = next()) {
            out.add(r.get());
        }
        return out;
    }

    /** The gaps (lost records) seen so far, oldest first. */
    public List<Gap> gaps() {
        return List.copyOf(gaps);
    }

    /** Sequence number of the last record returned, or -1. */
    public long lastSequence() {
        return lastSequence;
    }

    private void ensureOpen() throws IOException {
        if (fd < 0) {
            throw new IOException("kmsg reader is closed");
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            LibcKmsg.close(fd);
            fd = -1;
            arena.close();
        }
    }
}
