package org.krepro.runner.verify;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The data files of a mounted filesystem, read with O_DIRECT (disk) and buffered (page cache). */
public final class FsDataSource implements DataSource {
    private final Path root;

    public FsDataSource(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    @Override
    public FileView open(String path, View view) throws IOException {
        Path p = root.resolve(path);
        FileChannel ch = view == View.DISK
                ? FileChannel.open(p, StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT)
                : FileChannel.open(p, StandardOpenOption.READ);
        return new FileView() {
            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public long read(long offset, MemorySegment dst) throws IOException {
                java.nio.ByteBuffer bb = dst.asByteBuffer();
                long done = 0;
                while (bb.hasRemaining()) {
                    int n = ch.read(bb, offset + done);
                    if (n <= 0) {
                        break;
                    }
                    done += n;
                }
                return done;
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    @Override
    public List<Extent> extents(String path) throws IOException {
        throw new IOException("FIEMAP not wired yet");
    }
}
