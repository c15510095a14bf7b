package org.krepro.runner.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machine-readable events a run prints for whoever drives it from outside (a QEMU host reading the
 * guest's output port): the plan, the start and end of every test, and the phases a test reaches on its
 * way (mounted, first iteration: how a host measures where a guest's time goes), one JSON object per
 * line behind {@link #PREFIX}. The host learns which tests were asked for and which one a dead guest was running
 * from these, never from the progress text meant for people.
 *
 * <p>A test is named by its key, {@code fs/reproducer[option-set]} ({@link #key}).
 */
public final class RunEvents {
    public static final String PREFIX = "krepro-event: ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEvents() {
    }

    /**
     * What one event line said. {@code tests} for a plan, {@code test} otherwise, at the end the test's
     * {@code verdict} (null on other events, or when the line names none krepro knows), and on a phase
     * event the {@code phase} reached ("" on other events).
     */
    public record Event(String event, List<String> tests, String test, Verdict verdict, String phase) {
        public boolean is(String name) {
            return event.equals(name);
        }
    }

    public static String key(String fs, String reproducer, String optionSet) {
        return fs + "/" + reproducer + "[" + optionSet + "]";
    }

    public static String key(TestResult t) {
        return key(t.fs(), t.reproducer(), t.optionSet());
    }

    /** {fs, reproducer, option set} of a key; null when it is not one. */
    public static String[] parts(String key) {
        int slash = key.indexOf('/');
        int open = key.indexOf('[', slash + 1);
        if (slash <= 0 || open <= slash + 1 || !key.endsWith("]")) {
            return null;
        }
        return new String[] {key.substring(0, slash), key.substring(slash + 1, open), key.substring(open + 1, key.length() - 1)};
    }

    public static String plan(List<String> keys) {
        var n = JSON.createObjectNode().put("event", "plan");
        keys.forEach(n.putArray("tests")::add);
        return PREFIX + n;
    }

    public static String start(String key) {
        return PREFIX + JSON.createObjectNode().put("event", "start").put("test", key);
    }

    public static String end(String key, Verdict verdict) {
        return PREFIX + JSON.createObjectNode().put("event", "end").put("test", key).put("verdict", verdict.name());
    }

    /** The phases a test announces, in the order it reaches them. */
    public static final String MOUNTED = "mounted";
    public static final String FIRST_ITERATION = "first-iteration";

    /** Test {@code key} reached {@code phase} ({@link #MOUNTED}, {@link #FIRST_ITERATION}). */
    public static String phase(String key, String phase) {
        return PREFIX + JSON.createObjectNode().put("event", "phase").put("test", key).put("phase", phase);
    }

    private static Verdict verdict(String name) {
        for (Verdict v : Verdict.values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    /** The event on this output line, if it carries one (the prefix may follow other text on the line). */
    public static Optional<Event> parse(String line) {
        int at = line.indexOf(PREFIX);
        if (at < 0) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(line.substring(at + PREFIX.length()));
            if (n == null || !n.hasNonNull("event")) {
                return Optional.empty();
            }
            List<String> tests = new ArrayList<>();
            n.path("tests").forEach(t -> tests.add(t.asText()));
            return Optional.of(new Event(n.get("event").asText(), List.copyOf(tests), n.path("test").asText(""),
                    verdict(n.path("verdict").asText("")), n.path("phase").asText("")));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // a line cut by a dying guest
        }
    }
}
