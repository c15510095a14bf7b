package org.krepro.bisect;

/**
 * The statistics of bisecting a probabilistic reproducer.
 *
 * <p>A run of the reproducer on a bad kernel fails with an unknown probability p. It is estimated on
 * the known-bad side from {@code failures} out of {@code runs} runs (a fixed number of runs, so that
 * the binomial model holds), and the value used to plan is the <b>lower end of the two-sided 95%
 * Clopper-Pearson interval</b> (exact, conservative: a one-sided 97.5% lower bound). A kernel is
 * called good only after n clean runs, where n is the least number with
 * {@code P(fewer than k failures in n runs | p) <= bound}; for k = 1 that is
 * {@code (1-p)^n <= bound}, i.e. {@code n = ceil(ln(bound) / ln(1-p))}.
 */
public final class Stats {
    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private Stats() {
    }

    /** An interval estimate of a probability. */
    public record Interval(double point, double lo, double hi, String method) {
        @Override
        public String toString() {
            return String.format("%.3f (95%% %s [%.3f, %.3f])", point, method, lo, hi);
        }
    }

    /** Wilson score interval, two-sided, for {@code k} successes out of {@code n}. */
    public static Interval wilson(int k, int n, double z) {
        check(k, n);
        double phat = (double) k / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (phat + z2 / (2.0 * n)) / denom;
        double half = z * Math.sqrt(phat * (1 - phat) / n + z2 / (4.0 * n * n)) / denom;
        return new Interval(phat, Math.max(0, centre - half), Math.min(1, centre + half), "Wilson");
    }

    /**
     * Clopper-Pearson ("exact") interval, two-sided at confidence {@code 1 - alpha}: the lower end solves
     * {@code P(X >= k | n, lo) = alpha/2}, the upper end {@code P(X <= k | n, hi) = alpha/2}.
     */
    public static Interval clopperPearson(int k, int n, double alpha) {
        check(k, n);
        double lo = k == 0 ? 0 : solve(p -> 1 - binomCdf(k - 1, n, p), alpha / 2);
        double hi = k == n ? 1 : solve(p -> -binomCdf(k, n, p), -alpha / 2);
        return new Interval((double) k / n, lo, hi, "Clopper-Pearson");
    }

    /** The conservative reproduction probability: lower end of the two-sided 95% Clopper-Pearson interval. */
    public static Interval estimate(int failures, int runs) {
        return clopperPearson(failures, runs, 0.05);
    }

    /** P(X <= k) for X ~ Binomial(n, p), summed in log space. */
    public static double binomCdf(int k, int n, double p) {
        if (k < 0) {
            return 0;
        }
        if (k >= n) {
            return 1;
        }
        if (p <= 0) {
            return 1;
        }
        if (p >= 1) {
            return 0;
        }
        double lp = Math.log(p);
        double lq = Math.log1p(-p);
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += Math.exp(logChoose(n, i) + i * lp + (n - i) * lq);
        }
        return Math.min(1, sum);
    }

    static double logChoose(int n, int k) {
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }

    /** Finds p in [0,1] with f(p) = target for f increasing in p (bisection to 1e-12). */
    private static double solve(java.util.function.DoubleUnaryOperator f, double target) {
        double a = 0;
        double b = 1;
        for (int i = 0; i < 200 && b - a > 1e-13; i++) {
            double m = (a + b) / 2;
            if (f.applyAsDouble(m) < target) {
                a = m;
            } else {
                b = m;
            }
        }
        return (a + b) / 2;
    }

    /** Clean runs needed so that a bad kernel with failure probability p passes them all with probability <= bound. */
    public static int runsNeeded(double p, double bound) {
        return runsNeeded(p, bound, 1);
    }

    /**
     * The least n with {@code P(Binomial(n, p) < k) <= bound}: after n runs with fewer than k failures, a
     * kernel whose failure probability is at least p is missed with probability at most bound.
     */
    public static int runsNeeded(double p, double bound, int k) {
        if (!(p > 0) || p > 1 || !(bound > 0) || bound >= 1 || k < 1) {
            throw new IllegalArgumentException("need 0 < p <= 1, 0 < bound < 1, k >= 1: p=" + p + " bound=" + bound + " k=" + k);
        }
        if (p >= 1) {
            return k;
        }
        if (k == 1) {
            return Math.max(1, (int) Math.ceil(Math.log(bound) / Math.log1p(-p) - 1e-12));
        }
        int n = k;
        while (binomCdf(k - 1, n, p) > bound) {
            n++;
            if (n > 1_000_000) {
                throw new IllegalArgumentException("more than a million runs needed for p=" + p);
            }
        }
        return n;
    }

    /** P(a kernel with failure probability p shows no failure in n runs) = (1-p)^n. */
    public static double missProbability(double p, int cleanRuns) {
        return Math.pow(1 - p, cleanRuns);
    }

    private static void check(int k, int n) {
        if (n < 1 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, n >= 1: k=" + k + " n=" + n);
        }
    }
}
