package org.krepro.runner.report.kcidb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.Main;
import org.krepro.runner.report.ReportFixtures;
import org.krepro.runner.report.RunResults;
import picocli.CommandLine;

/**
 * {@code krepro export --kcidb}: validated against KernelCI's own KCIDB v5.3 schema, exported unchanged from
 * kcidb-io, by two independent JSON Schema implementations (networknt for Java, Debian's python3-jsonschema
 * with its format checker); and a broken report must be rejected by both, or the validation proves nothing.
 */
public class KcidbExportTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    /** shared/schemas/kcidb-v5.3.json, beside the repository. */
    public static Path schemaFile() {
        Path root = Path.of(System.getProperty("krepro.repo.root", "."));
        for (Path p = root.toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("shared/schemas/kcidb-v5.3.json");
            if (Files.isRegularFile(s)) {
                return s;
            }
            Path sibling = p.resolveSibling("shared/schemas/kcidb-v5.3.json");
            if (Files.isRegularFile(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("shared/schemas/kcidb-v5.3.json not found above " + root);
    }

    /** networknt's verdict: the messages, empty when valid. */
    public static Set<ValidationMessage> networknt(JsonNode doc) throws Exception {
        JsonNode schemaNode = JSON.readTree(schemaFile().toFile());
        // the exported schema has no $schema: it is Draft-07 (shared/schemas/README.md)
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(schemaNode, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
                        .regularExpressionFactory(JoniRegularExpressionFactory.getInstance()).build());
        return schema.validate(doc);
    }

    /** python3-jsonschema's verdict: "" when valid, else its error messages. */
    public static String python(Path docFile) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "needs Debian's python3-jsonschema");
        String script = """
                import json, sys, jsonschema
                schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
                v = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
                for e in v.iter_errors(doc):
                    print(e.json_path if hasattr(e, 'json_path') else list(e.path), e.message[:200])
                """;
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script, schemaFile().toString(), docFile.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    /** Asserts both validators accept the file. */
    public static JsonNode assertValid(Path file) throws Exception {
        JsonNode doc = JSON.readTree(file.toFile());
        assertEquals(Set.of(), networknt(doc), "networknt");
        assertEquals("", python(file), "python3-jsonschema");
        return doc;
    }

    private Path reports() throws Exception {
        Path root = dir.resolve("reports");
        RunResults host = ReportFixtures.run("6.18.44-host", Map.of());
        host.write(root.resolve("6.18.44-host").resolve(RunResults.FILE_NAME));
        RunResults guest = ReportFixtures.run("6.12.115+deb12-cloud-amd64", Map.of("run.id", "guest-1",
                "vm.kernel.spec", "debian:6.12.115+deb12-cloud-amd64", "vm.kernel.release", "6.12.115+deb12-cloud-amd64"));
        guest.write(root.resolve("6.12.115+deb12-cloud-amd64").resolve(RunResults.FILE_NAME));
        RunResults tree = ReportFixtures.run("6.1.0-krepro", Map.of("run.id", "tree-1",
                "vm.kernel.spec", "/src/linux/arch/x86/boot/bzImage", "vm.kernel.tree", "/src/linux",
                "vm.kernel.commit", "0123456789abcdef0123456789abcdef01234567"));
        tree.write(root.resolve("6.1.0-krepro").resolve(RunResults.FILE_NAME));
        return root;
    }

    private static int export(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void exportIsValidKcidbWithACheckoutAndBuildPerKernelAndATestPerCase() throws Exception {
        Path out = dir.resolve("kcidb.json");
        assertEquals(ExitCodes.ALL_PASSED, export("export", "--kcidb", out.toString(), reports().toString()));
        JsonNode doc = assertValid(out);

        assertEquals(5, doc.get("version").get("major").asInt());
        assertEquals(3, doc.get("checkouts").size());
        assertEquals(3, doc.get("builds").size());
        assertEquals(12, doc.get("tests").size());
        for (String kind : List.of("checkouts", "builds", "tests")) {
            doc.get(kind).forEach(n -> assertTrue(n.get("id").asText().startsWith("krepro:"), n.toString()));
        }
        JsonNode deb = find(doc.get("checkouts"), "krepro:debian-6.12.115+deb12-cloud-amd64");
        assertEquals("linux-image-6.12.115+deb12-cloud-amd64", deb.get("misc").get("debian_package").asText());
        JsonNode git = find(doc.get("checkouts"), "krepro:git-0123456789abcdef0123456789abcdef01234567");
        assertEquals("0123456789abcdef0123456789abcdef01234567", git.get("git_commit_hash").asText());
        assertEquals("/src/linux", git.get("misc").get("build_tree").asText());

        JsonNode fail = find(doc.get("tests"), "krepro:19a2b3c4d5e-4242:ext4:ext4-jbd2-migration[2k]");
        assertEquals("FAIL", fail.get("status").asText());
        assertEquals("krepro.ext4-jbd2-migration.ext4.2k", fail.get("path").asText());
        assertEquals("krepro:release-6.18.44-host:x86_64", fail.get("build_id").asText());
        assertEquals("EXT4-fs warning in ext4_evict_inode: data will be lost",
                fail.get("misc").get("first_finding").get("title").asText());
        assertFalse(fail.get("log_excerpt").asText().contains("\u0000"), "NUL is not allowed in KCIDB strings");
        Path kernelLog = reports().resolve("6.18.44-host/evidence/ext4/ext4-jbd2-migration[2k]/kernel-log.txt");
        assertEquals(kernelLog.toString(), fail.get("misc").get("evidence").get("kernel-log").asText());
        assertTrue(fail.get("output_files").toString().contains(kernelLog.toUri().toString()), fail.toString());
        assertEquals("88", fail.get("misc").get("run").get("iterations").asText());

        JsonNode pass = find(doc.get("tests"), "krepro:19a2b3c4d5e-4242:ext4:control-clean[4k]");
        assertEquals("PASS", pass.get("status").asText());
        assertEquals("17", pass.get("misc").get("coverage").get("coverage.ext4_dirty_folio").asText());
        assertEquals("3/4 race-path functions hit", pass.get("misc").get("coverage").get("coverage").asText());
        assertEquals(List.of("PASS", "FAIL", "ERROR", "SKIP"), doc.get("tests").valueStream().limit(4)
                .map(t -> t.get("status").asText()).toList());
    }

    @Test
    void aBrokenReportIsRejectedByBothValidators() throws Exception {
        Path good = dir.resolve("good.json");
        assertEquals(ExitCodes.ALL_PASSED, export("export", "--kcidb", good.toString(), reports().toString()));
        ObjectNode doc = (ObjectNode) JSON.readTree(good.toFile());
        ((ObjectNode) doc.get("tests").get(0)).put("status", "SKIPPED");               // not a KCIDB status
        ((ObjectNode) doc.get("tests").get(1)).put("id", "no-origin-prefix");          // ids need "origin:"
        ((ObjectNode) doc.get("builds").get(0)).remove("checkout_id");                 // required
        ((ObjectNode) doc.get("tests").get(1)).withArray("output_files").addObject().put("name", "a/b").put("url", "x y");
        Path broken = dir.resolve("broken.json");
        JSON.writeValue(broken.toFile(), doc);

        Set<ValidationMessage> errors = networknt(doc);
        String all = errors.toString();
        assertTrue(all.contains("status") && all.contains("id") && all.contains("checkout_id") && all.contains("name"), all);
        String py = python(broken);
        assertTrue(py.contains("'SKIPPED' is not one of") && py.contains("does not match") && py.contains("checkout_id"), py);
        assertTrue(py.lines().count() >= 4, py);
    }

    @Test
    void exportOfADirectoryWithoutResultsIsAUsageError() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(ExitCodes.USAGE, export("export", "--kcidb", dir.resolve("k.json").toString(), dir.resolve("empty").toString()));
        assertEquals(ExitCodes.USAGE, export("export", "--kcidb", dir.resolve("k.json").toString(), dir.resolve("nope").toString()));
        assertFalse(Files.exists(dir.resolve("k.json")));
    }

    static JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no " + id + " in " + array);
    }
}
