package org.krepro.runner.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.krepro.runner.EnvironmentException;
import org.krepro.runner.bench.BenchOptions;
import org.krepro.runner.bench.BenchRow;
import org.krepro.runner.bench.BenchSuite;
import org.krepro.runner.bench.BenchUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code krepro bench [SUITE...]}: runs benchmark suites (every {@link BenchSuite} on the class path,
 * found with {@link ServiceLoader}) and prints krepro's rate beside each baseline's with their ratio.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure krepro's native paths against C baselines (and fio). With no SUITE, runs every suite",
            "this machine can run (the others are skipped with the reason); a named SUITE that cannot run exits 3.",
            "Rates are operations per second (per CPU-second of the issuing thread for CPU-bound rows);",
            "ratio = krepro / baseline, higher is better."})
public final class BenchCommand implements Callable<Integer>, KreproCommand {

    @Parameters(arity = "0..*", paramLabel = "SUITE", description = "Suites to run (see --list).")
    List<String> suites = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per row and line: name, krepro, baseline, baseline_kind, basis, ratio"
            + " (and pairs, paired_low, paired_high: how many back-to-back rounds and the range of their ratios, where a suite pairs its rounds).")
    boolean json;

    @Option(names = "--list", description = "List the suites and exit.")
    boolean list;

    @Option(names = "--millis", defaultValue = "500", description = "Length of one measured run (default: ${DEFAULT-VALUE}).")
    long millis;

    @Option(names = "--rounds", defaultValue = "5", description = "Back-to-back rounds per row; the median of their ratios counts (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--forks", defaultValue = "3", description = "JVMs each CPU row is split over, their pairs pooled (default: ${DEFAULT-VALUE}).")
    int forks;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, BenchSuite> available = new LinkedHashMap<>();
        ServiceLoader.load(BenchSuite.class).forEach(s -> available.put(s.name(), s));
        if (list) {
            int width = available.keySet().stream().mapToInt(String::length).max().orElse(0);
            available.values().forEach(s -> System.out.printf("%-" + width + "s  %s%n", s.name(), s.description()));
            return ExitCodes.ALL_PASSED;
        }
        if (millis < 100 || rounds < 1 || forks < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--millis must be >= 100, --rounds and --forks >= 1");
        }
        List<BenchSuite> chosen = new ArrayList<>();
        for (String name : suites) {
            BenchSuite s = available.get(name);
            if (s == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown bench suite '" + name + "' (available: " + String.join(", ", available.keySet()) + ")");
            }
            chosen.add(s);
        }
        boolean all = chosen.isEmpty();
        if (all) {
            chosen.addAll(available.values());
        }
        BenchOptions options = new BenchOptions(millis, rounds, forks, System.err);
        List<String> skipped = new ArrayList<>();
        for (BenchSuite suite : chosen) {
            List<BenchRow> rows;
            try {
                rows = suite.run(options);
            } catch (BenchUnavailableException e) {
                if (!all) {
                    throw new EnvironmentException(e.getMessage(), e);
                }
                // Running everything: a suite this machine cannot run is skipped, not fatal.
                System.err.println("krepro bench: skipped " + suite.name() + ": " + e.getMessage());
                skipped.add(suite.name());
                continue;
            }
            print(suite, rows);
        }
        if (all && !chosen.isEmpty() && skipped.size() == chosen.size()) {
            throw new EnvironmentException("no bench suite can run here (skipped: " + String.join(", ", skipped) + ")");
        }
        return ExitCodes.ALL_PASSED;
    }

    private void print(BenchSuite suite, List<BenchRow> rows) {
        if (json) {
            rows.forEach(r -> System.out.println(r.toJson()));
            return;
        }
        System.out.printf(Locale.ROOT, "krepro bench %s (ops/s, %d rounds x %d ms; ratio = krepro / baseline)%n",
                suite.name(), rounds, millis);
        int width = Math.max(40, rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        boolean paired = rows.stream().anyMatch(r -> !r.pairedRange().isEmpty());
        String head = "%-" + width + "s %12s %12s %-5s %-5s %6s" + (paired ? "  %s" : "%s") + "%n";
        System.out.printf(Locale.ROOT, head, "name", "krepro", "baseline", "kind", "basis", "ratio", paired ? "paired rounds" : "");
        for (BenchRow r : rows) {
            System.out.printf(Locale.ROOT, "%-" + width + "s %12s %12s %-5s %-5s %6.2f%s%n", r.name(), BenchRow.human(r.krepro()),
                    BenchRow.human(r.baseline()), r.baselineKind(), r.basis(), r.ratio(),
                    r.pairedRange().isEmpty() ? "" : "  " + r.pairedRange());
        }
        System.out.println("basis cpu: per CPU-second (syscalls: of the issuing thread; reproducers: of the process); wall: per elapsed second");
        if (paired) {
            System.out.println("ratio: median of the krepro/baseline ratios of rounds run back to back (rates: medians of each side);"
                    + " paired rounds: lowest-highest of those ratios (the machine's noise)");
        }
    }
}
