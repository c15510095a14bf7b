package org.krepro.prove;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.krepro.bisect.RunOutcome;
import org.krepro.bisect.Stats;

/**
 * One seed's proof: its runs on the bug kernel and on the fixed kernel, and the verdict. A reproducer is
 * PROVEN when it failed with its bug on the bug kernel and never on the fixed kernel, and the fixed
 * kernel's clean runs drove the race path wherever that could be measured (a clean run that never
 * reached the code proves nothing).
 */
public record Proof(Proofs.Pair pair, Side bug, Side fixed) {

    /** Whether a run's race path was reached (the runner's RaceCoverage.Reach): UNKNOWN where kprobes could not count. */
    public enum Reach { REACHED, NOT_REACHED, UNKNOWN }

    /**
     * One run in one guest.
     *
     * @param kind            CLEAN, BUG or ERROR (as bisect judges a run)
     * @param title           the finding's title or the error's reason
     * @param secondsToFinding seconds from the test's start to its first finding, -1 when none or unknown
     * @param coverage        the runner's race-path summary ("race path: 3/3 reached, fewest 41 hits (f)"), "" when none
     * @param reach           what the coverage says
     * @param seconds         the run's wall time
     * @param fewestHits      the fewest hits of any race-path function that was hit, -1 when none was counted
     */
    public record Run(RunOutcome.Kind kind, String title, double secondsToFinding, String coverage, Reach reach, double seconds,
                      long fewestHits) {
        /** A run whose hit counts are not known apart from its coverage line. */
        public Run(RunOutcome.Kind kind, String title, double secondsToFinding, String coverage, Reach reach, double seconds) {
            this(kind, title, secondsToFinding, coverage, reach, seconds, -1);
        }
    }

    /** The runs on one kernel; {@code problem} says why there are none (the kernel could not be had), else "". */
    public record Side(String kernel, List<Run> runs, String problem) {
        public Side {
            runs = List.copyOf(runs);
            problem = problem == null ? "" : problem;
        }

        public Side(String kernel, List<Run> runs) {
            this(kernel, runs, "");
        }

        public int failures() {
            return (int) runs.stream().filter(r -> r.kind() == RunOutcome.Kind.BUG).count();
        }

        public int errors() {
            return (int) runs.stream().filter(r -> r.kind() == RunOutcome.Kind.ERROR).count();
        }

        /** Runs that judged the kernel (errors left out). */
        public int judged() {
            return runs.size() - errors();
        }

        public Stats.Interval rate() {
            return Stats.clopperPearson(failures(), Math.max(1, judged()), 0.05);
        }

        /** Median seconds from test start to the first finding over the failing runs; -1 when none is known. */
        public double medianSecondsToFinding() {
            List<Double> t = runs.stream().filter(r -> r.kind() == RunOutcome.Kind.BUG && r.secondsToFinding() >= 0)
                    .map(Run::secondsToFinding).sorted().toList();
            if (t.isEmpty()) {
                return -1;
            }
            int m = t.size() / 2;
            return t.size() % 2 == 1 ? t.get(m) : (t.get(m - 1) + t.get(m)) / 2;
        }

        public Set<String> titles() {
            Set<String> s = new LinkedHashSet<>();
            runs.stream().filter(r -> r.kind() == RunOutcome.Kind.BUG).forEach(r -> s.add(r.title()));
            return s;
        }

        /** The clean runs' race-path reach: REACHED only when every measured one reached it. */
        public Reach cleanReach() {
            List<Reach> r = runs.stream().filter(x -> x.kind() == RunOutcome.Kind.CLEAN).map(Run::reach).toList();
            if (r.contains(Reach.NOT_REACHED)) {
                return Reach.NOT_REACHED;
            }
            return r.contains(Reach.REACHED) ? Reach.REACHED : Reach.UNKNOWN;
        }

        /**
         * The coverage line of the weakest run: one that missed the race path if any did, else the one
         * with the fewest hits, else the last that has a line (the summary's "fewest N hits" is then
         * the fewest of all runs, not of whichever ran last).
         */
        public String coverage() {
            Run weakest = null;
            for (Run r : runs) {
                if (r.coverage().isEmpty()) {
                    continue;
                }
                if (weakest == null || weaker(r, weakest)) {
                    weakest = r;
                }
            }
            return weakest == null ? "" : weakest.coverage();
        }

        private static boolean weaker(Run a, Run b) {
            if ((a.reach() == Reach.NOT_REACHED) != (b.reach() == Reach.NOT_REACHED)) {
                return a.reach() == Reach.NOT_REACHED;
            }
            if (a.fewestHits() >= 0 && b.fewestHits() >= 0) {
                return a.fewestHits() < b.fewestHits();
            }
            return true; // nothing to compare by: the later run, as before
        }

        /** "4/5 [0.284, 0.995]" (errors apart). */
        public String describe() {
            Stats.Interval ci = rate();
            String err = errors() > 0 ? " +" + errors() + " err" : "";
            if (judged() == 0) {
                return "0/0" + err;
            }
            return String.format(Locale.ROOT, "%d/%d [%.2f, %.2f]%s", failures(), judged(), ci.lo(), ci.hi(), err);
        }
    }

    public enum Status { PROVEN, REPRODUCES, NOT_PROVEN }

    public Status status() {
        if (bug.failures() == 0) {
            return Status.NOT_PROVEN;
        }
        if (fixed == null) {
            return Status.REPRODUCES; // no fixed kernel exists: it fails where the bug is, nothing more to show
        }
        return fixed.failures() == 0 && fixed.judged() > 0 && fixed.cleanReach() != Reach.NOT_REACHED ? Status.PROVEN : Status.NOT_PROVEN;
    }

    /** What stands between this proof and PROVEN (empty when proven). */
    public List<String> missing() {
        List<String> m = new ArrayList<>();
        if (!bug.problem().isEmpty()) {
            m.add("no bug kernel: " + bug.problem());
        } else if (bug.failures() == 0) {
            m.add("never failed on the bug kernel (" + bug.describe() + ")");
        }
        if (fixed == null) {
            m.add("no fixed kernel: " + pair.why());
            return m;
        }
        if (!fixed.problem().isEmpty()) {
            m.add("no fixed kernel: " + fixed.problem());
            return m;
        }
        if (fixed.failures() > 0) {
            m.add("failed on the fixed kernel too (" + fixed.describe() + ": " + String.join("; ", fixed.titles()) + ")");
        }
        if (fixed.judged() == 0) {
            m.add("no run on the fixed kernel could be judged (" + fixed.errors() + " errors)");
        }
        if (fixed.cleanReach() == Reach.NOT_REACHED) {
            m.add("its clean runs on the fixed kernel did not reach the race path (" + fixed.coverage() + ")");
        }
        return m;
    }

    /** The bar: at least 4 in 5 runs fail on the bug kernel and none on the fixed one. */
    public boolean goalMet() {
        return status() == Status.PROVEN && bug.failures() * 5 >= bug.judged() * 4;
    }
}
