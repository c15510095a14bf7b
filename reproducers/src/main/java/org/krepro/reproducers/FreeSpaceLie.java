package org.krepro.reproducers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline ext4 state behind {@link Ext4InlineDataMkwrite}: the free-cluster counters say there is
 * room while the block bitmaps have none, as in the syzbot log of seed 002 ("block bitmap and bg
 * descriptor inconsistent: 25 vs 150994969 free clusters"). Made with {@code debugfs -w} on the
 * unmounted device, read back with {@code dumpe2fs}, and undone (so that fsck judges only what the
 * workload did) from {@code e2fsck -fn}'s own account of the difference.
 *
 * <p>Every command runs through a {@code Function<List<String>, String>} (the test context's
 * {@code exec}), so the same code serves the runner and the host set-up test.
 */
final class FreeSpaceLie {
    /** {@code EXT2_BG_BLOCK_UNINIT}: the group's bitmap is implied, not read; dropped so the bitmap is believed. */
    static final int BG_BLOCK_UNINIT = 0x2;

    private FreeSpaceLie() {
    }

    /** A block group as {@code dumpe2fs} shows it. */
    record Group(int number, int flags, long freeCount, List<long[]> freeRanges) {
        long freeInBitmap() {
            return freeRanges.stream().mapToLong(r -> r[1]).sum();
        }
    }

    /** The superblock's free-blocks count and every group, from {@code dumpe2fs}. */
    record State(long superFree, long blocksPerGroup, long firstBlock, List<Group> groups) {
        long bitmapFree() {
            return groups.stream().mapToLong(Group::freeInBitmap).sum();
        }

        Group group(int n) {
            return groups.get(n);
        }

        /**
         * Whether this is the intended lie: no free bit in any bitmap, no group with BLOCK_UNINIT, group
         * {@code rich} and the superblock claiming {@code claimed} free blocks, every other group 0.
         */
        String mismatch(int rich, long claimed) {
            if (bitmapFree() != 0) {
                return "bitmaps still have " + bitmapFree() + " free blocks";
            }
            if (superFree != claimed) {
                return "superblock free count " + superFree + ", wanted " + claimed;
            }
            for (Group g : groups) {
                long want = g.number() == rich ? claimed : 0;
                if (g.freeCount() != want) {
                    return "group " + g.number() + " free count " + g.freeCount() + ", wanted " + want;
                }
                if ((g.flags() & BG_BLOCK_UNINIT) != 0) {
                    return "group " + g.number() + " still BLOCK_UNINIT";
                }
            }
            return null;
        }
    }

    private static final Pattern GROUP = Pattern.compile("^Group (\\d+): \\(Blocks \\d+-\\d+\\).*?(?:\\[([A-Z_, ]*)\\])?\\s*$");
    private static final Pattern GROUP_FREE = Pattern.compile("^\\s+(\\d+) free (?:blocks|clusters),");
    private static final Pattern FREE_LIST = Pattern.compile("^\\s+Free blocks: ?(.*)$");
    private static final Pattern SUPER_FREE = Pattern.compile("^Free blocks:\\s+(\\d+)\\s*$");
    private static final Pattern PER_GROUP = Pattern.compile("^Blocks per group:\\s+(\\d+)\\s*$");
    private static final Pattern FIRST_BLOCK = Pattern.compile("^First block:\\s+(\\d+)\\s*$");

    /** Parses {@code dumpe2fs DEVICE} output. */
    static State parse(String dumpe2fs) {
        long superFree = -1;
        long perGroup = -1;
        long firstBlock = -1;
        List<Group> groups = new ArrayList<>();
        int number = -1;
        int flags = 0;
        long free = -1;
        for (String line : dumpe2fs.split("\n")) {
            Matcher m;
            if ((m = SUPER_FREE.matcher(line)).matches()) {
                superFree = Long.parseLong(m.group(1));
            } else if ((m = FIRST_BLOCK.matcher(line)).matches()) {
                firstBlock = Long.parseLong(m.group(1));
            } else if ((m = PER_GROUP.matcher(line)).matches()) {
                perGroup = Long.parseLong(m.group(1));
            } else if ((m = GROUP.matcher(line)).matches()) {
                number = Integer.parseInt(m.group(1));
                flags = flagBits(m.group(2));
                free = -1;
            } else if ((m = GROUP_FREE.matcher(line)).find() && number >= 0) {
                free = Long.parseLong(m.group(1));
            } else if ((m = FREE_LIST.matcher(line)).matches() && number >= 0) {
                groups.add(new Group(number, flags, free, ranges(m.group(1))));
                number = -1;
            }
        }
        if (superFree < 0 || perGroup < 0 || firstBlock < 0 || groups.isEmpty()) {
            throw new IllegalStateException("cannot read dumpe2fs output:\n" + dumpe2fs);
        }
        return new State(superFree, perGroup, firstBlock, List.copyOf(groups));
    }

    private static int flagBits(String names) {
        int bits = 0;
        if (names == null) {
            return 0;
        }
        for (String n : names.split(",")) {
            switch (n.trim()) {
                case "INODE_UNINIT" -> bits |= 0x1;
                case "BLOCK_UNINIT" -> bits |= 0x2;
                case "ITABLE_ZEROED" -> bits |= 0x4;
                default -> { }
            }
        }
        return bits;
    }

    /** "1171-8192, 9000, 9100-9101" as {start, count} pairs. */
    static List<long[]> ranges(String list) {
        List<long[]> out = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            long a = Long.parseLong(dash < 0 ? p : p.substring(0, dash));
            long b = dash < 0 ? a : Long.parseLong(p.substring(dash + 1));
            out.add(new long[] {a, b - a + 1});
        }
        return out;
    }

    /** Reads the device's current state. */
    static State read(Function<List<String>, String> exec, Path device) {
        return parse(exec.apply(List.of("dumpe2fs", device.toString())));
    }

    /**
     * Tells the lie: marks every free block in use, sets every group's free count to 0 (dropping
     * BLOCK_UNINIT), then gives group {@code rich} and the superblock {@code claimed} free blocks.
     * One debugfs session, so that closing it writes the bitmaps and recomputes every checksum.
     *
     * @return the ranges marked in use, {start, count}, to undo later
     */
    static List<long[]> apply(Function<List<String>, String> exec, Path device, Path scratch, int rich, long claimed)
            throws Exception {
        State before = read(exec, device);
        List<long[]> marked = new ArrayList<>();
        StringBuilder cmds = new StringBuilder();
        for (Group g : before.groups()) {
            for (long[] r : g.freeRanges()) {
                cmds.append("setb ").append(r[0]).append(' ').append(r[1]).append('\n');
                marked.add(r);
            }
        }
        for (Group g : before.groups()) {
            cmds.append("set_bg ").append(g.number()).append(" free_blocks_count 0\n");
            cmds.append("set_bg ").append(g.number()).append(" flags ").append(g.flags() & ~BG_BLOCK_UNINIT).append('\n');
        }
        cmds.append("set_bg ").append(rich).append(" free_blocks_count ").append(claimed).append('\n');
        cmds.append("ssv free_blocks_count ").append(claimed).append('\n');
        for (Group g : before.groups()) {
            cmds.append("set_bg ").append(g.number()).append(" checksum calc\n");
        }
        debugfs(exec, device, scratch.resolve("lie.debugfs"), cmds.toString());
        return marked;
    }

    /** Runs a debugfs -w script; debugfs exits 0 on failed commands, so its output is searched for them. */
    static String debugfs(Function<List<String>, String> exec, Path device, Path script, String commands) throws Exception {
        Files.writeString(script, commands);
        String out = exec.apply(List.of("debugfs", "-w", "-f", script.toString(), device.toString()));
        for (String line : out.split("\n")) {
            String l = line.toLowerCase(java.util.Locale.ROOT);
            if (!l.startsWith("debugfs") && (l.contains("error") || l.contains("invalid") || l.contains("usage:")
                    || l.contains("not found") || l.contains("couldn't") || l.contains("bad "))) {
                throw new IllegalStateException("debugfs failed: " + line + "\nscript:\n" + commands + "\noutput:\n" + out);
            }
        }
        return out;
    }

    private static final Pattern BITMAP_DIFF = Pattern.compile("^Block bitmap differences:\\s+(.*)$");

    /**
     * Undoes the lie after the workload: frees the blocks that were marked in use in {@link #apply}
     * and that {@code e2fsck -fn} still finds marked but unowned ("-" in "Block bitmap differences"),
     * and sets every group's and the superblock's free count to what the bitmaps then hold. Anything
     * else fsck reports is left for the runner's fsck to judge.
     *
     * @param fsckOutput output of {@code e2fsck -fn DEVICE} (its exit status is not needed)
     * @return a one-line account of what was undone, or null when there was nothing to undo
     */
    static String undo(Function<List<String>, String> exec, Path device, Path scratch, List<long[]> marked,
                       String fsckOutput) throws Exception {
        State state = read(exec, device);
        StringBuilder cmds = new StringBuilder();
        long[] freedPerGroup = new long[state.groups().size()];
        long freed = 0;
        for (String line : fsckOutput.split("\n")) {
            Matcher m = BITMAP_DIFF.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            for (String item : m.group(1).trim().split("\\s+")) {
                if (!item.startsWith("-")) {
                    continue; // "+N": in use but not marked: not ours, left to fsck
                }
                String r = item.substring(1).replace("(", "").replace(")", "");
                int sep = r.indexOf("--");
                long a = Long.parseLong(sep >= 0 ? r.substring(0, sep) : r);
                long b = sep >= 0 ? Long.parseLong(r.substring(sep + 2)) : a;
                for (long[] mr : marked) {
                    long lo = Math.max(a, mr[0]);
                    long hi = Math.min(b, mr[0] + mr[1] - 1);
                    for (long x = lo; x <= hi; x++) {
                        freedPerGroup[Math.toIntExact((x - state.firstBlock()) / state.blocksPerGroup())]++;
                    }
                    if (lo <= hi) {
                        cmds.append("freeb ").append(lo).append(' ').append(hi - lo + 1).append('\n');
                        freed += hi - lo + 1;
                    }
                }
            }
        }
        long total = 0;
        List<Integer> reset = new ArrayList<>();
        for (Group g : state.groups()) {
            long truth = g.freeInBitmap() + freedPerGroup[g.number()];
            total += truth;
            if (truth != g.freeCount()) {
                cmds.append("set_bg ").append(g.number()).append(" free_blocks_count ").append(truth).append('\n');
                reset.add(g.number());
            }
        }
        if (total != state.superFree()) {
            cmds.append("ssv free_blocks_count ").append(total).append('\n');
        }
        if (cmds.isEmpty()) {
            return null;
        }
        for (int g : reset) {
            cmds.append("set_bg ").append(g).append(" checksum calc\n");
        }
        debugfs(exec, device, scratch.resolve("undo.debugfs"), cmds.toString());
        return "freed " + freed + " blocks the set-up had marked in use; free counts of groups " + reset
                + " and the superblock set to the bitmaps' (" + total + ")";
    }
}
