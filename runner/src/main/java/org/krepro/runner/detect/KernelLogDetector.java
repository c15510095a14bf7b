package org.krepro.runner.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.krepro.runner.classify.ClassifiedLog;
import org.krepro.runner.classify.CrashReport;
import org.krepro.runner.classify.FsEvent;
import org.krepro.runner.classify.KernelLogClassifier;
import org.krepro.runner.classify.StreamingClassifier;
import org.krepro.runner.kmsg.KmsgReader;
import org.krepro.runner.kmsg.KmsgRecord;
import org.krepro.runner.kmsg.KmsgWindow;
import org.krepro.runner.spi.Finding;

/**
 * The kernel-log detector of a test: a /dev/kmsg window between fstests-style markers (WARN_ONCE
 * re-armed at the start), classified into crash findings (syzkaller titles) and filesystem findings.
 * Filesystem and I/O messages count only when they name one of the test's devices (or none), so that
 * another mount on the same host cannot fail a test (the classifier filters them); crash reports always
 * count, wherever they come from. Filesystem messages the reproducer declares as its own set-up's
 * ({@link org.krepro.runner.spi.ReproducerInfo#setUpMessages}) are set aside and listed, not findings,
 * as fstests' per-test dmesg filters do.
 */
public final class KernelLogDetector {
    private final String runId;

    public KernelLogDetector(String runId) {
        this.runId = runId;
    }

    /** Starts a test's window (its start marker) on the test's devices, setting aside the reproducer's set-up messages. */
    public Window open(String testName, List<Path> devices, List<String> setUpMessages) throws IOException {
        Set<String> names = devices.stream().map(d -> d.getFileName().toString()).collect(Collectors.toSet());
        List<java.util.regex.Pattern> setUp = setUpMessages.stream().map(java.util.regex.Pattern::compile).toList();
        return new Window(KmsgWindow.open(runId, testName), names, setUp);
    }

    /** What the window held; {@code setUp} the titles of the set-up messages set aside. */
    public record Result(List<Finding> crashes, List<Finding> fsFindings, String excerpt, int records, long lost,
                  boolean warnOnceCleared, List<String> setUp) {
    }

    /** Whether a filesystem message is one the reproducer declared as its set-up's. */
    public static boolean isSetUp(FsEvent e, List<java.util.regex.Pattern> setUp) {
        return setUp.stream().anyMatch(p -> p.matcher(e.title()).find());
    }

    /** One test's window: a detector whose crash reports lead the test's findings. */
    public static final class Window implements Detector {
        private final KmsgWindow window;
        private final Set<String> devices;
        private final StreamingClassifier live;
        private final List<java.util.regex.Pattern> setUp;
        private int fed;
        private Result result;

        Window(KmsgWindow window, Set<String> devices, List<java.util.regex.Pattern> setUp) {
            this.window = window;
            this.devices = devices;
            this.live = new StreamingClassifier(devices);
            this.setUp = setUp;
        }

        /**
         * Reads what the kernel logged so far (so that a long test does not lose records to the ring
         * buffer) and returns how many findings it holds: the live count the progress line shows.
         */
        public synchronized int poll() {
            try {
                List<KmsgRecord> records = window.poll();
                for (; fed < records.size(); fed++) {
                    records.get(fed).toConsoleLines().forEach(live::feed);
                }
            } catch (IOException e) {
                // the final read in close() reports it
            }
            ClassifiedLog sofar = live.findings();
            return sofar.crashes().size() + (int) sofar.fsEvents().stream().filter(e -> !isSetUp(e, setUp)).count();
        }

        /**
         * Reads what the kernel logged so far and returns its first decisive finding as (kind, title):
         * a crash report, else a filesystem message on the test's devices. Both fail the test (every
         * filesystem message the window keeps becomes a finding), so either settles the verdict.
         */
        public synchronized java.util.Optional<java.util.Map.Entry<String, String>> firstDecisive() {
            poll();
            ClassifiedLog sofar = live.findings();
            if (!sofar.crashes().isEmpty()) {
                return java.util.Optional.of(java.util.Map.entry("kernel crash report", sofar.crashes().getFirst().title()));
            }
            return sofar.fsEvents().stream().filter(e -> !isSetUp(e, setUp)).findFirst().map(e -> java.util.Map.entry(
                    "filesystem " + e.severity().name().toLowerCase(java.util.Locale.ROOT), e.title()));
        }

        private synchronized Result close() throws IOException {
            List<KmsgRecord> records = window.end();
            List<String> lines = new ArrayList<>();
            for (KmsgRecord r : records) {
                lines.addAll(r.toConsoleLines());
            }
            ClassifiedLog log = new KernelLogClassifier(devices).classify(lines);
            List<Finding> crashes = new ArrayList<>();
            for (CrashReport c : log.crashes()) {
                String detail = c.reportText() + (c.corrupted() ? "\n[report looks corrupted: " + c.corruptedReason() + "]" : "");
                crashes.add(new Finding(Finding.Kind.KERNEL_CRASH, c.title(), detail));
            }
            List<Finding> fs = new ArrayList<>();
            List<String> setAside = new ArrayList<>();
            for (FsEvent e : log.fsEvents()) {
                if (isSetUp(e, setUp)) {
                    setAside.add(e.title());
                    continue;
                }
                // the title stays the same from run to run (which loop or NVMe device it was is in the lines)
                fs.add(new Finding(Finding.Kind.KERNEL_FS, e.title(), String.join("\n", e.lines())));
            }
            long lost = window.gaps().stream().mapToLong(KmsgReader.Gap::lost).sum();
            return new Result(crashes, fs, String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"), records.size(), lost,
                    window.warnOnceCleared(), List.copyOf(setAside));
        }

        /**
         * Ends the window (its end marker) and keeps what it held; what the report should know about the
         * log itself (records lost, WARN_ONCE not re-armed, a failed read) goes to {@code notes}.
         */
        public void finish(Map<String, String> props, Consumer<String> notes) {
            try {
                result = close();
                props.put("kmsg.records", Integer.toString(result.records()));
                props.put("kmsg.warn_once_cleared", Boolean.toString(result.warnOnceCleared()));
                if (!result.setUp().isEmpty()) {
                    // declared by the reproducer as its set-up's, so not findings; listed so a reader can check
                    props.put("kernel.setup.messages", result.setUp().size() + ": " + String.join("; ",
                            new java.util.LinkedHashSet<>(result.setUp())));
                }
                if (!result.warnOnceCleared()) {
                    notes.accept("WARN_ONCE sites were not re-armed before this test (debugfs clear_warn_once not"
                            + " available or not writable): a WARN_ONCE that fired earlier since boot stays silent");
                }
                if (result.lost() > 0) {
                    notes.accept("kernel log: " + result.lost() + " records were overwritten before krepro read them");
                }
            } catch (IOException e) {
                notes.accept("kernel log could not be read: " + e.getMessage());
            }
        }

        /** Ends the window of a test that will not be judged. */
        public void abandon() {
            try {
                close();
            } catch (IOException e) {
                // nothing to add: the test is not judged
            }
        }

        /** The records between the markers as console lines; "" before {@link #finish} or when unread. */
        public String excerpt() {
            return result == null ? "" : result.excerpt();
        }

        @Override
        public String name() {
            return "kernel log";
        }

        @Override
        public List<Finding> leading() {
            return result == null ? List.of() : result.crashes();
        }

        @Override
        public List<Finding> findings() {
            return result == null ? List.of() : result.fsFindings();
        }
    }
}
