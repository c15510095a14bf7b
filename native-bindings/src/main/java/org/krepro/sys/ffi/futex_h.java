package org.krepro.sys.ffi;

/** {@code <linux/futex.h>}: the futex operations a barrier needs (the call is {@link syscall_h}'s SYS_futex). */
public final class futex_h extends Lib {
    private futex_h() {
    }

    private static final int FUTEX_WAIT_PRIVATE = 128;
    /** {@snippet lang=c : #define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG) } */
    public static int FUTEX_WAIT_PRIVATE() { return FUTEX_WAIT_PRIVATE; }
    private static final int FUTEX_WAKE_PRIVATE = 129;
    /** {@snippet lang=c : #define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG) } */
    public static int FUTEX_WAKE_PRIVATE() { return FUTEX_WAKE_PRIVATE; }
}
