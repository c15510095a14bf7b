package org.krepro.sys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.mempolicy_h;

/**
 * NUMA placement: which node holds a page, moving pages between nodes ({@code move_pages(2)}),
 * binding a range to nodes ({@code mbind(2)}) and reading policies ({@code get_mempolicy(2)}), all made
 * through {@code syscall()} with the numbers of the running architecture. Page migration is also what
 * memory compaction does, which is why reproducers of migration races call {@link #movePages}.
 */
public final class Numa {
    /** Bits in the node masks passed to the kernel (more than any machine krepro meets has nodes). */
    static final int MASK_BITS = 1024;
    private static final Path NODE_DIR = Path.of("/sys/devices/system/node");

    private Numa() {
    }

    /** The online node ids from {@code /sys/devices/system/node/online} ({@code [0]} on a kernel without NUMA). */
    public static List<Integer> nodes() {
        Path online = NODE_DIR.resolve("online");
        if (!Files.exists(online)) {
            return List.of(0);
        }
        try {
            return parseNodeList(Files.readString(online));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the kernel's node list format ({@code "0-1,3"}). */
    static List<Integer> parseNodeList(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.strip().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
            for (int n = from; n <= to; n++) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The node of every page of {@code region} ({@code move_pages} with no target nodes): entry
     * {@code i} is the node of page {@code i}, or a negative errno ({@code -ENOENT} for a page not
     * present, {@code -EFAULT} for an unmapped one).
     */
    public static int[] nodesOfPages(MemorySegment region) {
        return movePages(pageAddresses(region), null, 0);
    }

    /**
     * Moves every page of {@code region} to {@code node} ({@code MPOL_MF_MOVE}: pages mapped only by
     * this process); returns each page's status: the node it is on now, or a negative errno
     * ({@code -EBUSY} for a page that could not be migrated just now, {@code -ENOENT}...).
     */
    public static int[] movePages(MemorySegment region, int node) {
        long[] pages = pageAddresses(region);
        int[] nodes = new int[pages.length];
        java.util.Arrays.fill(nodes, node);
        return movePages(pages, nodes, mempolicy_h.MPOL_MF_MOVE());
    }

    /** The status move_pages leaves in a page's slot when it never got to that page (0x7f in each byte). */
    static final int UNTOUCHED = 0x7f7f7f7f;

    /**
     * {@code move_pages(0, n, pages, nodes, status, flags)} for this process: with {@code nodes} null,
     * only reports where each page is. Returns the status array: a node, or a negative errno; a page
     * the kernel did not get to (it stops at the first batch that could not be migrated) reads
     * -EAGAIN. The call itself fails (throws) only for argument errors.
     */
    public static int[] movePages(long[] pageAddresses, int[] nodes, int flags) {
        if (nodes != null && nodes.length != pageAddresses.length) {
            throw new IllegalArgumentException("one node per page");
        }
        int n = pageAddresses.length;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pages = arena.allocateFrom(ValueLayout.JAVA_LONG, pageAddresses);
            MemorySegment targets = nodes == null ? MemorySegment.NULL : arena.allocateFrom(ValueLayout.JAVA_INT, nodes);
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT, Math.max(n, 1));
            status.fill((byte) 0x7f); // UNTOUCHED in every int
            MemorySegment errno = Errno.state();
            if (Syscalls.move_pages(errno, 0, n, pages, targets, status, flags) < 0) {
                throw ErrnoException.fromState("move_pages", "count=" + n + ", nodes=" + (nodes == null ? "NULL" : "set")
                        + ", flags=" + flags, errno);
            }
            int[] out = status.asSlice(0, 4L * n).toArray(ValueLayout.JAVA_INT);
            // A positive result is the number of pages not migrated: the kernel stopped at the batch that
            // failed and wrote no status for it or for the pages after it. Those keep the fill: not moved.
            for (int k = 0; k < n; k++) {
                if (out[k] == UNTOUCHED) {
                    out[k] = -errno_h.EAGAIN();
                }
            }
            return out;
        }
    }

    /** The address of each page of {@code region} (its start rounded down to a page). */
    public static long[] pageAddresses(MemorySegment region) {
        long page = Mapping.pageSize();
        long first = region.address() & -page;
        long end = region.address() + region.byteSize();
        int count = Math.toIntExact((end - first + page - 1) / page);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = first + i * page;
        }
        return out;
    }

    /** The node holding the page at {@code address} ({@code get_mempolicy(MPOL_F_NODE | MPOL_F_ADDR)}; faults it in if absent). */
    public static int nodeOf(MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mode = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment errno = Errno.state();
            if (Syscalls.get_mempolicy(errno, mode, MemorySegment.NULL, 0, address,
                    mempolicy_h.MPOL_F_NODE() | mempolicy_h.MPOL_F_ADDR()) < 0) {
                throw ErrnoException.fromState("get_mempolicy", "MPOL_F_NODE|MPOL_F_ADDR, addr=0x"
                        + Long.toHexString(address.address()), errno);
            }
            return mode.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** A memory policy: an {@code MPOL_*} mode (flags included) and its nodes. */
    public record Policy(int mode, BitSet nodes) {
    }

    /** The policy of the VMA containing {@code address} ({@code MPOL_F_ADDR}). */
    public static Policy policyOf(MemorySegment address) {
        return getMempolicy(address, mempolicy_h.MPOL_F_ADDR());
    }

    /** This thread's policy. */
    public static Policy threadPolicy() {
        return getMempolicy(MemorySegment.NULL, 0);
    }

    private static Policy getMempolicy(MemorySegment address, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mode = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment mask = arena.allocate(ValueLayout.JAVA_LONG, MASK_BITS / 64 + 1);
            MemorySegment errno = Errno.state();
            if (Syscalls.get_mempolicy(errno, mode, mask, MASK_BITS + 1, address, flags) < 0) {
                throw ErrnoException.fromState("get_mempolicy", "flags=" + flags + ", addr=0x"
                        + Long.toHexString(address.address()), errno);
            }
            return new Policy(mode.get(ValueLayout.JAVA_INT, 0),
                    BitSet.valueOf(mask.asSlice(0, MASK_BITS / 8).toArray(ValueLayout.JAVA_LONG)));
        }
    }

    /**
     * {@code mbind(2)}: sets the policy {@code mode} ({@code MPOL_BIND}, {@code MPOL_PREFERRED}...) on
     * the page-aligned {@code region} with {@code nodes}; {@code flags} may be {@code MPOL_MF_MOVE} to
     * migrate pages already there, {@code MPOL_MF_STRICT} to fail if some cannot be.
     */
    public static void mbind(MemorySegment region, int mode, BitSet nodes, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            long[] words = nodes.toLongArray();
            MemorySegment mask = arena.allocate(ValueLayout.JAVA_LONG, MASK_BITS / 64 + 1);
            MemorySegment.copy(words, 0, mask, ValueLayout.JAVA_LONG, 0, Math.min(words.length, MASK_BITS / 64));
            MemorySegment errno = Errno.state();
            // The kernel reads maxnode - 1 bits (an off-by-one kept for compatibility): pass one more.
            if (Syscalls.mbind(errno, region, region.byteSize(), mode, nodes.isEmpty() ? MemorySegment.NULL : mask,
                    nodes.isEmpty() ? 0 : MASK_BITS + 1, flags) < 0) {
                throw ErrnoException.fromState("mbind", "len=" + region.byteSize() + ", mode=" + mode + ", nodes=" + nodes
                        + ", flags=" + flags, errno);
            }
        }
    }
}
