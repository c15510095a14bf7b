package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The aarch64 constant tables, checked on an x86_64 host: the bindings are loaded again in a separate
 * class loader with {@link Arch#OVERRIDE_PROPERTY} set, and their values are compared with the generic
 * syscall table ({@code <asm-generic/unistd.h>}, which arm64 uses) and with arm64's
 * {@code arch/arm64/include/uapi/asm/fcntl.h}. (The x86_64 values are proven by {@link AbiTest}.)
 */
class ArchTest {

    static Map<String, Integer> genericSyscallNumbers() throws IOException {
        Map<String, Integer> out = new HashMap<>();
        Matcher m = Pattern.compile("#define __NR_(\\w+) (\\d+)").matcher(Files.readString(Path.of("/usr/include/asm-generic/unistd.h")));
        while (m.find()) {
            out.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return out;
    }

    static Object constant(ClassLoader loader, String className, String name) throws Exception {
        return Class.forName("org.krepro.sys.ffi." + className, true, loader).getMethod(name).invoke(null);
    }

    @Test
    void aarch64TablesMatchTheKernelHeaders() throws Exception {
        URL classes = Arch.class.getProtectionDomain().getCodeSource().getLocation();
        String previous = System.setProperty(Arch.OVERRIDE_PROPERTY, "aarch64");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertEquals("AARCH64", Class.forName("org.krepro.sys.Arch", true, loader).getField("CURRENT").get(null).toString());
            Map<String, Integer> generic = genericSyscallNumbers();
            for (String call : new String[] {"io_uring_setup", "io_uring_enter", "io_uring_register", "mbind",
                "set_mempolicy", "get_mempolicy", "migrate_pages", "move_pages", "getcpu"}) {
                assertEquals(generic.get(call), constant(loader, "syscall_h", "SYS_" + call), "aarch64 SYS_" + call);
            }
            // arch/arm64/include/uapi/asm/fcntl.h
            assertEquals(040000, constant(loader, "fcntl_h", "O_DIRECTORY"));
            assertEquals(0100000, constant(loader, "fcntl_h", "O_NOFOLLOW"));
            assertEquals(0200000, constant(loader, "fcntl_h", "O_DIRECT"));
            assertEquals(020000000 | 040000, constant(loader, "fcntl_h", "O_TMPFILE"));
            // glibc's aarch64 bits/fcntl.h: __O_LARGEFILE is 0 for LP64 (the kernel forces it).
            assertEquals(0, constant(loader, "fcntl_h", "O_LARGEFILE"));
        } finally {
            if (previous == null) {
                System.clearProperty(Arch.OVERRIDE_PROPERTY);
            } else {
                System.setProperty(Arch.OVERRIDE_PROPERTY, previous);
            }
        }
    }
}
