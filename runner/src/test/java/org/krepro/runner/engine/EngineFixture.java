package org.krepro.runner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.krepro.runner.spi.Filesystem;

/** Builds engines on a private work directory and checks that nothing of it is left on the host. */
final class EngineFixture {
    private EngineFixture() {
    }

    static RunOptions options(Path dir, Duration duration) {
        return new RunOptions(Set.of(), Set.<Filesystem>of(), Set.of(), duration, Long.MAX_VALUE, 0x5eedL,
                dir.resolve("reports"), dir.resolve("work"), false, false, List.of(), Duration.ofSeconds(60));
    }

    /** Loop devices whose backing file lies under {@code dir}, and mounts under it. */
    static List<String> leftovers(Path dir) throws IOException {
        String root = dir.toRealPath().toString();
        List<String> out = new java.util.ArrayList<>();
        try (var blocks = Files.list(Path.of("/sys/block"))) {
            for (Path b : blocks.filter(p -> p.getFileName().toString().startsWith("loop")).toList()) {
                Path backing = b.resolve("loop/backing_file");
                if (Files.exists(backing)) {
                    String f = Files.readString(backing).trim();
                    if (f.startsWith(root)) {
                        out.add(b.getFileName() + " -> " + f);
                    }
                }
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 1 && f[1].startsWith(root)) {
                out.add("mount " + f[0] + " on " + f[1]);
            }
        }
        return out;
    }

    static void assertNothingLeft(Path dir) throws IOException {
        assertEquals(List.of(), leftovers(dir), "loop devices or mounts left behind");
    }
}
