package org.krepro.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.krepro.runner.cli.Main;
import picocli.CommandLine;

/**
 * The CI definitions and scripts under ci/ call only krepro commands and options that exist: every
 * {@code krepro SUBCOMMAND --option} in them (directly, through ci/nightly-shard.sh, which forwards its
 * options to {@code krepro matrix}, or through ci/bisect-step.sh, which forwards them to
 * {@code krepro bisect-run}) is looked up in the CLI's own command tree: the packaged one, with every
 * module's commands, which is why this test lives in dist.
 */
class CiDefinitionsTest {
    /** {@code ./krepro merge-reports}, {@code "$krepro" shard-plan}, {@code "${KREPRO:-$root/krepro}" bisect}. */
    private static final Pattern DIRECT = Pattern.compile("(?:\\./krepro|\"\\$krepro\"|\\$krepro|/krepro\\}?\"?)\\s+([a-z][a-z-]*)");
    /** A word right after the subcommand: a nested command when the subcommand has one by that name. */
    private static final Pattern NESTED = Pattern.compile("\\s+([a-z][a-z-]*)\\b");
    /** The wrappers, and the subcommand they forward their options to. */
    private static final Map<Pattern, String> WRAPPERS = Map.of(
            Pattern.compile("nightly-shard\\.sh"), "matrix",
            Pattern.compile("bisect-step\\.sh|\"\\$step\""), "bisect-run");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");
    /** bisect-demo.sh's option array, handed to "$step": {@code common=( ... )} over several lines. */
    private static final Pattern ARRAY = Pattern.compile("(?s)\\bcommon\\+?=\\((.*?)\\)");

    /** The repository root (tests run in dist/). */
    static Path repo() {
        return Path.of(System.getProperty("krepro.repo.root", "..")).toAbsolutePath().normalize();
    }

    record Call(Path file, int line, String subcommand, List<String> options) {
    }

    static List<Call> calls() throws IOException {
        List<Call> out = new ArrayList<>();
        Path ci = repo().resolve("ci");
        List<Path> files;
        try (Stream<Path> s = Files.walk(ci)) {
            files = s.filter(p -> p.toString().matches(".*\\.(ya?ml|sh)$")).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f);
            String[] lines = text.split("\n");
            for (int i = 0; i < lines.length; i++) {
                // a shell command continued with backslash-newline is one call (reported at its first line)
                StringBuilder joined = new StringBuilder(lines[i]);
                int first = i;
                while (joined.toString().endsWith("\\") && i + 1 < lines.length) {
                    joined.setLength(joined.length() - 1);
                    joined.append(' ').append(lines[++i]);
                }
                String line = joined.toString().replaceAll("^\\s*#.*", "").replaceAll("\\s#\\s.*", "");
                Matcher m = DIRECT.matcher(line);
                if (m.find()) {
                    // a nested command ("kernels build") is named by its path
                    String rest = line.substring(m.end());
                    Matcher nested = NESTED.matcher(rest);
                    String sub = m.group(1);
                    if (nested.lookingAt()) {
                        sub = sub + " " + nested.group(1);
                        rest = rest.substring(nested.end());
                    }
                    out.add(new Call(f, first + 1, sub, options(rest)));
                    continue;
                }
                for (var w : WRAPPERS.entrySet()) {
                    Matcher wm = w.getKey().matcher(line);
                    if (wm.find() && !line.matches("\\s*\\w+=.*")) {
                        out.add(new Call(f, first + 1, w.getValue(), options(line.substring(wm.end()))));
                    }
                }
            }
            Matcher a = ARRAY.matcher(text);
            while (a.find()) {
                int line = (int) text.substring(0, a.start()).lines().count() + 1;
                out.add(new Call(f, line, "bisect-run", options(a.group(1))));
            }
        }
        return out;
    }

    static List<String> options(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = OPTION.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void everyKreproCallInCiNamesAnExistingCommandAndOptions() throws IOException {
        CommandLine cl = Main.commandLine();
        List<Call> calls = calls();
        Map<String, Integer> seen = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Call c : calls) {
            seen.merge(c.subcommand(), 1, Integer::sum);
            String[] path = c.subcommand().split(" ");
            CommandLine sub = cl.getSubcommands().get(path[0]);
            if (sub != null && path.length > 1) {
                // "kernels build": the nested command when there is one, else the word was an argument
                CommandLine nested = sub.getSubcommands().get(path[1]);
                if (nested != null) {
                    sub = nested;
                } else {
                    seen.merge(path[0], 1, Integer::sum);
                }
            }
            String where = repo().relativize(c.file()) + ":" + c.line();
            if (sub == null) {
                wrong.add(where + ": no subcommand " + c.subcommand());
                continue;
            }
            for (String opt : c.options()) {
                if (sub.getCommandSpec().findOption(opt) == null) {
                    wrong.add(where + ": krepro " + c.subcommand() + " has no option " + opt);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // the scan must have found what the nightly and the bisect recipes really use
        for (String sub : List.of("matrix", "shard-plan", "merge-reports", "bisect-run", "bisect", "prove", "kernels build")) {
            assertTrue(seen.containsKey(sub), "no call of " + sub + " found in ci/: " + seen);
        }
        assertTrue(calls.stream().anyMatch(c -> c.subcommand().equals("bisect-run") && c.options().contains("--kernel-tree")),
                "bisect-demo's option array was not read: " + calls);
        assertTrue(calls.stream().anyMatch(c -> c.subcommand().equals("bisect") && c.options().contains("--work-dir")),
                "bisect-demo's continued krepro bisect line was not read whole: " + calls);
    }

    @Test
    void aMisspelledOptionIsCaught() {
        CommandLine cl = Main.commandLine();
        assertTrue(cl.getSubcommands().get("matrix").getCommandSpec().findOption("--duration") != null);
        assertTrue(cl.getSubcommands().get("matrix").getCommandSpec().findOption("--durations") == null);
        assertTrue(options("x --report-dir \"$d\" --shard=1/2 -v a--b").equals(List.of("--report-dir", "--shard")));
    }
}
