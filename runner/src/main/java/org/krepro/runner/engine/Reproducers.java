package org.krepro.runner.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.krepro.runner.spi.Reproducer;

/** Every reproducer on the class path (runner controls, the reproducers module, vm controls). */
public final class Reproducers {
    private Reproducers() {
    }

    /** All reproducers, controls first, then by id. */
    public static List<Reproducer> all() {
        List<Reproducer> list = new ArrayList<>();
        ServiceLoader.load(Reproducer.class).forEach(list::add);
        list.sort(Comparator.comparing((Reproducer r) -> !r.info().id().startsWith("control-"))
                .thenComparing(r -> r.info().id()));
        return list;
    }

    public static Optional<Reproducer> byId(String id) {
        return all().stream().filter(r -> r.info().id().equals(id)).findFirst();
    }
}
