package org.krepro.vm.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.krepro.runner.io.Processes;

/**
 * Which of the drivers and filesystems a guest needs are built into a kernel, which are modules, and in
 * what order the modules load.
 *
 * <p>Sources: an installed/unpacked modules dir (lib/modules/REL with modules.builtin and modules.dep) or
 * a build tree (modules.builtin, modules.order and the .ko files, dependencies from {@code modinfo -F
 * depends}). Compressed modules (.ko.xz/.ko.zst/.ko.gz, e.g. Debian 6.12) are decompressed on the host
 * when the initramfs is built, so the guest loads plain .ko files with busybox insmod (init_module)
 * whether or not the kernel has CONFIG_MODULE_DECOMPRESS: one code path for every kernel.
 */
public final class KernelModules {

    /** The disk drivers every guest loads. */
    public static final List<String> DRIVERS = List.of("nvme_core", "nvme", "virtio", "virtio_ring", "virtio_pci", "virtio_blk");

    /**
     * What each filesystem needs beyond its module's own dependencies (checksums and compressors it
     * looks up by name at mount time). Loading xfs takes about 2.3 s of a TCG guest and btrfs about
     * 1.3 s (xor and raid6_pq benchmark themselves when they load): a guest loads only what its run uses.
     */
    public static final Map<String, List<String>> FOR_FS = orderedFsModules();

    private static Map<String, List<String>> orderedFsModules() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("ext4", List.of("crc32c_generic", "ext4"));
        m.put("xfs", List.of("crc32c_generic", "libcrc32c", "xfs"));
        m.put("btrfs", List.of("crc32c_generic", "libcrc32c", "xor", "raid6_pq", "zstd_compress", "btrfs"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The drivers and filesystems krepro guests use, in the order they are wanted: every filesystem's. */
    public static final List<String> WANTED = wantedFor(FOR_FS.keySet());

    /**
     * The wanted names a run on {@code filesystems} needs ({@link #WANTED} when empty: every filesystem).
     * ext4's always: the guest's own disks (results, java) are ext4, where a kernel has it as a module.
     */
    public static List<String> wantedFor(Set<String> filesystems) {
        if (filesystems.isEmpty() || !FOR_FS.keySet().containsAll(filesystems)) {
            return wantedFor(FOR_FS.keySet());
        }
        LinkedHashSet<String> out = new LinkedHashSet<>(DRIVERS);
        out.addAll(FOR_FS.get("ext4"));
        FOR_FS.forEach((fs, modules) -> {
            if (filesystems.contains(fs)) {
                out.addAll(modules);
            }
        });
        return List.copyOf(out);
    }

    public enum Status { BUILTIN, MODULE, ABSENT }

    /** One wanted name's status, and the module file (relative to the modules dir) when it is a module. */
    public record Entry(String name, Status status, String file) {
    }

    private final Path dir;
    private final Set<String> builtin = new LinkedHashSet<>();
    /** name -> relative path of the module file. */
    private final Map<String, String> files = new HashMap<>();
    /** name -> names it depends on (direct or full, both fine for the topological sort). */
    private final Map<String, List<String>> deps = new HashMap<>();
    private final boolean buildTree;

    private KernelModules(Path dir, boolean buildTree) {
        this.dir = dir;
        this.buildTree = buildTree;
    }

    public static KernelModules of(GuestKernel kernel) throws IOException {
        Path dir = kernel.modulesDir();
        if (dir == null) {
            return new KernelModules(null, false);
        }
        boolean tree = Files.isRegularFile(dir.resolve("Makefile")) && Files.isRegularFile(dir.resolve("modules.order"));
        KernelModules km = new KernelModules(dir, tree);
        km.load();
        return km;
    }

    /** "fs/xfs/xfs.ko.xz" -> "xfs"; dashes become underscores as the kernel does. */
    public static String nameOf(String path) {
        String f = path.substring(path.lastIndexOf('/') + 1);
        int i = f.indexOf(".ko");
        if (i < 0) {
            i = f.indexOf(".o");
        }
        return (i < 0 ? f : f.substring(0, i)).replace('-', '_');
    }

    private void load() throws IOException {
        Path b = dir.resolve("modules.builtin");
        if (Files.isRegularFile(b)) {
            for (String line : Files.readAllLines(b)) {
                if (!line.isBlank()) {
                    builtin.add(nameOf(line.trim()));
                }
            }
        }
        Path dep = dir.resolve("modules.dep");
        if (!buildTree && Files.isRegularFile(dep)) {
            for (String line : Files.readAllLines(dep)) {
                int c = line.indexOf(':');
                if (c < 0) {
                    continue;
                }
                String file = line.substring(0, c).trim();
                String name = nameOf(file);
                files.put(name, file);
                List<String> d = new ArrayList<>();
                for (String x : line.substring(c + 1).trim().split("\\s+")) {
                    if (!x.isBlank()) {
                        d.add(nameOf(x));
                    }
                }
                deps.put(name, d);
            }
        } else if (buildTree) {
            for (String line : Files.readAllLines(dir.resolve("modules.order"))) {
                String rel = line.trim();
                if (rel.isEmpty()) {
                    continue;
                }
                if (rel.endsWith(".o")) {
                    rel = rel.substring(0, rel.length() - 2) + ".ko";
                }
                files.put(nameOf(rel), rel);
            }
        } else {
            // A modules dir without modules.dep: index the files and ask modinfo for dependencies.
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.getFileName().toString().contains(".ko"))
                        .forEach(p -> files.put(nameOf(p.toString()), dir.relativize(p).toString()));
            }
        }
    }

    private List<String> depsOf(String name) throws IOException {
        List<String> d = deps.get(name);
        if (d != null) {
            return d;
        }
        Processes.Result r = Processes.runMerged(List.of("modinfo", "-F", "depends", dir.resolve(files.get(name)).toString()), null, 60);
        d = new ArrayList<>();
        if (r.ok()) {
            for (String x : r.output().trim().split(",")) {
                if (!x.isBlank()) {
                    d.add(x.trim().replace('-', '_'));
                }
            }
        }
        deps.put(name, d);
        return d;
    }

    public Status status(String name) {
        String n = name.replace('-', '_');
        if (builtin.contains(n)) {
            return Status.BUILTIN;
        }
        return files.containsKey(n) ? Status.MODULE : Status.ABSENT;
    }

    /** Status of every wanted name. */
    public List<Entry> report(List<String> wanted) {
        List<Entry> out = new ArrayList<>();
        for (String w : wanted) {
            Status s = status(w);
            out.add(new Entry(w, s, s == Status.MODULE ? files.get(w.replace('-', '_')) : null));
        }
        return out;
    }

    /** The module files (relative paths) to load, dependencies first. Built-in and absent names are skipped. */
    public List<String> loadOrder(List<String> wanted) throws IOException {
        LinkedHashMap<String, String> order = new LinkedHashMap<>();
        for (String w : wanted) {
            visit(w.replace('-', '_'), order, new LinkedHashSet<>());
        }
        return new ArrayList<>(order.values());
    }

    private void visit(String name, LinkedHashMap<String, String> order, Set<String> path) throws IOException {
        if (order.containsKey(name) || builtin.contains(name) || !files.containsKey(name) || !path.add(name)) {
            return;
        }
        for (String d : depsOf(name)) {
            visit(d, order, path);
        }
        order.put(name, files.get(name));
    }

    public Path dir() {
        return dir;
    }

    /** One line per wanted name: "xfs: module kernel/fs/xfs/xfs.ko.xz", "ext4: built-in". */
    public String describe(List<String> wanted) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : report(wanted)) {
            sb.append(e.name()).append(": ").append(switch (e.status()) {
                case BUILTIN -> "built-in";
                case MODULE -> "module " + e.file();
                case ABSENT -> "absent";
            }).append('\n');
        }
        return sb.toString();
    }
}
