package org.krepro.runner.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.krepro.runner.kmsg.KmsgRecord;

/**
 * Classifies a kernel log into crash reports (syzkaller-style titles) and filesystem findings.
 *
 * <p>Input is console text, one string per line, as a QEMU serial console or {@code dmesg} prints it
 * ({@code "[   12.345678] WARNING: CPU: 0 PID: 1 at fs/ext4/inode.c:3664 ext4_dirty_folio+0x5a/0x70"}; carriage
 * returns are ignored; lines without a timestamp are accepted too), or /dev/kmsg records, which are rendered
 * to the same form first. Immutable and thread-safe.
 *
 * <pre>{@code
 * ClassifiedLog log = new KernelLogClassifier().classify(lines);
 * log.firstCrashTitle();   // "WARNING in ext4_dirty_folio", or ""
 * log.fsEvents();          // EXT4-fs error in ext4_lookup (loop0), ...
 * }</pre>
 */
public final class KernelLogClassifier {
    private final Set<String> testDevices;

    /** A classifier that reports filesystem and I/O errors on every device. */
    public KernelLogClassifier() {
        this(Set.of());
    }

    /**
     * A classifier that keeps filesystem and I/O findings only for the given block devices (e.g. "loop3",
     * "nvme0n1"; partitions and jbd2 journal names of them count). Findings naming no device are kept.
     */
    public KernelLogClassifier(Set<String> testDevices) {
        this.testDevices = Set.copyOf(testDevices);
    }

    /** The devices findings are restricted to (empty: all). */
    public Set<String> testDevices() {
        return testDevices;
    }

    /** Classifies console lines; line numbers in the result index this list. */
    public ClassifiedLog classify(List<String> lines) {
        List<ConsoleLine> parsed = new ArrayList<>(lines.size());
        for (String l : lines) {
            parsed.add(ConsoleLine.parse(l));
        }
        return classifyParsed(parsed);
    }

    ClassifiedLog classifyParsed(List<ConsoleLine> parsed) {
        List<CrashReport> crashes = new CrashParser(parsed).parseAll();
        List<FsEvent> events = new FsEventDetector(testDevices).detectAll(parsed);
        return new ClassifiedLog(crashes, events);
    }

    /** Classifies a whole text (split at '\n'; '\r' ignored). */
    public ClassifiedLog classifyText(String text) {
        return classify(splitLines(text));
    }

    /** Classifies a saved console log (UTF-8; malformed bytes are replaced). */
    public ClassifiedLog classifyFile(Path file) throws IOException {
        return classifyText(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    /**
     * Classifies /dev/kmsg records. Each record becomes one console line per line of its message
     * ({@link KmsgRecord#toConsoleLines()}); line numbers in the result index those lines.
     */
    public ClassifiedLog classifyRecords(List<KmsgRecord> records) {
        List<String> lines = new ArrayList<>();
        for (KmsgRecord r : records) {
            lines.addAll(r.toConsoleLines());
        }
        return classify(lines);
    }

    static List<String> splitLines(String text) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (pos <= text.length()) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                if (pos < text.length()) {
                    out.add(text.substring(pos));
                }
                break;
            }
            out.add(text.substring(pos, nl));
            pos = nl + 1;
        }
        return out;
    }
}
