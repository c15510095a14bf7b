package org.krepro.runner.device;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;

/**
 * One resource krepro created, as written to the workspace's state directory before (or right after) it
 * exists and removed when it is released.
 *
 * @param kind    image file, loop device or mount
 * @param id      unique id; the record's file name is {@code kind-id.rec}
 * @param path    the image file, the mount point, or (for a loop device) its backing image file
 * @param device  the loop device or the mounted device, or null when not known yet
 * @param owner   the process that created it
 * @param created when the record was written
 */
public record ResourceRecord(Kind kind, String id, Path path, Path device, OwnerProcess owner, Instant created) {

    public enum Kind {
        IMAGE, LOOP, MOUNT
    }

    public ResourceRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(created, "created");
    }

    public static ResourceRecord create(Kind kind, String id, Path path, Path device) {
        return new ResourceRecord(kind, id, path, device, OwnerProcess.current(), Instant.now());
    }

    public ResourceRecord withDevice(Path dev) {
        return new ResourceRecord(kind, id, path, dev, owner, created);
    }

    public String fileName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + id + ".rec";
    }

    String serialize() {
        Properties p = new Properties();
        p.setProperty("kind", kind.name());
        p.setProperty("id", id);
        p.setProperty("path", path.toString());
        if (device != null) {
            p.setProperty("device", device.toString());
        }
        p.setProperty("owner.pid", Long.toString(owner.pid()));
        p.setProperty("owner.starttime", Long.toString(owner.startTime()));
        p.setProperty("created", created.toString());
        StringWriter w = new StringWriter();
        try {
            p.store(w, "krepro resource record");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static ResourceRecord parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        try {
            String dev = p.getProperty("device");
            return new ResourceRecord(Kind.valueOf(p.getProperty("kind")), p.getProperty("id"),
                    Path.of(p.getProperty("path")), dev == null ? null : Path.of(dev),
                    new OwnerProcess(Long.parseLong(p.getProperty("owner.pid")),
                            Long.parseLong(p.getProperty("owner.starttime"))),
                    Instant.parse(p.getProperty("created")));
        } catch (RuntimeException e) {
            throw new IOException("malformed resource record: " + e.getMessage(), e);
        }
    }
}
