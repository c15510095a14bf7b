package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** sched_getaffinity / sched_setaffinity on this thread, checked against /proc and a child process. */
class CpuAffinityKernelTest {
    @Test
    void theMaskIsTheOneProcShowsForThisThread() throws IOException {
        BitSet mine = CpuAffinity.ofCurrentThread();
        assertTrue(mine.cardinality() >= 1);
        assertEquals(procList(Files.readString(Path.of("/proc/thread-self/status"))), mine);
    }

    @Test
    void pinningMovesThisThreadAndItsChildrenAndCloseGivesTheMaskBack() throws Exception {
        BitSet before = CpuAffinity.ofCurrentThread();
        int cpu = before.length() - 1;
        try (CpuAffinity.Pinned pinned = CpuAffinity.pinCurrentThread(cpu)) {
            BitSet one = new BitSet();
            one.set(cpu);
            assertEquals(one, CpuAffinity.ofCurrentThread());
            assertEquals(one, procList(Files.readString(Path.of("/proc/thread-self/status"))));
            // A process started from a pinned thread inherits the thread's mask.
            Process p = new ProcessBuilder("cat", "/proc/self/status").redirectErrorStream(true).start();
            String status = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(one, procList(status), status);
            assertEquals(before, pinned.before());
        }
        assertEquals(before, CpuAffinity.ofCurrentThread());
    }

    @Test
    void aCpuThatDoesNotExistIsRefusedByTheKernel() {
        BitSet none = new BitSet();
        none.set(CpuAffinity.MASK_BITS - 1);
        ErrnoException e = assertThrows(ErrnoException.class, () -> CpuAffinity.setCurrentThread(none));
        assertTrue(e.getMessage().contains("EINVAL"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CpuAffinity.setCurrentThread(new BitSet()));
    }

    /** {@code Cpus_allowed_list:	0-1,3} of a /proc status file. */
    static BitSet procList(String status) {
        String list = status.lines().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                .substring("Cpus_allowed_list:".length()).trim();
        BitSet out = new BitSet();
        for (String part : list.split(",")) {
            String[] r = part.split("-");
            int from = Integer.parseInt(r[0]);
            int to = r.length == 1 ? from : Integer.parseInt(r[1]);
            out.set(from, to + 1);
        }
        return out;
    }
}
