package org.krepro.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.krepro.runner.cli.Main;
import picocli.CommandLine;

/**
 * Every command's --help, as the jar assembles them: picocli formats descriptions with
 * String.format, so a bare "95% interval" is a broken conversion that prints a warning instead of
 * the help's line breaks.
 */
class EveryHelpFormatsTest {

    @Test
    void everyCommandsHelpFormatsWithoutWarnings() {
        List<String> seen = new ArrayList<>();
        check(Main.commandLine(), seen);
        assertTrue(seen.size() > 10, "only " + seen);
    }

    private static void check(CommandLine cl, List<String> seen) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            cl.usage(new PrintStream(out, true, StandardCharsets.UTF_8));
        } finally {
            System.setErr(previous);
        }
        String name = cl.getCommandSpec().qualifiedName();
        seen.add(name);
        assertEquals("", err.toString(StandardCharsets.UTF_8), name + " --help warned");
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("%n"), name + " --help has an unformatted %n");
        cl.getSubcommands().values().stream().distinct().forEach(sub -> check(sub, seen));
    }
}
