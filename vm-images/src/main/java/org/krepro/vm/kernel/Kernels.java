package org.krepro.vm.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.io.Processes;
import org.krepro.vm.VmCache;
import org.krepro.vm.knockout.KnockoutBuilder;

/**
 * Resolves {@code --kernel} specs into {@link GuestKernel}s.
 * <ul>
 *   <li>{@code debian:NAME} (NAME = 6.12.115+deb12-cloud-amd64, 6.1.0-56-cloud-amd64, or a full
 *       linux-image-* package name): {@code apt-get download} + {@code dpkg-deb -x} into
 *       {@code CACHE/kernels/NAME}, then {@code depmod -b} there (packages ship no modules.dep).</li>
 *   <li>a path: a bzImage in a kernel build tree (modules from the tree: modules.order, *.ko,
 *       modules.builtin; release from include/config/kernel.release), /boot/vmlinuz-REL (modules from
 *       /lib/modules/REL), or any bzImage with {@code --modules DIR}.</li>
 * </ul>
 */
public final class Kernels {

    private final VmCache cache;

    public Kernels(VmCache cache) {
        this.cache = cache;
    }

    public GuestKernel resolve(String spec, Path modulesOverride) throws IOException {
        if (spec.startsWith("debian:")) {
            return debian(spec.substring("debian:".length()).trim());
        }
        if (spec.startsWith(KnockoutBuilder.SPEC_PREFIX)) {
            return new KnockoutBuilder(cache, this).cached(spec);
        }
        Path image = Path.of(spec).toAbsolutePath().normalize();
        if (!Files.isRegularFile(image)) {
            throw new EnvironmentException("kernel image not found: " + spec
                    + " (give a bzImage path or debian:NAME, e.g. debian:6.12.115+deb12-cloud-amd64)");
        }
        Path tree = buildTree(image);
        String release = KernelRelease.ofImage(image, tree);
        Path modules = modulesOverride;
        Path config = null;
        if (tree != null) {
            if (modules == null) {
                modules = tree;
            }
            config = tree.resolve(".config");
        }
        if (modules == null && release != null && Files.isDirectory(Path.of("/lib/modules", release))) {
            modules = Path.of("/lib/modules", release);
        }
        if (config == null && release != null && Files.isRegularFile(image.resolveSibling("config-" + release))) {
            config = image.resolveSibling("config-" + release);
        }
        if (release == null) {
            throw new EnvironmentException("cannot tell the release of " + image);
        }
        return new GuestKernel(spec, release, image, modules, config != null && Files.isRegularFile(config) ? config : null);
    }

    private static Path buildTree(Path image) {
        for (Path d = image.getParent(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("Makefile")) && Files.isRegularFile(d.resolve(".config"))
                    && Files.isDirectory(d.resolve("arch"))) {
                return d;
            }
        }
        return null;
    }

    /** The Debian package name for a debian: spec. */
    public static String packageName(String name) {
        return name.startsWith("linux-image-") ? name : "linux-image-" + name;
    }

    public GuestKernel debian(String name) throws IOException {
        String pkg = packageName(name);
        String dirName = pkg.substring("linux-image-".length());
        Path dir = cache.kernels().resolve(dirName);
        if (!Files.isRegularFile(dir.resolve(".complete"))) {
            fetch(pkg, dir);
        }
        return fromUnpacked("debian:" + dirName, dir);
    }

    public static GuestKernel fromUnpacked(String spec, Path dir) throws IOException {
        String release = KernelRelease.ofUnpacked(dir);
        Path modulesRoot = dir.resolve("lib/modules");
        Path image = dir.resolve("boot/vmlinuz-" + release);
        Path config = dir.resolve("boot/config-" + release);
        return new GuestKernel(spec, release, image, modulesRoot.resolve(release), Files.isRegularFile(config) ? config : null);
    }

    private void fetch(String pkg, Path dir) throws IOException {
        if (Processes.which("apt-get").isEmpty() || Processes.which("dpkg-deb").isEmpty()) {
            throw new EnvironmentException("debian kernels need apt-get and dpkg-deb on the host");
        }
        Path tmp = Files.createTempDirectory(cache.kernels(), ".fetch-");
        try {
            tmp.toFile().setWritable(true, false); // apt-get download drops to _apt when it can
            tmp.toFile().setExecutable(true, false);
            Processes.Result dl = Processes.runMerged(List.of("apt-get", "download", "-q", pkg), tmp, 900);
            if (!dl.ok()) {
                System.err.println("krepro: apt-get download " + pkg + " failed; running apt-get update");
                Processes.runMerged(List.of("apt-get", "update", "-q"), null, 900);
                dl = Processes.runMerged(List.of("apt-get", "download", "-q", pkg), tmp, 900);
            }
            if (!dl.ok() && !pkg.endsWith("-unsigned")) {
                // A new Debian release can exist only unsigned for a while (6.12.118+deb12 did): same kernel.
                Processes.Result unsigned = Processes.runMerged(List.of("apt-get", "download", "-q", pkg + "-unsigned"), tmp, 900);
                if (unsigned.ok()) {
                    System.err.println("krepro: " + pkg + " is not offered; using " + pkg + "-unsigned");
                    dl = unsigned;
                }
            }
            if (!dl.ok()) {
                throw new EnvironmentException("cannot download " + pkg + " (see `krepro kernels` for what apt offers):\n"
                        + Processes.tail(dl.output(), 2000));
            }
            Path deb;
            try (Stream<Path> s = Files.list(tmp)) {
                deb = s.filter(p -> p.toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new IOException("apt-get download left no .deb"));
            }
            Path x = tmp.resolve("x");
            Processes.runMerged(List.of("dpkg-deb", "-x", deb.toString(), x.toString()), null, 600).check();
            GuestKernel k = fromUnpacked("debian:" + dir.getFileName(), x);
            if (!Files.isRegularFile(k.modulesDir().resolve("modules.dep"))) {
                Processes.runMerged(List.of("depmod", "-b", x.toString(), k.release()), null, 600).check();
            }
            Files.writeString(x.resolve(".package"), deb.getFileName().toString() + "\n");
            FileTrees.deleteQuietly(dir);
            Files.move(x, dir);
            Files.writeString(dir.resolve(".complete"), deb.getFileName() + "\n");
        } finally {
            FileTrees.deleteQuietly(tmp);
        }
    }

    /**
     * {@code pinned} when it is cached or apt still offers it, else the newest offered kernel whose spec
     * matches {@code fallback} (Debian's archive drops superseded builds; tests and CI on a fresh machine
     * must still find a kernel of the same series), else {@code pinned}.
     */
    public String pinnedOrNewest(String pinned, String fallback) throws IOException {
        if (cached().contains(pinned)) {
            return pinned;
        }
        List<String> offered = available();
        if (offered.contains(pinned)) {
            return pinned;
        }
        return offered.stream().filter(k -> k.matches(fallback)).reduce((a, b) -> b) // available() is in version order
                .orElse(pinned);
    }

    /** Kernels already unpacked in the cache, as debian:NAME specs. */
    public List<String> cached() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(cache.kernels())) {
            s.filter(p -> Files.isRegularFile(p.resolve(".complete")))
                    .map(p -> "debian:" + p.getFileName()).sorted().forEach(out::add);
        }
        return out;
    }

    /** Kernel image packages apt knows of (cloud and generic amd64 flavours), as debian:NAME specs. */
    public static List<String> available() throws IOException {
        Processes.Result r = Processes.runMerged(List.of("apt-cache", "search", "--names-only", "^linux-image-[0-9].*-amd64$"), null, 120);
        if (r.ok() && r.output().isBlank()) {
            Processes.runMerged(List.of("apt-get", "update", "-q"), null, 900);
            r = Processes.runMerged(List.of("apt-cache", "search", "--names-only", "^linux-image-[0-9].*-amd64$"), null, 120);
        }
        TreeSet<String> names = new TreeSet<>(Kernels::compareVersions);
        for (String line : r.output().split("\n")) {
            String pkg = line.split(" ", 2)[0].trim();
            // Real kernel packages only (linux-image-6.12-amd64 and the like are metapackages).
            if (pkg.matches("linux-image-\\d+\\.\\d+\\.\\d+.*") && !pkg.endsWith("-dbg")) {
                // An -unsigned package is offered under the signed name: fetch falls back to it.
                names.add("debian:" + pkg.substring("linux-image-".length()).replaceFirst("-unsigned$", ""));
            }
        }
        return new ArrayList<>(names);
    }

    /** Orders "6.1.0-9" before "6.1.0-56" and "6.12.9" before "6.12.115". */
    static int compareVersions(String a, String b) {
        String[] x = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] y = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (Character.isDigit(x[i].charAt(0)) && Character.isDigit(y[i].charAt(0))) {
                c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
