package org.krepro.bisect;

import org.krepro.runner.engine.Shards;

import java.util.List;
import java.util.concurrent.Callable;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.KreproCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code krepro shard-plan --shard I/N --kernels K1,...}: the guests of one nightly shard, one per line. */
@Command(name = "shard-plan", mixinStandardHelpOptions = true,
        description = {"Prints the jobs of shard I of N of kernel x reproducer x filesystem (sorted, cell i goes to shard"
                + " i mod N + 1), one line per guest: the arguments of `krepro matrix` for it. CI runs each line with its own"
                + " --report-dir and merges the shards with `krepro merge-reports`.",
                "Example: krepro shard-plan --shard 2/4 --kernels debian:6.1.0-56-cloud-amd64,debian:6.12.115+deb12-cloud-amd64"})
public final class ShardPlanCommand implements KreproCommand, Callable<Integer> {
    @Option(names = "--shard", required = true, paramLabel = "I/N", description = "this shard (1-based) of N")
    String shard;
    @Option(names = "--kernels", required = true, split = ",", paramLabel = "K", description = "kernels of the matrix")
    List<String> kernels;
    @Option(names = {"-r", "--reproducer"}, split = ",", paramLabel = "ID", description = "reproducers (default: the default run's)")
    List<String> reproducers = new java.util.ArrayList<>();
    @Option(names = "--fs", split = ",", paramLabel = "FS", description = "filesystems (default: every one each reproducer declares)")
    List<String> fs = new java.util.ArrayList<>();
    @Option(names = "--cells", description = "print the cells (kernel, reproducer, fs) instead of the jobs")
    boolean cells;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Shards.Cell> all;
        List<Shards.Cell> mine;
        try {
            all = Shards.cells(kernels, Shards.reproducerFs(reproducers, fs));
            mine = Shards.shard(all, shard);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (cells) {
            mine.forEach(c -> System.out.println(c.kernel() + "\t" + c.reproducer() + "\t" + c.fs()));
        } else {
            for (Shards.Job j : Shards.jobs(mine)) {
                System.out.println(String.join(" ", j.arguments()));
            }
        }
        System.err.printf("krepro shard-plan: shard %s: %d of %d cells%n", shard, mine.size(), all.size());
        return ExitCodes.ALL_PASSED;
    }
}
