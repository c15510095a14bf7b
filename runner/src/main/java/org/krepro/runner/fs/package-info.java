/**
 * The filesystem of one test and the fsck detector.
 *
 * <p>{@link org.krepro.runner.fs.TestFilesystem} turns an {@link org.krepro.runner.spi.FsConfig} into devices,
 * a mkfs command line ({@code mkfs.ext4 -F -q}, {@code mkfs.xfs -f -q}, {@code mkfs.btrfs -f -q} plus the
 * config's options; several devices for btrfs), a mount below the workspace's mount root (btrfs over several
 * devices is mounted with {@code device=} options), unmount (retried while busy, then lazy, noted), dropped
 * caches and a teardown that always runs.
 *
 * <p>{@link org.krepro.runner.fs.Fsck} runs the read-only checkers, {@code e2fsck -fn}, {@code xfs_repair -n}
 * and {@code btrfs check --readonly}, and keeps exit status and full output in a
 * {@link org.krepro.runner.fs.FsckResult}; xfs's dirty log ("valuable metadata changes in a log") is a status
 * of its own. {@link org.krepro.runner.fs.MetadataDamage} is the positive control: it damages the metadata of
 * an unmounted filesystem so that its checker must complain.
 */
package org.krepro.runner.fs;
