package org.krepro.runner.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.verify.UnderneathWriter;
import org.krepro.sys.Abi;
import org.krepro.sys.ErrnoException;
import org.krepro.sys.NativeFile;
import org.krepro.sys.SyscallCounters;
import org.krepro.sys.ffi.fcntl_h;

/**
 * Every reproducer's data check, whatever it wrote: what user space reads from each regular file just
 * before the unmount (through the page cache, after the workload) must be what it reads after the
 * remount (from the disk, caches dropped). fstests does the same with md5sum around
 * {@code _scratch_cycle_mount}. It catches data that never reached the disk: dirty page cache thrown away
 * at eviction (ext4's "data will be lost"), writeback that failed silently, a stale mapping written over
 * good data. It cannot say what the data should have been; the reproducers' own verifiers do that.
 *
 * <p>A snapshot holds, per regular file (path relative to the mount point), its size and a CRC32C of every
 * {@value #UNIT}-byte unit; directories, symlinks and special files are not compared. Units that lie
 * wholly in a hole ({@code lseek SEEK_DATA/SEEK_HOLE}, which on ext4, xfs and btrfs also reports dirty
 * page cache over unwritten or delayed extents as data) are taken as zeros without being read, so sparse
 * files cost what they hold. The price: page cache over a range the filesystem reports as a plain hole
 * (no extent, no delayed allocation: itself an inconsistency) is not compared. Reading stops at a byte budget so a huge workload cannot stall the test; the
 * snapshot says how far it got, and the compare covers only what both snapshots read. Its calls go through
 * the binding layer (open, statx, lseek, pread, close) and are counted there like anyone's: the engine takes
 * them out of the test's syscall counts.
 */
public final class UnmountCycleCheck implements Detector {
    /** The comparison unit: one page. */
    public static final int UNIT = 4096;
    /** Default read budget per snapshot. */
    public static final long DEFAULT_BUDGET = 1L << 30;
    private static final int CHUNK = 1 << 20;
    /** The largest file size compared (a CRC per 4 KiB unit: 64 MiB of table at this size). */
    static final long MAX_FILE = 64L << 30;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;

    /** How many findings one test gets at most; the last one counts the rest. */
    static final int MAX_FINDINGS = 8;

    private final List<Finding> findings = new ArrayList<>();
    /** Calls the check made through the binding layer: not the workload's, so out of its syscall counts. */
    private final Map<String, Long> ownCalls = new TreeMap<>();
    private Snapshot before;

    /** A test's check; {@link #before} and {@link #after} take its two snapshots. */
    public UnmountCycleCheck() {
    }

    @Override
    public String name() {
        return "unmount cycle";
    }

    /** Records that the check is off for this run ({@code --no-cycle-check}). */
    public static void off(Map<String, String> props) {
        props.put("cycle_check.before", "off (--no-cycle-check)");
    }

    /** What user space sees under {@code mountPoint} now, just before the unmount: recorded as {@code cycle_check.before}. */
    public void before(Path mountPoint, Map<String, String> props) {
        before = snapshot(mountPoint, props, "before");
    }

    /**
     * What the disk gives back after the remount (as {@code cycle_check.after}), compared with what was
     * read before; a changed unit's device location (on {@code devices}) goes into the finding's detail.
     * Nothing is compared when either snapshot could not be taken.
     */
    public void after(Path remounted, List<Path> devices, Filesystem fs, Map<String, String> props) {
        if (before == null) {
            return;
        }
        Snapshot after = snapshot(remounted, props, "after");
        if (after == null) {
            return;
        }
        findings.addAll(compare(before, after, MAX_FINDINGS, (file, offset) -> {
            try {
                return UnderneathWriter.locate(remounted.resolve(file), offset, devices, fs).describe();
            } catch (IOException | RuntimeException e) {
                return "an unknown device offset (" + e.getMessage() + ")";
            }
        }));
    }

    /** The calls the snapshots made through the binding layer, per call name. */
    public Map<String, Long> ownCalls() {
        return Map.copyOf(ownCalls);
    }

    @Override
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** A snapshot recorded as {@code cycle_check.<when>}; null (and the property says why) when it could not be taken. */
    private Snapshot snapshot(Path mountPoint, Map<String, String> props, String when) {
        long t0 = System.nanoTime();
        Map<String, Long> callsBefore = SyscallCounters.snapshot();
        try {
            Snapshot s = take(mountPoint, DEFAULT_BUDGET);
            props.put("cycle_check." + when, describe(s)
                    + String.format(java.util.Locale.ROOT, " in %.2f s", (System.nanoTime() - t0) / 1e9));
            return s;
        } catch (IOException | RuntimeException e) {
            props.put("cycle_check." + when, "not taken: " + e);
            return null;
        } finally {
            // the workload's threads are done: every call counted meanwhile is the check's own
            SyscallCounters.snapshot().forEach((call, n) -> ownCalls.merge(call, n - callsBefore.getOrDefault(call, 0L), Long::sum));
        }
    }

    /**
     * One file as read: its size and a CRC32C per unit; {@code complete} false when the budget ran out
     * inside it ({@code unitCrcs} then ends at the last unit known); {@code bytesRead} what it cost.
     */
    public record FileImage(long size, int[] unitCrcs, boolean complete, long bytesRead) {
        /** Whether a whole unit read as zeros. */
        boolean zeroUnit(int unit) {
            return (long) (unit + 1) * UNIT <= size && unitCrcs[unit] == zeroCrc(UNIT);
        }
    }

    /**
     * What was read under one mount point.
     *
     * @param files     per relative path, in path order
     * @param bytesRead bytes read
     * @param truncated true when the budget stopped the walk (files after that point are not in {@code files})
     * @param unreadable files that could not be read, with the error
     */
    public record Snapshot(SortedMap<String, FileImage> files, long bytesRead, boolean truncated, Map<String, String> unreadable) {
    }

    /**
     * Reads every regular file under {@code root} in name order (so a budget cuts the same files every
     * time), not following symlinks and not entering another filesystem mounted below.
     */
    public static Snapshot take(Path root, long budget) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Walk walk = new Walk(root, budget, arena.allocate(CHUNK, UNIT));
            walk.directory(root, Files.readAttributes(root, "unix:dev", LinkOption.NOFOLLOW_LINKS).get("dev"));
            return new Snapshot(walk.files, walk.read, walk.truncated, walk.unreadable);
        }
    }

    private static final class Walk {
        final Path root;
        final long budget;
        final SortedMap<String, FileImage> files = new TreeMap<>();
        final Map<String, String> unreadable = new LinkedHashMap<>();
        final MemorySegment buf;
        long read;
        boolean truncated;

        Walk(Path root, long budget, MemorySegment buf) {
            this.root = root;
            this.budget = budget;
            this.buf = buf;
        }

        void directory(Path dir, Object dev) {
            List<Path> entries;
            try (Stream<Path> list = Files.list(dir)) {
                entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            } catch (IOException | UncheckedIOException e) {
                unreadable.put(root.relativize(dir) + "/", e.getMessage());
                return;
            }
            for (Path p : entries) {
                if (truncated) {
                    return;
                }
                String name = root.relativize(p).toString();
                try {
                    Map<String, Object> a = Files.readAttributes(p, "unix:mode,dev", LinkOption.NOFOLLOW_LINKS);
                    int type = (Integer) a.get("mode") & S_IFMT;
                    if (type == S_IFDIR && a.get("dev").equals(dev)) {
                        directory(p, dev);
                    } else if (type == S_IFREG) {
                        FileImage image = UnmountCycleCheck.read(p, budget - read, buf);
                        files.put(name, image);
                        read += image.bytesRead();
                        truncated = !image.complete();
                    }
                } catch (IOException | UncheckedIOException | ErrnoException e) {
                    unreadable.put(name, e.getMessage());
                }
            }
        }
    }

    /**
     * One file's image: units wholly inside holes (SEEK_HOLE) are taken as zeros without reading them, the
     * rest is read with pread; the budget counts the bytes read. When it runs out, the image ends at the
     * last unit known and is marked incomplete.
     */
    static FileImage read(Path file, long budget, MemorySegment buf) throws IOException {
        try (NativeFile f = NativeFile.open(file, fcntl_h.O_RDONLY() | Abi.O_NOFOLLOW())) {
            long size = f.statx().size();
            if (size > MAX_FILE) {
                // a sparse giant (ftruncate far out): its CRC table alone would not fit; not compared
                throw new IOException("not compared: " + size + " bytes, more than the check's " + MAX_FILE);
            }
            int units = (int) ((size + UNIT - 1) / UNIT);
            int[] crcs = new int[units];
            for (int u = 0; u < units; u++) {
                crcs[u] = zeroCrc((int) Math.min(UNIT, size - (long) u * UNIT));
            }
            CRC32C crc = new CRC32C();
            long left = budget;
            long pos = 0;
            while (pos < size) {
                long data = f.nextData(pos);
                if (data < 0 || data >= size) {
                    break;
                }
                long hole = f.nextHole(data);
                hole = hole < 0 || hole > size ? size : hole;
                long from = data / UNIT * UNIT;
                long to = Math.min(size, (hole + UNIT - 1) / UNIT * UNIT);
                while (from < to) {
                    int len = (int) Math.min(buf.byteSize(), to - from);
                    if (len > left) {
                        len = (int) (left / UNIT * UNIT);
                        if (len == 0) {
                            return new FileImage(size, Arrays.copyOf(crcs, (int) (from / UNIT)), false, budget - left);
                        }
                    }
                    MemorySegment chunk = buf.asSlice(0, len);
                    long got = 0;
                    while (got < len) {
                        long n = f.pread(chunk.asSlice(got), from + got);
                        if (n == 0) {
                            chunk.asSlice(got).fill((byte) 0); // shrank under us: what is gone reads as nothing
                            break;
                        }
                        got += n;
                    }
                    for (long o = 0; o < len; o += UNIT) {
                        crc.reset();
                        crc.update(chunk.asSlice(o, Math.min(UNIT, len - o)).asByteBuffer());
                        crcs[(int) ((from + o) / UNIT)] = (int) crc.getValue();
                    }
                    left -= len;
                    from += len;
                }
                pos = to;
            }
            return new FileImage(size, crcs, true, budget - left);
        }
    }

    /**
     * Findings for what changed between {@code before} (the workload's view) and {@code after} (the disk's):
     * a file gone, a size changed, units that read differently (first ones named, and whether they now read
     * as zeros). At most {@code maxFindings} findings, the last one saying how many more files differ.
     */
    public static List<Finding> compare(Snapshot before, Snapshot after, int maxFindings) {
        return compare(before, after, maxFindings, (file, offset) -> null);
    }

    /** Where a file's byte is on the device, for a finding's detail (null when it cannot say). */
    @FunctionalInterface
    public interface Locator {
        String locate(String file, long offset);
    }

    /**
     * {@link #compare(Snapshot, Snapshot, int)}, with the device location of each changed file's first
     * changed unit in the finding's detail (so the kept image can be looked at there).
     */
    public static List<Finding> compare(Snapshot before, Snapshot after, int maxFindings, Locator where) {
        List<String> problems = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (Map.Entry<String, FileImage> e : before.files().entrySet()) {
            String name = e.getKey();
            FileImage was = e.getValue();
            FileImage now = after.files().get(name);
            if (now == null) {
                if (after.truncated() || after.unreadable().containsKey(name)) {
                    continue; // not read after: no claim
                }
                problems.add("data: " + name + " vanished across unmount + remount");
                details.add(name + ": " + was.size() + " bytes before the unmount, no such file after the remount"
                        + (after.unreadable().isEmpty() ? "" : " (unreadable after: " + after.unreadable() + ")"));
                continue;
            }
            if (was.size() != now.size()) {
                problems.add("data: " + name + " size changed across unmount + remount (" + was.size() + " -> " + now.size() + ")");
                details.add(name + ": size " + was.size() + " before the unmount, " + now.size() + " after the remount");
                continue;
            }
            int units = Math.min(was.unitCrcs().length, now.unitCrcs().length);
            List<Integer> differ = new ArrayList<>();
            int nowZero = 0;
            for (int u = 0; u < units; u++) {
                if (was.unitCrcs()[u] != now.unitCrcs()[u]) {
                    differ.add(u);
                    if (now.zeroUnit(u)) {
                        nowZero++;
                    }
                }
            }
            if (differ.isEmpty()) {
                continue;
            }
            long first = (long) differ.getFirst() * UNIT;
            String zero = nowZero == differ.size() ? ", now zeros" : nowZero > 0 ? ", " + nowZero + " now zeros" : "";
            problems.add("data: " + name + " changed across unmount + remount (" + differ.size() + " of " + units
                    + " 4 KiB units" + zero + ", first at offset 0x" + Long.toHexString(first) + ")");
            String location = problems.size() < maxFindings ? where.locate(name, first) : null;
            details.add(name + ": " + differ.size() + " of " + units + " 4 KiB units read differently after the remount"
                    + " than before the unmount (file size " + was.size() + "); units " + ranges(differ)
                    + (nowZero > 0 ? "; " + nowZero + " of them now read as zeros" : "")
                    + (location == null ? "" : "; offset 0x" + Long.toHexString(first) + " is at " + location));
        }
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < problems.size() && out.size() < maxFindings; i++) {
            if (out.size() == maxFindings - 1 && problems.size() > maxFindings) {
                out.add(new Finding(Finding.Kind.DATA, problems.get(i) + " and " + (problems.size() - i - 1) + " more files",
                        String.join("\n", details.subList(i, problems.size()))));
                break;
            }
            out.add(new Finding(Finding.Kind.DATA, problems.get(i), details.get(i)));
        }
        return out;
    }

    private static final int[] ZERO_CRC = new int[UNIT + 1];

    static {
        CRC32C crc = new CRC32C();
        byte[] zero = new byte[UNIT];
        for (int n = 0; n <= UNIT; n++) {
            crc.reset();
            crc.update(zero, 0, n);
            ZERO_CRC[n] = (int) crc.getValue();
        }
    }

    /** The CRC32C of {@code n} zero bytes ({@code n} up to {@value #UNIT}). */
    static int zeroCrc(int n) {
        return ZERO_CRC[n];
    }

    /** "3-7, 19, 40-41". */
    static String ranges(List<Integer> units) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        int shown = 0;
        while (i < units.size()) {
            int j = i;
            while (j + 1 < units.size() && units.get(j + 1) == units.get(j) + 1) {
                j++;
            }
            if (shown++ == 16) {
                sb.append(", ...");
                break;
            }
            sb.append(sb.isEmpty() ? "" : ", ").append(units.get(i));
            if (j > i) {
                sb.append('-').append(units.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    /** One line for the JUnit properties and the log. */
    public static String describe(Snapshot s) {
        return s.files().size() + " files, " + s.bytesRead() + " bytes" + (s.truncated() ? " (budget reached: the rest not compared)" : "")
                + (s.unreadable().isEmpty() ? "" : ", " + s.unreadable().size() + " unreadable");
    }
}
