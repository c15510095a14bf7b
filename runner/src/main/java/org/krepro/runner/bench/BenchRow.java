package org.krepro.runner.bench;

import java.util.Locale;

/**
 * One benchmark result: krepro's rate beside a baseline's rate for the same work, both in operations
 * per second (higher is better).
 *
 * @param name what was measured, e.g. {@code "getppid"}
 * @param krepro krepro's operations per second (the median of its rounds, when paired)
 * @param baseline the baseline's operations per second (likewise)
 * @param baselineKind {@code "c"} (a C program in the repository), {@code "liburing"} or {@code "fio"}
 * @param basis {@code "cpu"}: operations per CPU-second of the issuing thread (for CPU-bound loops, so
 *     that other work on a shared machine does not decide the ratio), or {@code "wall"}: operations per
 *     elapsed second (for I/O, where waiting is part of the cost)
 * @param pairedRatio median of the krepro/baseline ratios of rounds run back to back (NaN when the
 *     suite did not pair its runs): the row's ratio
 * @param pairedLow lowest such ratio: with {@code pairedHigh}, how much the machine moved the ratio
 * @param pairedHigh highest such ratio
 * @param pairs how many paired rounds (0 when not paired)
 */
public record BenchRow(String name, double krepro, double baseline, String baselineKind, String basis, double pairedRatio,
                       double pairedLow, double pairedHigh, int pairs) {
    public BenchRow(String name, double krepro, double baseline, String baselineKind, String basis) {
        this(name, krepro, baseline, baselineKind, basis, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /** "0.83-1.11", or "" when the runs were not paired. */
    public String pairedRange() {
        return pairs == 0 ? "" : String.format(Locale.ROOT, "%.2f-%.2f", pairedLow, pairedHigh);
    }

    /** krepro / baseline, the median of paired rounds' ratios where there are some: above 1 krepro is faster. */
    public double ratio() {
        if (pairs > 0) {
            return pairedRatio;
        }
        return baseline == 0 ? Double.NaN : krepro / baseline;
    }

    /** The row as one JSON object: name, krepro, baseline, baseline_kind, basis, ratio, and pairs, paired_low/high when paired. */
    public String toJson() {
        String paired = pairs == 0 ? ""
                : String.format(Locale.ROOT, ",\"pairs\":%d,\"paired_low\":%.3f,\"paired_high\":%.3f", pairs, pairedLow, pairedHigh);
        return String.format(Locale.ROOT, "{\"name\":\"%s\",\"krepro\":%.1f,\"baseline\":%.1f,\"baseline_kind\":\"%s\",\"basis\":\"%s\",\"ratio\":%.3f%s}",
                name.replace("\\", "\\\\").replace("\"", "\\\""), krepro, baseline, baselineKind, basis, ratio(), paired);
    }

    /** A rate for people: {@code "1.57 M/s"}. */
    public static String human(double opsPerSecond) {
        if (opsPerSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M/s", opsPerSecond / 1e6);
        }
        if (opsPerSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k/s", opsPerSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f /s", opsPerSecond);
    }
}
