package org.krepro.runner.spi;

import java.util.Locale;

/** The filesystems krepro formats and judges. */
public enum Filesystem {
    EXT4("mkfs.ext4"), XFS("mkfs.xfs"), BTRFS("mkfs.btrfs");

    private final String mkfsCommand;

    Filesystem(String mkfsCommand) {
        this.mkfsCommand = mkfsCommand;
    }

    /** The name used on the command line, in mount(8) and in reports: ext4, xfs, btrfs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String mkfsCommand() {
        return mkfsCommand;
    }

    public static Filesystem fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
