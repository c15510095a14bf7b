package org.krepro.vm.kernel;

import java.util.List;
import java.util.concurrent.Callable;
import org.krepro.runner.cli.KreproCommand;
import org.krepro.vm.VmCache;
import org.krepro.vm.knockout.Knockout;
import org.krepro.vm.knockout.KnockoutBuildCommand;
import org.krepro.vm.knockout.KnockoutBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code krepro kernels}: guest kernels in the cache and those apt offers. */
@Command(name = "kernels", mixinStandardHelpOptions = true, subcommands = KnockoutBuildCommand.class,
        description = "Lists guest kernels: those cached (with which drivers and filesystems are built in or modules)"
                + " and the Debian kernel packages apt offers (usable as --kernel debian:NAME), and the knock-outs"
                + " (Debian kernels with one seed's fix undone: --kernel knockout:ID, built with `kernels build`).")
public final class KernelsCommand implements KreproCommand, Callable<Integer> {
    @Option(names = "--fetch", description = "fetch this kernel into the cache (debian:NAME)")
    String fetch;
    @Option(names = "--no-apt", description = "do not ask apt what it offers")
    boolean noApt;

    @Override
    public Integer call() throws Exception {
        VmCache cache = VmCache.defaultCache();
        Kernels kernels = new Kernels(cache);
        if (fetch != null) {
            GuestKernel k = kernels.resolve(fetch, null);
            System.out.println("fetched " + k.spec() + " -> " + k.image());
        }
        System.out.println("Cached in " + cache.kernels() + ":");
        List<String> cached = kernels.cached();
        if (cached.isEmpty()) {
            System.out.println("  (none)");
        }
        for (String c : cached) {
            GuestKernel k = kernels.resolve(c, null);
            KernelModules km = KernelModules.of(k);
            StringBuilder sb = new StringBuilder();
            for (String w : List.of("nvme", "virtio_blk", "ext4", "xfs", "btrfs")) {
                sb.append(' ').append(w).append('=').append(switch (km.status(w)) {
                    case BUILTIN -> "y";
                    case MODULE -> "m";
                    case ABSENT -> "-";
                });
            }
            System.out.printf("  %-45s %s %s%n", c, k.release(), sb);
        }
        System.out.println("Knock-outs (--kernel knockout:ID; build with `krepro kernels build --knockout ID`):");
        KnockoutBuilder kb = new KnockoutBuilder(cache, kernels);
        for (Knockout k : Knockout.bundled()) {
            boolean built = java.nio.file.Files.isRegularFile(kb.entry(k).resolve(".complete"));
            System.out.printf("  %-14s %-24s %s  undoes %s  (%s)%n", k.spec(), k.name(), built ? "built    " : "not built",
                    String.join(" + ", k.undoesCommits()), k.title());
        }
        if (!noApt) {
            System.out.println("Offered by apt (--kernel debian:NAME):");
            for (String a : Kernels.available()) {
                System.out.println("  " + a + (cached.contains(a) ? "  (cached)" : ""));
            }
        }
        return 0;
    }
}
