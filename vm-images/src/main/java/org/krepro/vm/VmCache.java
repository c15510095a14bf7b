package org.krepro.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.krepro.runner.io.FileTrees;

/**
 * Where krepro keeps what it fetches and builds for guests: {@code $KREPRO_CACHE}, or
 * /var/cache/krepro (root) or ~/.cache/krepro. Subdirectories: kernels/NAME (unpacked Debian kernel
 * packages), initramfs/ (cpio layers named by the content hash of their inputs), runtime/ (jlinked JDKs).
 */
public record VmCache(Path root) {

    public static VmCache defaultCache() {
        String env = System.getenv("KREPRO_CACHE");
        if (env != null && !env.isBlank()) {
            return new VmCache(Path.of(env));
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return new VmCache(Path.of("/var/cache/krepro"));
        }
        return new VmCache(Path.of(System.getProperty("user.home"), ".cache", "krepro"));
    }

    public Path kernels() throws IOException {
        return Files.createDirectories(root.resolve("kernels"));
    }

    public Path initramfs() throws IOException {
        return Files.createDirectories(root.resolve("initramfs"));
    }

    public Path runtime() throws IOException {
        return Files.createDirectories(root.resolve("runtime"));
    }

    /** Facts valid until the host reboots (the KVM probe); /run is cleared at boot anyway. */
    public Path perBoot() throws IOException {
        return Files.createDirectories(root.resolve("per-boot"));
    }

    /**
     * Keeps the {@code keep} most recently used cache entries named {@code prefix<key>.*} in {@code dir}
     * (an entry in use is touched) and deletes the others, every file of an entry together; an entry
     * may be a directory, deleted with its tree.
     */
    public static void prune(Path dir, String prefix, int keep) throws IOException {
        Map<String, List<Path>> entries = new TreeMap<>();
        Map<String, Long> used = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                String name = p.getFileName().toString();
                int dot = name.indexOf('.');
                String key = dot < 0 ? name : name.substring(0, dot);
                entries.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
                used.merge(key, Files.getLastModifiedTime(p).toMillis(), Math::max);
            }
        }
        List<String> oldestFirst = new ArrayList<>(entries.keySet());
        oldestFirst.sort(Comparator.comparing(used::get));
        for (String key : oldestFirst.subList(0, Math.max(0, oldestFirst.size() - keep))) {
            for (Path p : entries.get(key)) {
                FileTrees.delete(p); // a file, or a directory entry (a jlinked runtime) with its tree
            }
        }
    }

    /** Marks a cache entry as just used, for {@link #prune}. */
    public static void touch(Path entry) throws IOException {
        Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
    }
}
