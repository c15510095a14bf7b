package org.krepro.runner.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.krepro.runner.spi.Finding;

class HungWorkloadTest {
    private static final String STACK = """
            [<0>] __schedule+0x2f0/0x8a0
            [<0>] schedule+0x5e/0xd0
            [<0>] io_schedule_timeout+0x19/0x40
            [<0>] balance_dirty_pages+0x2d4/0xd80
            [<0>] balance_dirty_pages_ratelimited_flags+0x2d9/0x3b0""";

    @Test
    void theFindingIsTitledByTheFirstFrameThatIsNotTheScheduler() {
        HungWorkload d = new HungWorkload();
        d.hung(List.of(new HungWorkload.BlockedThread(42, "reader", 'D', "balance_dirty_pages", STACK)), "",
                Duration.ofSeconds(125));
        Finding f = d.findings().getFirst();
        assertEquals(Finding.Kind.WORKLOAD, f.kind());
        assertEquals("krepro: workload hung in balance_dirty_pages", f.title());
        assertTrue(f.detail().startsWith("The workload did not return within 125 s (budget + grace)."), f.detail());
        assertTrue(f.detail().contains("42 reader state D wchan balance_dirty_pages"), f.detail());
    }

    @Test
    void withoutAStackTheWchanOrNothingNamesIt() {
        assertEquals("krepro: workload hung in folio_wait_bit",
                HungWorkload.finding(List.of(new HungWorkload.BlockedThread(1, "t", 'D', "folio_wait_bit", "")),
                        "5 s after it was told to stop (x)", Duration.ZERO).title());
        assertEquals("krepro: workload hung", HungWorkload.finding(List.of(), "", Duration.ofSeconds(1)).title());
        assertEquals(List.of(), new HungWorkload().findings());
    }
}
