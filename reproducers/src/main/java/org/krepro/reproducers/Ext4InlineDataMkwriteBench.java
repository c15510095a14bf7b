package org.krepro.reproducers;

import java.util.List;
import org.krepro.runner.bench.BenchOptions;
import org.krepro.runner.bench.BenchRow;
import org.krepro.runner.bench.BenchSuite;
import org.krepro.runner.bench.BenchUnavailableException;

/**
 * {@code krepro bench ext4-inline-data-mkwrite}: not measured on a host. Both the Java race and its C
 * baseline ({@code bench/ext4_inline_data_mkwrite.c}, which refuses to start without
 * {@code KREPRO_ALLOW_HOST_CRASH=1}) can take the kernel down, and the loop without the race (pwrite
 * and ftruncate on an inline file alone) would not measure the race. Rates come from guest runs: the
 * reproducer reports {@code rate.pwritesPerSec} and {@code rate.mkwriteAttemptsPerSec}, the C program
 * prints the same counts (the figures seen under TCG are in reproducers/README.md).
 */
public final class Ext4InlineDataMkwriteBench implements BenchSuite {
    @Override
    public String name() {
        return Ext4InlineDataMkwrite.ID;
    }

    @Override
    public String description() {
        return "ext4-inline-data-mkwrite: guest only (the race may crash the kernel); never measured on a host";
    }

    @Override
    public List<BenchRow> run(BenchOptions options) throws Exception {
        throw new BenchUnavailableException(name() + ": the race (and its C baseline) may crash the running kernel;"
                + " measure it in a guest: compare the reproducer's rate.pwritesPerSec/rate.mkwriteAttemptsPerSec with"
                + " bench/ext4_inline_data_mkwrite.c run there");
    }
}
