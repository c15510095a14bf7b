package org.krepro.runner.kmsg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record of the kernel log as read from /dev/kmsg
 * (Documentation/ABI/testing/dev-kmsg): {@code "prio,seq,ts_usec,flags[,...];message\n"} followed by
 * optional continuation lines {@code " KEY=value\n"} (SUBSYSTEM=, DEVICE=, ...).
 *
 * @param facility    syslog facility ({@code prio >> 3}); 0 is the kernel, 1 is user space (e.g. our markers)
 * @param level       syslog level ({@code prio & 7}); 0 emerg ... 4 warning ... 7 debug
 * @param sequence    64-bit record sequence number; a jump means records were lost (overwritten)
 * @param timestampMicros monotonic timestamp in microseconds since boot
 * @param flags       the flags field: {@code '-'} for a complete record, {@code 'c'} for the first fragment of a
 *                    continued line (older kernels)
 * @param caller      the printk caller id with CONFIG_PRINTK_CALLER ("T1234" for a task, "C1" for a CPU in
 *                    interrupt context), or "" when the kernel does not record it
 * @param message     the message, with the kernel's {@code \xNN} escapes decoded; may contain newlines
 * @param dictionary  the continuation KEY=value pairs, in order
 */
public record KmsgRecord(int facility, int level, long sequence, long timestampMicros, String flags,
                         String caller, String message, Map<String, String> dictionary) {

    public KmsgRecord {
        dictionary = Collections.unmodifiableMap(new LinkedHashMap<>(dictionary));
    }

    /** The raw prio value: {@code facility << 3 | level}. */
    public int priority() {
        return facility << 3 | level;
    }

    /** True for records written by the kernel itself (facility 0), false for user-space writes to /dev/kmsg. */
    public boolean fromKernel() {
        return facility == 0;
    }

    /**
     * Parses one record exactly as a single read() from /dev/kmsg returns it.
     *
     * @throws IllegalArgumentException when the text is not a kmsg record
     */
    public static KmsgRecord parse(String raw) {
        int semi = raw.indexOf(';');
        if (semi < 0) {
            throw new IllegalArgumentException("not a kmsg record (no ';'): " + abbreviate(raw));
        }
        String[] header = raw.substring(0, semi).split(",");
        if (header.length < 4) {
            throw new IllegalArgumentException("not a kmsg record (header has < 4 fields): " + abbreviate(raw));
        }
        int prio;
        long seq;
        long ts;
        try {
            prio = Integer.parseInt(header[0]);
            seq = Long.parseLong(header[1]);
            ts = Long.parseLong(header[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a kmsg record (bad number): " + abbreviate(raw), e);
        }
        String rest = raw.substring(semi + 1);
        // The message ends at the first real newline; continuation lines start with a space.
        int nl = rest.indexOf('\n');
        String escaped = nl < 0 ? rest : rest.substring(0, nl);
        Map<String, String> dict = new LinkedHashMap<>();
        if (nl >= 0) {
            for (String cont : rest.substring(nl + 1).split("\n")) {
                if (cont.startsWith(" ")) {
                    String kv = unescape(cont.substring(1));
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        dict.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
            }
        }
        String caller = "";
        for (int i = 4; i < header.length; i++) {
            if (header[i].startsWith("caller=")) {
                caller = header[i].substring("caller=".length());
            }
        }
        return new KmsgRecord(prio >> 3, prio & 7, seq, ts, header[3], caller, unescape(escaped), dict);
    }

    /** The message split into lines (a record may carry an escaped newline). */
    public List<String> messageLines() {
        List<String> out = new ArrayList<>();
        for (String s : message.split("\n", -1)) {
            out.add(s);
        }
        if (out.size() > 1 && out.getLast().isEmpty()) {
            out.removeLast();
        }
        return out;
    }

    /**
     * The record as the kernel prints it on a console: {@code "[   12.345678] message"}, or with a caller id
     * {@code "[   12.345678][ T1234] message"}, one string per line of the message. This is the form the
     * classifier reads, so kmsg and serial-console logs share one path (and caller ids keep reports printed
     * concurrently by different tasks apart).
     */
    public List<String> toConsoleLines() {
        String prefix = String.format("[%5d.%06d]", timestampMicros / 1_000_000, timestampMicros % 1_000_000)
                + (caller.isEmpty() ? "" : String.format("[%6s]", caller)) + " ";
        List<String> out = new ArrayList<>();
        for (String line : messageLines()) {
            out.add(prefix + line);
        }
        return out;
    }

    /** Decodes the kernel's {@code \xNN} escapes (used for non-printable bytes and for backslash itself). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\\' && i + 3 < in.length && in[i + 1] == 'x' && hex(in[i + 2]) >= 0 && hex(in[i + 3]) >= 0) {
                out.write(hex(in[i + 2]) << 4 | hex(in[i + 3]));
                i += 3;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
