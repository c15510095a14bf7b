package org.krepro.vm.qemu;

import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.classify.ClassifiedLog;
import org.krepro.runner.classify.CrashReport;
import org.krepro.runner.classify.FsEvent;
import org.krepro.runner.classify.StreamingClassifier;
import org.krepro.runner.spi.Finding;

/**
 * The guest console classifier: the runner's {@link StreamingClassifier}, so a guest's findings carry the
 * same syzkaller-style titles the host runner gives, and its end-of-kernel signal ends the run.
 */
public final class RunnerConsoleClassifier implements ConsoleClassifier {
    private final StreamingClassifier streaming = new StreamingClassifier();

    @Override
    public synchronized void line(String line) {
        streaming.feed(line);
    }

    public synchronized void finish() {
        streaming.flush();
    }

    @Override
    public synchronized List<Finding> findings() {
        ClassifiedLog log = streaming.findings();
        List<Finding> out = new ArrayList<>();
        for (CrashReport c : log.crashes()) {
            out.add(new Finding(Finding.Kind.KERNEL_CRASH, c.title(), c.reportText()));
        }
        for (FsEvent e : log.fsEvents()) {
            out.add(new Finding(Finding.Kind.KERNEL_FS, e.title(), String.join("\n", e.lines())));
        }
        return out;
    }

    @Override
    public synchronized boolean fatal() {
        return streaming.kernelDone();
    }
}
