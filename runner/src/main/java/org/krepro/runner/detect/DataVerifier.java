package org.krepro.runner.detect;

import java.util.List;
import java.util.function.Supplier;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.TestContext;

/**
 * The reproducer's own checks: what its workload reported while it ran and what its {@code verify} step
 * found after the remount (with the verify/ package, it knows what every block should hold).
 */
public final class DataVerifier implements Detector {
    private final Supplier<List<Finding>> reported;

    /** @param reported the findings the reproducer reported through its context so far */
    public DataVerifier(Supplier<List<Finding>> reported) {
        this.reported = reported;
    }

    @Override
    public String name() {
        return "data verifier";
    }

    /** Runs the reproducer's verify step on the remounted filesystem; what it finds it reports to {@code ctx}. */
    public void verify(Reproducer reproducer, TestContext ctx) throws Exception {
        reproducer.verify(ctx);
    }

    @Override
    public List<Finding> findings() {
        return reported.get();
    }
}
