package org.krepro.vm.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.krepro.runner.io.Processes;
import org.krepro.vm.VmCache;

/**
 * The uncompressed kernel a guest boots through its PVH entry point, unpacked once from the bzImage's
 * payload (as the kernel's scripts/extract-vmlinux does) and cached. Under TCG the bzImage's own
 * decompressor costs about 0.85 s of every boot (vm-images README); QEMU loads an ELF vmlinux that
 * carries the PVH note (XEN_ELFNOTE_PHYS32_ENTRY, CONFIG_PVH=y) and jumps to the kernel directly. The
 * kernel is the same code either way; only its decompressor is skipped. A kernel without the note, or
 * whose payload cannot be unpacked here, boots from its bzImage as before.
 */
public final class PvhImage {

    /** Xen's ELF note type for the 32-bit PVH entry point, which QEMU's PVH loader looks for. */
    static final int XEN_ELFNOTE_PHYS32_ENTRY = 18;

    /** A bzImage payload format: its magic and the command that decompresses it from stdin. */
    record Codec(String name, byte[] magic, List<String> command) {
    }

    static final List<Codec> CODECS = List.of(
            new Codec("zstd", HexFormat.of().parseHex("28b52ffd"), List.of("zstd", "-dcq")),
            new Codec("xz", HexFormat.of().parseHex("fd377a585a00"), List.of("xz", "-dcq")),
            new Codec("gzip", HexFormat.of().parseHex("1f8b0800"), List.of("gzip", "-dcq")),
            new Codec("lz4", HexFormat.of().parseHex("02214c18"), List.of("lz4", "-dcq")));

    /** Unpacked kernels kept (with their "none" verdicts), most recently booted first. */
    static final int KEEP = 8;

    private PvhImage() {
    }

    /**
     * What QEMU's {@code -kernel} gets for {@code image}: the cached PVH vmlinux unpacked from it (made on
     * first use, in {@code cacheDir}), or {@code image} itself when it has none.
     */
    public static Path bootImage(Path image, Path cacheDir) throws IOException {
        if (image == null || !Files.isRegularFile(image) || isPvhElf(image)) {
            return image;
        }
        String key = key(image);
        Path vmlinux = cacheDir.resolve("pvh-" + key + ".vmlinux");
        Path none = cacheDir.resolve("pvh-" + key + ".none");
        if (Files.isRegularFile(vmlinux)) {
            VmCache.touch(vmlinux);
            return vmlinux;
        }
        if (Files.isRegularFile(none)) {
            VmCache.touch(none);
            return image;
        }
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, ".pvh-", ".tmp");
        try {
            String why = unpack(image, tmp);
            if (why != null) {
                Files.writeString(none, why + "\n");
                return image;
            }
            Files.move(tmp, vmlinux, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // about 57 MB each, and every knock-out build is a new bzImage: keep the most recently booted
            VmCache.prune(cacheDir, "pvh-", KEEP);
            return vmlinux;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Unpacks the first payload that decompresses to a complete PVH ELF into {@code out}; else why not. */
    static String unpack(Path image, Path out) throws IOException {
        byte[] bz = Files.readAllBytes(image);
        String why = "no compressed payload found";
        for (int off = 0; off < bz.length; off++) {
            for (Codec c : CODECS) {
                if (!startsWith(bz, off, c.magic())) {
                    continue;
                }
                if (Processes.which(c.command().getFirst()).isEmpty()) {
                    why = c.name() + " payload, but no " + c.command().getFirst() + " here";
                    continue;
                }
                decompress(c, bz, off, out);
                if (isPvhElf(out)) {
                    return null;
                }
                why = c.name() + " payload at " + off + " is not a complete ELF with a PVH note";
            }
        }
        return why;
    }

    private static void decompress(Codec c, byte[] bz, int off, Path out) throws IOException {
        Process p = new ProcessBuilder(c.command()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(bz, off, bz.length - off);
        } catch (IOException e) {
            // it stops reading at the payload's end (the bzImage goes on): what it wrote is judged below
        }
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unpacking " + c.name(), e);
        }
        // its exit status is not the judge: the payload is followed by the bzImage's trailer
    }

    /**
     * An x86-64 ELF executable whose loadable segments are all in the file and whose notes include
     * XEN_ELFNOTE_PHYS32_ENTRY: what QEMU's PVH loader boots.
     */
    static boolean isPvhElf(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 64) {
                return false;
            }
            ByteBuffer h = read(ch, 0, 64);
            if (h.getInt(0) != 0x464c457f || h.get(4) != 2 || h.get(5) != 1 || h.getShort(0x12) != 62) {
                return false; // not ELF64, little-endian, x86-64
            }
            long phoff = h.getLong(0x20);
            int phentsize = Short.toUnsignedInt(h.getShort(0x36));
            int phnum = Short.toUnsignedInt(h.getShort(0x38));
            if (phentsize < 56 || phoff + (long) phentsize * phnum > size) {
                return false;
            }
            boolean pvh = false;
            for (int i = 0; i < phnum; i++) {
                ByteBuffer ph = read(ch, phoff + (long) i * phentsize, 56);
                int type = ph.getInt(0);
                long offset = ph.getLong(0x08);
                long filesz = ph.getLong(0x20);
                if (offset + filesz > size) {
                    return false; // truncated: the decompressor stopped early
                }
                if (type == 4 && filesz > 0 && filesz < (1 << 20)) { // PT_NOTE
                    pvh |= hasPvhNote(read(ch, offset, (int) filesz));
                }
            }
            return pvh;
        }
    }

    private static boolean hasPvhNote(ByteBuffer notes) {
        int p = 0;
        while (p + 12 <= notes.limit()) {
            int namesz = notes.getInt(p);
            int descsz = notes.getInt(p + 4);
            int type = notes.getInt(p + 8);
            if (namesz < 0 || descsz < 0) {
                return false;
            }
            int name = p + 12;
            int desc = name + align4(namesz);
            if (desc + align4(descsz) > notes.limit()) {
                return false;
            }
            if (type == XEN_ELFNOTE_PHYS32_ENTRY && namesz == 4) {
                byte[] n = new byte[3];
                notes.get(name, n);
                if ("Xen".equals(new String(n, StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
            p = desc + align4(descsz);
        }
        return false;
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    private static ByteBuffer read(FileChannel ch, long at, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                break;
            }
        }
        return b.flip();
    }

    private static boolean startsWith(byte[] a, int off, byte[] magic) {
        if (off + magic.length > a.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (a[off + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Content hashes already computed, by path, size and modification time (a guest start asks twice). */
    private static final java.util.Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The image's content hash: a rebuilt bzImage at the same path is a new kernel. */
    private static String key(Path image) throws IOException {
        String stamp = image.toAbsolutePath() + "|" + Files.size(image) + "|" + Files.getLastModifiedTime(image).toMillis();
        String known = KEYS.get(stamp);
        if (known != null) {
            return known;
        }
        String key = hash(image);
        KEYS.put(stamp, key);
        return key;
    }

    private static String hash(Path image) throws IOException {
        try (InputStream in = Files.newInputStream(image)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
