package org.krepro.vm.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.krepro.runner.cli.ExitCodes;
import org.krepro.runner.cli.Main;
import picocli.CommandLine;

/** vm and matrix share run's argument checks and the one error handler: exit 2 or 3, one sentence, no trace. */
class VmArgumentsTest {
    record Run(int exit, String err) {
    }

    static Run krepro(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), err.toString());
    }

    @Test
    void badRunOptionsAreUsageErrorsBeforeAnyGuestBoots() {
        Run vm = krepro("vm", "--kernel", "debian:none", "--iterations", "-5");
        assertEquals(ExitCodes.USAGE, vm.exit(), vm.err());
        assertTrue(vm.err().contains("--iterations must be ≥ 1 (got -5)"), vm.err());
        Run matrix = krepro("matrix", "--kernels", "debian:none", "--duration", "0s");
        assertEquals(ExitCodes.USAGE, matrix.exit(), matrix.err());
    }

    @Test
    void aMissingKernelIsTheEnvironmentInOneSentence() {
        Run r = krepro("vm", "--kernel", "/nonexistent/arch/x86/boot/bzImage", "-r", "control-clean");
        assertEquals(ExitCodes.ENVIRONMENT, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
