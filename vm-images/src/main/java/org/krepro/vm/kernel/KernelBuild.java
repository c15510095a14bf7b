package org.krepro.vm.kernel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.krepro.runner.io.Processes;

/**
 * Builds a kernel from a source tree out of tree (a bisect step, a whole-kernel knock-out):
 * <ol>
 *   <li>{@code make O=OUT defconfig} (or {@code --base-config FILE} copied to OUT/.config);</li>
 *   <li>krepro's fragment (krepro-guest.config: virtio, NVMe, NUMA, ext4, xfs, btrfs, io_uring... built
 *       in), the debug fragment on request and the user's fragments appended, then
 *       {@code make O=OUT olddefconfig} (the last assignment of an option wins, as merge_config.sh does);</li>
 *   <li>{@code make O=OUT -jN bzImage modules}, with {@code CC="ccache gcc"} when ccache is on PATH;</li>
 * </ol>
 * Output goes to OUT/krepro-build.log; the result is OUT/arch/x86/boot/bzImage, which
 * {@link Kernels} resolves as a build tree (release from include/config/kernel.release,
 * modules from modules.order).
 */
public final class KernelBuild {

    /**
     * @param tree        the kernel source tree
     * @param out         the O= directory
     * @param baseConfig  a .config to start from instead of defconfig, or null
     * @param debug       add krepro-debug.config (KASAN, lockdep, DEBUG_VM, fs debug)
     * @param fragments   more fragments, applied last
     * @param jobs        make -j
     * @param timeout     limit of the whole build
     * @param env         the environment of make (PATH decides which make and ccache are used)
     */
    public record Options(Path tree, Path out, Path baseConfig, boolean debug, List<Path> fragments, int jobs,
                          Duration timeout, Map<String, String> env) {
        public Options {
            fragments = List.copyOf(fragments);
            env = Map.copyOf(env);
        }
    }

    /**
     * @param ok       whether a bzImage was built
     * @param bzImage  OUT/arch/x86/boot/bzImage
     * @param release  include/config/kernel.release
     * @param seconds  wall time of the build
     * @param log      the build log
     * @param message  what failed ("" when ok), with the log's tail
     * @param missing  required options of krepro's fragment that olddefconfig dropped
     */
    public record Result(boolean ok, Path bzImage, String release, double seconds, Path log, String message, List<String> missing) {
    }

    private KernelBuild() {
    }

    public static String fragment(String name) throws IOException {
        try (InputStream in = KernelBuild.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The CONFIG_X=y lines between "# required" and "# end required" of krepro-guest.config. */
    public static List<String> required(String fragment) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : fragment.split("\n")) {
            String t = l.trim();
            if (t.equals("# required")) {
                in = true;
            } else if (t.equals("# end required")) {
                in = false;
            } else if (in && t.startsWith("CONFIG_") && t.endsWith("=y")) {
                out.add(t);
            }
        }
        return out;
    }

    public static Result build(Options o, PrintStream log) {
        long t0 = System.nanoTime();
        Path logFile = o.out().resolve("krepro-build.log");
        try {
            if (!Files.isRegularFile(o.tree().resolve("Makefile")) || !Files.isRegularFile(o.tree().resolve("Kconfig"))
                    || !Files.isDirectory(o.tree().resolve("arch/x86"))) {
                return fail(t0, logFile, "not a kernel source tree (no Makefile, Kconfig, arch/x86): " + o.tree());
            }
            Files.createDirectories(o.out());
            Files.writeString(logFile, "");
            String make = which("make", o.env().get("PATH"));
            if (make == null) {
                return fail(t0, logFile, "make not found on PATH (apt-get install build-essential flex bison bc libelf-dev libssl-dev)");
            }
            String ccache = which("ccache", o.env().get("PATH"));
            List<String> base = new ArrayList<>(List.of(make, "-C", o.tree().toAbsolutePath().toString(),
                    "O=" + o.out().toAbsolutePath()));
            if (ccache != null) {
                base.add("CC=" + ccache + " gcc");
            }
            long deadline = System.nanoTime() + o.timeout().toNanos();

            // 1. Base config.
            Path config = o.out().resolve(".config");
            if (o.baseConfig() != null) {
                Files.copy(o.baseConfig(), config, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                log.println("krepro build: base config " + o.baseConfig());
            } else {
                Files.deleteIfExists(config);
                int rc = make(base, List.of("defconfig"), o, logFile, deadline, log);
                if (rc != 0) {
                    return fail(t0, logFile, "make defconfig failed (exit " + rc + ")");
                }
            }
            // 2. Fragments, then olddefconfig.
            String guest = fragment("krepro-guest.config");
            StringBuilder add = new StringBuilder("\n# --- krepro-guest.config ---\n").append(guest);
            if (o.debug()) {
                add.append("\n# --- krepro-debug.config ---\n").append(fragment("krepro-debug.config"));
            }
            for (Path f : o.fragments()) {
                add.append("\n# --- ").append(f).append(" ---\n").append(Files.readString(f));
            }
            // "CONFIG_X=n" is how people write fragments; kconfig's own spelling is "# CONFIG_X is not set".
            String text = add.toString().replaceAll("(?m)^(CONFIG_[A-Za-z0-9_]+)=n\\s*$", "# $1 is not set");
            Files.writeString(config, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Files.writeString(o.out().resolve("krepro-fragment.config"), text);
            int rc = make(base, List.of("olddefconfig"), o, logFile, deadline, log);
            if (rc != 0) {
                return fail(t0, logFile, "make olddefconfig failed (exit " + rc + ")");
            }
            List<String> missing = new ArrayList<>();
            String cfg = Files.readString(config);
            for (String req : required(guest)) {
                if (!cfg.contains("\n" + req + "\n") && !cfg.startsWith(req + "\n")) {
                    missing.add(req.substring(0, req.length() - 2));
                }
            }
            if (!missing.isEmpty()) {
                log.println("krepro build: warning: options of krepro-guest.config this kernel did not take: " + String.join(" ", missing));
            }
            // 3. Build.
            int jobs = o.jobs() > 0 ? o.jobs() : Runtime.getRuntime().availableProcessors();
            rc = make(base, List.of("-j" + jobs, "bzImage", "modules"), o, logFile, deadline, log);
            if (rc != 0) {
                return fail(t0, logFile, rc == TIMED_OUT ? "the build timed out after " + o.timeout().toMinutes() + " min"
                        : "make bzImage modules failed (exit " + rc + ")");
            }
            Path bz = o.out().resolve("arch/x86/boot/bzImage");
            if (!Files.isRegularFile(bz)) {
                return fail(t0, logFile, "make succeeded but left no " + bz);
            }
            String release = java.util.Objects.requireNonNullElse(KernelRelease.ofBuildTree(o.out()), "");
            double secs = (System.nanoTime() - t0) / 1e9;
            log.printf("krepro build: %s built in %.0f s%s%n", release, secs, ccache != null ? " (ccache)" : "");
            return new Result(true, bz, release, secs, logFile, "", missing);
        } catch (Exception e) {
            return fail(t0, logFile, "build error: " + e);
        }
    }

    static final int TIMED_OUT = -2;

    private static int make(List<String> base, List<String> targets, Options o, Path logFile, long deadline, PrintStream log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(targets);
        log.println("krepro build: " + String.join(" ", cmd));
        Files.writeString(logFile, "$ " + String.join(" ", cmd) + "\n", StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(o.env());
        Process p = pb.start();
        long left = deadline - System.nanoTime();
        if (!p.waitFor(Math.max(1, left), TimeUnit.NANOSECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            return TIMED_OUT;
        }
        return p.exitValue();
    }

    /** The first executable {@code name} in {@code path} (a PATH string), or null. */
    public static String which(String name, String path) {
        return Processes.which(name, path).map(Path::toString).orElse(null);
    }

    /** The environment of the build: this process's, with a fixed build timestamp, user and host (ccache hits across steps). */
    public static Map<String, String> defaultEnv() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.putIfAbsent("KBUILD_BUILD_TIMESTAMP", "krepro");
        env.putIfAbsent("KBUILD_BUILD_USER", "krepro");
        env.putIfAbsent("KBUILD_BUILD_HOST", "krepro");
        return env;
    }

    private static Result fail(long t0, Path logFile, String msg) {
        String tail = "";
        try {
            if (Files.isRegularFile(logFile)) {
                String s = Files.readString(logFile);
                tail = s.length() > 3000 ? s.substring(s.length() - 3000) : s;
            }
        } catch (IOException ignored) {
            // no tail
        }
        return new Result(false, null, "", (System.nanoTime() - t0) / 1e9, logFile, msg + (tail.isBlank() ? "" : "\n--- build log tail ---\n" + tail), List.of());
    }
}
