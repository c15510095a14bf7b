package org.krepro.bisect;

/**
 * How one kernel is judged.
 *
 * @param p          the reproduction probability used for planning (conservative: the lower end of the
 *                   calibration's 95% Clopper-Pearson interval, or the value given with --p-bad)
 * @param pSource    where p comes from, for the log ("calibration 7/10 on ...", "--p-bad")
 * @param bound      the accepted probability of calling a bad kernel good (default 0.05)
 * @param k          failures that make a kernel bad (default 1)
 * @param cleanRuns  runs without failure needed to call a kernel good: the least n with
 *                   P(Binomial(n, p) < k) <= bound
 * @param maxRuns    runs after which a kernel with 1..k-1 failures is given up as inconclusive (skip)
 * @param maxErrors  runs ending in ERROR (not counted as runs) after which the kernel is skipped
 */
public record Plan(double p, String pSource, double bound, int k, int cleanRuns, int maxRuns, int maxErrors) {

    public Plan {
        if (k < 1 || cleanRuns < 1 || maxRuns < cleanRuns || maxErrors < 1) {
            throw new IllegalArgumentException("bad plan: k=" + k + " cleanRuns=" + cleanRuns + " maxRuns=" + maxRuns
                    + " maxErrors=" + maxErrors);
        }
    }

    /** The plan for probability p: n from {@link Stats#runsNeeded(double, double, int)}, max runs 3n (at least n + 2k). */
    public static Plan of(double p, String pSource, double bound, int k, int maxErrors) {
        int n = Stats.runsNeeded(p, bound, k);
        return new Plan(p, pSource, bound, k, n, Math.max(3 * n, n + 2 * k), maxErrors);
    }

    public Plan withMaxRuns(int max) {
        return new Plan(p, pSource, bound, k, cleanRuns, Math.max(max, cleanRuns), maxErrors);
    }

    public String describe() {
        return String.format("p >= %.3f (%s); bad after %d failure%s; good after %d clean runs"
                        + " (P(miss) = (1-p)^%d = %.4f <= %.3f); give up after %d runs or %d errors",
                p, pSource, k, k == 1 ? "" : "s", cleanRuns, cleanRuns, Stats.missProbability(p, cleanRuns), bound, maxRuns,
                maxErrors);
    }
}
