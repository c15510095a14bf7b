package org.krepro.vm.knockout;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.io.FileTrees;
import org.krepro.runner.io.Processes;
import org.krepro.vm.VmCache;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.KernelBuild;
import org.krepro.vm.kernel.Kernels;

/**
 * Builds knock-out kernels into the cache and finds them there.
 *
 * <p>Layout under {@code $KREPRO_CACHE/knockouts}: {@code sources/PKG_VERSION/} (Debian's linux-source and
 * the base kernel's linux-headers packages, unpacked once and shared), and one entry per knock-out and
 * patch, {@code koNNN-KEY/} (KEY: the first 16 hex digits of SHA-256 over the builder's format and the
 * patch), holding a kernel tree shaped like an unpacked Debian image package (boot/vmlinuz-REL,
 * lib/modules/REL), {@code knockout.properties}, the patch, {@code build.log} and {@code .complete}.
 *
 * <p>Module knock-outs: the module's directory alone is extracted from linux-source (under
 * {@code build/koNNN/src}), patched, built with
 * {@code make -C HEADERS M=DIR modules} against the base kernel's headers (vermagic and symbol CRCs then
 * match), stripped, and put in place of the stock {@code .ko.xz} in a copy of the base kernel's tree;
 * {@code depmod -b} rewrites modules.dep so the guest's initramfs takes the new file.
 */
public final class KnockoutBuilder {
    public static final String SPEC_PREFIX = "knockout:";
    /** Bumped when the build changes in a way that makes old entries wrong. */
    static final String FORMAT = "krepro-knockout-1";

    private final VmCache cache;
    private final Kernels kernels;

    public KnockoutBuilder(VmCache cache, Kernels kernels) {
        this.cache = cache;
        this.kernels = kernels;
    }

    /** The cache key of a knock-out: the builder's format and the patch (all a build depends on). */
    public static String key(Knockout k) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
            md.update(k.text().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path root() throws IOException {
        return Files.createDirectories(cache.root().resolve("knockouts"));
    }

    /** Where a knock-out's build lives (whether or not it is built). */
    public Path entry(Knockout k) throws IOException {
        return root().resolve("ko" + k.id() + "-" + key(k));
    }

    /** The built knock-out a {@code knockout:NNN} spec names; an EnvironmentException says how to build it. */
    public GuestKernel cached(String spec) throws IOException {
        Knockout k;
        try {
            k = Knockout.bundled(spec);
        } catch (IllegalArgumentException e) {
            throw new EnvironmentException(e.getMessage());
        }
        Path dir = entry(k);
        if (!Files.isRegularFile(dir.resolve(".complete"))) {
            throw new EnvironmentException(k.spec() + " (" + k.name() + ") is not built: run `krepro kernels build --knockout "
                    + k.id() + "` first (" + (k.isModule() ? "a few minutes" : "15-20 minutes") + ")");
        }
        return kernel(k, dir);
    }

    static GuestKernel kernel(Knockout k, Path dir) throws IOException {
        GuestKernel g = Kernels.fromUnpacked(k.spec(), dir);
        return new GuestKernel(k.spec(), g.release(), g.image(), g.modulesDir(), g.config(), k.name(), k.cmdline());
    }

    /** What {@code krepro kernels} lists: every built knock-out entry (current patches only). */
    public List<GuestKernel> built() throws IOException {
        List<GuestKernel> out = new ArrayList<>();
        for (Knockout k : Knockout.bundled()) {
            Path dir = entry(k);
            if (Files.isRegularFile(dir.resolve(".complete"))) {
                out.add(kernel(k, dir));
            }
        }
        return out;
    }

    /**
     * Builds {@code k} unless it is cached (then returns at once). Progress goes to {@code log}; the full
     * build output to the entry's build.log.
     */
    public GuestKernel build(Knockout k, int jobs, PrintStream log) throws IOException {
        Path dir = entry(k);
        if (Files.isRegularFile(dir.resolve(".complete"))) {
            log.println("krepro: " + k.name() + " is cached in " + dir);
            return kernel(k, dir);
        }
        for (String tool : List.of("apt-get", "apt-cache", "dpkg-deb", "tar", "xz", "patch", "make", "depmod", "strip")) {
            if (Processes.which(tool).isEmpty()) {
                throw new EnvironmentException("building a knock-out needs " + tool + " on the host");
            }
        }
        long t0 = System.nanoTime();
        Path tmp = Files.createTempDirectory(root(), ".build-ko" + k.id() + "-");
        Path buildLog = tmp.resolve("build.log");
        try {
            GuestKernel base = kernels.resolve(k.base(), null);
            log.println("krepro: base kernel " + base.spec() + " (" + base.release() + ")");
            Path sources = sources(k, base.release(), log);
            Path headers = sources.resolve("usr/src/linux-headers-" + base.release());
            Path tarball = sources.resolve("usr/src/" + k.sourcePkg() + ".tar.xz");

            if (!k.isModule()) {
                return buildKernel(k, base, tarball, dir, tmp, buildLog, jobs, log, t0);
            }
            // A fixed path, wiped first: ccache hits on a rebuild (debug info names the directory), and
            // the module's WARNING lines name build/koNNN/src rather than a random temporary directory.
            Path tree = root().resolve("build").resolve("ko" + k.id()).resolve("src");
            FileTrees.deleteQuietly(tree);
            Files.createDirectories(tree);
            step(log, buildLog, "extract " + k.moduleDir() + " from " + tarball.getFileName(),
                    List.of("tar", "-xJf", tarball.toString(), "-C", tree.toString(), "--strip-components=1",
                            k.sourcePkg() + "/" + k.moduleDir()), null, 600);
            Path patch = tmp.resolve("knockout.patch");
            Files.writeString(patch, k.text());
            step(log, buildLog, "patch --dry-run", List.of("patch", "-p1", "-N", "--dry-run", "-i", patch.toString()), tree, 60);
            step(log, buildLog, "patch", List.of("patch", "-p1", "-N", "--no-backup-if-mismatch", "-i", patch.toString()), tree, 60);
            List<String> make = new ArrayList<>(List.of("make", "-C", headers.toString(), "M=" + tree.resolve(k.moduleDir()),
                    "-j" + Math.max(1, jobs),
                    // BTF for modules needs pahole; a guest module does not need BTF.
                    "CONFIG_DEBUG_INFO_BTF_MODULES="));
            if (Processes.which("ccache").isPresent()) {
                make.add("DEBIAN_KERNEL_USE_CCACHE=1"); // the headers' Makefile wraps gcc-N in ccache then
            }
            make.add("modules");
            step(log, buildLog, "make M=" + k.moduleDir() + " modules", make, null, 3600);
            Path ko = tree.resolve(k.moduleDir()).resolve(k.module() + ".ko");
            step(log, buildLog, "strip --strip-debug", List.of("strip", "--strip-debug", ko.toString()), null, 120);

            Path out = tmp.resolve("kernel");
            step(log, buildLog, "copy " + base.spec(), List.of("cp", "-a", base.modulesDir().getParent().getParent().getParent().toString(),
                    out.toString()), null, 600);
            Files.deleteIfExists(out.resolve(".complete"));
            Path modules = out.resolve("lib/modules/" + base.release());
            Path stock = findModule(modules, k);
            Path replaced = stock.resolveSibling(k.module() + ".ko");
            Files.delete(stock);
            Files.copy(ko, replaced, StandardCopyOption.REPLACE_EXISTING);
            step(log, buildLog, "depmod -b", List.of("depmod", "-b", out.toString(), base.release()), null, 600);
            String dep = Files.readString(modules.resolve("modules.dep"));
            String rel = modules.relativize(replaced).toString();
            if (!dep.contains(rel + ":")) {
                throw new IOException("depmod did not index " + rel);
            }

            double secs = (System.nanoTime() - t0) / 1e9;
            Properties p = metadata(k, base, base.release(), secs);
            p.setProperty("module", rel);
            p.setProperty("module.stock", modules.relativize(stock).toString());
            return install(k, p, out, dir, buildLog, secs, log);
        } finally {
            FileTrees.deleteQuietly(tmp);
        }
    }

    /**
     * A whole-kernel knock-out (the fix is in built-in code: mm, ext4): linux-source extracted and patched
     * under {@code knockouts/build/kernel/src}, built by {@link KernelBuild} (defconfig + krepro's guest
     * fragment, ccache) into {@code build/kernel/out}, then installed into the entry as an unpacked Debian
     * kernel is laid out (boot/vmlinuz-REL, boot/config-REL, lib/modules/REL). Every knock-out shares the
     * path and the .config, and "-krepro-koNNN" comes from make's LOCALVERSION, not CONFIG_LOCALVERSION
     * (which every object sees through autoconf.h): so the second knock-out's build is mostly ccache hits.
     */
    private GuestKernel buildKernel(Knockout k, GuestKernel base, Path tarball, Path dir, Path tmp, Path buildLog, int jobs,
                                    PrintStream log, long t0) throws IOException {
        Path work = Files.createDirectories(root().resolve("build").resolve("kernel"));
        Path tree = work.resolve("src");
        Path out = work.resolve("out");
        FileTrees.deleteQuietly(tree);
        FileTrees.deleteQuietly(out); // a re-extracted file keeps its old mtime: make would not rebuild it
        Files.createDirectories(tree);
        step(log, buildLog, "extract " + tarball.getFileName(), List.of("tar", "-xJf", tarball.toString(), "-C", tree.toString(),
                "--strip-components=1"), null, 1800);
        Path patch = tmp.resolve("knockout.patch");
        Files.writeString(patch, k.text());
        step(log, buildLog, "patch --dry-run", List.of("patch", "-p1", "-N", "--dry-run", "-i", patch.toString()), tree, 60);
        step(log, buildLog, "patch", List.of("patch", "-p1", "-N", "--no-backup-if-mismatch", "-i", patch.toString()), tree, 60);
        Path fragment = tmp.resolve("knockout.config");
        Files.writeString(fragment, "CONFIG_LOCALVERSION=\"\"\n# CONFIG_LOCALVERSION_AUTO is not set\n");
        Files.createDirectories(out);
        String localVersion = "-krepro-ko" + k.id();
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(KernelBuild.defaultEnv());
        env.put("LOCALVERSION", localVersion);
        KernelBuild.Result r = KernelBuild.build(new KernelBuild.Options(tree, out, null, false, List.of(fragment),
                Math.max(1, jobs), java.time.Duration.ofHours(2), env), log);
        if (Files.isRegularFile(r.log())) {
            Files.writeString(buildLog, Files.readString(r.log()), StandardOpenOption.APPEND);
        }
        if (!r.ok()) {
            throw new IOException(k.spec() + ": kernel build failed: " + r.message());
        }
        Path inst = tmp.resolve("kernel");
        Files.createDirectories(inst.resolve("boot"));
        Files.copy(r.bzImage(), inst.resolve("boot/vmlinuz-" + r.release()));
        Files.copy(out.resolve(".config"), inst.resolve("boot/config-" + r.release()));
        step(log, buildLog, "make modules_install", List.of("make", "-C", tree.toString(), "O=" + out, "INSTALL_MOD_PATH=" + inst,
                "INSTALL_MOD_STRIP=1", "LOCALVERSION=" + localVersion, "modules_install"), null, 1800);
        Path modules = inst.resolve("lib/modules/" + r.release());
        // The install links build/ and source/ back to the tree; the guest needs neither.
        Files.deleteIfExists(modules.resolve("build"));
        Files.deleteIfExists(modules.resolve("source"));
        double secs = (System.nanoTime() - t0) / 1e9;
        Properties p = metadata(k, base, r.release(), secs);
        p.setProperty("config", "defconfig + krepro-guest.config, LOCALVERSION=" + localVersion);
        if (!r.missing().isEmpty()) {
            p.setProperty("config.missing", String.join(" ", r.missing()));
        }
        return install(k, p, inst, dir, buildLog, secs, log);
    }

    private static Properties metadata(Knockout k, GuestKernel base, String release, double secs) {
        Properties p = new Properties();
        p.setProperty("id", k.id());
        p.setProperty("name", k.name());
        p.setProperty("spec", k.spec());
        p.setProperty("title", k.title());
        p.setProperty("undoes", k.undoes());
        p.setProperty("source", k.sourcePkg() + " " + k.sourceVersion());
        p.setProperty("base", base.spec());
        p.setProperty("release", release);
        p.setProperty("patch.sha256", k.sha256());
        p.setProperty("cmdline", String.join(" ", k.cmdline()));
        p.setProperty("build.seconds", String.format("%.1f", secs));
        p.setProperty("built", Instant.now().toString());
        return p;
    }

    private GuestKernel install(Knockout k, Properties p, Path out, Path dir, Path buildLog, double secs, PrintStream log)
            throws IOException {
        try (var w = Files.newBufferedWriter(out.resolve("knockout.properties"))) {
            p.store(w, "krepro knock-out " + k.name());
        }
        Files.writeString(out.resolve("knockout.patch"), k.text());
        Files.copy(buildLog, out.resolve("build.log"));
        FileTrees.deleteQuietly(dir);
        Files.move(out, dir);
        Files.writeString(dir.resolve(".complete"), k.name() + "\n");
        log.printf("krepro: built %s (%s) in %.0f s -> %s%n", k.name(), k.spec(), secs, dir);
        return kernel(k, dir);
    }

    /** The stock module file in an unpacked kernel's modules dir: kernel/DIR/NAME.ko[.xz|.zst|.gz]. */
    static Path findModule(Path modules, Knockout k) throws IOException {
        Path dir = modules.resolve("kernel").resolve(k.moduleDir());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(k.module()) + "\\.ko(\\.(xz|zst|gz))?"))
                    .findFirst().orElseThrow(() -> new IOException("no " + k.module() + ".ko* in " + dir));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("the base kernel has no " + dir + " (is " + k.module() + " built in?)", e);
        }
    }

    /**
     * The unpacked linux-source package of the knock-out and linux-headers of the base release with the
     * packages it depends on (headers -common, linux-kbuild), cached under sources/.
     */
    Path sources(Knockout k, String release, PrintStream log) throws IOException {
        Path dir = Files.createDirectories(root().resolve("sources")).resolve(k.sourcePkg() + "_" + k.sourceVersion() + "_" + release);
        if (Files.isRegularFile(dir.resolve(".complete"))) {
            return dir;
        }
        List<String> pkgs = new ArrayList<>(List.of(k.sourcePkg() + "=" + k.sourceVersion(), "linux-headers-" + release));
        Processes.Result deps = Processes.runMerged(List.of("apt-cache", "depends", "linux-headers-" + release), null, 120);
        for (String line : deps.output().split("\n")) {
            String t = line.trim().replaceFirst("^\\|", "");
            if (t.startsWith("Depends: ")) {
                String d = t.substring("Depends: ".length()).trim();
                if (d.matches("linux-(headers|kbuild)-\\S+") && !pkgs.contains(d)) {
                    pkgs.add(d);
                }
            }
        }
        Path tmp = Files.createTempDirectory(root().resolve("sources"), ".fetch-");
        try {
            tmp.toFile().setWritable(true, false); // apt-get download drops to _apt when it can
            tmp.toFile().setExecutable(true, false);
            List<String> dl = new ArrayList<>(List.of("apt-get", "download", "-q"));
            dl.addAll(pkgs);
            log.println("krepro: apt-get download " + String.join(" ", pkgs));
            Processes.Result r = Processes.runMerged(dl, tmp, 1800);
            if (!r.ok()) {
                Processes.runMerged(List.of("apt-get", "update", "-q"), null, 900);
                r = Processes.runMerged(dl, tmp, 1800);
            }
            if (!r.ok()) {
                throw new EnvironmentException("cannot download " + String.join(" ", pkgs) + ":\n" + Processes.tail(r.output(), 2000));
            }
            Path x = tmp.resolve("x");
            try (Stream<Path> s = Files.list(tmp)) {
                for (Path deb : s.filter(p -> p.toString().endsWith(".deb")).sorted().toList()) {
                    Processes.runMerged(List.of("dpkg-deb", "-x", deb.toString(), x.toString()), null, 900).check();
                }
            }
            // The headers' Makefile includes the -common tree by absolute path (/usr/src/...): point it here.
            Path mk = x.resolve("usr/src/linux-headers-" + release + "/Makefile");
            if (!Files.isRegularFile(mk)) {
                throw new IOException("linux-headers-" + release + " has no Makefile");
            }
            Files.writeString(mk, Files.readString(mk).replace("include /usr/src/", "include " + dir.resolve("usr/src") + "/"));
            if (!Files.isRegularFile(x.resolve("usr/src/" + k.sourcePkg() + ".tar.xz"))) {
                throw new IOException(k.sourcePkg() + " has no usr/src/" + k.sourcePkg() + ".tar.xz");
            }
            FileTrees.deleteQuietly(dir);
            Files.move(x, dir);
            Files.writeString(dir.resolve(".complete"), String.join("\n", pkgs) + "\n");
            return dir;
        } finally {
            FileTrees.deleteQuietly(tmp);
        }
    }

    private static void step(PrintStream log, Path buildLog, String what, List<String> command, Path dir, long timeout)
            throws IOException {
        long t0 = System.nanoTime();
        Processes.Result r = Processes.runMerged(command, dir, timeout);
        Files.writeString(buildLog, "$ " + String.join(" ", command) + "\n" + r.output() + "\n(exit " + r.exitCode() + ")\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        log.printf("krepro:   %-40s %5.1f s%s%n", what, (System.nanoTime() - t0) / 1e9, r.ok() ? "" : "  FAILED");
        if (!r.ok()) {
            throw new IOException(what + " failed (exit " + r.exitCode() + "):\n" + Processes.tail(r.output(), 3000));
        }
    }
}
