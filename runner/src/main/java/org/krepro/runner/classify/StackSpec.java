package org.krepro.runner.classify;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How to find the guilty frame of one kind of report.
 *
 * <p>{@code steps} are matched in order against the report lines from the header on. A step is either a
 * pattern (the first line at or after the current position that matches it; its capturing groups, if any,
 * are candidate frames) or {@link #PARSE_STACK}: read stack-trace lines and collect their function names
 * until the next stack-trace heading ("Call Trace:", "Allocated by task N:", ...). If the frames collected
 * by the steps yield no frame, {@code altSteps} are tried. Functions matching the generic skip list
 * ({@link StackFrames#GENERIC_SKIP}) or this spec's {@code skip} never count.
 *
 * @param steps    the steps
 * @param altSteps alternative steps (empty: none)
 * @param skip     extra function-name patterns to skip (unanchored, like the generic list)
 * @param chooser  how to pick the guilty frame among the collected ones
 */
record StackSpec(List<Pattern> steps, List<Pattern> altSteps, List<String> skip, FrameChooser chooser) {

    /** Marker step: parse a stack trace from here. */
    static final Pattern PARSE_STACK = Pattern.compile("<parse stack trace>");

    /** Picks the guilty frame among the non-skipped frames of one stack. */
    enum FrameChooser {
        /** The first one. */
        FIRST,
        /**
         * For stalls and lockups: the stack points anywhere in a loop, so take the frame just above the
         * first "anchor" (syscall entry, workqueue, timer, file or socket operation...), which names the
         * operation that looped.
         */
        STALL,
        /**
         * For hung tasks: group hangs on synchronize_rcu()/rtnl_lock() together, else the first frame that is
         * not a scheduler, lock or wait primitive.
         */
        HANG
    }
}
