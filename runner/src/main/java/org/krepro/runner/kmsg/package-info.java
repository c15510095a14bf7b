/**
 * The kernel log as records, from /dev/kmsg.
 *
 * <ul>
 *   <li>{@link org.krepro.runner.kmsg.KmsgReader}: non-blocking reader ({@code open()}, {@code seekToEnd()},
 *       {@code seekToStart()}, {@code next()}, {@code drain()}); records lost to ring-buffer overwrite (EPIPE,
 *       sequence jumps) are kept as {@code gaps()}.</li>
 *   <li>{@link org.krepro.runner.kmsg.KmsgRecord}: facility, level, sequence, timestamp, caller, message,
 *       dictionary (SUBSYSTEM=, DEVICE=); {@code parse(String)}, {@code toConsoleLines()}.</li>
 *   <li>{@link org.krepro.runner.kmsg.KmsgWriter}: one record per line at a given level; {@code clearWarnOnce()}.</li>
 *   <li>{@link org.krepro.runner.kmsg.KmsgWindow}: fstests-style markers delimiting one test's part of the
 *       log ({@code open(runId, test)}, {@code poll()}, {@code end()}, {@code close()}).</li>
 * </ul>
 * Reading and writing /dev/kmsg needs root. The reader binds libc's open/read/lseek/close through the FFM API
 * itself (Java streams cannot open with O_NONBLOCK nor tell EAGAIN from EPIPE).
 */
package org.krepro.runner.kmsg;
