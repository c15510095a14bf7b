package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.fcntl_h;

/** errno capture and naming, without a file system of our own. */
class ErrnoTest {
    @Test
    void namesAndDescriptions() {
        assertEquals("EUCLEAN", Errno.name(117));
        assertEquals("ENOSPC", Errno.name(errno_h.ENOSPC()));
        assertEquals("EAGAIN", Errno.name(errno_h.EWOULDBLOCK()));
        assertEquals("EOPNOTSUPP", Errno.name(errno_h.ENOTSUP()));
        assertEquals(errno_h.EOPNOTSUPP(), Errno.number("ENOTSUP"));
        assertEquals("E?9999", Errno.name(9999));
        assertEquals("Structure needs cleaning", ErrnoException.description(errno_h.EUCLEAN()));
        ErrnoException e = new ErrnoException("pwrite", "fd=3", errno_h.ENOSPC());
        assertEquals("pwrite(fd=3): ENOSPC (No space left on device)", e.getMessage());
    }

    @Test
    void eachThreadSeesItsOwnErrno() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean missing = t % 2 == 0;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        ErrnoException e = assertThrows(ErrnoException.class, () -> NativeFile.open(
                                missing ? Path.of("/nonexistent/krepro") : Path.of("/"), fcntl_h.O_RDWR()));
                        assertEquals(missing ? "ENOENT" : "EISDIR", e.errnoName());
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        // Striped counters may lose an increment when two threads share a stripe: only "made" is certain.
        assertTrue(SyscallCounters.count("open") > 0);
    }
}
