package org.krepro.vm.knockout;

import java.util.concurrent.Callable;
import org.krepro.vm.VmCache;
import org.krepro.vm.kernel.GuestKernel;
import org.krepro.vm.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code krepro kernels build --knockout ID}: builds a knock-out kernel into the cache. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Builds a knock-out kernel: a Debian kernel with one upstream fix undone by a patch shipped"
                + " with krepro (the seed's bug back in), cached by patch hash; usable as --kernel knockout:ID.",
                "Module knock-outs (xfs, btrfs) rebuild one module against the base kernel's linux-headers (minutes);"
                        + " built-in ones (mm, ext4) build a whole kernel from linux-source (defconfig + krepro's guest"
                        + " fragment, ccache; 20-45 min here). A second call is instant."})
public final class KnockoutBuildCommand implements Callable<Integer> {
    @Option(names = "--knockout", required = true, description = "the knock-out's seed id (003, 004, ...; `krepro kernels` lists them)")
    String id;
    @Option(names = "-j", description = "make -j (default: 2)")
    int jobs = 2;

    @Override
    public Integer call() throws Exception {
        VmCache cache = VmCache.defaultCache();
        Kernels kernels = new Kernels(cache);
        Knockout k = Knockout.bundled(id);
        System.out.println("knock-out " + k.id() + ": " + k.title());
        System.out.println("  undoes " + k.undoes() + "; " + k.sourcePkg() + " " + k.sourceVersion() + " on " + k.base());
        GuestKernel g = new KnockoutBuilder(cache, kernels).build(k, jobs, System.out);
        System.out.println(g.label() + "  (--kernel " + g.spec() + ", uname -r " + g.release() + ")  " + g.image());
        if (!k.knobs().isBlank()) {
            System.out.println("  knobs: " + k.knobs());
        }
        return 0;
    }
}
