package org.krepro.runner.verify;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Files held in memory, for tests and the benchmark: each file has a disk view and, when given, a
 * different page-cache view (to model the two disagreeing); extents may be declared.
 */
public final class MemoryDataSource implements DataSource {
    private final Map<String, MemorySegment> disk = new HashMap<>();
    private final Map<String, MemorySegment> cache = new HashMap<>();
    private final Map<String, List<Extent>> extents = new HashMap<>();

    /** The file's content, seen the same through both views. */
    public MemoryDataSource put(String path, MemorySegment content) {
        disk.put(path, content);
        cache.remove(path);
        return this;
    }

    /** The file as the page cache shows it, when it differs from the disk. */
    public MemoryDataSource putCacheView(String path, MemorySegment content) {
        cache.put(path, content);
        return this;
    }

    public MemoryDataSource putExtents(String path, List<Extent> list) {
        extents.put(path, List.copyOf(list));
        return this;
    }

    @Override
    public FileView open(String path, View view) throws IOException {
        MemorySegment seg = view == View.PAGE_CACHE && cache.containsKey(path) ? cache.get(path) : disk.get(path);
        if (seg == null) {
            throw new NoSuchFileException(path);
        }
        return new FileView() {
            @Override
            public long size() {
                return seg.byteSize();
            }

            @Override
            public long read(long offset, MemorySegment dst) {
                long n = Math.max(0, Math.min(dst.byteSize(), seg.byteSize() - offset));
                if (n > 0) {
                    MemorySegment.copy(seg, offset, dst, 0, n);
                }
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public List<Extent> extents(String path) throws IOException {
        if (!disk.containsKey(path)) {
            throw new NoSuchFileException(path);
        }
        return extents.getOrDefault(path, List.of());
    }
}
