package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.mempolicy_h;

/** move_pages, get_mempolicy and mbind against the running kernel, on anonymous memory of this process. */
class NumaKernelTest {
    static final int PAGES = 8;

    @Test
    void nodesMatchTheSysfsDirectories() throws IOException {
        List<Integer> fromDirs;
        try (Stream<Path> s = Files.list(Path.of("/sys/devices/system/node"))) {
            fromDirs = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("node\\d+"))
                    .map(n -> Integer.parseInt(n.substring(4))).sorted().toList();
        }
        assertEquals(fromDirs, Numa.nodes());
        assertEquals(List.of(0, 1, 3, 4, 5), Numa.parseNodeList("0-1,3-5\n"));
    }

    @Test
    void movePagesReportsEachPagesNodeAndMovesThem() {
        int node = Numa.nodes().get(Numa.nodes().size() - 1);
        try (Mapping m = Mapping.anonymous(PAGES * Mapping.pageSize())) {
            int[] untouched = Numa.nodesOfPages(m.segment());
            assertEquals(PAGES, untouched.length);
            for (int status : untouched) {
                assertEquals(-errno_h.ENOENT(), status, "a page never touched is not present");
            }
            m.touchEveryPage((byte) 1);
            for (int status : Numa.nodesOfPages(m.segment())) {
                assertTrue(Numa.nodes().contains(status), "node of a touched page: " + status);
            }
            int[] moved = Numa.movePages(m.segment(), node);
            int[] expected = new int[PAGES];
            java.util.Arrays.fill(expected, node);
            assertArrayEquals(expected, moved);
            assertArrayEquals(expected, Numa.nodesOfPages(m.segment()));
            assertEquals(node, Numa.nodeOf(m.segment().asSlice(3 * Mapping.pageSize())));
        }
        assertTrue(SyscallCounters.count("move_pages") >= 3);
    }

    @Test
    void mbindSetsTheRangePolicy() {
        int node = Numa.nodes().get(0);
        try (Mapping m = Mapping.anonymous(PAGES * Mapping.pageSize())) {
            BitSet nodes = new BitSet();
            nodes.set(node);
            Numa.mbind(m.segment(), mempolicy_h.MPOL_BIND(), nodes, 0);
            Numa.Policy p = Numa.policyOf(m.segment());
            assertEquals(mempolicy_h.MPOL_BIND(), p.mode());
            assertEquals(nodes, p.nodes());
            m.touchEveryPage((byte) 2);
            for (int status : Numa.nodesOfPages(m.segment())) {
                assertEquals(node, status);
            }
            assertEquals(mempolicy_h.MPOL_DEFAULT(), Numa.threadPolicy().mode());
        }
    }
}
