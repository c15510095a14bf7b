package org.krepro.runner.verify;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Where the verifier reads data files from: the mounted filesystem ({@link FsDataSource}) or memory
 * (tests, the benchmark). Paths are relative to the source's root.
 */
public interface DataSource {

    /** How a view reads: "disk" is O_DIRECT (bypasses the page cache), "page cache" is a buffered read. */
    enum View {
        DISK("disk (O_DIRECT)"), PAGE_CACHE("page cache (buffered)");

        private final String label;

        View(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Where the files are, for the report: "/tmp/krepro/mnt" or "memory". */
    default String where() {
        return getClass().getSimpleName();
    }

    /** Opens the file for reading through one view; throws {@link java.nio.file.NoSuchFileException} when it does not exist. */
    FileView open(String path, View view) throws IOException;

    /** The file's extents (FIEMAP, synced), sorted by logical offset. */
    List<Extent> extents(String path) throws IOException;

    /** An open file. */
    interface FileView extends AutoCloseable {
        long size() throws IOException;

        /**
         * Reads from {@code offset} until {@code dst} is full or the file ends; returns the number of bytes
         * read. {@code offset} and {@code dst} are aligned to 4096 bytes (and {@code dst} is a native segment)
         * when the view is {@link View#DISK}.
         */
        long read(long offset, MemorySegment dst) throws IOException;

        /**
         * Why this view may not be what its name says, or "": e.g. a file whose filesystem does not do
         * O_DIRECT for it (ext4 data=journal, inline data) is read through the page cache.
         */
        default String caveat() {
            return "";
        }

        @Override
        void close() throws IOException;
    }
}
