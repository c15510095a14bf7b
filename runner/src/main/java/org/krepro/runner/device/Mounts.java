package org.krepro.runner.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.krepro.runner.io.ProcessFailedException;
import org.krepro.runner.io.Processes;

/** The mount table (/proc/self/mounts) and umount(8) with retries. */
public final class Mounts {
    private static final Path PROC_MOUNTS = Path.of("/proc/self/mounts");
    private static final int UMOUNT_ATTEMPTS = 5;

    private Mounts() {
    }

    /** One line of /proc/self/mounts. */
    public record Entry(String source, Path target, String type, String options) {
    }

    /** How a mount went away. */
    public enum Unmounted {
        /** It was not mounted. */
        NOT_MOUNTED,
        /** umount succeeded. */
        CLEAN,
        /** umount kept failing (busy): detached lazily with umount -l; the superblock may live on. */
        LAZY
    }

    public static List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(PROC_MOUNTS)) {
            String[] f = line.split(" ");
            if (f.length >= 4) {
                out.add(new Entry(unescape(f[0]), Path.of(unescape(f[1])), f[2], f[3]));
            }
        }
        return out;
    }

    /** The mounts whose target is at or below {@code root}. */
    public static List<Entry> under(Path root) throws IOException {
        Path r = LoopDevices.canonical(root);
        return list().stream().filter(e -> e.target().startsWith(r)).toList();
    }

    public static boolean isMounted(Path target) throws IOException {
        Path t = LoopDevices.canonical(target);
        return list().stream().anyMatch(e -> e.target().equals(t));
    }

    /** True when one of these devices is the source of a mount. */
    public static boolean anyMounted(List<Path> devices) throws IOException {
        List<String> names = devices.stream().map(d -> LoopDevices.canonical(d).toString()).toList();
        return list().stream().anyMatch(e -> names.contains(e.source()));
    }

    /**
     * Unmounts {@code target} (every mount stacked on it): umount, retried while busy, then {@code umount -l}
     * as the last resort.
     */
    public static Unmounted unmount(Path target, Consumer<String> log) throws IOException {
        Path t = LoopDevices.canonical(target);
        if (!isMounted(t)) {
            return Unmounted.NOT_MOUNTED;
        }
        Processes.Result last = null;
        for (int attempt = 1; attempt <= UMOUNT_ATTEMPTS && isMounted(t); attempt++) {
            last = Processes.run(List.of("umount", t.toString()), log).ran();
            if (last.ok()) {
                continue; // another mount may be stacked on the same point
            }
            if (!isMounted(t)) {
                break;
            }
            log.accept("umount " + t + " failed (attempt " + attempt + "/" + UMOUNT_ATTEMPTS + "): "
                    + last.stderr().strip());
            sleep(200L * attempt);
        }
        if (!isMounted(t)) {
            return Unmounted.CLEAN;
        }
        log.accept("warning: " + t + " is still busy; detaching it lazily with umount -l");
        for (int i = 0; i < 8 && isMounted(t); i++) {
            Processes.Result lazy = Processes.run(List.of("umount", "-l", t.toString()), log).ran();
            if (!lazy.ok() && isMounted(t)) {
                throw new ProcessFailedException(lazy, "cannot unmount " + t
                        + (last == null ? "" : " (umount said: " + last.stderr().strip() + ")"));
            }
        }
        return Unmounted.LAZY;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Decodes the octal escapes of /proc/mounts (\040 space, \011 tab, \012 newline, \134 backslash). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
