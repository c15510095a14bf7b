package org.krepro.vm.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes an uncompressed "newc" cpio archive, the initramfs format the kernel unpacks. Deterministic
 * (mtime 0, root-owned, inode numbers in write order), so equal inputs give equal bytes. Parent
 * directories are added on demand. Several archives can be concatenated into one initrd.
 */
public final class CpioWriter implements AutoCloseable {
    private final OutputStream out;
    private final Set<String> dirs = new HashSet<>();
    private long written;
    private int ino = 1;

    public CpioWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    }

    public void dir(String path) throws IOException {
        path = strip(path);
        if (path.isEmpty() || dirs.contains(path)) {
            return;
        }
        parents(path);
        dirs.add(path);
        header(path, 040755, 0);
    }

    public void file(String path, Path source, int mode) throws IOException {
        path = strip(path);
        parents(path);
        long size = Files.size(source);
        header(path, 0100000 | (mode & 07777), size);
        try (InputStream in = Files.newInputStream(source)) {
            long n = in.transferTo(out);
            if (n != size) {
                throw new IOException(source + " changed while archiving");
            }
        }
        written += size;
        pad();
    }

    public void file(String path, byte[] data, int mode) throws IOException {
        path = strip(path);
        parents(path);
        header(path, 0100000 | (mode & 07777), data.length);
        out.write(data);
        written += data.length;
        pad();
    }

    public void text(String path, String text, int mode) throws IOException {
        file(path, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    public void symlink(String path, String target) throws IOException {
        path = strip(path);
        parents(path);
        byte[] t = target.getBytes(StandardCharsets.UTF_8);
        header(path, 0120777, t.length);
        out.write(t);
        written += t.length;
        pad();
    }

    /** Character device node (e.g. dev/console 5:1, so the kernel has a console before devtmpfs). */
    public void chardev(String path, int major, int minor) throws IOException {
        path = strip(path);
        parents(path);
        writeHeader(path, 020600, 0, major, minor);
    }

    private void parents(String path) throws IOException {
        int i = path.lastIndexOf('/');
        if (i > 0) {
            dir(path.substring(0, i));
        }
    }

    private static String strip(String p) {
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private void header(String name, int mode, long size) throws IOException {
        writeHeader(name, mode, size, 0, 0);
    }

    private void writeHeader(String name, int mode, long size, int rmajor, int rminor) throws IOException {
        if (size > 0xffffffffL) {
            throw new IOException("file too large for newc cpio: " + name);
        }
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        String h = "070701" + hex(ino++) + hex(mode) + hex(0) + hex(0) + hex((mode & 040000) != 0 ? 2 : 1) + hex(0)
                + hex(size) + hex(0) + hex(0) + hex(rmajor) + hex(rminor) + hex(n.length + 1) + hex(0);
        byte[] hb = h.getBytes(StandardCharsets.US_ASCII);
        out.write(hb);
        out.write(n);
        out.write(0);
        written += hb.length + n.length + 1;
        pad();
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "00000000".substring(s.length()) + s;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }

    @Override
    public void close() throws IOException {
        header("TRAILER!!!", 0, 0);
        out.close();
    }
}
