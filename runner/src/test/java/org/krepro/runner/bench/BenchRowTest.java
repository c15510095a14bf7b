package org.krepro.runner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BenchRowTest {
    @Test
    void unpairedRowIsTheRatioOfItsRates() {
        BenchRow plain = new BenchRow("getppid", 5.5e6, 5.0e6, "c", "cpu");
        assertEquals(1.1, plain.ratio(), 1e-9);
        assertEquals("", plain.pairedRange());
        assertEquals("{\"name\":\"getppid\",\"krepro\":5500000.0,\"baseline\":5000000.0,\"baseline_kind\":\"c\",\"basis\":\"cpu\","
                + "\"ratio\":1.100}", plain.toJson());
        assertEquals(Double.NaN, new BenchRow("x", 1, 0, "c", "cpu").ratio());
    }

    @Test
    void pairedRowIsTheMedianOfPairRatiosNotTheRatioOfBestRates() {
        PairedRounds p = new PairedRounds();
        // one lucky baseline run (1.4) must not decide the row; best-of would say 1.0/1.4 = 0.71
        p.add(0.93, 1.0);
        p.add(1.00, 1.4);
        p.add(0.88, 1.0);
        p.add(0.95, 1.0);
        p.add(0.97, 1.0);
        BenchRow row = p.row("getppid", "c", "cpu");
        assertEquals(5, row.pairs());
        assertEquals(0.93, row.ratio(), 1e-9);
        assertEquals(0.95, row.krepro(), 1e-9);
        assertEquals(1.0, row.baseline(), 1e-9);
        assertEquals("0.71-0.97", row.pairedRange());
        assertEquals("{\"name\":\"getppid\",\"krepro\":1.0,\"baseline\":1.0,\"baseline_kind\":\"c\",\"basis\":\"cpu\",\"ratio\":0.930,"
                + "\"pairs\":5,\"paired_low\":0.714,\"paired_high\":0.970}", row.toJson());
    }

    @Test
    void evenRoundsAverageTheMiddleTwoAndNoRoundsIsAnError() {
        assertEquals(2.5, PairedRounds.median(new double[] {4, 1, 3, 2}), 1e-12);
        assertThrows(IllegalStateException.class, () -> new PairedRounds().row("x", "c", "cpu"));
    }
}
