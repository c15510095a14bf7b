/**
 * The owning layer over krepro's native bindings: what reproducers, the runner and the data verifier
 * call. Every native resource is tied to a Java owner that releases it: a {@link org.krepro.sys.NativeFile}
 * closes its descriptor, a {@link org.krepro.sys.Mapping} is unmapped when its arena closes, an
 * {@link org.krepro.sys.IoUring} unmaps its rings and closes its descriptor with its arena. Every failed
 * system call throws {@link org.krepro.sys.ErrnoException} naming the call, its arguments and the errno;
 * every call made is counted in {@link org.krepro.sys.SyscallCounters}, by {@link org.krepro.sys.Syscalls},
 * through which every call into the raw layer goes.
 *
 * <ul>
 * <li>{@link org.krepro.sys.NativeFile}: open/openat, pread/pwrite/preadv/pwritev into segments,
 *     fsync/fdatasync, ftruncate, fallocate/punchHole/zeroRange, syncFileRange, fadvise, statx,
 *     fiemap, blockDeviceSize.</li>
 * <li>{@link org.krepro.sys.Mapping}: mmap (file or anonymous), msync, madvise, mincore residency,
 *     mlock, stores and loads.</li>
 * <li>{@link org.krepro.sys.AlignedBuffers}: 4096-aligned memory for O_DIRECT and a self-describing
 *     data pattern.</li>
 * <li>{@link org.krepro.sys.IoUring}: io_uring over the raw system calls.</li>
 * <li>{@link org.krepro.sys.Numa}: nodes, move_pages, get_mempolicy, mbind.</li>
 * <li>{@link org.krepro.sys.PathCalls}: mkdir, unlink, rmdir and rename of paths.</li>
 * <li>{@link org.krepro.sys.Syscalls}: every raw call, counted, returning what C returns (for loops that
 *     count errors instead of throwing).</li>
 * <li>{@link org.krepro.sys.Abi} (the constants that differ between x86_64 and aarch64, picked for this
 *     {@link org.krepro.sys.Arch}) and {@link org.krepro.sys.Errno} (the capture segment, errno names).</li>
 * </ul>
 *
 * The raw layer underneath, in jextract's shape, is {@link org.krepro.sys.ffi}: it only declares, and
 * everything that decides (counting, the architecture's values, errno names) is here.
 */
package org.krepro.sys;
