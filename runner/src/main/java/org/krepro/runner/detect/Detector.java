package org.krepro.runner.detect;

import java.util.List;
import org.krepro.runner.spi.Finding;

/**
 * One way of telling that the kernel got a test wrong. Each detector looks at its own step of the
 * lifecycle (the engine calls it there) and afterwards says what it found; {@link Verdicts} turns what
 * every detector found into the test's verdict. A detector never decides the verdict itself.
 */
public interface Detector {
    /** The detector's name, as the runner's README lists it. */
    String name();

    /**
     * Findings that title the test ahead of every other detector's: the kernel's own crash reports, since
     * they usually tell the cause of whatever the other detectors saw.
     */
    default List<Finding> leading() {
        return List.of();
    }

    /** What it found, in the order found; empty when it found nothing or never got to look. */
    List<Finding> findings();
}
