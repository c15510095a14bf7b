package org.krepro.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.krepro.sys.ffi.fcntl_h;
import org.krepro.sys.ffi.syscall_h;

/**
 * The aarch64 constant tables, checked on an x86_64 host against the generic syscall table
 * ({@code <asm-generic/unistd.h>}, which arm64 uses) and arm64's {@code arch/arm64/include/uapi/asm/fcntl.h};
 * and {@link Abi}'s choice, loaded again in a separate class loader with {@link Arch#OVERRIDE_PROPERTY}
 * set. (This machine's values are proven by {@link AbiTest}.)
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

    @Test
    void aarch64TablesMatchTheKernelHeaders() throws Exception {
        Map<String, Integer> generic = genericSyscallNumbers();
        for (String call : new String[] {"mbind", "set_mempolicy", "get_mempolicy", "migrate_pages", "move_pages", "getcpu",
            "getdents64", "getppid", "futex"}) {
            assertEquals(generic.get(call), syscall_h.class.getMethod("SYS_" + call + "$aarch64").invoke(null), "aarch64 SYS_" + call);
        }
        for (String call : new String[] {"io_uring_setup", "io_uring_enter", "io_uring_register"}) {
            assertEquals(generic.get(call), syscall_h.class.getMethod("SYS_" + call).invoke(null), "SYS_" + call);
        }
        // arch/arm64/include/uapi/asm/fcntl.h
        assertEquals(040000, fcntl_h.O_DIRECTORY$aarch64());
        assertEquals(0100000, fcntl_h.O_NOFOLLOW$aarch64());
        assertEquals(0200000, fcntl_h.O_DIRECT$aarch64());
        assertEquals(020000000 | 040000, fcntl_h.O_TMPFILE$aarch64());
        // glibc's aarch64 bits/fcntl.h: __O_LARGEFILE is 0 for LP64 (the kernel forces it).
        assertEquals(0, fcntl_h.O_LARGEFILE());
    }

    @Test
    void abiPicksTheOverriddenArchitecture() throws Exception {
        URL classes = Arch.class.getProtectionDomain().getCodeSource().getLocation();
        String previous = System.setProperty(Arch.OVERRIDE_PROPERTY, "aarch64");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertEquals("AARCH64", Class.forName("org.krepro.sys.Arch", true, loader).getField("CURRENT").get(null).toString());
            Class<?> abi = Class.forName("org.krepro.sys.Abi", true, loader);
            assertEquals(fcntl_h.O_DIRECT$aarch64(), abi.getMethod("O_DIRECT").invoke(null));
            assertEquals(fcntl_h.O_DIRECTORY$aarch64(), abi.getMethod("O_DIRECTORY").invoke(null));
            assertEquals(fcntl_h.O_NOFOLLOW$aarch64(), abi.getMethod("O_NOFOLLOW").invoke(null));
            assertEquals(fcntl_h.O_TMPFILE$aarch64(), abi.getMethod("O_TMPFILE").invoke(null));
            Field mbind = abi.getDeclaredField("SYS_mbind");
            mbind.setAccessible(true);
            assertEquals((long) syscall_h.SYS_mbind$aarch64(), mbind.getLong(null));
        } finally {
            if (previous == null) {
                System.clearProperty(Arch.OVERRIDE_PROPERTY);
            } else {
                System.setProperty(Arch.OVERRIDE_PROPERTY, previous);
            }
        }
        assertEquals(Arch.CURRENT.pick(fcntl_h.O_DIRECT$x86_64(), fcntl_h.O_DIRECT$aarch64()), Abi.O_DIRECT());
    }
}
