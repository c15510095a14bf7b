package org.krepro.runner;

/** The command line asks for something that cannot be (a file where a directory is wanted...): exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
