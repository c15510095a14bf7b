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
    private final Map<String, List<long[]>> failing = new HashMap<>();
    private final Map<String, String> openFailures = new HashMap<>();

    @Override
    public String where() {
        return "memory";
    }

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

    /** Reads through {@code view} that touch [offset, offset+length) of the file fail with an I/O error (EIO). */
    public MemoryDataSource failReads(String path, View view, long offset, long length) {
        failing.computeIfAbsent(view + ":" + path, k -> new java.util.ArrayList<>()).add(new long[] {offset, offset + length});
        return this;
    }

    /** Opening the file fails with this I/O error message. */
    public MemoryDataSource failOpen(String path, String message) {
        openFailures.put(path, message);
        return this;
    }

    @Override
    public FileView open(String path, View view) throws IOException {
        if (openFailures.containsKey(path)) {
            throw new IOException(openFailures.get(path));
        }
        List<long[]> bad = failing.getOrDefault(view + ":" + path, List.of());
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
            public long read(long offset, MemorySegment dst) throws IOException {
                long n = Math.max(0, Math.min(dst.byteSize(), seg.byteSize() - offset));
                for (long[] r : bad) {
                    if (offset < r[1] && offset + n > r[0]) {
                        throw new IOException("pread(" + path + ", count=" + dst.byteSize() + ", offset=" + offset
                                + "): EIO (Input/output error)");
                    }
                }
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
