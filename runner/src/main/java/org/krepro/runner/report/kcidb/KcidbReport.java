package org.krepro.runner.report.kcidb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.krepro.runner.report.HostInfo;
import org.krepro.runner.report.ReportDir;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.spi.Finding;

/**
 * krepro's results as a KCIDB v5.3 report, the format CI systems submit kernel checkouts, builds and tests
 * to KernelCI in (shared/schemas/kcidb-v5.3.json): per kernel one checkout and one build, per
 * (reproducer, option set, filesystem) one test. The kernel is what krepro knows of it: a Debian package
 * ({@code vm.kernel.spec = debian:NAME}), a build tree and commit ({@code vm.kernel.tree},
 * {@code vm.kernel.commit}) or, on the host, the running release. Ids carry the origin prefix KCIDB
 * demands; evidence files become {@code file://} URLs, since nothing is uploaded.
 */
public final class KcidbReport {
    /** The origin (CI system name) ids are prefixed with unless told otherwise. */
    public static final String DEFAULT_ORIGIN = "krepro";
    /** KCIDB's limit on log_excerpt. */
    static final int MAX_EXCERPT = 16384;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private KcidbReport() {
    }

    /** One run's results and the kernel report directory its evidence paths are relative to. */
    public record Input(RunResults results, Path kernelReportDir) {
    }

    /**
     * Every results.json at {@code dir} or up to two levels below it (a report root holds one directory per
     * kernel; a sharded matrix one per job, each with its kernels), in path order.
     */
    public static List<Input> read(Path dir) throws IOException {
        List<Input> out = new java.util.ArrayList<>();
        for (Path json : ReportDir.findResults(dir, 3)) {
            out.add(new Input(RunResults.read(json), json.getParent().toAbsolutePath()));
        }
        return out;
    }

    /** The KCIDB document for these runs. */
    public static ObjectNode build(List<Input> runs, String origin) {
        if (!origin.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("KCIDB origin '" + origin + "' must match [a-z0-9_]+");
        }
        ObjectNode doc = F.objectNode();
        ObjectNode version = doc.putObject("version");
        version.put("major", 5);
        version.put("minor", 3);
        ArrayNode checkouts = doc.putArray("checkouts");
        ArrayNode builds = doc.putArray("builds");
        ArrayNode tests = doc.putArray("tests");
        Map<String, ObjectNode> seenCheckouts = new LinkedHashMap<>();
        Map<String, ObjectNode> seenBuilds = new LinkedHashMap<>();
        for (Input in : runs) {
            Kernel k = Kernel.of(in.results());
            String checkoutId = origin + ":" + k.checkoutKey();
            String buildId = origin + ":" + k.checkoutKey() + ":" + in.results().host().arch();
            if (!seenCheckouts.containsKey(checkoutId)) {
                ObjectNode c = checkout(checkoutId, origin, k);
                seenCheckouts.put(checkoutId, c);
                checkouts.add(c);
            }
            if (!seenBuilds.containsKey(buildId)) {
                ObjectNode b = build(buildId, checkoutId, origin, k, in.results().host());
                seenBuilds.put(buildId, b);
                builds.add(b);
            }
            String runId = in.results().properties().getOrDefault("run.id",
                    in.results().timestamp().replaceAll("[^0-9]", ""));
            for (TestResult t : in.results().tests()) {
                tests.add(test(origin, buildId, runId, in, t));
            }
        }
        return doc;
    }

    /** What identifies the kernel a run judged. */
    record Kernel(String release, String version, String debianPackage, String tree, String commit) {
        static Kernel of(RunResults r) {
            Map<String, String> p = r.properties();
            String release = p.getOrDefault("vm.kernel.release", r.host().kernelRelease());
            String version = p.getOrDefault("vm.kernel.version", r.host().kernelVersion());
            String spec = p.getOrDefault("vm.kernel.spec", "");
            String name = spec.startsWith("debian:") ? spec.substring("debian:".length()) : "";
            String pkg = name.startsWith("linux-image-") ? name.substring("linux-image-".length()) : name;
            String tree = p.getOrDefault("vm.kernel.tree", spec.isEmpty() || !pkg.isEmpty() ? "" : spec);
            String commit = p.getOrDefault("vm.kernel.commit", "");
            return new Kernel(release, version, pkg, tree, commit);
        }

        String checkoutKey() {
            return !commit.isEmpty() ? "git-" + commit : !debianPackage.isEmpty() ? "debian-" + debianPackage : "release-" + release;
        }
    }

    private static ObjectNode checkout(String id, String origin, Kernel k) {
        ObjectNode c = F.objectNode();
        c.put("id", id);
        c.put("origin", origin);
        if (k.commit().matches("[0-9a-f]{40}")) {
            c.put("git_commit_hash", k.commit());
        }
        c.put("tree_name", !k.debianPackage().isEmpty() ? "debian" : !k.tree().isEmpty() ? "local" : "running");
        c.put("valid", true);
        c.put("comment", "Linux " + k.release());
        ObjectNode misc = c.putObject("misc");
        misc.put("kernel_release", k.release());
        misc.put("kernel_version", k.version());
        if (!k.debianPackage().isEmpty()) {
            misc.put("debian_package", "linux-image-" + k.debianPackage());
        }
        if (!k.tree().isEmpty()) {
            misc.put("build_tree", k.tree());
        }
        if (!k.commit().isEmpty()) {
            misc.put("commit", k.commit());
        }
        return c;
    }

    private static ObjectNode build(String id, String checkoutId, String origin, Kernel k, HostInfo host) {
        ObjectNode b = F.objectNode();
        b.put("id", id);
        b.put("origin", origin);
        b.put("checkout_id", checkoutId);
        b.put("architecture", host.arch().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
        // the kernel booted and ran the tests: as a build it passed
        b.put("status", "PASS");
        b.put("comment", !k.debianPackage().isEmpty() ? "Debian package " + k.debianPackage()
                : !k.tree().isEmpty() ? "built from " + k.tree() : "the running kernel " + k.release());
        ObjectNode misc = b.putObject("misc");
        misc.put("kernel_release", k.release());
        if (!k.debianPackage().isEmpty()) {
            misc.put("debian_package", "linux-image-" + k.debianPackage());
        }
        return b;
    }

    private static ObjectNode test(String origin, String buildId, String runId, Input in, TestResult t) {
        ObjectNode o = F.objectNode();
        o.put("id", origin + ":" + runId + ":" + t.fs() + ":" + t.caseName());
        o.put("origin", origin);
        o.put("build_id", buildId);
        o.put("path", "krepro." + segment(t.reproducer()) + "." + segment(t.fs()) + "." + segment(t.optionSet()));
        o.put("status", switch (t.verdict()) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case ERROR -> "ERROR";
            case SKIPPED -> "SKIP";
        });
        String start = startTime(in.results().timestamp());
        if (start != null) {
            o.put("start_time", start);
        }
        o.put("duration", t.seconds());
        String headline = clean(t.headline());
        if (!headline.isEmpty()) {
            o.put("comment", headline);
        }
        String excerpt = clean(!t.kernelLog().isEmpty() ? t.kernelLog() : t.fsckOutput());
        if (!excerpt.isEmpty()) {
            o.put("log_excerpt", excerpt.length() > MAX_EXCERPT ? excerpt.substring(excerpt.length() - MAX_EXCERPT) : excerpt);
        }
        HostInfo h = in.results().host();
        ObjectNode env = o.putObject("environment");
        env.put("comment", clean(h.hostname() + ": " + h.cpus() + " CPUs, " + (h.memoryBytes() >> 20) + " MiB, "
                + t.properties().getOrDefault("device.kind", in.results().properties().getOrDefault("device.kind", "?"))
                + " devices"));
        ArrayNode files = o.putArray("output_files");
        ObjectNode misc = o.putObject("misc");
        misc.put("reproducer", t.reproducer());
        misc.put("fs", t.fs());
        misc.put("option_set", t.optionSet());
        misc.put("verdict", t.verdict().name());
        if (!t.reason().isEmpty()) {
            misc.put("reason", clean(t.reason()));
        }
        if (!t.findings().isEmpty()) {
            Finding f = t.findings().getFirst();
            ObjectNode first = misc.putObject("first_finding");
            first.put("kind", f.kind().name());
            first.put("title", clean(f.title()));
            misc.put("findings", t.findings().size());
        }
        ObjectNode evidence = misc.putObject("evidence");
        t.evidence().forEach((name, rel) -> {
            Path abs = in.kernelReportDir().resolve(rel).toAbsolutePath().normalize();
            evidence.put(name, abs.toString());
            ObjectNode file = files.addObject();
            file.put("name", (name + "_" + abs.getFileName()).replaceAll("[/\\x00]", "_"));
            file.put("url", abs.toUri().toString());
        });
        ObjectNode run = misc.putObject("run");
        for (String key : new String[] {"seed", "iterations", "duration.seconds", "duration.budget.seconds", "mkfs",
                "mount", "fsck.exit", "kmsg.records", "run.id"}) {
            String v = t.properties().get(key);
            if (v != null) {
                run.put(key, clean(v));
            }
        }
        ObjectNode coverage = F.objectNode();
        t.properties().forEach((k, v) -> {
            if (k.startsWith("coverage")) {
                coverage.put(k, clean(v));
            }
        });
        if (!coverage.isEmpty()) {
            misc.set("coverage", coverage);
        }
        misc.put("kernel_report_dir", in.kernelReportDir().toString());
        return o;
    }

    /** A KCIDB path segment: [a-zA-Z0-9_-]+. */
    static String segment(String s) {
        String out = s.replaceAll("[^a-zA-Z0-9_-]", "_");
        return out.isEmpty() ? "_" : out;
    }

    /** KCIDB forbids NUL in its strings; kernel logs can carry one. */
    static String clean(String s) {
        return s == null ? "" : s.replace('\0', ' ');
    }

    /** results.json keeps local time without a zone (JUnit's form); KCIDB wants an RFC 3339 date-time. */
    static String startTime(String junitTimestamp) {
        try {
            return LocalDateTime.parse(junitTimestamp).atZone(ZoneId.systemDefault()).toOffsetDateTime()
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException | NullPointerException e) {
            return null;
        }
    }

    /** Writes the document (pretty-printed) to {@code file}, atomically. */
    public static void write(ObjectNode doc, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        RunResults.json().writeValue(tmp.toFile(), doc);
        Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the runs under {@code reportDirs} and writes their KCIDB report to {@code file}; returns the test count. */
    public static int export(List<Path> reportDirs, Path file, String origin) throws IOException {
        List<Input> all = new java.util.ArrayList<>();
        for (Path d : reportDirs) {
            all.addAll(read(d));
        }
        ObjectNode doc = build(all, origin);
        write(doc, file);
        return doc.get("tests").size();
    }
}
