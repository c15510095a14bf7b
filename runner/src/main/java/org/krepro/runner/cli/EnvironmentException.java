package org.krepro.runner.cli;

/** The machine cannot do what was asked (not root, no loop devices, a tool missing): exit code 3. */
public class EnvironmentException extends RuntimeException {
    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
