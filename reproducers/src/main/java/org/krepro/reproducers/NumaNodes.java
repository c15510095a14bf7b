package org.krepro.reproducers;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.krepro.sys.ffi.Lib;
import org.krepro.sys.ffi.syscall_h;

/**
 * The machine's online NUMA nodes (from {@code /sys/devices/system/node/online}) and
 * {@code move_pages(2)} through the bindings' counted syscall.
 *
 * @param nodes the online node ids, ascending
 */
public record NumaNodes(List<Integer> nodes) {

    public NumaNodes {
        nodes = List.copyOf(nodes);
    }

    /** Reads the online nodes; a machine without the sysfs file has one node, 0. */
    public static NumaNodes discover() {
        try {
            return new NumaNodes(parseList(Files.readString(Path.of("/sys/devices/system/node/online")).strip()));
        } catch (IOException e) {
            return new NumaNodes(List.of(0));
        }
    }

    /** Parses a kernel cpu/node list such as {@code 0}, {@code 0-1} or {@code 0,2-3}. */
    static List<Integer> parseList(String list) {
        List<Integer> out = new ArrayList<>();
        if (list.isEmpty()) {
            return List.of(0);
        }
        for (String part : list.split(",")) {
            String[] r = part.split("-");
            int lo = Integer.parseInt(r[0].trim());
            int hi = r.length > 1 ? Integer.parseInt(r[1].trim()) : lo;
            for (int n = lo; n <= hi; n++) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * {@code move_pages(0, count, pages, nodes, status, flags)} for this process: with {@code nodes}
     * NULL it only reports each page's node in {@code status}. Returns the raw result (-1 on failure,
     * else the number of pages not moved); per-page results are in {@code status}.
     */
    public long movePages(int count, MemorySegment pages, MemorySegment nodes, MemorySegment status, int flags) {
        return syscall_h.move_pages(Lib.errnoState(), 0, count, pages, nodes, status, flags);
    }
}
