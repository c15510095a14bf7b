package org.krepro.bisect;

/** The kernel cannot be tested at all (no image, a failed build, a garbage file): skip it without retrying. */
public final class CannotTest extends Exception {
    private static final long serialVersionUID = 1L;

    public CannotTest(String message) {
        super(message);
    }

    public CannotTest(String message, Throwable cause) {
        super(message, cause);
    }
}
