package org.krepro.runner.verify;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.krepro.sys.Abi;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.FileStat;
import org.krepro.sys.NativeFile;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.stat_h;

/**
 * The data files of a mounted filesystem, through krepro's native bindings: the disk view is opened
 * with {@code O_DIRECT}, the page-cache view without; extents come from {@code FS_IOC_FIEMAP}.
 */
public final class FsDataSource implements DataSource {
    private final Path root;

    public FsDataSource(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    @Override
    public String where() {
        return root.toString();
    }

    @Override
    public FileView open(String path, View view) throws IOException {
        Path p = root.resolve(path);
        int flags = fcntl_h.O_RDONLY() | (view == View.DISK ? Abi.O_DIRECT() : 0);
        NativeFile f;
        try {
            f = NativeFile.open(p, flags);
        } catch (ErrnoException e) {
            if (e.is(errno_h.ENOENT())) {
                throw new NoSuchFileException(p.toString());
            }
            throw new IOException(e.getMessage(), e);
        }
        String caveat = "";
        if (view == View.DISK) {
            try {
                FileStat st = f.statx();
                if ((st.mask() & stat_h.STATX_DIOALIGN()) != 0 && st.dioOffsetAlign() == 0) {
                    caveat = path + ": the filesystem does not do O_DIRECT for this file (statx: no direct I/O alignment);"
                            + " its disk view came through the page cache";
                }
            } catch (ErrnoException e) {
                caveat = path + ": statx failed: " + e.getMessage();
            }
        }
        String note = caveat;
        return new FileView() {
            @Override
            public String caveat() {
                return note;
            }

            @Override
            public long size() throws IOException {
                try {
                    return f.statx().size();
                } catch (ErrnoException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public long read(long offset, MemorySegment dst) throws IOException {
                try {
                    return f.readFully(dst, offset);
                } catch (ErrnoException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    f.close();
                } catch (ErrnoException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }

    @Override
    public List<Extent> extents(String path) throws IOException {
        Path p = root.resolve(path);
        try (NativeFile f = NativeFile.open(p, fcntl_h.O_RDONLY())) {
            List<Extent> out = new ArrayList<>();
            for (org.krepro.sys.Extent e : f.fiemap()) {
                out.add(new Extent(e.logical(), e.physical(), e.length(), e.flags()));
            }
            return out;
        } catch (ErrnoException e) {
            if (e.is(errno_h.ENOENT())) {
                throw new NoSuchFileException(p.toString());
            }
            throw new IOException(e.getMessage(), e);
        }
    }
}
