package org.krepro.runner.cli;

/**
 * The name modules outside runner still throw; the CLI classifies {@link org.krepro.runner.EnvironmentException},
 * so both end in exit code 3. New code throws the base class.
 */
public class EnvironmentException extends org.krepro.runner.EnvironmentException {
    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
