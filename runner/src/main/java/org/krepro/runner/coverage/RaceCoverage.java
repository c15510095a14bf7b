package org.krepro.runner.coverage;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.krepro.runner.io.Processes;

/**
 * Race-path coverage of one test: a kprobe on each kernel function the reproducer declares
 * ({@link org.krepro.runner.spi.ReproducerInfo#racePath}), set after the mount and read after the
 * workload, so that a PASS can say whether the workload reached the code where the bug lives.
 *
 * <p>Through tracefs: {@code p:krepro_<pid>/<event> <function>} lines appended to {@code kprobe_events},
 * the group enabled, hits read from {@code kprobe_profile}, then the group disabled and exactly its
 * probes removed. The result is a set of test properties: {@code coverage.<function>} = hit count,
 * {@code absent} or {@code not probe-able: <why>}; {@code coverage} = a one-line summary, or
 * {@code unavailable: <why>} where kprobes cannot be set; {@code coverage.left} = probes of this
 * process still in kprobe_events after the removal (0 unless removal failed). {@link #reach} and
 * {@link #summary} read those properties back for the grid and bisect.
 */
public final class RaceCoverage implements AutoCloseable {
    /** Property keys. */
    public static final String SUMMARY = "coverage";
    public static final String PREFIX = "coverage.";
    public static final String LEFT = "coverage.left";
    public static final String UNAVAILABLE = "unavailable: ";
    public static final String ABSENT = "absent";
    public static final String NOT_PROBEABLE = "not probe-able: ";
    static final String GROUP_PREFIX = "krepro_";

    private final Path tracing;
    private final String group;
    private final Consumer<String> log;
    /** function -> its event name, for the functions that got a probe */
    private final Map<String, String> probed = new LinkedHashMap<>();
    /** function -> property value, for the ones that did not */
    private final Map<String, String> unprobed = new LinkedHashMap<>();
    private final List<String> functions;
    private final String unavailable;
    private Map<String, String> result;

    private RaceCoverage(Path tracing, List<String> functions, String unavailable, Consumer<String> log) {
        this.tracing = tracing;
        this.functions = List.copyOf(functions);
        this.unavailable = unavailable;
        this.log = log;
        this.group = GROUP_PREFIX + ProcessHandle.current().pid();
    }

    /** Where kprobe events can be written: the tracefs directory holding kprobe_events, or why there is none. */
    public static Tracing locate() {
        List<Path> candidates = tracefsMounts();
        if (candidates.isEmpty()) {
            return new Tracing(null, "tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)");
        }
        for (Path p : candidates) {
            if (Files.exists(p.resolve("kprobe_events"))) {
                return new Tracing(p, "");
            }
        }
        return new Tracing(null, "no kprobe_events in tracefs (" + candidates.getFirst()
                + "): the kernel is built without CONFIG_KPROBE_EVENTS");
    }

    /**
     * Mounts tracefs on /sys/kernel/tracing for the run when no tracefs is mounted and the kernel has
     * it; the returned handle unmounts it again (and does nothing when krepro did not mount it).
     */
    public static AutoCloseable ensureTracefs(Consumer<String> log) {
        Path dir = Path.of("/sys/kernel/tracing");
        boolean known;
        try {
            known = Files.readString(Path.of("/proc/filesystems")).contains("\ttracefs");
        } catch (IOException e) {
            known = false;
        }
        if (!known || !Files.isDirectory(dir) || !tracefsMounts().isEmpty()) {
            return () -> { };
        }
        if (!Processes.succeeds("mount", "-t", "tracefs", "nodev", dir.toString())) {
            log.accept("coverage: tracefs could not be mounted on " + dir);
            return () -> { };
        }
        log.accept("mounted tracefs on " + dir + " (for race-path kprobes)");
        return () -> log.accept(Processes.succeeds("umount", dir.toString()) ? "unmounted tracefs from " + dir
                : "tracefs stays mounted on " + dir + " (busy)");
    }

    /** Where tracefs is mounted now, for tests that check krepro left none of its own. */
    public static List<Path> tracefsMountsForTest() {
        return tracefsMounts();
    }

    /** Where tracefs is mounted (/sys/kernel/tracing, /sys/kernel/debug/tracing...), from /proc/self/mounts. */
    static List<Path> tracefsMounts() {
        List<Path> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[2].equals("tracefs")) {
                    out.add(Path.of(f[1].replace("\\040", " ")));
                }
            }
        } catch (IOException e) {
            // no /proc: no tracefs known
        }
        return out;
    }

    /** A tracefs directory with kprobe_events, or (dir null) why kprobes cannot be set. */
    public record Tracing(Path dir, String unavailableBecause) {
        public boolean available() {
            return dir != null;
        }
    }

    /**
     * Puts a kprobe on each function and enables them; never throws. A function the kernel lacks or
     * refuses is recorded as such; with no kprobe support at all every function stays unprobed and
     * {@link #finish} says why.
     */
    public static RaceCoverage arm(List<String> functions, Consumer<String> log) {
        if (functions.isEmpty()) {
            return new RaceCoverage(null, functions, null, log);
        }
        Tracing t = locate();
        RaceCoverage c = new RaceCoverage(t.dir(), functions, t.available() ? null : t.unavailableBecause(), log);
        if (t.available()) {
            c.armAll();
        }
        return c;
    }

    /**
     * Tries a probe on every function first and reads /proc/kallsyms only when the kernel refused one,
     * to say why (absent, or only compiler clones): the symbol table has 175k lines on a Debian kernel,
     * and reading it cost a TCG guest about a second before every test.
     */
    private void armAll() {
        LinkedHashSet<String> events = new LinkedHashSet<>();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        for (String f : new LinkedHashSet<>(functions)) {
            String event = KprobeText.eventName(f);
            for (int i = 2; events.contains(event); i++) {
                event = KprobeText.eventName(f) + "_" + i;
            }
            String command = "p:" + group + "/" + event + " " + f;
            try {
                append(tracing.resolve("kprobe_events"), command);
                events.add(event);
                probed.put(f, event);
            } catch (IOException e) {
                String why = KprobeText.errorFor(readOr(tracing.resolve("error_log"), ""), command);
                refused.put(f, NOT_PROBEABLE + "kprobe_events refused it (" + e.getMessage() + (why.isEmpty() ? "" : ": " + why) + ")");
            }
        }
        if (!refused.isEmpty()) {
            Map<String, KprobeText.Presence> presence;
            try (Stream<String> lines = Files.lines(Path.of("/proc/kallsyms"))) {
                presence = KprobeText.lookUp(lines::iterator, refused.keySet());
            } catch (IOException | java.io.UncheckedIOException e) {
                presence = Map.of();
                log.accept("coverage: /proc/kallsyms unreadable (" + e.getMessage() + "): refusals not explained");
            }
            for (var r : refused.entrySet()) {
                String f = r.getKey();
                switch (presence.getOrDefault(f, KprobeText.Presence.PRESENT)) {
                    case ABSENT -> unprobed.put(f, ABSENT);
                    case CLONES_ONLY -> unprobed.put(f, NOT_PROBEABLE + "only compiler clones (" + f + ".*) in /proc/kallsyms");
                    case PRESENT -> unprobed.put(f, r.getValue());
                }
            }
        }
        if (!probed.isEmpty()) {
            try {
                Files.writeString(tracing.resolve("events").resolve(group).resolve("enable"), "1");
                log.accept("coverage: kprobes on " + String.join(", ", probed.keySet()) + " (group " + group + ")");
            } catch (IOException e) {
                log.accept("coverage: could not enable " + group + ": " + e.getMessage());
                for (String f : List.copyOf(probed.keySet())) {
                    unprobed.put(f, NOT_PROBEABLE + "the probe could not be enabled (" + e.getMessage() + ")");
                }
                removeOwn();
                probed.clear();
            }
        }
    }

    /**
     * Reads the hit counts, disables and removes this test's probes, and returns the properties
     * (empty when no race path is declared). Idempotent and never throws: the engine calls it in a
     * finally.
     */
    public synchronized Map<String, String> finish() {
        if (result != null) {
            return result;
        }
        Map<String, String> props = new TreeMap<>();
        if (functions.isEmpty()) {
            return result = props;
        }
        if (unavailable != null) {
            props.put(SUMMARY, UNAVAILABLE + unavailable);
            return result = props;
        }
        Map<String, Long> hits = Map.of();
        String readError = null;
        if (!probed.isEmpty()) {
            try {
                String events = Files.readString(tracing.resolve("kprobe_events"));
                String profile = Files.readString(tracing.resolve("kprobe_profile"));
                hits = KprobeText.hitsOf(group, events, profile);
                log.accept("coverage: kprobe_events:\n" + events.stripTrailing() + "\ncoverage: kprobe_profile:\n" + profile.stripTrailing());
            } catch (IOException e) {
                readError = e.getMessage();
            }
            removeOwn();
        }
        for (String f : new LinkedHashSet<>(functions)) {
            String event = probed.get(f);
            if (event == null) {
                props.put(PREFIX + f, unprobed.get(f));
            } else if (hits.containsKey(event)) {
                props.put(PREFIX + f, Long.toString(hits.get(event)));
            } else {
                props.put(PREFIX + f, NOT_PROBEABLE + "no count in kprobe_profile"
                        + (readError == null ? "" : " (" + readError + ")"));
            }
        }
        if (!probed.isEmpty()) {
            props.put(LEFT, Integer.toString(ownLeft()));
        }
        props.put(SUMMARY, summary(props));
        return result = props;
    }

    @Override
    public void close() {
        finish();
    }

    /** Disables this process's group and removes its probes; what could not be removed stays counted by coverage.left. */
    private void removeOwn() {
        removeGroup(tracing, group, log);
    }

    private int ownLeft() {
        try {
            return (int) KprobeText.parseEvents(Files.readString(tracing.resolve("kprobe_events"))).stream()
                    .filter(p -> p.group().equals(group)).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void removeGroup(Path tracing, String group, Consumer<String> log) {
        Path enable = tracing.resolve("events").resolve(group).resolve("enable");
        if (Files.exists(enable)) {
            try {
                Files.writeString(enable, "0");
            } catch (IOException e) {
                log.accept("coverage: could not disable " + group + ": " + e.getMessage());
            }
        }
        List<KprobeText.Probe> own;
        try {
            own = KprobeText.parseEvents(Files.readString(tracing.resolve("kprobe_events"))).stream()
                    .filter(p -> p.group().equals(group)).toList();
        } catch (IOException e) {
            log.accept("coverage: kprobe_events unreadable: " + e.getMessage());
            return;
        }
        for (KprobeText.Probe p : own) {
            try {
                append(tracing.resolve("kprobe_events"), "-:" + group + "/" + p.event());
            } catch (IOException e) {
                log.accept("coverage: could not remove " + group + "/" + p.event() + ": " + e.getMessage());
            }
        }
    }

    /**
     * Removes the probe groups of krepro processes that are gone (killed before they could remove
     * their own), leaving those of live processes alone; returns how many groups it removed.
     */
    public static int removeStale(Consumer<String> log) {
        Tracing t = locate();
        if (!t.available()) {
            return 0;
        }
        String text;
        try {
            text = Files.readString(t.dir().resolve("kprobe_events"));
        } catch (IOException e) {
            return 0;
        }
        List<String> stale = KprobeText.staleGroups(text, GROUP_PREFIX,
                pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        for (String g : stale) {
            removeGroup(t.dir(), g, log);
            log.accept("coverage: removed stale kprobe group " + g + " (its krepro process is gone)");
        }
        return stale.size();
    }

    /** One write(2) of one command with O_APPEND: opening kprobe_events with O_TRUNC would clear every probe. */
    private static void append(Path file, String command) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String readOr(Path p, String otherwise) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return otherwise;
        }
    }

    // ---- reading the properties back (grid, bisect) ----

    /** Whether a test's workload reached its race path, from its properties. */
    public enum Reach {
        /** every function that could be probed was entered at least once */
        REACHED,
        /** at least one probed function was never entered */
        NOT_REACHED,
        /** no count: no race path declared, kprobes unavailable, or no function probe-able */
        UNKNOWN
    }

    /** The hit counts recorded in {@code props}, by function (only those that were probed). */
    public static Map<String, Long> counts(Map<String, String> props) {
        Map<String, Long> out = new TreeMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && !k.equals(LEFT) && v.matches("\\d+")) {
                out.put(k.substring(PREFIX.length()), Long.parseLong(v));
            }
        });
        return out;
    }

    /** The reached function with the fewest hits, if any function was reached. */
    private static Optional<Map.Entry<String, Long>> fewest(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0).min(Map.Entry.comparingByValue());
    }

    /** The fewest hits of any reached function recorded in {@code props} (the summary's "fewest"), or -1. */
    public static long fewestHits(Map<String, String> props) {
        return fewest(counts(props)).map(Map.Entry::getValue).orElse(-1L);
    }

    public static Reach reach(Map<String, String> props) {
        String s = props.get(SUMMARY);
        if (s == null || s.startsWith(UNAVAILABLE)) {
            return Reach.UNKNOWN;
        }
        Map<String, Long> c = counts(props);
        if (c.isEmpty()) {
            return Reach.UNKNOWN;
        }
        return c.values().stream().allMatch(n -> n > 0) ? Reach.REACHED : Reach.NOT_REACHED;
    }

    /**
     * The one-line summary of a test's coverage properties, e.g. "race path: 2/3 reached, never:
     * xfs_iomap_valid; unprobed: iomap_write_iter (absent)"; the {@code coverage} property itself when
     * it says kprobes were unavailable; empty when the test recorded no coverage.
     */
    public static String summary(Map<String, String> props) {
        String s = props.get(SUMMARY);
        if (s != null && s.startsWith(UNAVAILABLE)) {
            return s;
        }
        Map<String, Long> c = counts(props);
        List<String> unprobed = new ArrayList<>();
        props.forEach((k, v) -> {
            if (k.startsWith(PREFIX) && !k.equals(LEFT) && !v.matches("\\d+")) {
                unprobed.add(k.substring(PREFIX.length()) + " (" + (v.equals(ABSENT) ? ABSENT : "not probe-able") + ")");
            }
        });
        if (c.isEmpty() && unprobed.isEmpty()) {
            return "";
        }
        long reached = c.values().stream().filter(n -> n > 0).count();
        StringBuilder b = new StringBuilder("race path: " + reached + "/" + c.size() + " reached");
        List<String> never = c.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        if (!never.isEmpty()) {
            b.append(", never: ").append(String.join(", ", never));
        }
        fewest(c).ifPresent(e -> b.append(", fewest ").append(count(e.getValue())).append(" hits (").append(e.getKey()).append(')'));
        if (!unprobed.isEmpty()) {
            b.append("; unprobed: ").append(String.join(", ", unprobed));
        }
        return b.toString();
    }

    /** 950, 1.2k, 3.4M. */
    static String count(long n) {
        if (n < 1000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
}
