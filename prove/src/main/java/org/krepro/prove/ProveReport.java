package org.krepro.prove;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.krepro.bisect.RunOutcome;
import org.krepro.runner.coverage.RaceCoverage;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.vm.guest.VmReport;

/** prove.txt (a table a kernel developer reads) and prove.json (the same, for machines); one run's figures from its results. */
public final class ProveReport {
    private ProveReport() {
    }

    /** A run's figures: outcome, seconds to the first finding and race-path coverage of the reproducer's test. */
    static Proof.Run run(RunOutcome o, RunResults res, String reproducer, VmReport r) {
        TestResult t = ProveCommand.mine(res, reproducer);
        double toFinding = -1;
        String coverage = "";
        long fewest = -1;
        if (t != null) {
            toFinding = number(t.properties().get("seconds.to.first.finding"));
            if (toFinding < 0 && t.properties().containsKey("vm.end")) {
                toFinding = number(r.properties().get("vm.seconds.test-start-to-crash")); // the guest died in it
            }
            coverage = RaceCoverage.summary(t.properties());
            fewest = RaceCoverage.fewestHits(t.properties());
        }
        return new Proof.Run(o.kind(), o.title(), o.kind() == RunOutcome.Kind.BUG ? toFinding : -1, coverage,
                t == null ? Proof.Reach.UNKNOWN : Proof.Reach.valueOf(RaceCoverage.reach(t.properties()).name()), r.totalSeconds(),
                fewest);
    }

    private static double number(String s) {
        try {
            return s == null ? -1 : Double.parseDouble(s.trim().replaceAll("\\s*s$", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String text(List<Proof> proofs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"seed", "reproducer", "fs", "bug kernel", "fails [95% CI]", "median s", "fixed kernel",
                "fails [95% CI]", "verdict"});
        for (Proof p : proofs) {
            rows.add(new String[] {p.pair().seed(), p.pair().reproducer(), p.pair().fs(), p.bug().kernel(), p.bug().describe(),
                    p.bug().medianSecondsToFinding() >= 0 ? String.format(Locale.ROOT, "%.1f", p.bug().medianSecondsToFinding())
                            : p.bug().failures() > 0 ? "at verify" : "-",
                    p.fixed() == null ? "(none)" : p.fixed().kernel(), p.fixed() == null ? "-" : p.fixed().describe(),
                    p.status() + (p.goalMet() ? " (goal met)" : "")});
        }
        int[] w = new int[rows.getFirst().length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == 0 ? "" : "  ").append(i == r.length - 1 ? r[i] : String.format("%-" + w[i] + "s", r[i]));
            }
            sb.append('\n');
        }
        sb.append('\n');
        for (Proof p : proofs) {
            sb.append("seed ").append(p.pair().seed()).append(" ").append(p.pair().reproducer()).append(": ").append(p.status()).append('\n');
            sb.append("  pair: ").append(p.pair().why()).append('\n');
            sb.append("  bug kernel titles: ").append(p.bug().titles().isEmpty() ? "(none)" : String.join("; ", p.bug().titles())).append('\n');
            sb.append("  race path on the bug kernel: ").append(p.bug().coverage().isEmpty() ? "(not recorded)" : p.bug().coverage()).append('\n');
            if (p.fixed() != null) {
                sb.append("  race path on the fixed kernel: ").append(p.fixed().coverage().isEmpty() ? "(not recorded)" : p.fixed().coverage()).append('\n');
            }
            p.missing().forEach(m -> sb.append("  missing: ").append(m).append('\n'));
        }
        return sb.toString();
    }

    static Map<String, Object> json(List<Proof> proofs) {
        List<Object> seeds = new ArrayList<>();
        for (Proof p : proofs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", p.pair().seed());
            m.put("reproducer", p.pair().reproducer());
            m.put("fs", p.pair().fs());
            m.put("status", p.status().name());
            m.put("goalMet", p.goalMet());
            m.put("missing", p.missing());
            m.put("why", p.pair().why());
            m.put("bug", side(p.bug()));
            m.put("fixed", p.fixed() == null ? null : side(p.fixed()));
            seeds.add(m);
        }
        return Map.of("seeds", seeds);
    }

    private static Map<String, Object> side(Proof.Side s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernel", s.kernel());
        m.put("runs", s.runs().size());
        m.put("failures", s.failures());
        m.put("errors", s.errors());
        m.put("ci95", List.of(s.rate().lo(), s.rate().hi()));
        m.put("medianSecondsToFinding", s.medianSecondsToFinding());
        m.put("titles", List.copyOf(s.titles()));
        m.put("coverage", s.coverage());
        m.put("runDetails", s.runs());
        return m;
    }
}
