package org.krepro.picocli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What this module is for: picocli's classes in this release's class file format, not Java 5's. */
class BytecodeVersionTest {

    @Test
    void picocliIsCompiledForThisRelease() throws Exception {
        for (Class<?> c : new Class<?>[] {CommandLine.class, CommandLine.Model.CommandSpec.class, CommandLine.Help.class}) {
            String name = c.getName().substring(c.getPackageName().length() + 1) + ".class";
            try (InputStream in = c.getResourceAsStream(name); DataInputStream d = new DataInputStream(in)) {
                d.readInt(); // 0xCAFEBABE
                d.readUnsignedShort(); // minor
                // class file major = feature release + 44; picocli's own jar has 49 (Java 5)
                assertEquals(Runtime.version().feature() + 44, d.readUnsignedShort(), c.getName());
            }
        }
        assertEquals("4.7.7", CommandLine.VERSION);
    }
}
