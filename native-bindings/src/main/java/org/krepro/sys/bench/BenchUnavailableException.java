package org.krepro.sys.bench;

/** The machine cannot run a benchmark suite: not root, no loop devices, no gcc or fio. */
public class BenchUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public BenchUnavailableException(String message) {
        super(message);
    }

    public BenchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
