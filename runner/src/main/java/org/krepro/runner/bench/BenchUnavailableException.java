package org.krepro.runner.bench;

/** The machine cannot run a benchmark suite: not root, no loop devices, no gcc or fio. */
public class BenchUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public BenchUnavailableException(String message) {
        super(message);
    }

    public BenchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws unless this JVM runs as root; {@code suite} and {@code why} make the message. */
    public static void requireRoot(String suite, String why) throws BenchUnavailableException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new BenchUnavailableException("bench " + suite + " needs root (" + why + ")");
        }
    }
}
