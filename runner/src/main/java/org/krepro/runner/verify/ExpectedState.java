package org.krepro.runner.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The verifier's expectation: the block format (block size, seed) and, per data file, which
 * generation each block must be at. Reproducers record every write here as they make it; the
 * verifier reads it after the remount. Thread-safe.
 */
public final class ExpectedState {
    private final BlockFormat format;
    private final ConcurrentSkipListMap<Long, ExpectedFile> files = new ConcurrentSkipListMap<>();

    public ExpectedState(BlockFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    public BlockFormat format() {
        return format;
    }

    /** The file with this id, registered at {@code path} (relative to the mount point) on first use. */
    public ExpectedFile file(long fileId, String path) {
        ExpectedFile f = files.computeIfAbsent(fileId, id -> new ExpectedFile(id, path));
        if (!f.path().equals(path)) {
            throw new IllegalArgumentException("file id " + fileId + " is already " + f.path() + ", not " + path);
        }
        return f;
    }

    /** The file with this id at the conventional path {@link #defaultName}. */
    public ExpectedFile file(long fileId) {
        return file(fileId, defaultName(fileId));
    }

    /** "f0003": the conventional name of data file 3. */
    public static String defaultName(long fileId) {
        return String.format("f%04d", fileId);
    }

    /** Forgets a file (it was deleted on purpose). */
    public void remove(long fileId) {
        files.remove(fileId);
    }

    public List<ExpectedFile> files() {
        return new ArrayList<>(files.values());
    }
}
