package org.krepro.runner.device;

import java.io.IOException;

/** An external command exited non-zero; the message names the command line, the status and its stderr. */
public class CommandFailedException extends IOException {
    private final transient Command.Result result;

    public CommandFailedException(Command.Result result) {
        this(result, "");
    }

    public CommandFailedException(Command.Result result, String context) {
        super((context.isEmpty() ? "" : context + ": ") + result.commandLine() + " failed with exit status "
                + result.exitCode() + describe(result));
        this.result = result;
    }

    private static String describe(Command.Result r) {
        String err = r.stderr().strip();
        if (err.isEmpty()) {
            err = r.stdout().strip();
        }
        return err.isEmpty() ? " (no output)" : ": " + err;
    }

    public Command.Result result() {
        return result;
    }
}
