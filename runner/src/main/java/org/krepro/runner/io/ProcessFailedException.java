package org.krepro.runner.io;

import java.io.IOException;

/**
 * An external command exited non-zero, could not start or timed out; the message names the command line,
 * the status and the tail of its stderr (its stdout when stderr is empty).
 */
public class ProcessFailedException extends IOException {
    private final transient Processes.Result result;

    public ProcessFailedException(Processes.Result result) {
        this(result, "");
    }

    public ProcessFailedException(Processes.Result result, String context) {
        super((context.isEmpty() ? "" : context + ": ") + (result.problem() != null ? result.problem()
                : result.commandLine() + " failed with exit status " + result.exitCode() + describe(result)));
        this.result = result;
    }

    private static String describe(Processes.Result r) {
        String err = r.stderr().strip();
        if (err.isEmpty()) {
            err = r.stdout().strip();
        }
        return err.isEmpty() ? " (no output)" : ": " + Processes.tail(err, Processes.MESSAGE_TAIL);
    }

    public Processes.Result result() {
        return result;
    }
}
