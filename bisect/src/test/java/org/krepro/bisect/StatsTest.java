package org.krepro.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Run counts and interval math against published values. */
class StatsTest {

    @Test
    void runsNeededForKnownProbabilities() {
        // n = ceil(ln(0.05) / ln(1-p))
        assertEquals(5, Stats.runsNeeded(0.5, 0.05));   // 4.32 -> 5
        assertEquals(9, Stats.runsNeeded(0.3, 0.05));   // 8.40 -> 9
        assertEquals(29, Stats.runsNeeded(0.1, 0.05));  // 28.43 -> 29
        assertEquals(299, Stats.runsNeeded(0.01, 0.05)); // 298.07 -> 299
        assertEquals(7, Stats.runsNeeded(0.5, 0.01));   // 6.64 -> 7
        assertEquals(1, Stats.runsNeeded(1.0, 0.05));
        assertEquals(1, Stats.runsNeeded(0.99, 0.05));
        // exactly on the boundary: (1-0.5)^n = 0.0625 for n = 4
        assertEquals(4, Stats.runsNeeded(0.5, 0.0625));
        for (double p : new double[] {0.02, 0.15, 0.5, 0.8}) {
            int n = Stats.runsNeeded(p, 0.05);
            assertTrue(Stats.missProbability(p, n) <= 0.05 + 1e-12, "p=" + p);
            assertTrue(Stats.missProbability(p, n - 1) > 0.05 || n == 1, "n is the least: p=" + p);
        }
        assertThrows(IllegalArgumentException.class, () -> Stats.runsNeeded(0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> Stats.runsNeeded(0.5, 1));
    }

    @Test
    void runsNeededWithSeveralFailuresForBad() {
        // P(Bin(n, 0.5) <= 1) = (n+1)/2^n: n=7 -> 0.0625, n=8 -> 0.0352
        assertEquals(8, Stats.runsNeeded(0.5, 0.05, 2));
        assertEquals(Stats.runsNeeded(0.2, 0.05), Stats.runsNeeded(0.2, 0.05, 1));
        assertEquals(2, Stats.runsNeeded(1.0, 0.05, 2));
    }

    @Test
    void clopperPearsonMatchesPublishedValues() {
        // Values from R binom.test and scipy.stats.beta.ppf(alpha/2, k, n-k+1), beta.ppf(1-alpha/2, k+1, n-k).
        check(Stats.clopperPearson(5, 10, 0.05), 0.187086, 0.812914);
        check(Stats.clopperPearson(0, 10, 0.05), 0.0, 0.308497);
        check(Stats.clopperPearson(10, 10, 0.05), 0.691503, 1.0);
        check(Stats.clopperPearson(1, 10, 0.05), 0.002529, 0.445016);
        check(Stats.clopperPearson(7, 20, 0.05), 0.153909, 0.592189);
        // k = n: the lower end is (alpha/2)^(1/n)
        check(Stats.clopperPearson(3, 3, 0.05), Math.pow(0.025, 1.0 / 3), 1.0);
        check(Stats.clopperPearson(5, 5, 0.05), Math.pow(0.025, 1.0 / 5), 1.0);
        assertEquals("Clopper-Pearson", Stats.estimate(1, 2).method());
    }

    @Test
    void wilsonMatchesPublishedValues() {
        check(Stats.wilson(5, 10, Stats.Z95), 0.236593, 0.763407);
        check(Stats.wilson(0, 10, Stats.Z95), 0.0, 0.277533);
        check(Stats.wilson(7, 20, Stats.Z95), 0.181192, 0.567146);
        // Wilson is narrower than Clopper-Pearson
        assertTrue(Stats.wilson(5, 10, Stats.Z95).lo() > Stats.clopperPearson(5, 10, 0.05).lo());
    }

    @Test
    void binomialCdf() {
        assertEquals(0.0546875, Stats.binomCdf(2, 10, 0.5), 1e-12); // 56/1024
        assertEquals(1.0, Stats.binomCdf(10, 10, 0.3), 0);
        assertEquals(Math.pow(0.7, 10), Stats.binomCdf(0, 10, 0.3), 1e-12);
    }

    @Test
    void workedExample() {
        // Calibration 7 failures in 20 runs: p = 0.35, CP 95% [0.154, 0.592]; plan with 0.154:
        Stats.Interval e = Stats.estimate(7, 20);
        int n = Stats.runsNeeded(e.lo(), 0.05);
        assertEquals(18, n); // ln 0.05 / ln 0.846 = 17.9
        assertTrue(Stats.missProbability(e.lo(), n) <= 0.05);
    }

    private static void check(Stats.Interval i, double lo, double hi) {
        assertEquals(lo, i.lo(), 2e-6, "lower end of " + i);
        assertEquals(hi, i.hi(), 2e-6, "upper end of " + i);
    }
}
