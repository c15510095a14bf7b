package org.krepro.sys;

import java.lang.foreign.MemorySegment;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.string_h;

/**
 * A system call failed: carries the call's name, the arguments that identify what it was doing, the
 * {@code errno} number and its symbolic name.
 *
 * <p>Unchecked on purpose: for a reproducer a failing system call is usually the finding itself
 * ({@code EUCLEAN} from a corrupted btrfs tree, {@code ENOSPC} from a full ext4) or a bug in the
 * reproducer, and is matched by number where it is expected:
 * {@snippet :
 * try {
 *     file.pwrite(buf, 0);
 * } catch (ErrnoException e) {
 *     if (!e.is(errno_h.ENOSPC())) throw e;
 * }
 * }
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class ErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final String arguments;
    private final int errno;

    /**
     * @param call the C function or system call ({@code "pread"}, {@code "io_uring_enter"})
     * @param arguments the arguments that matter, readable ({@code "fd=5 (/mnt/f), count=4096, offset=0"})
     * @param errno the error number
     */
    public ErrnoException(String call, String arguments, int errno) {
        super(call + "(" + arguments + "): " + Errno.name(errno) + " (" + description(errno) + ")");
        this.call = call;
        this.arguments = arguments;
        this.errno = errno;
    }

    /** The exception for a captured downcall that failed: reads {@code errno} from {@code state}. */
    static ErrnoException fromState(String call, String arguments, MemorySegment state) {
        return new ErrnoException(call, arguments, Errno.value(state));
    }

    /** The failed call's name. */
    public String call() {
        return call;
    }

    /** The arguments that identify the failed call, as text. */
    public String arguments() {
        return arguments;
    }

    /** The error number. */
    public int errno() {
        return errno;
    }

    /** The error's symbolic name, e.g. {@code "EUCLEAN"}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** Whether this is error {@code errno}. */
    public boolean is(int errno) {
        return this.errno == errno;
    }

    /** The C library's description of {@code errno} ({@code "Structure needs cleaning"}). */
    public static String description(int errno) {
        MemorySegment s = string_h.strerrordesc_np(errno);
        return s.equals(MemorySegment.NULL) ? "unknown error" : s.reinterpret(256).getString(0);
    }
}
