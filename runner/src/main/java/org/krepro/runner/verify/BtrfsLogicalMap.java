package org.krepro.runner.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a btrfs logical address (what FIEMAP returns on btrfs) to a device and offset with
 * {@code btrfs-map-logical}, which reads the chunk tree from the device (mounted or not).
 */
final class BtrfsLogicalMap {
    private static final Pattern MIRROR = Pattern.compile("mirror 1 logical (\\d+) physical (\\d+) device (\\S+)");

    private BtrfsLogicalMap() {
    }

    /** The first mirror's device and offset of {@code logical}, or empty when the tool cannot say. */
    static Optional<DeviceLocation> map(long logical, List<Path> devices, Extent extent, String note) {
        if (devices.isEmpty()) {
            return Optional.empty();
        }
        try {
            // A data chunk allocated since the last transaction commit is not in the on-disk chunk tree
            // yet (fsync only writes the log tree): commit first, so that the tool can see it.
            new ProcessBuilder("sync").start().waitFor(60, TimeUnit.SECONDS);
            Process p = new ProcessBuilder("btrfs-map-logical", "-l", Long.toString(logical), devices.getFirst().toString())
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = MIRROR.matcher(out);
            if (!m.find()) {
                return Optional.empty();
            }
            String n = "btrfs logical " + logical + " mapped by btrfs-map-logical" + (note.isEmpty() ? "" : "; " + note);
            return Optional.of(new DeviceLocation(m.group(3), Long.parseLong(m.group(2)), extent, n));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
