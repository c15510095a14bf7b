package org.krepro.runner.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Classifies a console log while it is being produced, e.g. a QEMU guest's serial console read line by line.
 *
 * <p>{@link #feed} is cheap (it parses the prefix and checks for oops headers); {@link #findings} classifies
 * what was fed so far and caches the result until more lines arrive. {@link #crashSeen} and
 * {@link #panicSeen} answer at once, so a runner can stop waiting for a guest that has died. Not
 * thread-safe: feed and query from one thread, or synchronise externally.
 */
public final class StreamingClassifier {
    private final KernelLogClassifier classifier;
    private final List<ConsoleLine> lines = new ArrayList<>();
    private StringBuilder partial = new StringBuilder();
    private ClassifiedLog cached;
    private int firstCrashLine = -1;
    private int panicLine = -1;
    private boolean oopsSeen;
    private int oopsEndLine = -1;

    public StreamingClassifier() {
        this(Set.of());
    }

    /** @param testDevices devices whose filesystem/I/O findings are kept (empty: all) */
    public StreamingClassifier(Set<String> testDevices) {
        this.classifier = new KernelLogClassifier(testDevices);
    }

    /** Adds one complete line (without its newline; a trailing '\r' is ignored). */
    public void feed(String line) {
        ConsoleLine l = ConsoleLine.parse(line);
        lines.add(l);
        cached = null;
        if (firstCrashLine < 0 && CrashParser.group(l.raw()) != null) {
            firstCrashLine = lines.size() - 1;
        }
        if (panicLine < 0 && (l.raw().contains("Kernel panic - not syncing") || l.raw().contains("---[ end Kernel panic"))) {
            panicLine = lines.size() - 1;
        }
        String t = l.text();
        if (t.startsWith("kernel BUG at ") || t.startsWith("general protection fault") || t.startsWith("Oops: ")
                || t.startsWith("BUG: ") && !t.startsWith("BUG: using")) {
            oopsSeen = true;
        } else if (oopsSeen && oopsEndLine < 0 && t.startsWith("---[ end trace")) {
            oopsEndLine = lines.size() - 1;
        }
    }

    /** Adds raw console output in arbitrary chunks; complete lines are fed, the rest waits for its newline. */
    public void feedChunk(CharSequence chunk) {
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n') {
                feed(partial.toString());
                partial = new StringBuilder();
            } else {
                partial.append(c);
            }
        }
    }

    /** Feeds a pending incomplete line, if any (call when the stream ends). */
    public void flush() {
        if (!partial.isEmpty()) {
            feed(partial.toString());
            partial = new StringBuilder();
        }
    }

    /** Number of lines fed so far. */
    public int lineCount() {
        return lines.size();
    }

    /** True once a line holding an oops header (WARNING, BUG, Oops, panic...) was fed. */
    public boolean crashSeen() {
        return firstCrashLine >= 0;
    }

    /** True once the kernel panicked ("Kernel panic - not syncing"): nothing more will come from that kernel. */
    public boolean panicSeen() {
        return panicLine >= 0;
    }

    /**
     * True once nothing more can be expected of the kernel: it panicked, or an oops report (a BUG, a kernel
     * BUG, a general protection fault, an Oops) has ended with its "---[ end trace" line. Under
     * panic_on_oops=0 the kernel limps on after an oops, with no panic line to wait for.
     */
    public boolean kernelDone() {
        return panicLine >= 0 || oopsEndLine >= 0;
    }

    /** Everything found in the lines fed so far. */
    public ClassifiedLog findings() {
        if (cached == null) {
            cached = classifier.classifyParsed(List.copyOf(lines));
        }
        return cached;
    }
}
