package org.krepro.runner.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.krepro.runner.engine.RunOptions;
import org.krepro.runner.spi.Filesystem;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The options every command that runs reproducers shares ({@code run}, {@code vm}, {@code matrix},
 * {@code bisect-run}, {@code container}), so that they mean the same everywhere.
 */
public final class RunOptionsMixin {

    @Option(names = {"-r", "--reproducer"}, split = ",", paramLabel = "ID",
            description = "Reproducer id(s) to run (repeatable or comma-separated). Default: every one safe here.")
    public List<String> reproducers = new ArrayList<>();

    @Option(names = "--fs", split = ",", paramLabel = "FS",
            description = "Filesystem(s): ext4, xfs, btrfs. Default: every one the reproducer declares.")
    public List<String> filesystems = new ArrayList<>();

    @Option(names = "--option-set", split = ",", paramLabel = "NAME",
            description = "Only these option sets (as `krepro list` names them, e.g. 4k, raid0).")
    public List<String> optionSets = new ArrayList<>();

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = RunArguments.Budget.class,
            description = "Workload budget per test: 30s, 5m, 1h, or ISO-8601 (PT30S). Default: each reproducer's own.")
    public Duration duration;

    @Option(names = "--iterations", paramLabel = "N", converter = RunArguments.Iterations.class,
            description = "Iteration budget per test (whichever of time and iterations comes first).")
    public long iterations = Long.MAX_VALUE;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of the run (decimal or 0x hex); the same seed replays the same choices. Default: random, printed.")
    public String seed;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "JUnit XML, results.json and evidence go to DIR/<kernel release>/ (default: ${DEFAULT-VALUE}).")
    public Path reportDir = Path.of("reports");

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "krepro's images, mounts and state (default: ${DEFAULT-VALUE}).")
    public Path workDir = Path.of("/var/tmp/krepro");

    @Option(names = "--keep-images", description = "Keep every test's images (failed tests always keep theirs).")
    public boolean keepImages;

    @Option(names = "--allow-host-crash",
            description = "Run reproducers that may crash the running kernel (ext4-inline-data-mkwrite, control-kernel-panic).")
    public boolean allowHostCrash;

    @Option(names = "--hang-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long past its budget a workload may run before it is declared hung (default: ${DEFAULT-VALUE}).")
    public Duration hangGrace = Duration.ofSeconds(120);

    @Option(names = "--no-cycle-check",
            description = "Unmount right after the workload, without reading every file first for the unmount-cycle"
                    + " check (which compares that read with the remounted disk). The read takes time (0.01-2 s here)"
                    + " between the workload and the unmount, and a race that shows at unmount can need that gap closed.")
    public boolean noCycleCheck;

    @Option(names = "--full-budget",
            description = "Run every workload for its whole budget, even after a kernel crash report or a finding"
                    + " has made the verdict certain (by default a test stops within seconds of it): to measure how"
                    + " often a reproducer hits in a given time.")
    public boolean fullBudget;

    @Option(names = {"-v", "--verbose"},
            description = "Show every command krepro runs (mkfs, mount, losetup, fsck) as it runs; they always go to krepro.log.")
    public boolean verbose;

    /** The seed actually used: the given one, or one drawn now. */
    public long resolvedSeed() {
        if (seed == null) {
            seed = "0x" + Long.toHexString(new java.security.SecureRandom().nextLong());
        }
        String s = seed.trim().toLowerCase(Locale.ROOT);
        return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }

    public Set<Filesystem> filesystemSet() {
        Set<Filesystem> out = new LinkedHashSet<>();
        for (String f : filesystems) {
            try {
                out.add(Filesystem.fromId(f));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown filesystem '" + f + "' (ext4, xfs, btrfs)");
            }
        }
        return out;
    }

    public RunOptions toRunOptions(List<Path> devices) {
        return new RunOptions(new LinkedHashSet<>(reproducers), filesystemSet(), new LinkedHashSet<>(optionSets),
                duration, iterations, resolvedSeed(), reportDir, workDir, keepImages, allowHostCrash, devices, hangGrace,
                !noCycleCheck, fullBudget);
    }

    /** Arguments that reproduce these options on another krepro (a guest, a container). */
    public List<String> toArguments() {
        List<String> a = new ArrayList<>();
        if (!reproducers.isEmpty()) {
            a.add("--reproducer=" + String.join(",", reproducers));
        }
        if (!filesystems.isEmpty()) {
            a.add("--fs=" + String.join(",", filesystems));
        }
        if (!optionSets.isEmpty()) {
            a.add("--option-set=" + String.join(",", optionSets));
        }
        if (duration != null) {
            a.add("--duration=" + duration.toSeconds() + "s");
        }
        if (iterations != Long.MAX_VALUE) {
            a.add("--iterations=" + iterations);
        }
        a.add("--seed=0x" + Long.toHexString(resolvedSeed()));
        if (keepImages) {
            a.add("--keep-images");
        }
        if (allowHostCrash) {
            a.add("--allow-host-crash");
        }
        a.add("--hang-grace=" + hangGrace.toSeconds() + "s");
        if (noCycleCheck) {
            a.add("--no-cycle-check");
        }
        if (fullBudget) {
            a.add("--full-budget");
        }
        if (verbose) {
            a.add("--verbose");
        }
        return a;
    }

    /** 30s, 5m, 2h, 1500ms, or ISO-8601. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            char unit = v.charAt(v.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("duration '" + value + "': use 30s, 5m, 1h or PT30S");
            };
        }
    }
}
