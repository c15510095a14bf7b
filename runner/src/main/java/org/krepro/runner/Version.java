package org.krepro.runner;

/** The version of this krepro build, for reports and {@code --version}. */
public final class Version {
    private Version() {
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
