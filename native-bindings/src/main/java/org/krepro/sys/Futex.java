package org.krepro.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.futex_h;

/**
 * A 32-bit futex word in native memory (where the GC cannot move it), with the atomic operations on it
 * and the two futex calls a barrier is built from: sleep while the word still holds a value, wake every
 * sleeper. Process-private ({@code FUTEX_PRIVATE_FLAG}). What C's {@code pthread_barrier_wait} does
 * with one system call per waiter, where a Java monitor's wait/notifyAll takes two or more.
 */
public final class Futex {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    /** How long one sleep lasts at most: a sleeper re-checks its thread's interrupt at least this often. */
    public static final long SLEEP_NANOS = 100_000_000L;
    /** {@code struct timespec} of {@link #SLEEP_NANOS} (two longs on LP64), read-only for the kernel. */
    private static final MemorySegment SLEEP = timespec(SLEEP_NANOS);

    private final MemorySegment word;

    /** A word starting at {@code initial}, in {@code arena}'s memory: it must outlive every sleeper. */
    public Futex(Arena arena, int initial) {
        this.word = arena.allocate(ValueLayout.JAVA_INT);
        INT.setVolatile(word, 0L, initial);
    }

    private static MemorySegment timespec(long nanos) {
        MemorySegment t = Arena.global().allocate(16, 8);
        t.set(ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
        t.set(ValueLayout.JAVA_LONG, 8, nanos % 1_000_000_000L);
        return t;
    }

    /** The word's value (a volatile read). */
    public int get() {
        return (int) INT.getVolatile(word, 0L);
    }

    /** Sets the word to {@code value} if it holds {@code expected}; true if it did. */
    public boolean compareAndSet(int expected, int value) {
        return INT.compareAndSet(word, 0L, expected, value);
    }

    /**
     * Sleeps while the word holds {@code expected}: returns at once when it no longer does, when woken,
     * on a signal, or after {@link #SLEEP_NANOS}. The caller re-checks the word (wake-ups may be spurious).
     */
    public void sleepWhile(int expected) {
        MemorySegment errno = Errno.state();
        if (Syscalls.futex(errno, word, futex_h.FUTEX_WAIT_PRIVATE(), expected, SLEEP, MemorySegment.NULL, 0) < 0) {
            int e = Errno.value(errno);
            // EAGAIN: the word had changed; EINTR: a signal; ETIMEDOUT: the sleep's limit
            if (e != errno_h.EAGAIN() && e != errno_h.EINTR() && e != errno_h.ETIMEDOUT()) {
                throw new ErrnoException("futex", "FUTEX_WAIT_PRIVATE, val=" + expected, e);
            }
        }
    }

    /** Wakes every thread sleeping on the word; returns how many there were. */
    public int wakeAll() {
        MemorySegment errno = Errno.state();
        long n = Syscalls.futex(errno, word, futex_h.FUTEX_WAKE_PRIVATE(), Integer.MAX_VALUE, MemorySegment.NULL,
                MemorySegment.NULL, 0);
        if (n < 0) {
            throw ErrnoException.fromState("futex", "FUTEX_WAKE_PRIVATE", errno);
        }
        return (int) n;
    }
}
