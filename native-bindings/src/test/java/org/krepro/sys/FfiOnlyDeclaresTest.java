package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.krepro.sys.ffi.Lib;

/**
 * The raw layer only declares, so it never needs the owning layer: no class of {@code org.krepro.sys.ffi}
 * (nested ones included) refers to a class of {@code org.krepro.sys}. Read from the compiled classes,
 * whose constant pools name every class they use, imported or written out in full.
 */
class FfiOnlyDeclaresTest {
    /** A class of the owning package (or of a package below it other than ffi), as a class file names it. */
    private static final Pattern OWNING = Pattern.compile("org/krepro/sys/(?!ffi/)[\\w/$]+");

    @Test
    void noFfiClassRefersToTheOwningLayer() throws Exception {
        Path dir = Path.of(Lib.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("org/krepro/sys/ffi");
        List<String> found = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                classes++;
                Matcher m = OWNING.matcher(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    found.add(p.getFileName() + " -> " + m.group().replace('/', '.'));
                }
            }
        }
        assertTrue(classes > 20, "ffi classes read: " + classes);
        assertTrue(found.isEmpty(), "the ffi layer refers to the owning layer (move that code to org.krepro.sys):\n  "
                + String.join("\n  ", found));
    }
}
