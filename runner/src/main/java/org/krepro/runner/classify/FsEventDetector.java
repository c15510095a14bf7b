package org.krepro.runner.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises filesystem and block-layer error messages of ext4/jbd2, XFS, btrfs and the block layer, one
 * line at a time, and gives each a short stable title (numbers and addresses replaced as in crash titles).
 *
 * <p>When a set of test devices is given, events naming another device are dropped (the host's own disks
 * are not the test's business); events naming no device are kept.
 */
final class FsEventDetector {
    private record Rule(String filesystem, Pattern pattern, FsEvent.Severity severity, Function<Matcher, String> title) {
    }

    private static final String DEV = "(?<dev>[^\\s():]+)";

    // ---- ext4 and jbd2 (fs/ext4/super.c __ext4_error / __ext4_warning / __ext4_std_error / __ext4_msg) --------
    /** "EXT4-fs error (device loop0): ext4_lookup:1812: inode #2: comm ls: ..." */
    private static final Pattern EXT4_ERROR = Pattern.compile(
            "EXT4-fs error \\(device " + DEV + "\\)(?::| in) (?<fn>[A-Za-z0-9_]+)(?::\\d+)?:? ?(?<msg>.*)");
    /**
     * ext4_warning() calls compiled only with CONFIG_EXT4_DEBUG, which report normal operation rather
     * than a problem: ext4_convert_unwritten_extents_endio's "Inode (N) finished: extent logical block ...;
     * IO logical block ..." fires whenever writeback converts part of a larger unwritten extent. Kernels
     * built for debugging (this 6.18 host, for one) print it all the time under fallocate + buffered writes.
     */
    private static final Pattern EXT4_DEBUG_ONLY = Pattern.compile(
            "ext4_convert_unwritten_extents_endio:\\d*:? ?Inode \\(\\d+\\) finished: extent logical block");

    /** "EXT4-fs warning (device loop0): ext4_dx_add_entry:2582: Directory index full!" */
    private static final Pattern EXT4_WARNING = Pattern.compile(
            "EXT4-fs warning \\(device " + DEV + "\\):? (?<fn>[A-Za-z0-9_]+)(?::\\d+)?:? ?(?<msg>.*)");
    /** "EXT4-fs (loop0): Remounting filesystem read-only" */
    private static final Pattern EXT4_READ_ONLY = Pattern.compile("EXT4-fs \\(" + DEV + "\\): Remounting filesystem read-only");
    /** "EXT4-fs (loop0): <message>" with an error word in it. */
    private static final Pattern EXT4_MSG = Pattern.compile("EXT4-fs \\(" + DEV + "\\): (?<msg>.*)");
    /** "EXT4-fs: ext4_xxx:123: aborting transaction: error 28 in __ext4_journal_start_sb" */
    private static final Pattern ABORTING_TRANSACTION = Pattern.compile(
            "aborting transaction: (?<err>.*?) in (?<fn>[A-Za-z0-9_]+)");
    /** "Aborting journal on device loop0-8." */
    private static final Pattern JBD2_ABORT = Pattern.compile("Aborting journal on device " + DEV + "\\.?");
    /** "JBD2: Detected IO errors while flushing file data on loop0-8", "JBD2: Error -5 detected when updating ..." */
    private static final Pattern JBD2_MSG = Pattern.compile("JBD2: (?<msg>.*)");

    // ---- XFS (fs/xfs/xfs_message.c: "XFS (dev): ...") ----------------------------------------------------------
    private static final Pattern XFS_MSG = Pattern.compile("XFS \\(" + DEV + "\\): (?<msg>.*)");
    private static final Pattern XFS_CORRUPTION_AT = Pattern.compile(
            "(?<what>Metadata corruption|Corruption of in-memory data|Metadata CRC error|Metadata I/O Error|Log I/O Error) .*?detected at (?<fn>[A-Za-z0-9_]+)");
    private static final Pattern XFS_METADATA_IO = Pattern.compile("metadata I/O error in \"(?<fn>[A-Za-z0-9_]+)");
    private static final Pattern XFS_INTERNAL = Pattern.compile("Internal error (?<what>[^ ]+) at line");
    /** Lines that continue the previous XFS message (advice and the dump of the bad buffer). */
    private static final Pattern XFS_FOLLOW_UP = Pattern.compile(
            "^(?:XFS \\([^)]+\\): (?:Unmount and run xfs_repair|First \\d+ bytes of corrupted metadata buffer:)"
                    + "|[0-9a-f]{8}: (?:[0-9a-f]{2} ){8})");
    private static final Pattern XFS_SHUTDOWN = Pattern.compile("(?i)shut(?:ting)? ?down|Log I/O Error|rectify the problem");

    // ---- btrfs (fs/btrfs/messages.c: "BTRFS <level> (device dev[: state X]): ...") ---------------------------
    private static final Pattern BTRFS_MSG = Pattern.compile(
            "BTRFS (?<level>critical|error|warning|info|emerg|alert|notice)? ?\\(device " + DEV + "[^)]*\\):? (?<msg>.*)");
    /** "BTRFS: error (device loop0: state A) in __btrfs_free_extent:3092: errno=-28 No space left" */
    private static final Pattern BTRFS_FS_ERROR = Pattern.compile(
            "BTRFS:? error \\(device " + DEV + "[^)]*\\) in (?<fn>[A-Za-z0-9_]+)(?::\\d+)?: errno=(?<errno>-?\\d+)");
    /** "BTRFS: Transaction aborted (error -28)" */
    private static final Pattern BTRFS_ABORT = Pattern.compile("BTRFS: Transaction aborted \\(error (?<errno>-?\\d+)\\)");
    /** Corrupted tree blocks: "corrupt leaf: root=5 block=... slot=0, invalid key ...", "corrupted node, root=... owner mismatch". */
    private static final Pattern BTRFS_CORRUPT = Pattern.compile("corrupt(?:ed)? (?<what>leaf|node)[,:]? ?(?<rest>.*)");
    private static final Pattern KEY_VALUE = Pattern.compile("\\b[a-z_]+=\\S*");

    // ---- block layer (block/blk-core.c, fs/buffer.c) -----------------------------------------------------------
    /** "I/O error, dev loop0, sector 2048 op 0x1:(WRITE) flags 0x800 ..." (older: "blk_update_request: I/O error, dev ...") */
    private static final Pattern IO_ERROR = Pattern.compile(
            "(?<kind>critical medium error|critical target error|I/O error), dev " + DEV + ", sector \\d+(?: op 0x[0-9a-f]+:\\((?<op>[A-Z_]+)\\))?");
    /** "Buffer I/O error on dev loop0, logical block 12, lost async page write" */
    private static final Pattern BUFFER_IO_ERROR = Pattern.compile(
            "Buffer I/O error on dev(?:ice)? " + DEV + ", logical block \\d+(?:, (?<what>.*))?");

    private static final Pattern ERROR_WORDS = Pattern.compile(
            "(?i)\\b(error|errors|failed|fail|corrupt\\w*|invalid|bad|abort\\w*|can't|cannot|unable|mismatch|shut\\w*)\\b"
                    + "|should not happen|will be lost");

    private static final int MAX_MESSAGE = 80;
    /** Block device names as they appear in messages (loop0, loop0-8 for a jbd2 journal, nvme0n1p2, sda1, vdb). */
    private static final Pattern DEVICE_NAME = Pattern.compile(
            "\\b(?:loop\\d+(?:p\\d+)?|nvme\\d+n\\d+(?:p\\d+)?|[shv]d[a-z]+\\d*|mmcblk\\d+(?:p\\d+)?|dm-\\d+|md\\d+|nbd\\d+)(?:-\\d+)?\\b");

    private final Set<String> devices;

    /** @param devices devices whose events are kept (empty: all) */
    FsEventDetector(Set<String> devices) {
        this.devices = Set.copyOf(devices);
    }

    /** Returns the event on this line, or null. {@code text} is the line without its printk prefix. */
    FsEvent detect(String text, int lineIndex) {
        Matcher m;
        if ((m = EXT4_ERROR.matcher(text)).find()) {
            return event("ext4", m.group("dev"), FsEvent.Severity.ERROR, "EXT4-fs error in " + m.group("fn") + ext4Message(m.group("msg")),
                    text, lineIndex);
        }
        if ((m = EXT4_WARNING.matcher(text)).find()) {
            if (EXT4_DEBUG_ONLY.matcher(text).find()) {
                return null;
            }
            return event("ext4", m.group("dev"), FsEvent.Severity.WARNING, "EXT4-fs warning in " + m.group("fn") + ext4Message(m.group("msg")),
                    text, lineIndex);
        }
        if ((m = EXT4_READ_ONLY.matcher(text)).find()) {
            return event("ext4", m.group("dev"), FsEvent.Severity.FATAL, "EXT4-fs: remounting filesystem read-only", text, lineIndex);
        }
        if ((m = ABORTING_TRANSACTION.matcher(text)).find()) {
            return event("ext4", "", FsEvent.Severity.FATAL, "EXT4-fs: aborting transaction in " + m.group("fn"), text, lineIndex);
        }
        if ((m = EXT4_MSG.matcher(text)).find()) {
            String msg = m.group("msg");
            if (msg.toLowerCase(Locale.ROOT).contains("warning")) {
                return event("ext4", m.group("dev"), FsEvent.Severity.WARNING, "EXT4-fs: " + shortMessage(msg), text, lineIndex);
            }
            if (ERROR_WORDS.matcher(msg).find()) {
                return event("ext4", m.group("dev"), FsEvent.Severity.ERROR, "EXT4-fs: " + shortMessage(msg), text, lineIndex);
            }
            return null;
        }
        if ((m = JBD2_ABORT.matcher(text)).find()) {
            return event("jbd2", m.group("dev"), FsEvent.Severity.FATAL, "JBD2: journal aborted", text, lineIndex);
        }
        if ((m = JBD2_MSG.matcher(text)).find()) {
            String msg = m.group("msg");
            if (!ERROR_WORDS.matcher(msg).find()) {
                return null;
            }
            Matcher dev = Pattern.compile("(?:on|for|device) (?<dev>[a-z][a-z0-9]*-\\d+)").matcher(msg);
            String d = dev.find() ? dev.group("dev") : "";
            FsEvent.Severity sev = msg.toLowerCase(Locale.ROOT).contains("abort") ? FsEvent.Severity.FATAL : FsEvent.Severity.ERROR;
            return event("jbd2", d, sev, "JBD2: " + shortMessage(msg), text, lineIndex);
        }
        if ((m = XFS_MSG.matcher(text)).find()) {
            return xfs(m.group("dev"), m.group("msg"), text, lineIndex);
        }
        if ((m = BTRFS_FS_ERROR.matcher(text)).find()) {
            return event("btrfs", m.group("dev"), FsEvent.Severity.FATAL,
                    "BTRFS: error in " + m.group("fn") + " (errno=" + m.group("errno") + ")", text, lineIndex);
        }
        if ((m = BTRFS_ABORT.matcher(text)).find()) {
            return event("btrfs", "", FsEvent.Severity.FATAL,
                    "BTRFS: Transaction aborted (error " + m.group("errno") + ")", text, lineIndex);
        }
        if ((m = BTRFS_MSG.matcher(text)).find()) {
            return btrfs(m.group("level"), m.group("dev"), m.group("msg"), text, lineIndex);
        }
        if ((m = IO_ERROR.matcher(text)).find()) {
            String op = m.group("op") == null ? "" : " (" + m.group("op") + ")";
            return event("block", m.group("dev"), FsEvent.Severity.ERROR, m.group("kind") + " on " + m.group("dev") + op, text, lineIndex);
        }
        if ((m = BUFFER_IO_ERROR.matcher(text)).find()) {
            String what = m.group("what") == null ? "" : " (" + m.group("what") + ")";
            return event("block", m.group("dev"), FsEvent.Severity.ERROR, "Buffer I/O error on " + m.group("dev") + what, text, lineIndex);
        }
        return null;
    }

    private FsEvent xfs(String dev, String msg, String text, int lineIndex) {
        Matcher m;
        if ((m = XFS_CORRUPTION_AT.matcher(msg)).find()) {
            FsEvent.Severity sev = XFS_SHUTDOWN.matcher(msg).find() ? FsEvent.Severity.FATAL : FsEvent.Severity.ERROR;
            return event("xfs", dev, sev, "XFS: " + m.group("what") + " in " + m.group("fn"), text, lineIndex);
        }
        if ((m = XFS_METADATA_IO.matcher(msg)).find()) {
            return event("xfs", dev, FsEvent.Severity.ERROR, "XFS: metadata I/O error in " + m.group("fn"), text, lineIndex);
        }
        if ((m = XFS_INTERNAL.matcher(msg)).find()) {
            return event("xfs", dev, FsEvent.Severity.ERROR, "XFS: internal error " + m.group("what"), text, lineIndex);
        }
        if (XFS_SHUTDOWN.matcher(msg).find()) {
            return event("xfs", dev, FsEvent.Severity.FATAL, "XFS: filesystem shut down", text, lineIndex);
        }
        if (msg.startsWith("Corruption") || msg.contains("xfs_repair") || ERROR_WORDS.matcher(msg).find()) {
            return event("xfs", dev, FsEvent.Severity.ERROR, "XFS: " + shortMessage(msg), text, lineIndex);
        }
        return null;
    }

    private FsEvent btrfs(String level, String dev, String msg, String text, int lineIndex) {
        String lvl = level == null ? "" : level;
        if (msg.startsWith("csum failed")) {
            // data or metadata checksum mismatch: the data on disk is not what was written
            return event("btrfs", dev, FsEvent.Severity.ERROR, "BTRFS: csum failed", text, lineIndex);
        }
        if (msg.matches("bdev \\S+ errs: .*")) {
            return event("btrfs", dev, FsEvent.Severity.ERROR, "BTRFS: device error counters", text, lineIndex);
        }
        Matcher m = BTRFS_CORRUPT.matcher(msg);
        if (m.find()) {
            String rest = KEY_VALUE.matcher(m.group("rest")).replaceAll("");
            String reason = "";
            for (String clause : rest.split("[,:]")) {
                String c = clause.trim();
                if (!c.isEmpty()) {
                    reason = TitleSanitizer.sanitize(c);
                    break;
                }
            }
            String head = "BTRFS " + (lvl.isEmpty() ? "error" : lvl) + ": corrupted " + m.group("what");
            FsEvent.Severity sev = lvl.equals("warning") ? FsEvent.Severity.WARNING : FsEvent.Severity.ERROR;
            return event("btrfs", dev, sev, reason.isEmpty() ? head : head + " (" + reason + ")", text, lineIndex);
        }
        if (msg.contains("forced readonly")) {
            return event("btrfs", dev, FsEvent.Severity.FATAL, "BTRFS: forced readonly", text, lineIndex);
        }
        switch (lvl) {
            case "critical", "emerg", "alert":
                return event("btrfs", dev, FsEvent.Severity.ERROR, "BTRFS critical: " + shortMessage(msg), text, lineIndex);
            case "error":
                return event("btrfs", dev, FsEvent.Severity.ERROR, "BTRFS error: " + shortMessage(msg), text, lineIndex);
            case "warning":
                return ERROR_WORDS.matcher(msg).find()
                        ? event("btrfs", dev, FsEvent.Severity.WARNING, "BTRFS warning: " + shortMessage(msg), text, lineIndex)
                        : null;
            default:
                return null;
        }
    }

    /** The message cut at its first clause, with device names, numbers and addresses replaced. */
    /**
     * The message of an ext4_error/ext4_warning as a title suffix: without the "inode #N: " and
     * "comm NAME: " (or "block N: ") context that __ext4_error_inode and friends put first, shortened like
     * other messages; "" when nothing is left.
     */
    static String ext4Message(String msg) {
        String s = EXT4_CONTEXT.matcher(msg == null ? "" : msg).replaceFirst("").trim();
        return s.isEmpty() ? "" : ": " + shortMessage(s);
    }

    /** "inode #12: ", "block 345: ", "comm umount: ", "pblk 7: " in any order at the start of an ext4 message. */
    private static final Pattern EXT4_CONTEXT = Pattern.compile("^(?:(?:inode #?\\d+|block \\d+|pblk \\d+|lblock \\d+|comm \\S+):\\s+)+");

    static String shortMessage(String msg) {
        String s = DEVICE_NAME.matcher(msg).replaceAll("DEV");
        s = KEY_VALUE.matcher(s).replaceAll("").replaceAll("\\s+", " ").trim();
        int cut = indexOfAny(s, ": ", ", ", "; ");
        if (cut > 10) {
            s = s.substring(0, cut);
        }
        s = TitleSanitizer.sanitize(s);
        if (s.length() > MAX_MESSAGE) {
            int space = s.lastIndexOf(' ', MAX_MESSAGE);
            s = s.substring(0, space > 20 ? space : MAX_MESSAGE);
        }
        return s;
    }

    private static int indexOfAny(String s, String... seps) {
        int best = -1;
        for (String sep : seps) {
            int i = s.indexOf(sep);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private FsEvent event(String fs, String device, FsEvent.Severity sev, String title, String text, int lineIndex) {
        String dev = device == null ? "" : device.replaceFirst("[.,;]+$", "");
        if (!dev.isEmpty() && !devices.isEmpty() && !devices.contains(dev) && !devices.contains(baseDevice(dev))) {
            return null;
        }
        return new FsEvent(TitleSanitizer.clean(title), fs, dev, sev, lineIndex, List.of(text));
    }

    /** "loop0p1" -> "loop0", "nvme0n1p2" -> "nvme0n1", "sda3" -> "sda", "loop0-8" (jbd2) -> "loop0". */
    static String baseDevice(String dev) {
        String d = dev.replaceFirst("-\\d+$", "");
        if (d.matches("(loop|nvme\\d+n|mmcblk|nbd)\\d+p\\d+")) {
            return d.replaceFirst("p\\d+$", "");
        }
        if (d.matches("[shv]d[a-z]+\\d+")) {
            return d.replaceFirst("\\d+$", "");
        }
        return d;
    }

    /** All events in the lines; XFS follow-up lines (advice, buffer dump) join the event they follow. */
    List<FsEvent> detectAll(List<ConsoleLine> lines) {
        List<FsEvent> out = new ArrayList<>();
        int lastEventLine = -10;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).text();
            if (!out.isEmpty() && out.getLast().filesystem().equals("xfs") && i - lastEventLine <= 1
                    && XFS_FOLLOW_UP.matcher(text).find()) {
                FsEvent prev = out.removeLast();
                List<String> joined = new ArrayList<>(prev.lines());
                joined.add(text);
                out.add(new FsEvent(prev.title(), prev.filesystem(), prev.device(), prev.severity(), prev.lineIndex(), joined));
                lastEventLine = i;
                continue;
            }
            FsEvent e = detect(text, i);
            if (e != null) {
                out.add(e);
                lastEventLine = i;
            }
        }
        return out;
    }
}
