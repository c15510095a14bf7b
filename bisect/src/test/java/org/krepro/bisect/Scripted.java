package org.krepro.bisect;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A fake kernel runner: kernels K0..K(n-1); those at index >= firstBad fail with probability p (seeded),
 * the others never; kernels in {@code cannot} are untestable; {@code errors} always end in ERROR.
 */
final class Scripted implements KernelRunner {
    final List<String> kernels = new ArrayList<>();
    final int firstBad;
    final double p;
    final boolean fixDirection;
    final Set<String> cannot = new HashSet<>();
    final Set<String> errors = new HashSet<>();
    final Map<String, Integer> calls = new HashMap<>();
    final List<String> order = new ArrayList<>();
    final List<String> judged = new ArrayList<>();
    Plan plan;
    private final Random random;

    /** With fixDirection, kernels before firstBad are bad and the rest good (a fix at firstBad). */
    Scripted(int n, int firstBad, double p, long seed, boolean fixDirection) {
        for (int i = 0; i < n; i++) {
            kernels.add("K" + i);
        }
        this.firstBad = firstBad;
        this.p = p;
        this.fixDirection = fixDirection;
        this.random = new Random(seed);
    }

    boolean bad(String k) {
        int i = Integer.parseInt(k.substring(1));
        return fixDirection ? i < firstBad : i >= firstBad;
    }

    @Override
    public RunOutcome run(String kernel, int run) throws CannotTest {
        calls.merge(kernel, 1, Integer::sum);
        if (!order.contains(kernel)) {
            order.add(kernel);
        }
        if (cannot.contains(kernel)) {
            throw new CannotTest("no such kernel " + kernel);
        }
        if (errors.contains(kernel)) {
            return RunOutcome.error("guest did not boot");
        }
        if (bad(kernel) && random.nextDouble() < p) {
            return RunOutcome.bug("WARNING in ext4_fiemap");
        }
        return RunOutcome.clean();
    }

    @Override
    public void planned(Plan pl) {
        this.plan = pl;
    }

    @Override
    public void judged(String kernel, Judgement j) {
        judged.add(kernel + "=" + j.verdict());
    }

    static PrintStream sink(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
