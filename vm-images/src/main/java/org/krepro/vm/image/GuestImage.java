package org.krepro.vm.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.io.Processes;
import org.krepro.vm.VmCache;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.KernelModules;

/**
 * Builds what a guest boots with, each piece cached under CACHE/initramfs by the SHA-256 of its inputs:
 * an initrd of concatenated cpio layers (the kernel unpacks concatenated archives in order) and a
 * read-only "java disk".
 * <ol>
 *   <li>base: busybox-static (+ applet links in /bin), the mkfs/fsck tools for ext4/xfs/btrfs with their
 *       ldd closure and the dynamic loader, /etc files, and /init;</li>
 *   <li>modules: the chosen kernel's modules for nvme/virtio/ext4/xfs/btrfs and dependencies
 *       (decompressed) plus /krepro/modules.list in load order;</li>
 *   <li>run: /krepro/run.env (uncached; a few hundred bytes);</li>
 *   <li>the java disk ({@link #javaDisk}): an ext4 image with the jlinked JDK runtime, krepro.jar and
 *       its AOT cache, which /init mounts read-only. Kept out of the initrd because the kernel's
 *       boot waits for the initrd's unpacking (a built-in crypto self-test asks for a module, and the
 *       module helper waits for the rootfs): 165 MiB unpacked cost 0.7-1.4 s before /init, while the
 *       JVM reads only the pages it touches from a disk.</li>
 * </ol>
 * Containers take the base layer, {@link #runtimeLayer} and {@link #jarLayer} as their root filesystem.
 */
public final class GuestImage {

    /** Host tools copied into the guest, with their shared libraries; missing optional ones are skipped. */
    public static final List<String> TOOLS = List.of(
            "mkfs.ext4", "mke2fs", "e2fsck", "fsck.ext4", "debugfs", "dumpe2fs", "tune2fs",
            "mkfs.xfs", "xfs_repair", "xfs_db", "xfs_io",
            "mkfs.btrfs", "btrfs", "btrfstune", "btrfs-map-logical", "blockdev",
            "mount", "umount", "blkid", "losetup", "wipefs", "fstrim", "findmnt");
    public static final List<String> REQUIRED_TOOLS = List.of(
            "mkfs.ext4", "e2fsck", "debugfs", "mkfs.xfs", "xfs_repair", "mkfs.btrfs", "btrfs");
    /**
     * JDK modules always in the guest runtime; {@code jdeps --print-module-deps} of the guest jar adds
     * what else it needs (computed once per jar content). java.desktop is left out: only Jackson's
     * optional java.beans support names it (about 12 MB of runtime for nothing).
     */
    public static final List<String> JDK_MODULES = List.of("java.base", "java.xml", "java.sql", "java.logging", "jdk.unsupported");
    static final Set<String> JDK_MODULES_NEVER = Set.of("java.desktop");
    static final String FORMAT_VERSION = "krepro-initramfs-5";

    private final VmCache cache;
    private final Path jdk;
    private List<String> modules = JDK_MODULES;

    public GuestImage(VmCache cache, Path jdk) {
        this.cache = cache;
        this.jdk = jdk;
    }

    public static Path hostJdk() {
        Path home = Path.of(System.getProperty("java.home"));
        if (Files.isExecutable(home.resolve("bin/jlink"))) {
            return home;
        }
        Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        if (Files.isExecutable(temurin.resolve("bin/jlink"))) {
            return temurin;
        }
        throw new EnvironmentException("no jlink in " + home + " or " + temurin + ": a full JDK 25 is needed to build guests");
    }

    /** The per-run parameters that go into /krepro/run.env. */
    public record RunEnv(String mode, String kreproArgs, String javaOpts, List<String> diskSerials,
                         String resultsSerial, String javaSerial, int panicOnOops, int panicOnWarn, int hungTaskSecs,
                         List<String> moduleNames, boolean aotTrain) {

        /** The environment loading every module of the modules layer. */
        public RunEnv(String mode, String kreproArgs, String javaOpts, List<String> diskSerials,
                      String resultsSerial, int panicOnOops, int panicOnWarn, int hungTaskSecs) {
            this(mode, kreproArgs, javaOpts, diskSerials, resultsSerial, "", panicOnOops, panicOnWarn, hungTaskSecs, List.of(), false);
        }

        /** This environment, with the guest's krepro also recording an AOT cache into /results (see {@link #aotCache}). */
        public RunEnv withAotTraining(boolean train) {
            return new RunEnv(mode, kreproArgs, javaOpts, diskSerials, resultsSerial, javaSerial, panicOnOops, panicOnWarn,
                    hungTaskSecs, moduleNames, train);
        }

        String render() {
            StringBuilder sb = new StringBuilder();
            sb.append("MODE=").append(q(mode)).append('\n');
            sb.append("KREPRO_ARGS=").append(q(kreproArgs)).append('\n');
            sb.append("JAVA_OPTS=").append(q(javaOpts)).append('\n');
            sb.append("DISK_SERIALS=").append(q(String.join(" ", diskSerials))).append('\n');
            sb.append("RESULTS_SERIAL=").append(q(resultsSerial == null ? "" : resultsSerial)).append('\n');
            sb.append("JAVA_DISK=").append(q(javaSerial == null ? "" : javaSerial)).append('\n');
            sb.append("PANIC_ON_OOPS=").append(panicOnOops).append('\n');
            sb.append("PANIC_ON_WARN=").append(panicOnWarn).append('\n');
            sb.append("HUNG_TASK_SECS=").append(hungTaskSecs > 0 ? Integer.toString(hungTaskSecs) : "").append('\n');
            // the modules /init loads of /krepro/modules.list (empty: all of them)
            sb.append("MODULE_NAMES=").append(q(String.join(" ", moduleNames))).append('\n');
            sb.append("AOT_TRAIN=").append(aotTrain ? "1" : "").append('\n');
            return sb.toString();
        }
    }

    /** Shell single-quoting. */
    public static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * Builds (or finds) every layer and writes the concatenated initrd to {@code out}; the JDK, the jar
     * and its AOT cache go on {@link #javaDisk}, not in here, but the base layer carries the shared
     * libraries of the runtime {@code jar}'s guests get.
     */
    public Path initrd(GuestKernel kernel, Path jar, RunEnv env, Path out) throws IOException {
        if (jar != null) {
            useRuntimeOf(jar);
        }
        List<Path> layers = new ArrayList<>();
        layers.add(baseLayer());
        layers.add(modulesLayer(kernel));
        Path run = out.resolveSibling(out.getFileName() + ".run.cpio");
        try (CpioWriter w = new CpioWriter(run)) {
            w.text("krepro/run.env", env.render(), 0644);
        }
        layers.add(run);
        try (OutputStream os = Files.newOutputStream(out)) {
            for (Path l : layers) {
                Files.copy(l, os);
            }
        }
        Files.delete(run);
        return out;
    }

    // ---------------------------------------------------------------- base layer

    public Path baseLayer() throws IOException {
        Map<String, Path> files = new TreeMap<>(); // guest path -> host file (ELF closure included)
        Path busybox = requireTool("busybox");
        files.put("bin/busybox", busybox);
        List<Path> elves = new ArrayList<>();
        for (String t : TOOLS) {
            Path p = Processes.which(t).orElse(null);
            if (p == null) {
                if (REQUIRED_TOOLS.contains(t)) {
                    throw new EnvironmentException("guest tool missing on the host: " + t
                            + " (install e2fsprogs, xfsprogs, btrfs-progs)");
                }
                continue;
            }
            String dir = p.getParent().toString().endsWith("sbin") ? "usr/sbin/" : "usr/bin/";
            files.put(dir + t, p.toRealPath());
            elves.add(p);
        }
        for (String etc : List.of("/etc/mke2fs.conf", "/etc/e2scrub.conf")) {
            if (Files.isRegularFile(Path.of(etc))) {
                files.put(etc.substring(1), Path.of(etc));
            }
        }
        String init = resource("init.sh");
        String jdkKey = jdkKey();
        MessageDigest md = sha256();
        md.update((FORMAT_VERSION + "\n" + init + "\n" + jdkKey + "\n").getBytes(StandardCharsets.UTF_8));
        // ldd closure is computed after hashing the binaries: libraries follow from them.
        for (var e : files.entrySet()) {
            md.update((e.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
            digestFile(md, e.getValue());
        }
        String key = HexFormat.of().formatHex(md.digest()).substring(0, 16);
        Path layer = cache.initramfs().resolve("base-" + key + ".cpio");
        if (Files.isRegularFile(layer)) {
            VmCache.touch(layer);
            return layer;
        }
        VmCache.prune(cache.initramfs(), "base-", KEEP_BASES - 1); // a new JDK, busybox or /init: the old ones go
        // the runtime's shared libraries live here, the runtime itself on the java disk
        Path jre = runtime();
        try (Stream<Path> s = Files.walk(jre)) {
            s.filter(Files::isRegularFile).filter(GuestImage::isElf).forEach(elves::add);
        }
        Map<String, Path> libs = lddClosure(elves, jre);
        Path tmp = Files.createTempFile(cache.initramfs(), ".base-", ".cpio");
        try (CpioWriter w = new CpioWriter(tmp)) {
            for (String d : List.of("bin", "sbin", "usr/bin", "usr/sbin", "proc", "sys", "dev", "tmp", "run",
                    "root", "mnt", "results", "etc", "var/tmp", "krepro")) {
                w.dir(d);
            }
            w.chardev("dev/console", 5, 1);
            w.chardev("dev/null", 1, 3);
            w.text("init", init, 0755);
            w.text("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644);
            w.text("etc/group", "root:x:0:\n", 0644);
            w.text("etc/hostname", "krepro-guest\n", 0644);
            w.symlink("etc/mtab", "/proc/self/mounts");
            for (var e : files.entrySet()) {
                w.file(e.getKey(), e.getValue(), isElf(e.getValue()) || e.getKey().startsWith("bin/") ? 0755 : 0644);
            }
            for (var e : libs.entrySet()) {
                if (!files.containsKey(e.getKey())) {
                    w.file(e.getKey(), e.getValue(), 0755);
                }
            }
            Set<String> taken = new java.util.HashSet<>(files.keySet());
            for (String applet : busyboxApplets(busybox)) {
                String path = "bin/" + applet;
                if (!taken.contains(path) && !applet.equals("busybox") && !applet.equals("init")) {
                    w.symlink(path, "busybox");
                    taken.add(path);
                }
            }
            w.symlink("sbin/init", "/init");
        }
        Files.move(tmp, layer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return layer;
    }

    /**
     * /opt/jre: the guest runtime as a cpio layer (its shared libraries are in the base layer).
     * Containers use it; guests get the runtime on {@link #javaDisk}.
     */
    public Path runtimeLayer(Path jar) throws IOException {
        useRuntimeOf(jar);
        String key = hash(FORMAT_VERSION + "\n" + jdkKey()).substring(0, 16);
        Path layer = cache.initramfs().resolve("runtime-" + key + ".cpio");
        if (Files.isRegularFile(layer)) {
            VmCache.touch(layer);
            return layer;
        }
        Path jre = runtime();
        Path tmp = Files.createTempFile(cache.initramfs(), ".runtime-", ".cpio");
        try (CpioWriter w = new CpioWriter(tmp)) {
            for (Path p : walkSorted(jre)) {
                String rel = "opt/jre/" + jre.relativize(p);
                if (Files.isSymbolicLink(p)) {
                    w.symlink(rel, Files.readSymbolicLink(p).toString());
                } else if (Files.isDirectory(p)) {
                    w.dir(rel);
                } else {
                    w.file(rel, p, Files.isExecutable(p) ? 0755 : 0644);
                }
            }
        }
        Files.move(tmp, layer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        VmCache.prune(cache.initramfs(), "runtime-", KEEP_RUNTIMES);
        return layer;
    }

    private String jdkKey() throws IOException {
        return jdkKey(modules);
    }

    private String jdkKey(List<String> mods) throws IOException {
        Path release = jdk.resolve("release");
        String rel = Files.isRegularFile(release) ? Files.readString(release) : Runtime.version().toString();
        return jdk.toRealPath() + "\n" + rel + "\n" + String.join(",", mods);
    }

    /** A jlinked runtime with {@link #JDK_MODULES}, cached by the JDK release and module list. */
    public Path runtime() throws IOException {
        String key = hash(jdkKey()).substring(0, 16);
        Path dir = cache.runtime().resolve("jre-" + key);
        if (Files.isExecutable(dir.resolve("bin/java"))) {
            return keptRuntime(dir);
        }
        Path tmp = cache.runtime().resolve(".jre-" + key + "-" + ProcessHandle.current().pid());
        FileTrees.deleteQuietly(tmp);
        List<String> cmd = new ArrayList<>(List.of(jdk.resolve("bin/jlink").toString(),
                "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--generate-cds-archive",
                "--output", tmp.toString()));
        Processes.Result r = Processes.runMerged(cmd, null, 900);
        if (!r.ok()) {
            // Without --generate-cds-archive (older jlink or missing plugin).
            FileTrees.deleteQuietly(tmp);
            cmd.remove("--generate-cds-archive");
            Processes.runMerged(cmd, null, 900).check();
        }
        // Only for heaps beyond 32 GiB; guests never have those.
        Files.deleteIfExists(tmp.resolve("lib/server/classes_nocoops.jsa"));
        FileTrees.deleteQuietly(dir);
        Files.move(tmp, dir);
        return keptRuntime(dir);
    }

    /**
     * Marks {@code dir} used and drops the least recently used runtimes beyond {@link #KEEP_RUNTIMES}: each
     * module set jdeps finds in a jar is a runtime of its own (about 80 MiB).
     */
    private Path keptRuntime(Path dir) throws IOException {
        VmCache.touch(dir);
        VmCache.prune(cache.runtime(), "jre-", KEEP_RUNTIMES);
        return dir;
    }

    private static final Pattern LDD_LINE = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    /** Guest path -> host file for every shared library (and the loader) the given ELF files need. */
    static Map<String, Path> lddClosure(List<Path> elves, Path skipRoot) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        for (Path e : elves) {
            Processes.Result r = Processes.runMerged(List.of("ldd", e.toString()), null, 60);
            if (!r.ok()) {
                continue; // statically linked
            }
            for (String line : r.output().split("\n")) {
                Matcher m = LDD_LINE.matcher(line);
                if (m.find()) {
                    Path lib = Path.of(m.group(1));
                    if (skipRoot != null && lib.startsWith(skipRoot)) {
                        continue; // the runtime's own libraries are copied with it
                    }
                    if (Files.exists(lib)) {
                        out.putIfAbsent(lib.toString().substring(1), lib.toRealPath());
                    }
                }
            }
        }
        return out;
    }

    static boolean isElf(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> busyboxApplets(Path busybox) throws IOException {
        Processes.Result r = Processes.runMerged(List.of(busybox.toString(), "--list"), null, 30).check();
        List<String> out = new ArrayList<>();
        for (String l : r.output().split("\n")) {
            if (!l.isBlank() && !l.contains("/")) {
                out.add(l.trim());
            }
        }
        return out;
    }

    private static Path requireTool(String name) {
        Path p = Processes.which(name).orElse(null);
        if (p == null) {
            throw new EnvironmentException(name + " not found on the host (install busybox-static)");
        }
        return p;
    }

    /**
     * A busybox-only initrd (no JDK, no tools, no modules) whose init prints KREPRO-PROBE-OK and powers
     * off: the KVM probe and the "plain busybox boot" of the benchmark.
     */
    public Path probeInitrd(Path out) throws IOException {
        Path busybox = requireTool("busybox");
        try (CpioWriter w = new CpioWriter(out)) {
            for (String d : List.of("bin", "sbin", "usr/bin", "usr/sbin", "proc", "sys", "dev", "tmp", "run", "root",
                    "results", "etc", "krepro")) {
                w.dir(d);
            }
            w.chardev("dev/console", 5, 1);
            w.chardev("dev/null", 1, 3);
            w.text("init", resource("init.sh"), 0755);
            w.file("bin/busybox", busybox, 0755);
            for (String applet : busyboxApplets(busybox)) {
                if (!applet.equals("busybox") && !applet.equals("init")) {
                    w.symlink("bin/" + applet, "busybox");
                }
            }
            w.text("krepro/run.env", new RunEnv("probe", "", "", List.of(), "", 1, 0, 0).render(), 0644);
        }
        return out;
    }

    /** {@link #JDK_MODULES} plus what jdeps says the jar needs; cached per jar content. */
    /** The guest runtime from now on: the JDK modules {@code jar} needs. */
    void useRuntimeOf(Path jar) throws IOException {
        modules = jdkModules(jar);
    }

    List<String> jdkModules(Path jar) throws IOException {
        MessageDigest md = sha256();
        digestFile(md, jar);
        Path cached = cache.runtime().resolve("jdeps-" + HexFormat.of().formatHex(md.digest()).substring(0, 16) + ".txt");
        String deps;
        if (Files.isRegularFile(cached)) {
            deps = Files.readString(cached).trim();
        } else {
            Processes.Result r = Processes.runMerged(List.of(jdk.resolve("bin/jdeps").toString(), "--multi-release", Integer.toString(Runtime.version().feature()),
                    "--ignore-missing-deps", "--print-module-deps", jar.toString()), null, 300);
            String last = r.output().strip().lines().reduce((a, b) -> b).orElse("");
            deps = r.ok() && last.matches("[a-z0-9.,]+") ? last : "";
            Files.writeString(cached, deps + "\n");
            VmCache.prune(cache.runtime(), "jdeps-", KEEP_JAR_FACTS);
        }
        Set<String> all = new java.util.TreeSet<>(JDK_MODULES);
        for (String m : deps.split(",")) {
            if (!m.isBlank() && !JDK_MODULES_NEVER.contains(m.trim())) {
                all.add(m.trim());
            }
        }
        return List.copyOf(all);
    }

    // ---------------------------------------------------------------- modules layer

    /**
     * The names of the modules a run on {@code filesystems} loads, dependencies included ({@link
     * KernelModules#wantedFor}); empty when that is every module of the layer.
     */
    public static List<String> moduleNames(GuestKernel kernel, Set<String> filesystems) throws IOException {
        List<String> wanted = KernelModules.wantedFor(filesystems);
        KernelModules km = KernelModules.of(kernel);
        if (wanted.equals(KernelModules.WANTED) || km.dir() == null) {
            return List.of();
        }
        return km.loadOrder(wanted).stream().map(KernelModules::nameOf).toList();
    }

    public Path modulesLayer(GuestKernel kernel) throws IOException {
        KernelModules km = KernelModules.of(kernel);
        List<String> order = km.dir() == null ? List.of() : km.loadOrder(KernelModules.WANTED);
        MessageDigest md = sha256();
        md.update((FORMAT_VERSION + "\n" + kernel.release() + "\n").getBytes(StandardCharsets.UTF_8));
        for (String rel : order) {
            md.update((rel + "\n").getBytes(StandardCharsets.UTF_8));
            digestFile(md, km.dir().resolve(rel));
        }
        String key = HexFormat.of().formatHex(md.digest()).substring(0, 16);
        Path layer = cache.initramfs().resolve("modules-" + key + ".cpio");
        if (Files.isRegularFile(layer)) {
            return layer;
        }
        Path tmp = Files.createTempFile(cache.initramfs(), ".modules-", ".cpio");
        Path scratch = Files.createTempDirectory(cache.initramfs(), ".unz-");
        StringBuilder list = new StringBuilder();
        try (CpioWriter w = new CpioWriter(tmp)) {
            for (String rel : order) {
                Path src = km.dir().resolve(rel);
                String plain = rel.replaceFirst("\\.(xz|zst|gz)$", "");
                Path file = decompress(src, scratch.resolve(plain.replace('/', '_')));
                w.file("lib/modules/" + kernel.release() + "/" + plain, file, 0644);
                list.append(plain).append('\n');
            }
            w.text("krepro/modules.list", list.toString(), 0644);
            w.text("krepro/modules.txt", km.dir() == null ? "no modules directory\n" : km.describe(KernelModules.WANTED), 0644);
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
        Files.move(tmp, layer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return layer;
    }

    private static Path decompress(Path src, Path dst) throws IOException {
        String n = src.getFileName().toString();
        String tool = n.endsWith(".xz") ? "xz" : n.endsWith(".zst") ? "zstd" : n.endsWith(".gz") ? "gzip" : null;
        if (tool == null) {
            return src;
        }
        ProcessBuilder pb = new ProcessBuilder(tool, "-dc", src.toString()).redirectOutput(dst.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            if (p.waitFor() != 0) {
                throw new IOException(tool + " -dc " + src + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return dst;
    }

    // ---------------------------------------------------------------- jar layer

    /**
     * The JVM options the guest runs krepro with (the AOT cache is trained with the same ones). A JVM
     * that dies writes its hs_err file to the results disk, so it comes back with the results.
     */
    public static final String GUEST_JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED"
            + " -XX:ErrorFile=/results/hs_err_pid%p.log";

    /** /krepro/krepro.jar. */
    public Path jarLayer(Path jar) throws IOException {
        String key = jarKey(jar);
        Path layer = cache.initramfs().resolve("jar-" + key + ".cpio");
        if (!Files.isRegularFile(layer)) {
            Path tmp = Files.createTempFile(cache.initramfs(), ".jar-", ".cpio");
            try (CpioWriter w = new CpioWriter(tmp)) {
                w.file("krepro/krepro.jar", jar, 0644);
            }
            Files.move(tmp, layer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        VmCache.touch(layer);
        VmCache.prune(cache.initramfs(), "jar-", KEEP_JARS);
        return layer;
    }

    /** Jar layers and AOT caches kept: every build of krepro makes new ones (a CI run several, one per test module). */
    static final int KEEP_JARS = 16;
    /** Base layers (one a JDK, busybox and /init) and jdeps answers (one a jar, a few bytes each) kept. */
    static final int KEEP_BASES = 4;
    static final int KEEP_JAR_FACTS = 64;
    /** jlinked runtimes, and their cpio layers for containers, kept (one a JDK and module set). */
    static final int KEEP_RUNTIMES = 4;
    /** AOT caches kept, by when each was recorded (not when last used: a disk's name carries its mtime). */
    static final int KEEP_AOT = 8;

    private final Map<Path, String> jarKeys = new java.util.HashMap<>();

    /** The jar's content with the guest runtime and options: what a guest's class loading depends on. */
    private synchronized String jarKey(Path jar) throws IOException {
        String key = jarKeys.get(jar);
        if (key == null) {
            MessageDigest md = sha256();
            // the runtime this jar's guests get, whether or not initrd() has chosen it yet: the key must not
            // depend on call order (it did: run and shell guests of one jar had different AOT cache names)
            md.update((FORMAT_VERSION + "\n" + jdkKey(jdkModules(jar)) + "\n" + GUEST_JAVA_OPTS + "\n").getBytes(StandardCharsets.UTF_8));
            digestFile(md, jar);
            key = HexFormat.of().formatHex(md.digest()).substring(0, 16);
            jarKeys.put(jar, key);
        }
        return key;
    }

    /**
     * Where the JDK 25 AOT cache (JEP 483/514) of this jar in the guest runtime is kept. The first guest
     * of a jar records it: /init runs krepro with {@code -XX:AOTCacheOutput=/results/krepro.aot} (its
     * JVM assembles the cache as it exits, about 4 s more under TCG), {@link #keepAot} moves it here,
     * and later guests start from it with {@code -XX:AOTCache} (classes loaded and linked ahead: the
     * JVM's start to a test's mkfs took 3.0 s instead of 5.0 s under TCG). Trained in the guest, on a
     * real run, because the classes a run loads are what is worth caching; a cache that does not fit
     * (another runtime, another jar) is ignored by the JVM.
     */
    public Path aotCache(Path jar) throws IOException {
        return cache.initramfs().resolve("aot-" + jarKey(jar) + ".aot");
    }

    /** Moves a guest's recorded AOT cache ({@code recorded}, from its results) to {@link #aotCache}; false when there is none. */
    public boolean keepAot(Path jar, Path recorded) throws IOException {
        if (!Files.isRegularFile(recorded) || Files.size(recorded) == 0) {
            return false;
        }
        Path target = aotCache(jar);
        Path tmp = Files.createTempFile(cache.initramfs(), ".aot-", ".aot");
        Files.move(recorded, tmp, StandardCopyOption.REPLACE_EXISTING);
        // the moment it was kept, set before it appears, so that its stamp never changes (aotStamp)
        VmCache.touch(tmp);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        VmCache.prune(cache.initramfs(), "aot-", KEEP_AOT);
        return true;
    }

    // ---------------------------------------------------------------- java disk

    /** The disk's serial, which /init finds it by (run.env's JAVA_DISK). */
    public static final String JAVA_DISK_SERIAL = "kreprojava";
    /** Java disks kept: two a jar (before and after its AOT cache is recorded), ~170 MiB each. */
    static final int KEEP_JAVA_DISKS = 8;

    /**
     * The read-only ext4 image /init mounts at /opt/krepro: jre/ (the guest runtime), krepro.jar and,
     * once a guest has recorded it, krepro.aot. /init links /opt/jre, /krepro/krepro.jar and
     * /krepro/krepro.aot to them, so the paths a guest (and its AOT cache) sees are those of the old
     * initramfs layers. The copied files get a fixed mtime: the JVM accepts an AOT cache only for a jar
     * of the recorded size and mtime, and the recording guest and later ones read different disks.
     */
    public Path javaDisk(Path jar) throws IOException {
        useRuntimeOf(jar);
        Path aot = aotCache(jar);
        boolean withAot = Files.isRegularFile(aot);
        Path disk = cache.initramfs().resolve("java-" + jarKey(jar) + (withAot ? "-aot-" + aotStamp(aot) : "") + ".img");
        if (!Files.isRegularFile(disk)) {
            Path jre = runtime();
            Path stage = Files.createTempDirectory(cache.initramfs(), ".java-");
            Path tmp = stage.resolveSibling(stage.getFileName() + ".img");
            try {
                linkTree(jre, stage.resolve("jre"));
                copyWithFixedTime(jar, stage.resolve("krepro.jar"));
                if (withAot) {
                    copyWithFixedTime(aot, stage.resolve("krepro.aot"));
                }
                long blocks = treeBytes(stage) / 4096 * 11 / 10 + 4096; // files, plus 10% and 16 MiB for metadata
                Processes.runMerged(List.of("mkfs.ext4", "-q", "-F", "-b", "4096", "-O", "^has_journal", "-m", "0",
                        "-L", JAVA_DISK_SERIAL, "-d", stage.toString(), tmp.toString(), Long.toString(blocks)), null, 300).check();
                Files.move(tmp, disk, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                FileTrees.deleteQuietly(stage);
                Files.deleteIfExists(tmp);
            }
        }
        VmCache.touch(disk); // not the AOT cache: its mtime is part of the disk's name (aotStamp)
        VmCache.prune(cache.initramfs(), "java-", KEEP_JAVA_DISKS);
        return disk;
    }

    /**
     * Names the AOT cache a disk carries: a newly recorded cache is a new file (its own inode, size and
     * mtime, which is set once, when it is kept), so its disk gets a new name and the old disk stays for
     * a guest that is about to boot it; pruning takes it later, as it does any disk no longer used.
     */
    static String aotStamp(Path aot) throws IOException {
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(aot, java.nio.file.attribute.BasicFileAttributes.class);
        return hash(a.fileKey() + "/" + a.size() + "/" + a.lastModifiedTime().toInstant()).substring(0, 8);
    }

    private static final java.nio.file.attribute.FileTime FIXED_TIME = java.nio.file.attribute.FileTime.fromMillis(946684800000L);

    private static void copyWithFixedTime(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FIXED_TIME);
    }

    /** {@code from}'s tree at {@code to}: directories made, files hard-linked (copied across filesystems). */
    private static void linkTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path p : walkSorted(from)) {
            Path t = to.resolve(from.relativize(p).toString());
            if (Files.isSymbolicLink(p)) {
                Files.createSymbolicLink(t, Files.readSymbolicLink(p));
            } else if (Files.isDirectory(p)) {
                Files.createDirectories(t);
            } else {
                try {
                    Files.createLink(t, p);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static long treeBytes(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            long sum = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    // ---------------------------------------------------------------- helpers

    static String resource(String name) throws IOException {
        try (InputStream in = GuestImage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A SHA-256 digest (always present in the JDK). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String s) {
        return HexFormat.of().formatHex(sha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Feeds the bytes of file {@code p} to {@code md}. */
    public static void digestFile(MessageDigest md, Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
    }

    private static List<Path> walkSorted(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).sorted().toList();
        }
    }

}
