package org.krepro.vm.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.krepro.runner.io.Processes;

/** init.sh's module_params, run alone under busybox sh (the guest's shell). */
class InitModuleParamsTest {

    private static String function() throws Exception {
        try (InputStream in = InitModuleParamsTest.class.getResourceAsStream("/org/krepro/vm/image/init.sh")) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int a = s.indexOf("# >>> module_params");
            int b = s.indexOf("# <<< module_params");
            assertTrue(a >= 0 && b > a, "init.sh marks module_params");
            return s.substring(a, b);
        }
    }

    private static String params(Path tmp, String cmdline, String module) throws Exception {
        Path cl = tmp.resolve("cmdline");
        Files.writeString(cl, cmdline + "\n");
        Path script = tmp.resolve("t.sh");
        Files.writeString(script, function() + "\nmodule_params \"$1\" | tr '\\n' ' '\n");
        ProcessBuilder pb = new ProcessBuilder("busybox", "sh", script.toString(), module).redirectErrorStream(true);
        pb.environment().put("CMDLINE_FILE", cl.toString()); // stands in for /proc/cmdline
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.trim();
    }

    @Test
    void passesTheModulesOwnCmdlineParameters(@TempDir Path tmp) throws Exception {
        assumeTrue(Processes.which("busybox").isPresent(), "busybox not installed");
        String cl = "console=ttyS0,115200 rdinit=/init btrfs.krepro_ko_delay_us=2000 xfs.krepro_ko=0"
                + " btrfs.krepro_ko=1 nvme_core.io_timeout=60 libcrc32c panic=-1 raid6-pq.x=1 btrfs.flag * a.b.c=d";
        assertEquals("krepro_ko_delay_us=2000 krepro_ko=1 flag", params(tmp, cl, "btrfs"));
        assertEquals("krepro_ko=0", params(tmp, cl, "xfs"));
        assertEquals("io_timeout=60", params(tmp, cl, "nvme-core"), "dashes and underscores alike");
        assertEquals("x=1", params(tmp, cl, "raid6_pq"));
        assertEquals("b.c=d", params(tmp, cl, "a"));
        assertEquals("", params(tmp, cl, "ext4"));
        assertEquals("", params(tmp, cl, "libcrc32c"), "a bare word is not a parameter");
    }
}
