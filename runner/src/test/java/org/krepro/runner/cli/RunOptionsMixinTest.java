package org.krepro.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The run options shared by run, vm, matrix, container and the bisects: parsed, and handed on to another krepro intact. */
class RunOptionsMixinTest {
    @Command(name = "t")
    static final class Holder {
        @Mixin
        RunOptionsMixin run = new RunOptionsMixin();
    }

    static RunOptionsMixin parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.run;
    }

    @Test
    void theCycleCheckIsOnUnlessTurnedOff() {
        assertTrue(parse("--seed", "7").toRunOptions(List.of()).cycleCheck());
        RunOptionsMixin off = parse("--seed", "7", "--no-cycle-check");
        assertFalse(off.toRunOptions(List.of()).cycleCheck());
        assertTrue(off.toArguments().contains("--no-cycle-check"), off.toArguments().toString());
        assertFalse(parse("--seed", "7").toArguments().contains("--no-cycle-check"));
    }

    @Test
    void earlyStopIsOnUnlessFullBudgetIsAskedAndTheOptionGoesToGuests() {
        assertFalse(parse("--seed", "7").toRunOptions(List.of()).fullBudget());
        assertFalse(parse("--seed", "7").toArguments().contains("--full-budget"));
        RunOptionsMixin full = parse("--seed", "7", "--full-budget");
        assertTrue(full.toRunOptions(List.of()).fullBudget());
        assertTrue(full.toArguments().contains("--full-budget"), full.toArguments().toString());
    }

    @Test
    void argumentsForAGuestParseBackToTheSameOptions() {
        RunOptionsMixin m = parse("--reproducer", "control-clean,gup-dio-into-mmap", "--fs", "ext4", "--option-set", "4k",
                "--duration", "20s", "--iterations", "99", "--seed", "0x5eed", "--keep-images", "--allow-host-crash",
                "--hang-grace", "30s", "--no-cycle-check", "--full-budget");
        RunOptionsMixin back = parse(m.toArguments().toArray(String[]::new));
        assertEquals(m.toRunOptions(List.of()), back.toRunOptions(List.of()));
    }
}
