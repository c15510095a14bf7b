package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code Mapping.map}'s C2 code stays under C2's InlineSmallCode, so that callers compiled after it still
 * inline it: at 3.0 KB they called it in some JVMs and an anonymous mmap + store + munmap cost 5% more
 * (runner README, Benchmarks). A child JVM keeps {@code map} out of line (so that it is compiled on its
 * own), has HotSpot print that code's size, and says its own InlineSmallCode.
 */
class MappingCompiledSizeKernelTest {
    private static final String MAP = "org.krepro.sys.Mapping::map";

    @Test
    void mapCompilesSmallEnoughToBeInlined() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // -Xbatch: the loop waits for each compilation, so map's is done before the child ends, however busy the machine
                "--enable-native-access=ALL-UNNAMED", "-Xbatch", "-XX:+UnlockDiagnosticVMOptions", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=dontinline," + MAP, "-XX:CompileCommand=print," + MAP,
                "-cp", System.getProperty("java.class.path"), MapOften.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out.lines().limit(20).toList().toString());

        Matcher limit = Pattern.compile("InlineSmallCode=(\\d+)").matcher(out);
        assertTrue(limit.find(), "the child did not say its InlineSmallCode");
        // "Compiled method (c2) ... org.krepro.sys.Mapping::map (85 bytes)", then " main code [a,b] = N"
        Matcher size = Pattern.compile("Compiled method \\(c2\\)[^\\n]*Mapping::map \\(\\d+ bytes\\)\\n(?:[^\\n]*\\n){0,3}?"
                + "\\s*main code\\s+\\[[^]]*\\] = (\\d+)").matcher(out);
        assertTrue(size.find(), "C2 did not compile Mapping.map in the child, or HotSpot printed it differently");
        int bytes = Integer.parseInt(size.group(1));
        int inlineSmallCode = Integer.parseInt(limit.group(1));
        assertTrue(bytes < inlineSmallCode, "Mapping.map compiles to " + bytes + " bytes, over InlineSmallCode ("
                + inlineSmallCode + "): callers compiled after it would call it instead of inlining it");
    }

    /** The child: maps, touches and unmaps 60 000 times (C2 compiles map after ~10 000), then says its limit. */
    public static final class MapOften {
        public static void main(String[] args) {
            for (int i = 0; i < 60_000; i++) {
                try (Arena arena = Arena.ofConfined()) {
                    Mapping.anonymous(arena, 4096).storeByte(0, (byte) 1);
                }
            }
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            System.out.println("InlineSmallCode=" + vm.getVMOption("InlineSmallCode").getValue());
        }
    }
}
