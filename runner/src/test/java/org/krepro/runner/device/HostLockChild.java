package org.krepro.runner.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Holds the host lock at args[0] and says so in args[1], until killed. Started by {@link HostLockTest}. */
public final class HostLockChild {
    private HostLockChild() {
    }

    public static void main(String[] args) throws Exception {
        HostLock lock = HostLock.acquire(Path.of(args[0]), Duration.ZERO, "the child's run", s -> { });
        Files.writeString(Path.of(args[1]), "held");
        Thread.sleep(600_000);
        lock.close();
    }
}
