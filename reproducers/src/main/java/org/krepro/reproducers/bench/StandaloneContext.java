package org.krepro.reproducers.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.krepro.runner.engine.RunningTest;
import org.krepro.runner.spi.FsConfig;

/**
 * The runner's {@link RunningTest} over a filesystem someone else mounted: what the reproducers'
 * benchmark and their unit tests hand a reproducer. Findings and notes are collected.
 */
public final class StandaloneContext extends RunningTest {

    public StandaloneContext(FsConfig config, Path mountPoint, List<Path> devices, long seed, Path scratch,
                             Duration duration, long maxIterations) {
        super(config, seed, scratch, duration, maxIterations);
        mounted(mountPoint);
        devices(devices);
    }
}
