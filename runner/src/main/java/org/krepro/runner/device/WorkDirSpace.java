package org.krepro.runner.device;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.krepro.runner.EnvironmentException;

/**
 * The free space of the work directory's filesystem. Images are sparse, so a run starts on a nearly full
 * disk and fails later, when the loop device's writes to its backing file meet ENOSPC: the filesystem in
 * the image then looks corrupt (fsck: "Bad magic number in super-block") and the host's full disk would be
 * reported as a kernel bug. So: enough room for the largest test's images before the run
 * ({@link #requireRoom}), and a {@link Watch} during it that turns a test into ERROR when the disk filled.
 */
public final class WorkDirSpace {
    /** Below this the backing files' writes may fail; kept small so that a tight but sufficient disk passes. */
    public static final long LOW_BYTES = 1L << 20;

    private WorkDirSpace() {
    }

    /** Bytes root may still allocate on {@code dir}'s filesystem (f_bfree: root may use the reserve). */
    public static long free(Path dir) throws IOException {
        return Files.getFileStore(dir).getUnallocatedSpace();
    }

    /**
     * Refuses (exit 3) when {@code dir}'s filesystem has less than {@code needed} bytes free: sparse images
     * may grow to their full size, and {@code largest} names the test that needs them.
     */
    public static void requireRoom(Path dir, long needed, String largest) throws IOException {
        long free = free(dir);
        if (free < needed) {
            FileStore fs = Files.getFileStore(dir);
            throw new EnvironmentException("the work dir " + dir + " has " + mib(free) + " free (" + fs.type() + " "
                    + fs.name() + "), but " + largest + " needs up to " + mib(needed)
                    + " for its images: free some space or pass --work-dir on a bigger filesystem");
        }
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Samples the free space every 100 ms and remembers whether it ran low since the last {@link #ranOut}. */
    public static final class Watch implements AutoCloseable {
        private final Path dir;
        private final Thread sampler;
        private volatile long lowest = Long.MAX_VALUE;
        private volatile boolean closed;

        private Watch(Path dir) {
            this.dir = dir;
            this.sampler = Thread.ofPlatform().daemon().name("krepro-space " + dir).start(this::sample);
        }

        /** Starts watching {@code dir}'s filesystem. */
        public static Watch start(Path dir) {
            return new Watch(dir);
        }

        private void sample() {
            while (!closed) {
                try {
                    long f = free(dir);
                    if (f < lowest) {
                        lowest = f;
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    // the directory is gone or unreadable: the run reports that itself
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        /** Starts a new window (a test's start). */
        public void reset() {
            lowest = Long.MAX_VALUE;
        }

        /**
         * The ERROR sentence when the disk ran low since the last reset (checked once more now, in case the
         * window was shorter than a sample), or null.
         */
        public String ranOut() {
            try {
                long f = free(dir);
                if (f < lowest) {
                    lowest = f;
                }
            } catch (IOException e) {
                // keep what the sampler saw
            }
            long low = lowest;
            if (low >= LOW_BYTES) {
                return null;
            }
            return "the work dir " + dir + " ran out of space (" + mib(low) + " free at the lowest): the images'"
                    + " writes failed, so the kernel was not judged; free some space or use a bigger --work-dir";
        }

        @Override
        public void close() {
            closed = true;
            sampler.interrupt();
        }
    }
}
