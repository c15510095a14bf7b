/**
 * Raw bindings to the C library and the kernel ABI, written by hand in the shape jextract generates
 * (jextract is not available here): one class per C header ({@code fcntl_h}, {@code unistd_h},
 * {@code mman_h}, {@code stat_h}, {@code uio_h}, {@code ioctl_h}, {@code io_uring_h}, {@code mempolicy_h},
 * {@code errno_h}, {@code string_h}, {@code syscall_h}) extending {@link org.krepro.sys.ffi.Lib}, which
 * holds the C type layouts; macros as static accessor methods ({@code fcntl_h.O_DIRECT()}); one private
 * holder class per function, so a function is linked the first time it is called; one class per struct
 * ({@code statx}, {@code fiemap}, {@code io_uring_sqe}...) with {@code layout()}, {@code <field>$offset()},
 * typed getters {@code <field>(segment)} and setters {@code <field>(segment, value)}, and the C declaration
 * in its Javadoc.
 *
 * <p>Differences from jextract output, all deliberate:
 * <ul>
 * <li>Functions that report errors through {@code errno} are linked with
 *     {@code Linker.Option.captureCallState("errno")}; their Java method takes the capture segment first
 *     ({@code org.krepro.sys.Errno.state()} gives each thread one). {@code posix_fadvise} returns
 *     its error and {@code getppid} cannot fail: both are linked without capture, {@code getppid} also as
 *     {@code critical} (it cannot block).</li>
 * <li>Variadic functions are bound for the argument types krepro passes: {@code open}/{@code openat}
 *     with a mode, {@code ioctl} with a pointer, {@code syscall} with 0 to 6 {@code long}s.</li>
 * <li>Constants that differ between x86_64 and aarch64 are declared once per architecture, the
 *     architecture as a suffix ({@code fcntl_h.O_DIRECT$x86_64()}, {@code fcntl_h.O_DIRECT$aarch64()}).</li>
 * </ul>
 *
 * <p>This package only declares: layouts, downcall handles, constants, and the one-line methods that
 * invoke a handle. Whatever decides something (which architecture's value, counting calls, naming an
 * errno, widening syscall arguments) is in the owning layer, {@code org.krepro.sys}, and no class here
 * refers to it; {@code FfiOnlyDeclaresTest} fails the build otherwise.
 *
 * <p>{@code AbiTest} compiles {@code src/test/c/abi_probe.c} against this machine's headers and fails the
 * build if any struct size, member offset or size, or constant here differs from C. To add a binding:
 * add the function (holder, descriptor, method) or constant to its header class, add struct members to
 * the probe, and run the tests.
 */
package org.krepro.sys.ffi;
