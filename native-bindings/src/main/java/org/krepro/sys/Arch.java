package org.krepro.sys;

/**
 * The instruction-set architecture this JVM runs on, chosen once at run time. Constants whose value
 * differs between architectures (open flags such as {@code O_DIRECT}, syscall numbers of the NUMA calls)
 * are picked through {@link #pick(long, long)}, never hard-coded for one architecture.
 *
 * <p>Only the two 64-bit Linux ABIs krepro runs on are known: x86_64 (the host) and aarch64 (QEMU
 * guests, arm64 machines). Both are LP64, so {@code long}, {@code size_t}, {@code off_t} and pointers
 * are 64 bits wide on both.
 */
public enum Arch {
    X86_64,
    AARCH64;

    /** The architecture of this JVM; fails on any other (the bindings would silently be wrong there). */
    public static final Arch CURRENT = detect();

    /**
     * Names the architecture whose constant tables the classes loaded after it is set use, instead of
     * the JVM's. Only for tests that check the other architecture's tables (in a separate class loader);
     * a binding linked with another architecture's numbers would make wrong system calls.
     */
    public static final String OVERRIDE_PROPERTY = "krepro.sys.arch";

    private static Arch detect() {
        String arch = System.getProperty(OVERRIDE_PROPERTY, System.getProperty("os.arch"));
        String os = System.getProperty("os.name");
        if (!"Linux".equals(os)) {
            throw new ExceptionInInitializerError("krepro native bindings need Linux, not " + os);
        }
        return switch (arch) {
            case "amd64", "x86_64" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> throw new ExceptionInInitializerError("no native bindings for architecture " + arch);
        };
    }

    /** Returns {@code x86_64} on x86_64 and {@code aarch64} on aarch64. */
    public long pick(long x86_64, long aarch64) {
        return this == X86_64 ? x86_64 : aarch64;
    }

    /** Returns {@code x86_64} on x86_64 and {@code aarch64} on aarch64. */
    public int pick(int x86_64, int aarch64) {
        return this == X86_64 ? x86_64 : aarch64;
    }
}
