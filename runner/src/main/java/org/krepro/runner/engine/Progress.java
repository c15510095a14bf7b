package org.krepro.runner.engine;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a run shows while it works: on a terminal one status line rewritten every second (test,
 * elapsed/budget, iterations/s, findings so far); elsewhere (CI logs, a guest console) plain lines at
 * the start and end of each test and every 30 seconds in between.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final boolean verbose;

    public Progress(PrintStream out, boolean terminal, boolean verbose) {
        this.out = out;
        this.terminal = terminal;
        this.verbose = verbose;
    }

    public static Progress forConsole(boolean verbose) {
        return new Progress(System.out, System.console() != null && System.console().isTerminal(), verbose);
    }

    public static Progress quiet() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), false, false);
    }

    /** A detail line, shown only with --verbose. */
    public void verbose(String text) {
        if (verbose) {
            line(text);
        }
    }

    public void line(String text) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(text);
        out.flush();
    }

    /** Starts a ticker for one workload; close it when the workload returns. */
    public AutoCloseable ticker(String test, Duration budget, Supplier<Long> iterations, Supplier<Integer> findings) {
        long start = System.nanoTime();
        long periodMillis = 1000;
        long printEvery = terminal ? 1 : 30;
        Thread t = Thread.ofPlatform().daemon().name("krepro-progress").start(() -> {
            long lastIter = 0;
            long lastT = start;
            long ticks = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(periodMillis);
                    // Asked every second even when not printed: the kernel-log window is read as it fills.
                    int found = findings.get();
                    if (++ticks % printEvery != 0) {
                        continue;
                    }
                    long now = System.nanoTime();
                    long it = iterations.get();
                    double rate = (it - lastIter) / ((now - lastT) / 1e9);
                    lastIter = it;
                    lastT = now;
                    String s = String.format("  %s  %ds/%ds  %d iterations (%.0f/s)  findings so far: %d", test,
                            (now - start) / 1_000_000_000L, budget.toSeconds(), it, rate, found);
                    if (terminal) {
                        out.print("\r\033[K" + s);
                    } else {
                        out.println(s);
                    }
                    out.flush();
                }
            } catch (InterruptedException e) {
                // done
            }
        });
        return () -> {
            t.interrupt();
            t.join();
            if (terminal) {
                out.print("\r\033[K");
                out.flush();
            }
        };
    }
}
