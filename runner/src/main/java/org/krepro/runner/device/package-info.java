/**
 * Block devices for tests, and the krepro work directory that makes every one of them accountable.
 *
 * <p>A {@link org.krepro.runner.device.Workspace} (default {@code /var/tmp/krepro}) holds {@code images/}
 * (sparse image files), {@code mnt/} (krepro's mount root) and {@code state/}, where a record names each
 * image, loop device and mount before (or right after) it exists, together with its owner: pid and start
 * time from {@code /proc/PID/stat}, so that a recycled pid is not taken for the owner. Records are removed
 * when their resource is released.
 *
 * <p>Safety rules, since the same machine runs other people's tests:
 * <ul>
 *   <li>krepro only ever detaches a loop device whose backing file ({@code /sys/block/loopN/loop/backing_file})
 *       is an image in its own workspace, and only unmounts mount points below its own mount root;</li>
 *   <li>opening a workspace cleans up only what that same workspace's records attribute to dead owners,
 *       under the state directory's file lock; live processes' resources, other workspaces and unrecorded
 *       files are never touched;</li>
 *   <li>resources created through an open workspace are released by their owners' {@code close()}, and by a
 *       JVM shutdown hook on SIGTERM/SIGINT; after SIGKILL the next open cleans them up;</li>
 *   <li>given devices ({@link org.krepro.runner.device.GivenDeviceSource}: a guest's NVMe disks) are formatted
 *       but never created, detached or wiped beyond the test's own mkfs.</li>
 * </ul>
 * Every command is logged as a shell line ({@code $ losetup --find --show ...}); failures carry the command
 * line, the exit status and the command's stderr ({@link org.krepro.runner.io.ProcessFailedException}).
 */
package org.krepro.runner.device;
