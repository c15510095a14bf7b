package org.krepro.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.krepro.bisect.RunOutcome.Kind;
import org.krepro.runner.engine.Reproducers;
import org.krepro.runner.spi.ReproducerInfo;

class ProofTest {
    private static final Proofs.Pair PAIR = new Proofs.Pair("003", "xfs-iomap-stale-write", "xfs", "knockout:003",
            "debian:6.12.118+deb12-cloud-amd64", "same kernel");

    private static Proof.Side side(String kernel, int bugs, int clean, int errors, Proof.Reach reach, double... toFinding) {
        List<Proof.Run> runs = new ArrayList<>();
        for (int i = 0; i < bugs; i++) {
            runs.add(new Proof.Run(Kind.BUG, i % 2 == 0 ? "data: zeroed bytes in f" : "WARNING in g",
                    i < toFinding.length ? toFinding[i] : -1, "", Proof.Reach.UNKNOWN, 60));
        }
        for (int i = 0; i < clean; i++) {
            runs.add(new Proof.Run(Kind.CLEAN, "", -1, reach == Proof.Reach.REACHED ? "race path: 3/3 reached, fewest 12 hits (f)"
                    : reach == Proof.Reach.NOT_REACHED ? "race path: 0/3 reached" : "", reach, 60));
        }
        for (int i = 0; i < errors; i++) {
            runs.add(new Proof.Run(Kind.ERROR, "no results", -1, "", Proof.Reach.UNKNOWN, 60));
        }
        return new Proof.Side(kernel, runs);
    }

    @Test
    void theCoverageLineIsTheWeakestRunsNotTheLasts() {
        List<Proof.Run> runs = new ArrayList<>();
        for (long hits : new long[] {16_600, 9_100, 19_300}) {
            runs.add(new Proof.Run(Kind.CLEAN, "", -1, "race path: 3/3 reached, fewest " + hits + " hits (f)",
                    Proof.Reach.REACHED, 37, hits));
        }
        assertEquals("race path: 3/3 reached, fewest 9100 hits (f)", new Proof.Side("fixed", runs).coverage());
        runs.add(1, new Proof.Run(Kind.CLEAN, "", -1, "race path: 2/3 reached, never: g", Proof.Reach.NOT_REACHED, 37, 500));
        assertEquals("race path: 2/3 reached, never: g", new Proof.Side("fixed", runs).coverage(), "a miss is weaker than any count");
    }

    @Test
    void failsOnTheBugKernelAndPassesReachedOnTheFixedIsProven() {
        Proof p = new Proof(PAIR, side("ko", 5, 0, 0, Proof.Reach.UNKNOWN, 12, 3, 40, 7, 9),
                side("stock", 0, 5, 0, Proof.Reach.REACHED));
        assertEquals(Proof.Status.PROVEN, p.status());
        assertTrue(p.goalMet());
        assertTrue(p.missing().isEmpty());
        assertEquals(9, p.bug().medianSecondsToFinding(), 1e-9);
        assertEquals("5/5 [0.48, 1.00]", p.bug().describe());
        assertEquals(List.of("data: zeroed bytes in f", "WARNING in g"), List.copyOf(p.bug().titles()));
    }

    @Test
    void aCleanRunThatNeverReachedTheRacePathProvesNothing() {
        Proof p = new Proof(PAIR, side("ko", 4, 1, 0, Proof.Reach.UNKNOWN), side("stock", 0, 5, 0, Proof.Reach.NOT_REACHED));
        assertEquals(Proof.Status.NOT_PROVEN, p.status());
        assertTrue(p.missing().getFirst().contains("did not reach the race path"), p.missing().toString());
    }

    @Test
    void theReasonsSayWhatIsMissing() {
        Proof never = new Proof(PAIR, side("ko", 0, 5, 0, Proof.Reach.UNKNOWN), side("stock", 0, 5, 0, Proof.Reach.UNKNOWN));
        assertEquals(Proof.Status.NOT_PROVEN, never.status());
        assertTrue(never.missing().getFirst().startsWith("never failed on the bug kernel (0/5"), never.missing().toString());

        Proof both = new Proof(PAIR, side("ko", 5, 0, 0, Proof.Reach.UNKNOWN), side("stock", 1, 4, 0, Proof.Reach.UNKNOWN));
        assertEquals(Proof.Status.NOT_PROVEN, both.status());
        assertTrue(both.missing().getFirst().startsWith("failed on the fixed kernel too (1/5"), both.missing().toString());

        Proof errors = new Proof(PAIR, side("ko", 2, 0, 3, Proof.Reach.UNKNOWN), side("stock", 0, 0, 5, Proof.Reach.UNKNOWN));
        assertEquals(Proof.Status.NOT_PROVEN, errors.status());
        assertEquals("2/2 [0.16, 1.00] +3 err", errors.bug().describe());
        assertEquals("0/0 +5 err", errors.fixed().describe());

        Proof weak = new Proof(PAIR, side("ko", 2, 3, 0, Proof.Reach.UNKNOWN), side("stock", 0, 5, 0, Proof.Reach.UNKNOWN));
        assertEquals(Proof.Status.PROVEN, weak.status());
        assertFalse(weak.goalMet(), "2 in 5 is proof, not the 4-in-5 bar");
    }

    @Test
    void noFixedKernelReproducesAtBest() {
        Proofs.Pair neverFixed = new Proofs.Pair("002", "ext4-inline-data-mkwrite", "ext4", "debian:x", null, "never fixed upstream");
        Proof p = new Proof(neverFixed, side("x", 5, 0, 0, Proof.Reach.UNKNOWN), null);
        assertEquals(Proof.Status.REPRODUCES, p.status());
        assertTrue(p.missing().getFirst().contains("never fixed upstream"));
        assertTrue(ProveReport.text(List.of(p)).contains("(none)"));
    }

    @Test
    void everySeedHasAPairOnAFilesystemItsReproducerDeclares() {
        List<Proofs.Pair> all = Proofs.all();
        assertEquals(List.of("000", "001", "002", "003", "004"), all.stream().map(Proofs.Pair::seed).sorted().toList());
        for (Proofs.Pair p : all) {
            ReproducerInfo info = Reproducers.byId(p.reproducer()).orElseThrow(() -> new AssertionError(p.reproducer())).info();
            assertTrue(info.seedFile().startsWith(p.seed() + "_"), p + " vs " + info.seedFile());
            assertTrue(info.configs().stream().anyMatch(c -> c.fs().id().equals(p.fs())), p.toString());
            assertFalse(p.bugKernel().equals(p.fixedKernel()), p.toString());
        }
    }

    @Test
    void aBrokenTableIsRefusedWithTheLine() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Proofs.parse("# c\n003\txfs-iomap-stale-write\txfs\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aKernelThatCannotBeHadIsSaidSo() {
        Proof p = new Proof(PAIR, new Proof.Side("knockout:000", List.of(), "knock-out 000 is not built (krepro kernels build --knockout 000)"),
                side("stock", 0, 5, 0, Proof.Reach.UNKNOWN));
        assertEquals(Proof.Status.NOT_PROVEN, p.status());
        assertTrue(p.missing().getFirst().startsWith("no bug kernel: knock-out 000 is not built"), p.missing().toString());
    }

    @Test
    void aKernelColumnMayCarryCommandLineArguments() {
        Proofs.KernelChoice plain = Proofs.KernelChoice.parse("debian:6.12.118+deb12-cloud-amd64");
        assertEquals(List.of(), plain.cmdline());
        assertEquals("6.12.118+deb12-cloud-amd64", plain.name("6.12.118+deb12-cloud-amd64"));
        Proofs.KernelChoice off = Proofs.KernelChoice.parse("knockout:001 with krepro_ko001=0");
        assertEquals("knockout:001", off.spec());
        assertEquals(List.of("krepro_ko001=0"), off.cmdline());
        assertEquals("6.12.118+krepro-ko001+krepro_ko001=0", off.name("6.12.118+krepro-ko001"));
        for (Proofs.Pair p : Proofs.all()) {
            Proofs.KernelChoice bug = Proofs.KernelChoice.parse(p.bugKernel());
            if (p.fixedKernel() != null) {
                Proofs.KernelChoice fixed = Proofs.KernelChoice.parse(p.fixedKernel());
                assertTrue(!bug.equals(fixed), "a pair of two different kernels or command lines: " + p);
            }
        }
    }
}
