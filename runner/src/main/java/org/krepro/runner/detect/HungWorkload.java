package org.krepro.runner.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.krepro.runner.spi.Finding;

/**
 * A workload that did not return in time. Its threads are usually stuck in the kernel, where Java cannot
 * interrupt them, so the finding is their kernel stacks from /proc/self/task/TID/stack.
 */
public final class HungWorkload implements Detector {
    private final List<Finding> findings = new ArrayList<>();

    @Override
    public String name() {
        return "hung workload";
    }

    /**
     * Records the hang.
     *
     * @param blocked  the workload's threads in uninterruptible sleep when it was given up on
     * @param waited   which deadline passed ("5 s after it was told to stop (...)"); "" for budget + grace
     * @param deadline the budget + grace, named when {@code waited} is ""
     */
    public void hung(List<BlockedThread> blocked, String waited, Duration deadline) {
        findings.add(finding(blocked, waited, deadline));
    }

    @Override
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** The finding: titled by the first blocked thread's top kernel frame, with every blocked thread's stack. */
    public static Finding finding(List<BlockedThread> blocked, String waited, Duration deadline) {
        String where = blocked.stream().map(BlockedThread::topFrame).filter(f -> !f.isEmpty()).findFirst().orElse("");
        String title = "krepro: workload hung" + (where.isEmpty() ? "" : " in " + where);
        String within = waited.isEmpty() ? deadline.toSeconds() + " s (budget + grace)" : waited;
        StringBuilder b = new StringBuilder("The workload did not return within " + within
                + ". Threads of this process blocked in the kernel:\n");
        for (BlockedThread t : blocked) {
            b.append("\n").append(t.tid()).append(" ").append(t.name()).append(" state ").append(t.state())
                    .append(" wchan ").append(t.wchan()).append('\n').append(t.stack());
        }
        return new Finding(Finding.Kind.WORKLOAD, title, b.toString());
    }

    /** A thread of this process as the kernel sees it. */
    public record BlockedThread(long tid, String name, char state, String wchan, String stack) {
        /** The first frame of the kernel stack that is not scheduler machinery. */
        String topFrame() {
            for (String line : stack.split("\n")) {
                String f = line.replaceAll("^\\[<[0-9a-fx]+>\\]\\s*", "").replaceAll("\\+0x.*$", "").trim();
                if (!f.isEmpty() && !f.startsWith("__schedule") && !f.equals("schedule") && !f.startsWith("schedule_")
                        && !f.startsWith("io_schedule") && !f.equals("0x0")) {
                    return f;
                }
            }
            return wchan.equals("0") ? "" : wchan;
        }
    }

    /** Threads of this process in uninterruptible sleep (D), with their kernel stacks. */
    public static List<BlockedThread> blockedThreads() {
        List<BlockedThread> out = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    char state = stat.charAt(close + 2);
                    if (state != 'D') {
                        continue;
                    }
                    String wchan = read(task.resolve("wchan"));
                    String stack = read(task.resolve("stack"));
                    out.add(new BlockedThread(Long.parseLong(task.getFileName().toString()), name, state, wchan, stack));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to say
        }
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
