package org.krepro.reproducers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The running kernel's build configuration (/proc/config.gz or /boot/config-RELEASE), when readable. */
public final class KernelConfig {
    private KernelConfig() {
    }

    /** Whether {@code option} (e.g. {@code CONFIG_EXT4_DEBUG}) is {@code =y}; false when the config is not readable. */
    public static boolean enabled(String option) {
        String text = text();
        return text.startsWith(option + "=y\n") || text.contains("\n" + option + "=y\n");
    }

    static String text() {
        for (Path p : List.of(Path.of("/proc/config.gz"), Path.of("/boot/config-" + System.getProperty("os.version")))) {
            try {
                byte[] raw = Files.readAllBytes(p);
                if (p.toString().endsWith(".gz")) {
                    raw = new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes();
                }
                return new String(raw, StandardCharsets.UTF_8);
            } catch (IOException e) {
                // try the next one
            }
        }
        return "";
    }
}
