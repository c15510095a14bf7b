package org.krepro.runner;

/**
 * The machine cannot do what was asked (not root, no loop devices, a tool missing): exit code 3. It lives
 * here, below every package, so that device and filesystem code can say so without knowing the CLI.
 */
public class EnvironmentException extends RuntimeException {
    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
