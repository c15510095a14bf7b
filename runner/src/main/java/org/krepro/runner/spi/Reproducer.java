package org.krepro.runner.spi;

/**
 * One documented bug, as a runnable race. Implementations live in the reproducers module (and the
 * built-in controls in the runner) and are found with {@link java.util.ServiceLoader}.
 *
 * <p>The runner owns the whole lifecycle of a test (one reproducer on one {@link FsConfig}):
 * <pre>
 *   images -> loop devices -> mkfs -> {@link #afterMkfs} -> kmsg marker -> mount
 *     -> {@link #run} (the workload, within the budget)
 *     -> unmount -> {@link #afterUnmount} -> drop caches -> mount -> {@link #verify} -> unmount
 *     -> fsck -> kmsg end marker -> findings -> verdict
 * </pre>
 * A reproducer never mounts, formats or detaches anything itself (it may ask the runner for a fresh
 * mount during the workload: {@link TestContext#remount}). It reports what it sees through
 * {@link TestContext#report}, counts through {@link TestContext#telemetry}, and may throw
 * {@link TestSkipped} when something it needs is missing.
 */
public interface Reproducer {

    ReproducerInfo info();

    /** After mkfs, before the first mount: may edit the unmounted filesystem (debugfs, xfs_db). */
    default void afterMkfs(TestContext ctx) throws Exception {
    }

    /** The workload, on the mounted filesystem, until {@code ctx.budget()} is spent. */
    void run(TestContext ctx) throws Exception;

    /** After the workload's unmount, before the remount; used by controls to damage the devices. */
    default void afterUnmount(TestContext ctx) throws Exception {
    }

    /** After the remount with caches dropped: check what the workload left on disk. */
    default void verify(TestContext ctx) throws Exception {
    }
}
