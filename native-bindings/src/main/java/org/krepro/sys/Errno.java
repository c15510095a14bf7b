package org.krepro.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.krepro.sys.ffi.Lib;
import org.krepro.sys.ffi.errno_h;

/**
 * {@code errno}: each thread's call-state segment for the raw layer's captured downcalls, the value a
 * call left in it, and the symbolic names of the numbers {@link errno_h} declares.
 */
public final class Errno {
    /** Names that share their number with another; C names the number by the other ({@code EAGAIN}). */
    private static final Set<String> ALIASES = Set.of("EWOULDBLOCK", "EDEADLOCK", "ENOTSUP");
    private static final Map<String, Integer> NUMBERS = new HashMap<>();
    private static final String[] NAMES;

    static {
        // The table is read from errno_h's own constants, so that the two cannot disagree.
        int max = 0;
        for (Method m : errno_h.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0 && m.getReturnType() == int.class
                    && m.getName().matches("E[A-Z0-9]+")) {
                try {
                    int n = (int) m.invoke(null);
                    NUMBERS.put(m.getName(), n);
                    max = Math.max(max, n);
                } catch (ReflectiveOperationException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
        NAMES = new String[max + 1];
        NUMBERS.forEach((name, n) -> {
            if (!ALIASES.contains(name)) {
                NAMES[n] = name;
            }
        });
    }

    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(Lib.CAPTURE_STATE_LAYOUT));

    private Errno() {
    }

    /** This thread's call-state segment, to pass as the first argument of a captured downcall. */
    public static MemorySegment state() {
        return STATE.get();
    }

    /** The {@code errno} value a captured downcall left in {@code state}. */
    public static int value(MemorySegment state) {
        return Lib.errno(state);
    }

    /** The symbolic name of {@code errno} ({@code "ENOENT"}), or {@code "E?<n>"} for a number without one. */
    public static String name(int errno) {
        String n = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return n != null ? n : "E?" + errno;
    }

    /** The number of the symbolic name {@code name} (aliases included), or -1 if unknown. */
    public static int number(String name) {
        return NUMBERS.getOrDefault(name, -1);
    }
}
