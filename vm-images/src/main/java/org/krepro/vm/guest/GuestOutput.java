package org.krepro.vm.guest;

import java.util.List;
import java.util.Properties;
import org.krepro.runner.report.RunEvents;

/**
 * What the host learns from the guest's output port while it runs: the init's {@code krepro-info:} facts
 * and krepro's {@link RunEvents} stream (the plan, each test's start and end). Progress text is only
 * echoed, never read: a guest's progress and results come back as data.
 */
final class GuestOutput {
    static final String INFO = "krepro-info: ";

    private final Properties info = new Properties();
    private List<String> plan;
    private String running;
    private long runningSince;

    /**
     * Takes one output line.
     *
     * @param nanos the host clock ({@link System#nanoTime}) when it arrived
     * @return whether it was part of the protocol; any other line is the guest's text, for the log
     */
    boolean accept(String line, long nanos) {
        if (line.startsWith(INFO)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                info.setProperty(line.substring(INFO.length(), eq), line.substring(eq + 1));
            }
            return true;
        }
        var ev = RunEvents.parse(line);
        if (ev.isEmpty()) {
            return false;
        }
        var e = ev.get();
        if (e.is("plan")) {
            plan = e.tests();
        } else if (e.is("start")) {
            running = e.test();
            runningSince = nanos;
        } else if (e.is("end") && e.test().equals(running)) {
            running = null;
        }
        return true;
    }

    /** The test keys the guest planned, null before (or without) a plan. */
    List<String> plan() {
        return plan;
    }

    /** The key of the test started and not ended, or null. */
    String running() {
        return running;
    }

    /** Seconds the running test has run at {@code nanos}; 0 when none runs. */
    double runningSeconds(long nanos) {
        return running == null ? 0 : (nanos - runningSince) / 1e9;
    }

    /** The init's facts (release, cpus, NUMA nodes ...), as far as they came. */
    Properties info() {
        return info;
    }
}
