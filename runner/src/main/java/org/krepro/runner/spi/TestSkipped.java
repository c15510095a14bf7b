package org.krepro.runner.spi;

/** Thrown by a reproducer (or the runner) when a test cannot run here; the reason goes into the report. */
public class TestSkipped extends RuntimeException {
    public TestSkipped(String reason) {
        super(reason);
    }
}
