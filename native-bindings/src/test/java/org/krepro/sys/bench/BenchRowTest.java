package org.krepro.sys.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BenchRowTest {
    @Test
    void ratioJsonAndPairedRange() {
        BenchRow plain = new BenchRow("getppid", 5.5e6, 5.0e6, "c", "cpu");
        assertEquals(1.1, plain.ratio(), 1e-9);
        assertEquals("", plain.pairedRange());
        assertEquals("{\"name\":\"getppid\",\"krepro\":5500000.0,\"baseline\":5000000.0,\"baseline_kind\":\"c\",\"ratio\":1.100}",
                plain.toJson());
        SyscallBench.Paired p = new SyscallBench.Paired();
        for (double r : new double[] {0.93, 1.07, 0.88}) {
            p.add(r);
        }
        BenchRow paired = p.on(plain);
        assertEquals("0.88-1.07", paired.pairedRange());
        assertEquals("{\"name\":\"getppid\",\"krepro\":5500000.0,\"baseline\":5000000.0,\"baseline_kind\":\"c\",\"ratio\":1.100,"
                + "\"paired_low\":0.880,\"paired_high\":1.070}", paired.toJson());
        assertEquals("", new SyscallBench.Paired().on(plain).pairedRange()); // no rounds: no range
        assertEquals(Double.NaN, new BenchRow("x", 1, 0, "c", "cpu").ratio());
    }
}
