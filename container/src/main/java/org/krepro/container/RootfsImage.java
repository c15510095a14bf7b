package org.krepro.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.io.Processes;
import org.krepro.vm.VmCache;
import org.krepro.vm.image.CpioWriter;
import org.krepro.vm.image.GuestImage;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * "One rootfs, two launchers": the guest userspace vm-images assembles for QEMU guests (its cached base
 * layer: busybox, the jlinked runtime, mkfs/fsck tools with their libraries; and its jar layer: the
 * krepro jar), plus a small container layer of this module (the container entry script and the tools
 * the runner uses that the guest layer lacks), converted from cpio to one tar and built into an image {@code FROM scratch} by the local Docker
 * engine through Testcontainers' {@link ImageFromDockerfile}: nothing is pulled from a registry.
 *
 * <p>The image is named {@code krepro-container:KEY}, KEY being a hash of the layers' content, so an
 * unchanged rootfs is imported once and reused; when a new one is imported the older krepro-container
 * images are removed.
 */
public final class RootfsImage {
    public static final String REPOSITORY = "krepro-container";
    static final String FORMAT = "krepro-container-1";
    /** Tools the runner uses in the container that the guest base layer does not carry. */
    static final List<String> EXTRA_TOOLS = List.of("btrfs-map-logical", "blockdev");
    static final String ENTRY = "krepro/container-init.sh";

    /** An image ready to run. */
    public record Built(String tag, String id, long tarBytes, long imageBytes, boolean built, double seconds) {
    }

    private final VmCache cache;
    private final GuestImage guest;
    private final Consumer<String> log;

    public RootfsImage(VmCache cache, Consumer<String> log) {
        this.cache = cache;
        this.guest = new GuestImage(cache, GuestImage.hostJdk());
        this.log = log;
    }

    /**
     * The cpio layers, in order: the guest's base, runtime and jar layers (what a guest gets from its
     * initrd and its java disk), then this module's container layer.
     */
    public List<Path> layers(Path jar, Path workDir) throws IOException {
        List<Path> out = new ArrayList<>();
        Path runtime = guest.runtimeLayer(jar); // first: it picks the runtime the base layer's libraries serve
        out.add(guest.baseLayer());
        out.add(runtime);
        out.add(guest.jarLayer(jar));
        out.add(containerLayer(workDir));
        return out;
    }

    /** The content key of these layers (the cached layers are named by their own content hashes). */
    static String key(List<Path> layers) throws IOException {
        MessageDigest md = GuestImage.sha256();
        md.update((FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
        for (Path l : layers) {
            String n = l.getFileName().toString();
            if (n.matches("(base|runtime|jar)-[0-9a-f]{16}\\.cpio")) {
                md.update((n + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                GuestImage.digestFile(md, l);
            }
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    /**
     * The image for this jar: found by its content tag, or built now (cpio layers to one tar, imported).
     */
    public Built ensure(DockerClient docker, Path jar, Path workDir) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(workDir);
        List<Path> layers = layers(jar, workDir);
        String tag = REPOSITORY + ":" + key(layers);
        InspectImageResponse existing = inspect(docker, tag);
        if (existing != null) {
            Files.deleteIfExists(layers.getLast());
            return new Built(tag, existing.getId(), 0, size(existing), false, (System.nanoTime() - t0) / 1e9);
        }
        Path tar = workDir.resolve("rootfs-" + ProcessHandle.current().pid() + ".tar");
        try {
            long bytes = writeTar(layers, tar);
            log.accept("building " + tag + " FROM scratch with " + tar + " (" + (bytes >> 20) + " MiB)");
            String key = tag.substring(REPOSITORY.length() + 1);
            new ImageFromDockerfile(tag, false)
                    .withFileFromString("Dockerfile", dockerfile(key))
                    .withFileFromPath("rootfs.tar", tar)
                    .get();
            InspectImageResponse made = inspect(docker, tag);
            if (made == null) {
                throw new IOException("docker import of " + tar + " did not produce " + tag);
            }
            removeOthers(docker, tag);
            return new Built(tag, made.getId(), bytes, size(made), true, (System.nanoTime() - t0) / 1e9);
        } finally {
            Files.deleteIfExists(tar);
            Files.deleteIfExists(layers.getLast());
        }
    }

    /** The image: the rootfs and nothing else; the entry script runs krepro with the container's arguments. */
    static String dockerfile(String key) {
        return "FROM scratch\n"
                + "ADD rootfs.tar /\n"
                + "LABEL org.krepro.rootfs=\"" + key + "\"\n"
                + "ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin:/opt/jre/bin\n"
                + "ENTRYPOINT [\"/bin/sh\", \"/" + ENTRY + "\"]\n";
    }

    private static long size(InspectImageResponse r) {
        return r.getSize() == null ? -1 : r.getSize();
    }

    static InspectImageResponse inspect(DockerClient docker, String tag) {
        try {
            return docker.inspectImageCmd(tag).exec();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** Every image of {@link #REPOSITORY} (tags). */
    public static List<String> all(DockerClient docker) {
        List<String> out = new ArrayList<>();
        for (Image i : docker.listImagesCmd().withImageNameFilter(REPOSITORY).exec()) {
            if (i.getRepoTags() != null) {
                for (String t : i.getRepoTags()) {
                    if (t.startsWith(REPOSITORY + ":")) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    /** Removes the image (by tag); true when it existed. */
    public static boolean remove(DockerClient docker, String tag) {
        try {
            docker.removeImageCmd(tag).withForce(true).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void removeOthers(DockerClient docker, String keep) {
        for (String t : all(docker)) {
            if (!t.equals(keep)) {
                try {
                    remove(docker, t);
                    log.accept("removed older image " + t);
                } catch (RuntimeException e) {
                    log.accept("cannot remove older image " + t + " (in use?): " + e.getMessage());
                }
            }
        }
    }

    // ---------------------------------------------------------------- container layer

    /**
     * The container entry script, and the extra tools with the shared libraries they need (libraries the
     * base layer already has are written again; the later copy wins and is the same file).
     */
    Path containerLayer(Path workDir) throws IOException {
        Path out = workDir.resolve("container-layer-" + ProcessHandle.current().pid() + ".cpio");
        Map<String, Path> files = new TreeMap<>();
        List<Path> elves = new ArrayList<>();
        for (String t : EXTRA_TOOLS) {
            Path p = Processes.which(t).orElse(null);
            if (p == null) {
                continue;
            }
            String dir = p.getParent().toString().endsWith("sbin") ? "usr/sbin/" : "usr/bin/";
            files.put(dir + t, p.toRealPath());
            elves.add(p);
        }
        if (!files.containsKey("usr/bin/btrfs-map-logical") && !files.containsKey("usr/sbin/btrfs-map-logical")) {
            throw new EnvironmentException("btrfs-map-logical missing on the host (install btrfs-progs)");
        }
        files.putAll(lddClosure(elves));
        try (CpioWriter w = new CpioWriter(out)) {
            w.text(ENTRY, resource("container-init.sh"), 0755);
            w.dir("results");
            w.dir("var/tmp");
            for (var e : files.entrySet()) {
                w.file(e.getKey(), e.getValue(), 0755);
            }
        }
        return out;
    }

    private static final Pattern LDD_LINE = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    static Map<String, Path> lddClosure(List<Path> elves) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        for (Path e : elves) {
            Processes.Result r = Processes.runMerged(List.of("ldd", e.toString()), null, 600).ran();
            if (r.exitCode() != 0) {
                continue; // static
            }
            for (String line : r.output().split("\n")) {
                Matcher m = LDD_LINE.matcher(line);
                if (m.find() && Files.exists(Path.of(m.group(1)))) {
                    out.putIfAbsent(m.group(1).substring(1), Path.of(m.group(1)).toRealPath());
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- cpio -> tar

    /** Concatenates newc cpio layers into one tar (directories once; device nodes left to the engine). */
    static long writeTar(List<Path> layers, Path tar) throws IOException {
        Set<String> dirs = new HashSet<>();
        try (OutputStream fos = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 20);
             TarArchiveOutputStream out = new TarArchiveOutputStream(fos)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path layer : layers) {
                try (CpioArchiveInputStream in = new CpioArchiveInputStream(
                        new BufferedInputStream(Files.newInputStream(layer), 1 << 20))) {
                    CpioArchiveEntry e;
                    while ((e = (CpioArchiveEntry) in.getNextEntry()) != null) {
                        String name = e.getName();
                        while (name.startsWith("/") || name.startsWith("./")) {
                            name = name.substring(name.startsWith("/") ? 1 : 2);
                        }
                        if (name.isEmpty() || name.equals(".")) {
                            continue;
                        }
                        int perm = (int) (e.getMode() & 07777);
                        TarArchiveEntry t;
                        if (e.isDirectory()) {
                            if (!dirs.add(name)) {
                                continue;
                            }
                            t = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
                            t.setMode(040000 | perm);
                        } else if (e.isSymbolicLink()) {
                            String target = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                            t = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                            t.setLinkName(target);
                            t.setMode(0120777);
                        } else if (e.isRegularFile()) {
                            t = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
                            t.setMode(0100000 | perm);
                            t.setSize(e.getSize());
                        } else {
                            continue; // dev/console, dev/null: the container gets its own /dev
                        }
                        t.setModTime(0);
                        t.setIds(0, 0);
                        t.setNames("root", "root");
                        out.putArchiveEntry(t);
                        if (e.isRegularFile()) {
                            long n = in.transferTo(out);
                            if (n != e.getSize()) {
                                throw new IOException(layer + ": " + name + " has " + n + " bytes, header says " + e.getSize());
                            }
                        }
                        out.closeArchiveEntry();
                    }
                }
            }
            out.finish();
        }
        return Files.size(tar);
    }

    // ---------------------------------------------------------------- helpers

    static String resource(String name) throws IOException {
        try (InputStream in = RootfsImage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
