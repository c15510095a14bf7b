package org.krepro.runner.kmsg;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes lines into the kernel log through /dev/kmsg (as root).
 *
 * <p>Every line is one write(), so one record, at the syslog level given as the {@code "<N>"} prefix (the
 * kernel files it under the user facility). The device is opened anew for every line: with the default
 * {@code kernel.printk_devkmsg=ratelimit} the kernel rate-limits writers per open file (10 records per 5 s),
 * which would silently drop the tail of a multi-line report written through one descriptor.
 */
public final class KmsgWriter {
    /** debugfs file that re-arms every WARN_ONCE() when 1 is written to it (fstests does this per test). */
    public static final Path CLEAR_WARN_ONCE = Path.of("/sys/kernel/debug/clear_warn_once");

    /** Syslog levels as the kernel uses them. */
    public static final int LEVEL_ERR = 3;
    public static final int LEVEL_WARNING = 4;
    public static final int LEVEL_NOTICE = 5;
    public static final int LEVEL_INFO = 6;

    private final Path device;

    public KmsgWriter() {
        this(KmsgReader.DEV_KMSG);
    }

    public KmsgWriter(Path device) {
        this.device = device;
    }

    /** Writes one line at the given level; embedded newlines are replaced by spaces (one record per call). */
    public void write(int level, String line) throws IOException {
        if (level < 0 || level > 7) {
            throw new IllegalArgumentException("syslog level out of range: " + level);
        }
        // The trailing newline matters: without it the kernel keeps the record open for a continuation
        // (LOG_CONT) and readers of /dev/kmsg do not see it until some other message is logged.
        String text = "<" + level + ">" + line.replace('\n', ' ').replace('\r', ' ') + "\n";
        try (FileOutputStream out = new FileOutputStream(device.toFile())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes several lines, one record each, at the same level. */
    public void writeAll(int level, List<String> lines) throws IOException {
        for (String line : lines) {
            write(level, line);
        }
    }

    /**
     * Re-arms WARN_ONCE() sites by writing 1 to debugfs {@code clear_warn_once}, when debugfs is mounted.
     *
     * @return true when the file was there and written
     */
    public static boolean clearWarnOnce() {
        return clearWarnOnce(CLEAR_WARN_ONCE);
    }

    static boolean clearWarnOnce(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            Files.writeString(file, "1");
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
