/**
 * The data detector: self-describing blocks, a record of what each block must hold, and a verifier that
 * reads everything back and names every block that is not what was written.
 *
 * <h2>Writing</h2>
 * A {@link org.krepro.runner.verify.BlockFormat} (block size, seed) makes blocks that say which file,
 * block index and write generation they are, with a CRC32C; 512-byte sector stamps let a block torn at
 * sector granularity be taken apart. Reproducers fill their own buffers (io_uring, mmap, O_DIRECT...)
 * with {@link org.krepro.runner.verify.BlockFormat#fill} and record each write in the
 * {@link org.krepro.runner.verify.ExpectedState}:
 * <pre>{@code
 *   ExpectedState state = new ExpectedState(BlockFormat.withSeed(ctx.seed()));
 *   ExpectedFile f = state.file(3);                 // "f0003" under the mount point
 *   state.format().fill(buf, f.id(), 0, 16, 1);      // blocks 0..15, generation 1
 *   f.inFlight(0, 16, 1);                           // a racing write: old or new accepted
 *   ... pwrite / io_uring WRITE ...
 *   f.completed(0, 16, 1);                          // it returned: now only generation 1
 * }</pre>
 * or use {@link org.krepro.runner.verify.BlockWriter}, which does all three with pwrite.
 *
 * <h2>Verifying</h2>
 * After the runner's unmount, drop caches and remount, in {@code Reproducer.verify}:
 * <pre>{@code
 *   VerifyResult r = Verifier.verify(ctx, state);    // O_DIRECT and buffered, FIEMAP device offsets
 *   r.reportTo(ctx);                                // findings, JUnit properties, report file
 * }</pre>
 * Classes: {@link org.krepro.runner.verify.DataClass}. Reads through the page cache and from the disk
 * must agree; where they do not, a separate finding says so.
 *
 * <h2>Every test, whatever it wrote</h2>
 * The runner's unmount-cycle check ({@code detect.UnmountCycleCheck}): the engine reads every regular file before the
 * unmount and again after the remount and names the files and 4 KiB units that changed (fstests'
 * md5sum around a cycle mount). It knows nothing of the block format, so it also covers reproducers that
 * write plain data.
 *
 * <h2>Positive control</h2>
 * {@link org.krepro.runner.verify.UnderneathWriter#locate} finds a block's device offset (while
 * mounted), {@link org.krepro.runner.verify.UnderneathWriter#overwriteBlock} damages it on the device
 * (after the unmount). On btrfs, whose data is checksummed, such a block reads back as
 * {@link org.krepro.runner.verify.DataClass#UNREADABLE} (EIO).
 */
package org.krepro.runner.verify;
