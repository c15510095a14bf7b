package org.krepro.runner.device;

import java.io.IOException;

/** Where a test's block devices come from: loop devices krepro creates, or devices given to it. */
public interface DeviceSource {

    DeviceKind kind();

    /**
     * Provides {@code count} devices of at least {@code bytesEach} bytes for one test.
     *
     * @param testId       the test's unique id ({@link Workspace#newId}); names its image files
     * @param loopDirectIo attach loop devices with direct I/O on the backing file (ignored for given devices)
     * @throws org.krepro.runner.spi.TestSkipped when the source cannot provide that many devices
     */
    DeviceSet acquire(String testId, int count, long bytesEach, boolean loopDirectIo) throws IOException;
}
