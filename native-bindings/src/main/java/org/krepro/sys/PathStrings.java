package org.krepro.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The C strings of the paths a synchronous call passes, written into buffers of the calling thread as C
 * code writes them on its stack: no arena, no malloc and no free per call (in a metadata loop those
 * were a tenth of the Java side's own time). A string is valid until the thread's next call that uses
 * the same slot, so only calls that return before their caller goes on may use it; never io_uring
 * SQEs, which the kernel reads later.
 */
final class PathStrings {
    /** PATH_MAX, the terminating NUL included: a longer path gets memory of its own (and ENAMETOOLONG). */
    static final int SLOT_BYTES = 4096;
    /** Slots per thread: a call takes at most two paths (rename). */
    static final int SLOTS = 2;

    private static final ThreadLocal<MemorySegment> BUFFERS =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate((long) SLOTS * SLOT_BYTES));

    private PathStrings() {
    }

    /** {@code path} as a NUL-terminated UTF-8 string in this thread's {@code slot} (0 or 1). */
    static MemorySegment of(int slot, String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= SLOT_BYTES) {
            return Arena.ofAuto().allocateFrom(path); // freed by the GC; the kernel refuses it anyway
        }
        MemorySegment s = BUFFERS.get().asSlice((long) slot * SLOT_BYTES, SLOT_BYTES);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
        s.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        return s;
    }
}
