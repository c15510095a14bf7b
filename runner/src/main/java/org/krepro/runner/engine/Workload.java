package org.krepro.runner.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.krepro.runner.spi.Finding;

/**
 * Runs a reproducer's workload under a watchdog. A workload that does not return within its budget
 * plus a grace period is declared hung: its threads are usually stuck in the kernel (the seed 001
 * reader ends in balance_dirty_pages in D state on 6.1), where Java cannot interrupt them, so the
 * watchdog reads their kernel stacks from /proc/self/task/TID/stack and makes that the finding.
 */
final class Workload {
    private Workload() {
    }

    /**
     * How the workload ended: returned, threw, or still running at the deadline (hung); {@code waited}
     * says which deadline ("120 s (budget + grace)", "5 s after it was told to stop").
     */
    record Outcome(boolean hung, Throwable failure, List<BlockedThread> blocked, String waited) {
        Outcome(boolean hung, Throwable failure, List<BlockedThread> blocked) {
            this(hung, failure, blocked, "");
        }

        Finding hangFinding(Duration waited) {
            String where = blocked.stream().map(BlockedThread::topFrame).filter(f -> !f.isEmpty()).findFirst().orElse("");
            String title = "krepro: workload hung" + (where.isEmpty() ? "" : " in " + where);
            String within = this.waited.isEmpty() ? waited.toSeconds() + " s (budget + grace)" : this.waited;
            StringBuilder b = new StringBuilder("The workload did not return within " + within
                    + ". Threads of this process blocked in the kernel:\n");
            for (BlockedThread t : blocked) {
                b.append("\n").append(t.tid()).append(" ").append(t.name()).append(" state ").append(t.state())
                        .append(" wchan ").append(t.wchan()).append('\n').append(t.stack());
            }
            return new Finding(Finding.Kind.WORKLOAD, title, b.toString());
        }
    }

    /** A thread of this process as the kernel sees it. */
    record BlockedThread(long tid, String name, char state, String wchan, String stack) {
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

    /** How long a workload told to stop early may take to return before it counts as hung. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /**
     * Runs the workload until it returns or {@code deadline} passes; once {@code budget} is stopped early
     * (the verdict is certain), it waits at most {@code stopGrace} more, so that threads stuck in the
     * kernel cannot hold a decided test for the rest of its budget and grace.
     */
    static Outcome run(Callable<Void> body, Duration deadline, org.krepro.runner.spi.Budget budget, Duration stopGrace)
            throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().name("krepro-workload").start(() -> {
            try {
                body.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        long end = System.nanoTime() + deadline.toNanos();
        long stoppedAt = 0;
        while (true) {
            if (t.join(Duration.ofMillis(100))) {
                return new Outcome(false, failure[0], List.of(), "");
            }
            long now = System.nanoTime();
            if (stoppedAt == 0 && budget.stopped()) {
                stoppedAt = now;
            }
            if (stoppedAt != 0 && now - stoppedAt >= stopGrace.toNanos()) {
                return new Outcome(true, null, blockedThreads(), stopGrace.toSeconds() + " s after it was told to stop ("
                        + budget.stopReason() + ")");
            }
            if (now >= end) {
                return new Outcome(true, null, blockedThreads(), deadline.toSeconds() + " s (budget + grace)");
            }
        }
    }

    static Outcome run(Callable<Void> body, Duration deadline) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().name("krepro-workload").start(() -> {
            try {
                body.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        if (!t.join(deadline)) {
            return new Outcome(true, null, blockedThreads());
        }
        return new Outcome(false, failure[0], List.of());
    }

    /** Threads of this process in uninterruptible sleep (D), with their kernel stacks. */
    static List<BlockedThread> blockedThreads() {
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
