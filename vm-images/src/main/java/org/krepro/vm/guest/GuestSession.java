package org.krepro.vm.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.krepro.runner.detect.Verdicts;
import org.krepro.runner.report.RunEvents;
import org.krepro.runner.report.RunResults;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Finding;
import org.krepro.vm.qemu.Qemu;

/**
 * The tests of one guest run across boots. A test that crashes or hangs the guest gets its verdict from
 * what the host saw, and the kernel is booted again with fresh disks to run the tests after it, until
 * every test the guest planned has a result or a boot makes no progress. Every planned test ends up in
 * the results: one that never ran is an ERROR saying why.
 *
 * <p>Pure bookkeeping over {@link Boot} records, so the restart rules are tested without QEMU.
 */
public final class GuestSession {

    /**
     * What one boot gave back.
     *
     * @param number          1 for the first boot
     * @param end             how QEMU ended
     * @param plan            the test keys the guest planned ({@link RunEvents}), null when it printed none
     * @param running         the key of the test started and not ended when the guest went away, or null
     * @param runningSeconds  how long that test ran before the guest went away (host clock)
     * @param guest           the guest's results.json of this boot, or null
     * @param hostFindings    what the host saw that the guest did not attribute: console crash reports,
     *                        hang, host fsck damage
     * @param consoleTail     the last console lines
     * @param fsckText        the host fsck output of this boot's disks
     * @param evidence        this boot's files in the report directory (console, guest output)
     * @param guestExit       the guest krepro's exit code, -1 when it never reported one
     * @param detail          one line on how the boot ended ("CRASHED after 41.2 s, qemu exit 0, guest exit -1")
     */
    public record Boot(int number, Qemu.End end, List<String> plan, String running, double runningSeconds, RunResults guest,
                       List<Finding> hostFindings, String consoleTail, String fsckText, Map<String, String> evidence,
                       int guestExit, String detail) {
        public Boot {
            plan = plan == null ? null : List.copyOf(plan);
            hostFindings = List.copyOf(hostFindings);
            evidence = Map.copyOf(evidence);
        }
    }

    private final String[] hostCase;
    private final boolean runCommand;
    private List<String> plan;
    private final Map<String, TestResult> done = new LinkedHashMap<>();
    private final List<TestResult> hostCases = new ArrayList<>();
    private final List<Boot> boots = new ArrayList<>();
    private boolean progressed;

    /**
     * @param hostCase   {reproducer, fs, option set} of the case that carries findings no test can own
     * @param runCommand whether the guest runs {@code krepro run} (else a command without results: list, a shell)
     */
    public GuestSession(String[] hostCase, boolean runCommand) {
        this.hostCase = hostCase.clone();
        this.runCommand = runCommand;
    }

    public void add(Boot b) {
        boots.add(b);
        if (plan == null && b.plan() != null) {
            plan = b.plan(); // the first boot's plan is the whole one; later boots plan what is left
        }
        int before = done.size();
        if (b.guest() != null) {
            for (TestResult t : b.guest().tests()) {
                done.putIfAbsent(RunEvents.key(t), b.number() > 1 ? t.withProperties(Map.of("vm.boot", Integer.toString(b.number()))) : t);
            }
        }
        List<Finding> loose = b.hostFindings();
        if (b.running() != null && !done.containsKey(b.running())) {
            String[] p = RunEvents.parts(b.running());
            if (p != null) {
                done.put(b.running(), diedIn(b, p));
                loose = List.of();
            }
        }
        progressed = done.size() > before;
        // Planned tests that never ran say why themselves; a host case is for what no test can own.
        boolean nothingBack = b.guest() == null && b.running() == null;
        if (!loose.isEmpty() || nothingBack && (!runCommand || plan == null)) {
            hostCases.add(hostCase(b, loose));
        }
    }

    /** The test the guest died in: FAIL on what the host saw, ERROR when it saw nothing it could name. */
    private static TestResult diedIn(Boot b, String[] p) {
        SortedMap<String, String> props = new TreeMap<>(Map.of("vm.end", b.end().name(), "vm.boot", Integer.toString(b.number())));
        Verdicts.Decision d = Verdicts.remote(b.hostFindings(), false,
                "the guest went away running this test without a crash report (" + b.detail() + ")");
        return new TestResult(p[1], p[0], p[2], d.verdict(), d.reason(), d.findings(), b.runningSeconds(), props,
                List.of("guest boot " + b.number() + " ended " + b.detail() + " while running this test"),
                b.consoleTail(), b.fsckText(), b.evidence());
    }

    private TestResult hostCase(Boot b, List<Finding> findings) {
        // list, --version, a shell command: nothing to report but its exit
        boolean clean = !runCommand && b.end() == Qemu.End.EXITED && b.guestExit() == 0;
        Verdicts.Decision d = Verdicts.remote(findings, clean, "no results from the guest (" + b.detail() + ")");
        String option = hostCases.isEmpty() ? hostCase[2] : hostCase[2] + "-boot" + b.number();
        SortedMap<String, String> props = new TreeMap<>(Map.of("vm.end", b.end().name(), "vm.boot", Integer.toString(b.number())));
        return new TestResult(hostCase[0], hostCase[1], option, d.verdict(), d.reason(), d.findings(), 0, props,
                List.of("guest boot " + b.number() + " ended " + b.detail()), b.consoleTail(), b.fsckText(), b.evidence());
    }

    /** Whether to boot the kernel again: tests are left, and the last boot ran at least one. */
    public boolean needsAnotherBoot() {
        if (!runCommand || plan == null || left().isEmpty() || !progressed) {
            return false;
        }
        return boots.size() <= plan.size(); // each boot ends at least one test: a bound, not a guess
    }

    /** Keys of the planned tests with no result yet, in plan order. */
    public List<String> left() {
        if (plan == null) {
            return List.of();
        }
        return plan.stream().filter(k -> !done.containsKey(k)).toList();
    }

    /** What the next boot must leave out: every test that has its result. */
    public Set<String> skip() {
        return new LinkedHashSet<>(done.keySet());
    }

    public List<Boot> boots() {
        return List.copyOf(boots);
    }

    /** Every test: planned ones in plan order (those that never ran as ERROR), then the host's own cases. */
    public List<TestResult> tests() {
        List<TestResult> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (plan != null) {
            Boot last = boots.getLast();
            for (String k : plan) {
                TestResult t = done.get(k);
                if (t == null) {
                    String[] p = RunEvents.parts(k);
                    if (p == null) {
                        continue;
                    }
                    t = new TestResult(p[1], p[0], p[2], Verdict.ERROR, notRunReason(last), List.of(), 0,
                            new TreeMap<>(Map.of("vm.not-run", "true")), List.of(), "", "", Map.of());
                }
                out.add(t);
                seen.add(k);
            }
        }
        done.forEach((k, t) -> {
            if (!seen.contains(k)) {
                out.add(t);
            }
        });
        out.addAll(hostCases);
        return out;
    }

    private String notRunReason(Boot last) {
        StringBuilder sb = new StringBuilder("not run: guest boot ").append(last.number()).append(" ended ").append(last.detail());
        if (last.running() != null) {
            sb.append(" in ").append(last.running());
        }
        sb.append(progressed ? "; no boots left (one per planned test)" : "; it ran no test, so krepro did not boot again");
        return sb.toString();
    }
}
