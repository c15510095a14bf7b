package org.krepro.runner.verify;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.krepro.sys.Abi;
import org.krepro.sys.AlignedBuffers;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.NativeFile;
import org.krepro.sys.ffi.fcntl_h;

/**
 * Writes self-describing blocks of one data file with pwrite and records each completed write in the
 * {@link ExpectedState}. Reproducers that write through other paths (io_uring, mmap, splice) fill their
 * own buffers with {@link BlockFormat#fill} and record with {@link ExpectedFile}. One writer per thread.
 */
public final class BlockWriter implements AutoCloseable {
    private final ExpectedState state;
    private final ExpectedFile file;
    private final NativeFile fd;
    private final Arena arena = Arena.ofConfined();
    private MemorySegment buffer;

    private BlockWriter(ExpectedState state, ExpectedFile file, NativeFile fd) {
        this.state = state;
        this.file = file;
        this.fd = fd;
    }

    /** Opens (creating) data file {@code fileId} at its conventional name under {@code root}, buffered or O_DIRECT. */
    public static BlockWriter open(ExpectedState state, Path root, long fileId, boolean direct) throws IOException {
        return open(state, root, state.file(fileId), direct);
    }

    /** Opens (creating) a registered data file under {@code root}. */
    public static BlockWriter open(ExpectedState state, Path root, ExpectedFile file, boolean direct) throws IOException {
        int flags = fcntl_h.O_RDWR() | fcntl_h.O_CREAT() | (direct ? Abi.O_DIRECT() : 0);
        try {
            return new BlockWriter(state, file, NativeFile.open(root.resolve(file.path()), flags));
        } catch (ErrnoException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public ExpectedFile file() {
        return file;
    }

    /** The open descriptor, for the workload's own calls (fsync, fallocate...). */
    public NativeFile nativeFile() {
        return fd;
    }

    /** Writes blocks [first, first+count) at {@code generation} and records them as written once pwrite returned. */
    public void write(long first, int count, long generation) throws IOException {
        int bs = state.format().blockSize();
        long len = (long) count * bs;
        if (buffer == null || buffer.byteSize() < len) {
            buffer = AlignedBuffers.allocate(arena, Math.max(len, 1 << 16));
        }
        MemorySegment b = buffer.asSlice(0, len);
        state.format().fill(b, file.id(), first, count, generation);
        file.inFlight(first, count, generation);
        try {
            fd.writeFully(b, first * bs);
        } catch (ErrnoException e) {
            throw new IOException(e.getMessage(), e);
        }
        file.completed(first, count, generation);
    }

    /** Writes blocks [first, first+count) at the next generation of each range (one more than the highest recorded). */
    public long writeNext(long first, int count) throws IOException {
        long g = 0;
        for (long i = first; i < first + count; i++) {
            g = Math.max(g, file.hi(i));
        }
        write(first, count, g + 1);
        return g + 1;
    }

    public void fsync() throws IOException {
        try {
            fd.fsync();
        } catch (ErrnoException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fd.close();
        } catch (ErrnoException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            arena.close();
        }
    }
}
