package org.krepro.vm.qemu;

import java.util.ArrayList;
import java.util.List;
import org.krepro.runner.classify.ClassifiedLog;
import org.krepro.runner.classify.CrashReport;
import org.krepro.runner.classify.FsEvent;
import org.krepro.runner.classify.StreamingClassifier;
import org.krepro.runner.spi.Finding;

/**
 * The guest console classifier: the runner's {@link StreamingClassifier} (syzkaller-style titles, the
 * same ones the host runner gives) for findings, and {@link SimpleConsoleClassifier}'s end-of-report
 * tracking to tell when an oops that did not panic (panic_on_oops=0) has finished, so the run can end.
 */
public final class RunnerConsoleClassifier implements ConsoleClassifier {
    private final StreamingClassifier streaming = new StreamingClassifier();
    private final SimpleConsoleClassifier simple = new SimpleConsoleClassifier();

    @Override
    public synchronized void line(String line) {
        streaming.feed(line);
        simple.line(line);
    }

    public synchronized void finish() {
        streaming.flush();
        simple.finish();
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
        if (out.stream().noneMatch(f -> f.kind() == Finding.Kind.KERNEL_CRASH)) {
            // Belt and braces: whatever the small classifier caught that the big one did not.
            simple.findings().stream().filter(f -> f.kind() == Finding.Kind.KERNEL_CRASH).forEach(out::add);
        }
        return out;
    }

    @Override
    public synchronized boolean fatal() {
        return streaming.panicSeen() || simple.fatal();
    }
}
