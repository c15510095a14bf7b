package org.krepro.vm.knockout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A knock-out: a patch against Debian's linux-source that undoes one upstream fix, so that a seed's bug
 * is back in an otherwise stock kernel. The patches live in {@code org/krepro/vm/knockouts/} (listed in
 * its INDEX); each starts with a header of {@code Key: value} lines, a free description, a {@code ---}
 * line, then the unified diff ({@code patch -p1} from the source tree's root):
 * <pre>
 * Knockout: 004
 * Title: btrfs extent-buffer double read: ...
 * Seed: 004_17edeaa98658f178.txt
 * Undoes: ef1e68236b91 btrfs: fix race in read_extent_buffer_pages()
 * Source: linux-source-6.12 6.12.118-1~deb12u1
 * Base: debian:6.12.118+deb12-cloud-amd64
 * Build: module fs/btrfs          (or: kernel)
 * Knobs: btrfs.krepro_ko=1 ...     (optional)
 * Cmdline: btrfs.x=1 ...           (optional: added to the guest's kernel command line)
 * Signature: ...                   (optional)
 * </pre>
 *
 * @param id        "004"
 * @param undoes    the upstream commit id (12 to 40 hex digits) and title
 * @param sourcePkg linux-source-6.12
 * @param sourceVersion the Debian version of the source package (6.12.118-1~deb12u1)
 * @param base      the Debian kernel whose modules (module knock-outs) or release (kernel ones) it builds on
 * @param moduleDir for a module knock-out, the directory built with M= (fs/xfs); null for a whole kernel
 * @param cmdline   kernel command line parameters to add when booting it
 * @param resource  the patch's file name
 * @param text      the whole patch file
 */
public record Knockout(String id, String title, String seed, String undoes, String sourcePkg, String sourceVersion,
                       String base, String moduleDir, String knobs, List<String> cmdline, String resource, String text) {

    static final String DIR = "/org/krepro/vm/knockouts/";
    static final List<String> REQUIRED = List.of("Knockout", "Title", "Seed", "Undoes", "Source", "Base", "Build");
    private static final Pattern HEADER = Pattern.compile("^([A-Z][A-Za-z-]*): (.*)$");
    static final Pattern UNDOES = Pattern.compile("^([0-9a-f]{12,40}) (\\S.*)$");
    private static final Pattern SOURCE = Pattern.compile("^(linux-source-\\d+\\.\\d+) (\\d+\\.\\d+\\.\\d+)(-\\S+)$");

    public Knockout {
        cmdline = List.copyOf(cmdline);
    }

    public boolean isModule() {
        return moduleDir != null;
    }

    /** The module's name: the last component of the M= directory (fs/btrfs -> btrfs). */
    public String module() {
        return moduleDir == null ? null : moduleDir.substring(moduleDir.lastIndexOf('/') + 1);
    }

    /** The upstream commit the patch undoes (its abbreviated id); the first, when it undoes several. */
    public String undoesCommit() {
        Matcher m = UNDOES.matcher(undoes);
        return m.matches() ? m.group(1) : "";
    }

    /** Every upstream commit the patch undoes ("ID title; and ID title"), in order. */
    public List<String> undoesCommits() {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("(?:^|;\\s*(?:and\\s+)?)([0-9a-f]{12,40}) ").matcher(undoes);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The name it goes by, so no one mistakes it for stock: 6.12.118+krepro-ko004. */
    public String name() {
        Matcher m = SOURCE.matcher(sourcePkg + " " + sourceVersion);
        return (m.matches() ? m.group(2) : sourceVersion) + "+krepro-ko" + id;
    }

    /** The --kernel spec that resolves it. */
    public String spec() {
        return "knockout:" + id;
    }

    /** The diff alone (from the first "--- a/" line). */
    public String diff() {
        int i = text.startsWith("--- a/") ? 0 : text.indexOf("\n--- a/") + 1;
        return text.substring(i);
    }

    /** SHA-256 of the patch file (hex). */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses and checks a patch file's header; IllegalArgumentException names what is missing or wrong. */
    public static Knockout parse(String resource, String text) {
        Map<String, String> h = new LinkedHashMap<>();
        int diffAt = -1;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("--- a/") && i + 1 < lines.length && lines[i + 1].startsWith("+++ b/")) {
                diffAt = i;
                break;
            }
            Matcher m = HEADER.matcher(lines[i]);
            if (m.matches() && !h.containsKey(m.group(1))) {
                h.put(m.group(1), m.group(2).trim());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String k : REQUIRED) {
            if (h.getOrDefault(k, "").isBlank()) {
                problems.add("no " + k + ":");
            }
        }
        if (diffAt < 0) {
            problems.add("no unified diff (--- a/ +++ b/)");
        }
        String id = h.getOrDefault("Knockout", "");
        if (!id.isEmpty() && !id.matches("\\d{3}")) {
            problems.add("Knockout: must be a three-digit seed id, not " + id);
        }
        if (!id.isEmpty() && !h.getOrDefault("Seed", "").startsWith(id + "_")) {
            problems.add("Seed: " + h.get("Seed") + " is not seed " + id);
        }
        if (h.containsKey("Undoes") && !UNDOES.matcher(h.get("Undoes")).matches()) {
            problems.add("Undoes: must be an upstream commit id and its title, not " + h.get("Undoes"));
        }
        Matcher src = SOURCE.matcher(h.getOrDefault("Source", ""));
        if (h.containsKey("Source") && !src.matches()) {
            problems.add("Source: must be 'linux-source-X.Y VERSION', not " + h.get("Source"));
        }
        if (h.containsKey("Base") && !h.get("Base").startsWith("debian:")) {
            problems.add("Base: must be a debian:NAME kernel, not " + h.get("Base"));
        }
        String build = h.getOrDefault("Build", "");
        String moduleDir = null;
        if (build.startsWith("module ")) {
            moduleDir = build.substring("module ".length()).trim();
            if (!moduleDir.matches("[a-z0-9_/-]+") || moduleDir.startsWith("/") || moduleDir.contains("..")) {
                problems.add("Build: bad module directory " + moduleDir);
            }
        } else if (!build.equals("kernel") && !build.isEmpty()) {
            problems.add("Build: must be 'module DIR' or 'kernel', not " + build);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(resource + ": " + String.join("; ", problems));
        }
        String cmd = h.getOrDefault("Cmdline", "").trim();
        return new Knockout(id, h.get("Title"), h.get("Seed"), h.get("Undoes"), src.group(1), src.group(2) + src.group(3),
                h.get("Base"), moduleDir, h.getOrDefault("Knobs", ""), cmd.isEmpty() ? List.of() : List.of(cmd.split("\\s+")),
                resource, text);
    }

    /** The patches shipped with krepro, in INDEX order. */
    public static List<Knockout> bundled() {
        List<Knockout> out = new ArrayList<>();
        for (String name : read("INDEX").split("\n")) {
            if (!name.isBlank() && !name.startsWith("#")) {
                out.add(parse(name.trim(), read(name.trim())));
            }
        }
        return out;
    }

    /** A bundled knock-out by id ("004", "ko004" or "knockout:004"). */
    public static Knockout bundled(String id) {
        String want = id.replaceFirst("^knockout:", "").replaceFirst("^ko", "");
        for (Knockout k : bundled()) {
            if (k.id().equals(want)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no knock-out " + id + " (have: "
                + String.join(", ", bundled().stream().map(Knockout::id).toList()) + ")");
    }

    private static String read(String name) {
        try (InputStream in = Knockout.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
