package org.krepro.runner.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/** Storage behind {@link TestContext#state}: per context, weakly held so it goes with the test. */
final class TestStates {
    private static final Map<TestContext, Map<Class<?>, Object>> STATES = new WeakHashMap<>();

    private TestStates() {
    }

    static synchronized <T> T of(TestContext ctx, Class<T> type, Supplier<T> create) {
        Map<Class<?>, Object> m = STATES.computeIfAbsent(ctx, k -> new HashMap<>());
        return type.cast(m.computeIfAbsent(type, k -> create.get()));
    }
}
