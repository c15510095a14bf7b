package org.krepro.runner.device;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The block devices of one test, held until {@link #close()}: loop devices over sparse image files (which
 * close detaches and deletes, unless asked to keep the images), or given devices (which close only
 * hands back).
 */
public interface DeviceSet extends AutoCloseable {

    List<Device> devices();

    /** The device nodes, in order (the first is the one fsck and mount name). */
    default List<Path> paths() {
        return devices().stream().map(Device::path).toList();
    }

    /** The image files behind the devices (empty for given devices). */
    default List<Path> images() {
        return devices().stream().map(Device::image).filter(java.util.Objects::nonNull).toList();
    }

    DeviceKind kind();

    /**
     * Keep the image files at close (sparse) instead of deleting them: moved into {@code dir}, or left in
     * the workspace's image directory when {@code dir} is null. Returns where they will be.
     */
    List<Path> keepImages(Path dir);

    /** Releases the devices; always safe to call again. */
    @Override
    void close() throws IOException;
}
