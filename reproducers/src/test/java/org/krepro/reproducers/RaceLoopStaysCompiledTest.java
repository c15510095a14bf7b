package org.krepro.reproducers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.krepro.reproducers.bench.StandaloneContext;
import org.krepro.runner.spi.Filesystem;
import org.krepro.runner.spi.FsConfig;

/**
 * A race that ends in a way earlier races did not must not throw away the C2 code of
 * {@code RaceThreads.steps}: when it did, the next race ran C1 code while C2 compiled the loop again, and
 * that race (a measured round of {@code bench reproducers}, or the first seconds of a soak) did less
 * work per CPU-second. A child JVM runs races whose drivers leave when the time is up while the helper
 * waits for them to stop; then races where the helper is the first to see the time up (the drivers
 * sleep in their steps). HotSpot's PrintCompilation must not show the loop made not entrant in the
 * second kind. With a branch for each way of seeing the race's end (the stop flag, a driver's budget, a
 * helper's time), the ones the first races had not taken were compiled as traps, and this failed three
 * times in three.
 */
class RaceLoopStaysCompiledTest {
    private static final String MARK = "krepro: helpers first";

    @Test
    void aHelperSeeingTheTimeUpFirstKeepsTheLoopCompiled() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // -Xbatch: a compilation asked for is done before the thread goes on, however busy the machine
                "-Xbatch", "-XX:+PrintCompilation", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline," + Races.class.getName() + "::*", "-cp", System.getProperty("java.class.path"),
                Races.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out.lines().filter(l -> !l.matches("\\s*\\d+\\s+\\d+.*")).limit(20).toList().toString());
        int mark = out.indexOf(MARK);
        assertTrue(mark > 0, "the child did not reach its second kind of race");
        List<String> before = out.substring(0, mark).lines().filter(l -> l.contains("RaceThreads::steps (")).toList();
        assertTrue(before.stream().anyMatch(l -> l.matches(".*\\s4\\s+org\\.krepro\\.reproducers\\.RaceThreads::steps \\(.*") && !l.contains("made not entrant")),
                "C2 did not compile the loop in the first races, so the test proves nothing: " + before);
        List<String> after = out.substring(mark).lines()
                .filter(l -> l.contains("RaceThreads::steps (") && l.contains("made not entrant: uncommon trap")).toList();
        assertEquals(List.of(), after, "a helper that saw the time up first threw the compiled loop away");
    }

    /** The child: eight races of the first kind, the mark, three of the second. */
    public static final class Races {
        public static void main(String[] args) throws Exception {
            Path dir = Files.createTempDirectory("krepro-race-loop");
            try {
                for (int r = 0; r < 8; r++) {
                    race(dir, false);
                }
                System.out.println(MARK);
                System.out.flush();
                for (int r = 0; r < 3; r++) {
                    race(dir, true);
                }
            } finally {
                Files.delete(dir);
            }
        }

        static boolean driverStep(boolean helperFirst) throws InterruptedException {
            if (helperFirst) {
                Thread.sleep(40);  // asleep when the time is up: the helper, spinning, sees it first
            }
            return true;
        }

        /** First kind: one step, then it waits for the drivers to stop the race (it never sees the time up). */
        static boolean helperStep(RaceThreads race, boolean helperFirst, long i) throws InterruptedException {
            return helperFirst || i == 0 || race.pause(60_000);
        }

        static void race(Path dir, boolean helperFirst) throws Exception {
            StandaloneContext ctx = new StandaloneContext(FsConfig.of(Filesystem.EXT4, "t", FsConfig.GIB), dir, List.of(),
                    1, dir, Duration.ofMillis(helperFirst ? 150 : 250), Long.MAX_VALUE);
            ctx.startBudget();
            RaceThreads race = new RaceThreads(ctx);
            // the same two lambdas in both kinds of race, so the loop's call to a step sees the same two
            // types throughout; what differs is in methods kept out of line (-XX:CompileCommand=dontinline),
            // so that their own branches, new in the second kind, trap in their code and not in the loop's
            for (int d = 0; d < 2; d++) {
                race.driver("d" + d, i -> driverStep(helperFirst));
            }
            race.helper("h", i -> helperStep(race, helperFirst, i));
            if (!race.run(Duration.ofSeconds(10))) {
                throw new IllegalStateException("a loop did not return");
            }
        }
    }
}
