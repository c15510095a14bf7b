package org.krepro.vm.qemu;

import java.util.List;
import org.krepro.runner.spi.Finding;

/**
 * Fed the guest's serial console line by line, live. The seam between the guest monitor and the
 * kernel-log classifier ({@link RunnerConsoleClassifier}, for guests and the KVM probe alike).
 */
public interface ConsoleClassifier {

    /** One console line, without its line terminator. */
    void line(String line);

    /** Crash reports and filesystem messages seen so far, in console order. */
    List<Finding> findings();

    /**
     * True once the console shows that the guest kernel is done for: a panic, or an oops/BUG whose
     * report has ended. The monitor then ends the run (after a short grace for trailing lines).
     */
    boolean fatal();

    /** The first crash title, or "" when none. */
    default String firstCrashTitle() {
        return findings().stream().filter(f -> f.kind() == Finding.Kind.KERNEL_CRASH).map(Finding::title)
                .findFirst().orElse("");
    }
}
