package org.krepro.runner.device;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.io.Processes;

/**
 * Sparse image files in the workspace's image directory, attached to loop devices. Every image and loop
 * device is recorded in the state directory before it exists and the record removed once it is gone.
 */
final class LoopDeviceSource implements DeviceSource {
    private final Workspace ws;

    LoopDeviceSource(Workspace ws) {
        this.ws = ws;
    }

    @Override
    public DeviceKind kind() {
        return DeviceKind.LOOP;
    }

    @Override
    public DeviceSet acquire(String testId, int count, long bytesEach, boolean loopDirectIo) throws IOException {
        LoopSet set = new LoopSet(ws, testId);
        ws.track(set);
        try {
            for (int i = 0; i < count; i++) {
                set.add(i, bytesEach, loopDirectIo);
            }
        } catch (IOException | RuntimeException e) {
            try {
                set.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return set;
    }

    private static final class LoopSet implements DeviceSet {
        private final Workspace ws;
        private final String id;
        private final List<Device> devices = new ArrayList<>();
        private final List<ResourceRecord> imageRecords = new ArrayList<>();
        private final List<ResourceRecord> loopRecords = new ArrayList<>();
        private boolean keep;
        private Path keepDir;
        private boolean closed;

        LoopSet(Workspace ws, String id) {
            this.ws = ws;
            this.id = id;
        }

        synchronized void add(int index, long bytes, boolean directIo) throws IOException {
            String rid = id + "-" + index;
            Path image = ws.imageDir().resolve(rid + ".img");
            ResourceRecord imageRec = ResourceRecord.create(ResourceRecord.Kind.IMAGE, rid, image, null);
            ws.state().write(imageRec);
            imageRecords.add(imageRec);
            try (RandomAccessFile f = new RandomAccessFile(Files.createFile(image).toFile(), "rw")) {
                f.setLength(bytes); // sparse: no blocks allocated
            }
            ws.log("created sparse image " + image + " (" + bytes / (1024 * 1024) + " MiB)");
            ResourceRecord loopRec = ResourceRecord.create(ResourceRecord.Kind.LOOP, rid, image, null);
            ws.state().write(loopRec);
            loopRecords.add(loopRec);
            Path dev = LoopDevices.attach(image, directIo, ws.logger());
            ResourceRecord attached = loopRec.withDevice(dev);
            loopRecords.set(loopRecords.size() - 1, attached);
            devices.add(new Device(dev, DeviceKind.LOOP, image));
            ws.state().write(attached);
        }

        @Override
        public synchronized List<Device> devices() {
            return List.copyOf(devices);
        }

        @Override
        public DeviceKind kind() {
            return DeviceKind.LOOP;
        }

        @Override
        public synchronized List<Path> keepImages(Path dir) {
            keep = true;
            keepDir = dir;
            List<Path> where = new ArrayList<>();
            for (ResourceRecord r : imageRecords) {
                where.add(dir == null ? r.path() : dir.resolve(r.path().getFileName()));
            }
            return where;
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = null;
            for (ResourceRecord r : loopRecords) {
                try {
                    for (Path dev : LoopDevices.boundTo(r.path())) {
                        if (r.device() == null || dev.equals(r.device())) {
                            LoopDevices.detach(dev, r.path(), ws.logger());
                        }
                    }
                    if (LoopDevices.boundTo(r.path()).isEmpty()) {
                        ws.state().remove(r);
                    } else {
                        ws.log("warning: " + r.device() + " is still bound to " + r.path()
                                + " (in use; the kernel detaches it when released); record kept");
                    }
                } catch (IOException e) {
                    failure = chain(failure, e);
                }
            }
            for (ResourceRecord r : imageRecords) {
                try {
                    if (keep) {
                        Path kept = keepDir == null ? r.path() : moveSparse(r.path(), keepDir);
                        ws.log("kept image " + kept);
                    } else if (Files.deleteIfExists(r.path())) {
                        ws.log("deleted image " + r.path());
                    }
                    ws.state().remove(r);
                } catch (IOException e) {
                    failure = chain(failure, e);
                }
            }
            ws.untrack(this);
            if (failure != null) {
                throw failure;
            }
        }

        private Path moveSparse(Path image, Path dir) throws IOException {
            Files.createDirectories(dir);
            Path target = dir.resolve(image.getFileName());
            if (Files.getFileStore(dir).equals(Files.getFileStore(image))) {
                return Files.move(image, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Processes.check(List.of("cp", "--sparse=always", image.toString(), target.toString()), ws.logger());
            Files.delete(image);
            return target;
        }

        private static IOException chain(IOException first, IOException next) {
            if (first == null) {
                return next;
            }
            first.addSuppressed(next);
            return first;
        }

        @Override
        public String toString() {
            return "loop devices " + devices;
        }
    }
}
