package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.krepro.runner.engine.Progress;
import org.krepro.runner.engine.RunOptions;
import org.krepro.runner.engine.TestEngine;
import org.krepro.runner.report.TestResult;
import org.krepro.runner.report.Verdict;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.Finding;
import org.krepro.runner.spi.Reproducer;
import org.krepro.runner.spi.ReproducerInfo;
import org.krepro.runner.spi.TestContext;

/**
 * Every reproducer that may run on this host, on its first option set, through the engine with a
 * two-minute budget and a finding reported three seconds in: its loops must notice the engine's stop
 * and return within five seconds of the finding, so that a decisive finding ends any test early.
 */
@Tag("root")
class EarlyStopEveryReproducerTest {
    static final Duration FINDING_AFTER = Duration.ofSeconds(3);
    static final String TITLE = "early-stop control: a finding reported during the workload";

    static Stream<Reproducer> reproducers() {
        return Stream.of(new Ext4Jbd2Migration(), new GupDioIntoMmap(), new XfsIomapStaleWrite(), new BtrfsEbReadRace());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reproducers")
    void theWorkloadReturnsWithinFiveSecondsOfAFinding(Reproducer real, @TempDir Path dir) throws Exception {
        Reproducer r = new ReportsDuringRun(real);
        RunOptions options = new RunOptions(Set.of(real.info().id()), Set.<Filesystem>of(), Set.of(), Duration.ofSeconds(120),
                Long.MAX_VALUE, 0x5eedL, dir.resolve("reports"), dir.resolve("work"), false, false, List.of(), Duration.ofSeconds(60));
        TestResult result;
        try (TestEngine engine = new TestEngine(options, Progress.quiet())) {
            result = engine.runOne(r, real.info().configs().getFirst());
        }
        System.out.printf("%s: %s %.1f s, %s%n", real.info().id(), result.verdict(), result.seconds(),
                result.properties().entrySet().stream().filter(e -> e.getKey().startsWith("s")).toList());
        assertEquals(Verdict.FAIL, result.verdict(), result::reason);
        assertTrue(result.findings().stream().anyMatch(f -> f.title().equals(TITLE)), result.findings().toString());
        assertTrue(result.properties().get("stopped.early").startsWith("reproducer finding after "), result.properties().toString());
        double toEnd = Double.parseDouble(result.properties().get("seconds.first.finding.to.workload.end"));
        assertTrue(toEnd <= 5, real.info().id() + " ran " + toEnd + " s past the finding");
        assertTrue(Double.parseDouble(result.properties().get("duration.seconds")) < FINDING_AFTER.toSeconds() + 6,
                result.properties().toString());
    }

    /** The real reproducer, plus a finding reported from a side thread {@link #FINDING_AFTER} into its workload. */
    record ReportsDuringRun(Reproducer real) implements Reproducer {
        @Override
        public ReproducerInfo info() {
            return real.info();
        }

        @Override
        public void afterMkfs(TestContext ctx) throws Exception {
            real.afterMkfs(ctx);
        }

        @Override
        public void run(TestContext ctx) throws Exception {
            Thread reporter = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(FINDING_AFTER);
                    ctx.report(new Finding(Finding.Kind.WORKLOAD, TITLE, "injected by the test"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                real.run(ctx);
            } finally {
                reporter.interrupt();
                reporter.join();
            }
        }

        @Override
        public void afterUnmount(TestContext ctx) throws Exception {
            real.afterUnmount(ctx);
        }

        @Override
        public void verify(TestContext ctx) throws Exception {
            real.verify(ctx);
        }

        @Override
        public String toString() {
            return real.info().id();
        }
    }
}
