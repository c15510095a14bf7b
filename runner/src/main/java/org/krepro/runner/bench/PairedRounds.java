package org.krepro.runner.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rounds of one bench row, krepro and its baseline run one right after the other: the row's rates
 * are the medians of each side, its ratio the median of the per-pair ratios, and its spread the lowest
 * and highest per-pair ratio. A pair shares the machine's state of that moment (another job, the CPU's
 * frequency), so the median of pair ratios is what stays put from one invocation to the next, where a
 * ratio of best-of rates flips with one lucky run.
 */
public final class PairedRounds {
    private final List<double[]> pairs = new ArrayList<>();

    /** One round: krepro's rate, then the baseline's, measured back to back. */
    public void add(double krepro, double baseline) {
        pairs.add(new double[] {krepro, baseline});
    }

    public int size() {
        return pairs.size();
    }

    /** Adds every pair of {@code other} (pooling the rounds of several JVMs into one row). */
    public void addAll(PairedRounds other) {
        for (double[] p : other.pairs) {
            add(p[0], p[1]);
        }
    }

    /** Pair {@code i}: {krepro's rate, the baseline's}. */
    public double[] pair(int i) {
        return pairs.get(i).clone();
    }

    /** The row: median rates, median pair ratio, lowest and highest pair ratio. */
    public BenchRow row(String name, String baselineKind, String basis) {
        if (pairs.isEmpty()) {
            throw new IllegalStateException("no rounds measured for " + name);
        }
        double[] ratios = pairs.stream().mapToDouble(p -> p[1] == 0 ? Double.NaN : p[0] / p[1]).sorted().toArray();
        return new BenchRow(name, median(pairs.stream().mapToDouble(p -> p[0]).toArray()),
                median(pairs.stream().mapToDouble(p -> p[1]).toArray()), baselineKind, basis, median(ratios),
                ratios[0], ratios[ratios.length - 1], pairs.size());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
