package org.krepro.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.krepro.sys.ffi.Lib;
import org.krepro.sys.ffi.errno_h;
import org.krepro.sys.ffi.io_cqring_offsets;
import org.krepro.sys.ffi.io_sqring_offsets;
import org.krepro.sys.ffi.io_uring_cqe;
import org.krepro.sys.ffi.io_uring_h;
import org.krepro.sys.ffi.io_uring_params;
import org.krepro.sys.ffi.io_uring_probe;
import org.krepro.sys.ffi.io_uring_probe_op;
import org.krepro.sys.ffi.io_uring_sqe;
import org.krepro.sys.ffi.iovec;
import org.krepro.sys.ffi.mman_h;

/**
 * An io_uring instance driven through the raw system calls ({@code io_uring_setup},
 * {@code io_uring_enter}, {@code io_uring_register}): the submission and completion rings are mapped
 * into a {@link MemorySegment} each (one mapping when the kernel has {@code IORING_FEAT_SINGLE_MMAP},
 * two otherwise), and the rings are unmapped and the descriptor closed when the ring's arena closes.
 *
 * <p>Use: {@code prep*} queues SQEs (returning {@code false} when the submission queue is full),
 * {@link #submit()} or {@link #submitAndWait(int)} hands them to the kernel in one
 * {@code io_uring_enter}, {@link #reap(CompletionHandler)} consumes what has completed and
 * {@link #waitCompletions(int, CompletionHandler)} waits for a number of completions.
 *
 * <p>Reads like liburing: the {@code prep*} methods set the named fields of {@code struct io_uring_sqe}
 * as its {@code io_uring_prep_*} helpers do, and the shared ring indexes go through
 * {@code loadAcquire}/{@code storeRelease} ({@code io_uring_smp_load_acquire}/{@code _store_release}):
 * the SQ tail is published with a store-release after the SQEs are written; the CQ tail is read with a
 * load-acquire before the CQEs are read; the CQ head is advanced with a store-release after they are
 * read, and the SQ head (advanced by the kernel) is read with a load-acquire. Every way of consuming
 * completions ({@link #reap}, {@link #waitCompletions}, {@link #submitAndCollect}) goes through one loop.
 *
 * <p>User data: the top 8 bits of each SQE's {@code user_data} carry the opcode, so completions can be
 * counted per operation in {@link SyscallCounters} ({@code "io_uring:READ"}...); callers have the low
 * 56 bits ({@link #USER_DATA_MASK}). Not thread-safe: one ring per thread, as liburing recommends.
 */
@SuppressWarnings("restricted") // native memory and downcalls are what this class is for
public final class IoUring implements AutoCloseable {
    /** The bits of {@code user_data} available to callers. */
    public static final long USER_DATA_MASK = (1L << 56) - 1;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final long SQE_SIZE = io_uring_sqe.sizeof();
    private static final long CQE_SIZE = io_uring_cqe.sizeof();
    private static final long CQE_USER_DATA = io_uring_cqe.user_data$offset();
    private static final long CQE_RES = io_uring_cqe.res$offset();
    private static final long CQE_FLAGS = io_uring_cqe.flags$offset();
    private static final String[] OP_NAMES = {"NOP", "READV", "WRITEV", "FSYNC", "READ_FIXED", "WRITE_FIXED",
        "POLL_ADD", "POLL_REMOVE", "SYNC_FILE_RANGE", "SENDMSG", "RECVMSG", "TIMEOUT", "TIMEOUT_REMOVE", "ACCEPT",
        "ASYNC_CANCEL", "LINK_TIMEOUT", "CONNECT", "FALLOCATE", "OPENAT", "CLOSE", "FILES_UPDATE", "STATX", "READ",
        "WRITE", "FADVISE", "MADVISE", "SEND", "RECV", "OPENAT2", "EPOLL_CTL", "SPLICE", "PROVIDE_BUFFERS",
        "REMOVE_BUFFERS", "TEE", "SHUTDOWN", "RENAMEAT", "UNLINKAT", "MKDIRAT", "SYMLINKAT", "LINKAT", "MSG_RING",
        "FSETXATTR", "SETXATTR", "FGETXATTR", "GETXATTR", "SOCKET", "URING_CMD", "SEND_ZC", "SENDMSG_ZC"};
    /**
     * The names this ring counts under ({@link SyscallCounters.Local}): its io_uring_enter calls at 0,
     * the completions of opcode {@code op} at {@code 1 + op}.
     */
    private static final String[] COUNT_NAMES = new String[257];
    private static final int ENTERS = 0;

    static {
        COUNT_NAMES[ENTERS] = "io_uring_enter";
        for (int op = 0; op < 256; op++) {
            COUNT_NAMES[1 + op] = "io_uring:" + opName(op);
        }
    }

    /** Receives one completion: the caller's user data, the result (a count or a negative errno) and the CQE flags. */
    @FunctionalInterface
    public interface CompletionHandler {
        void complete(long userData, int res, int flags);
    }

    /** One completion, for callers that prefer values to a handler. */
    public record Completion(long userData, int opcode, int res, int flags) {
        /** Throws {@link ErrnoException} when {@code res} is a negative errno; otherwise returns {@code res}. */
        public int resultOrThrow() {
            if (res < 0) {
                throw new ErrnoException("io_uring:" + opName(opcode), "user_data=" + userData, -res);
            }
            return res;
        }
    }

    private final Arena arena;
    private final boolean ownsArena;
    private final MemorySegment errno;
    private final int fd;
    private final int features;
    private final int sqEntries;
    private final int cqEntries;
    private final boolean singleMmap;
    private final MemorySegment sqRing;
    private final MemorySegment cqRing;
    private final MemorySegment sqes;
    private final long sqHeadOff;
    private final long sqTailOff;
    private final int sqMask;
    private final long cqHeadOff;
    private final long cqTailOff;
    private final int cqMask;
    private final long cqesOff;
    /** Each SQE and CQE slot as a struct, made once: preparing and reaping then only set and get fields. */
    private final MemorySegment[] sqeSlots;
    private final MemorySegment cqes;
    /** IORING_SETUP_DEFER_TASKRUN: completions are posted only when this task waits for them. */
    private final boolean deferTaskrun;
    private int sqTail; // next SQE slot to fill (unsigned arithmetic)
    private int sqHeadSeen; // the kernel's SQ head when last read: free slots are only re-checked when these look full
    /** This ring's counts by {@link #COUNT_NAMES}, kept here and handed to the shared counters when its arena closes. */
    private final long[] counts;
    private final List<MemorySegment> registeredBuffers = new ArrayList<>();
    private BitSet probed;

    /** A ring of {@code entries} SQEs (a power of two up to 32768) with default setup flags, owning its arena. */
    public static IoUring open(int entries) {
        return open(entries, 0);
    }

    /** A ring with {@code IORING_SETUP_*} {@code setupFlags} (SQPOLL is not supported), owning its arena. */
    public static IoUring open(int entries, int setupFlags) {
        return open(entries, setupFlags, true);
    }

    /** A ring whose mappings and descriptor are released when {@code arena} closes ({@link #close()} then does nothing). */
    public static IoUring open(Arena arena, int entries, int setupFlags) {
        return new IoUring(arena, false, entries, setupFlags, true);
    }

    /** For tests: {@code allowSingleMmap=false} maps the two rings separately even when the kernel could share one mapping. */
    static IoUring open(int entries, int setupFlags, boolean allowSingleMmap) {
        Arena arena = Arena.ofShared();
        try {
            return new IoUring(arena, true, entries, setupFlags, allowSingleMmap);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private IoUring(Arena arena, boolean ownsArena, int entries, int setupFlags, boolean allowSingleMmap) {
        if ((setupFlags & io_uring_h.IORING_SETUP_SQPOLL()) != 0) {
            throw new IllegalArgumentException("IORING_SETUP_SQPOLL is not supported");
        }
        this.arena = arena;
        this.ownsArena = ownsArena;
        // From an automatic arena: passing it to a downcall then costs no session acquire/release
        // (a shared arena's would cost two atomic operations per io_uring_enter).
        this.errno = Arena.ofAuto().allocate(Lib.CAPTURE_STATE_LAYOUT);
        MemorySegment params = io_uring_params.allocate(arena);
        io_uring_params.flags(params, setupFlags);
        this.deferTaskrun = (setupFlags & io_uring_h.IORING_SETUP_DEFER_TASKRUN()) != 0;
        long ret = Syscalls.io_uring_setup(errno, entries, params);
        if (ret < 0) {
            throw ErrnoException.fromState("io_uring_setup", "entries=" + entries + ", flags=0x"
                    + Integer.toHexString(setupFlags), errno);
        }
        this.fd = (int) ret;
        // Arena cleanups run last-registered first: the descriptor is closed after the rings are unmapped,
        // and the counts are handed over last of all.
        SyscallCounters.Local local = SyscallCounters.local(COUNT_NAMES);
        this.counts = local.counts();
        MemorySegment.NULL.reinterpret(arena, unused -> local.close());
        MemorySegment.NULL.reinterpret(arena, unused -> closeFd(fd));
        this.features = io_uring_params.features(params);
        this.sqEntries = io_uring_params.sq_entries(params);
        this.cqEntries = io_uring_params.cq_entries(params);
        MemorySegment sqOff = io_uring_params.sq_off(params);
        MemorySegment cqOff = io_uring_params.cq_off(params);
        long sqRingSize = io_sqring_offsets.array(sqOff) + (long) sqEntries * Integer.BYTES;
        long cqRingSize = io_cqring_offsets.cqes(cqOff) + (long) cqEntries * CQE_SIZE;
        this.singleMmap = allowSingleMmap && (features & io_uring_h.IORING_FEAT_SINGLE_MMAP()) != 0;
        if (singleMmap) {
            this.sqRing = mapRing(Math.max(sqRingSize, cqRingSize), io_uring_h.IORING_OFF_SQ_RING(), "rings");
            this.cqRing = sqRing;
        } else {
            this.sqRing = mapRing(sqRingSize, io_uring_h.IORING_OFF_SQ_RING(), "SQ ring");
            this.cqRing = mapRing(cqRingSize, io_uring_h.IORING_OFF_CQ_RING(), "CQ ring");
        }
        this.sqes = mapRing(sqEntries * SQE_SIZE, io_uring_h.IORING_OFF_SQES(), "SQEs");
        this.sqHeadOff = Integer.toUnsignedLong(io_sqring_offsets.head(sqOff));
        this.sqTailOff = Integer.toUnsignedLong(io_sqring_offsets.tail(sqOff));
        this.sqMask = sqRing.get(ValueLayout.JAVA_INT, io_sqring_offsets.ring_mask(sqOff));
        this.cqHeadOff = Integer.toUnsignedLong(io_cqring_offsets.head(cqOff));
        this.cqTailOff = Integer.toUnsignedLong(io_cqring_offsets.tail(cqOff));
        this.cqMask = cqRing.get(ValueLayout.JAVA_INT, io_cqring_offsets.ring_mask(cqOff));
        this.cqesOff = Integer.toUnsignedLong(io_cqring_offsets.cqes(cqOff));
        // The SQ array maps ring slots to SQE indexes; an identity map lets the tail index the SQEs directly.
        long arrayOff = Integer.toUnsignedLong(io_sqring_offsets.array(sqOff));
        for (int i = 0; i < sqEntries; i++) {
            sqRing.set(ValueLayout.JAVA_INT, arrayOff + 4L * i, i);
        }
        this.sqTail = loadAcquire(sqRing, sqTailOff);
        this.sqHeadSeen = loadAcquire(sqRing, sqHeadOff);
        this.sqeSlots = new MemorySegment[sqEntries];
        for (int i = 0; i < sqEntries; i++) {
            sqeSlots[i] = io_uring_sqe.asSlice(sqes, i);
        }
        this.cqes = cqRing.asSlice(cqesOff, cqEntries * CQE_SIZE);
    }

    private MemorySegment mapRing(long size, long offset, String what) {
        MemorySegment addr = Syscalls.mmap(errno, MemorySegment.NULL, size, mman_h.PROT_READ() | mman_h.PROT_WRITE(),
                mman_h.MAP_SHARED() | mman_h.MAP_POPULATE(), fd, offset);
        if (addr.equals(mman_h.MAP_FAILED())) {
            throw ErrnoException.fromState("mmap", "io_uring fd=" + fd + " " + what + ", size=" + size, errno);
        }
        long address = addr.address();
        return addr.reinterpret(size, arena, unused -> {
            MemorySegment st = Errno.state();
            if (Syscalls.munmap(st, MemorySegment.ofAddress(address), size) < 0) {
                throw ErrnoException.fromState("munmap", "io_uring " + what, st);
            }
        });
    }

    private static void closeFd(int fd) {
        MemorySegment st = Errno.state();
        if (Syscalls.close(st, fd) < 0) {
            throw ErrnoException.fromState("close", "io_uring fd=" + fd, st);
        }
    }

    /** The name of an {@code IORING_OP_*} opcode ({@code "READ"}), or {@code "OP<n>"}. */
    public static String opName(int opcode) {
        return opcode >= 0 && opcode < OP_NAMES.length ? OP_NAMES[opcode] : "OP" + opcode;
    }

    /** The ring's descriptor. */
    public int fd() {
        return fd;
    }

    /** {@code IORING_FEAT_*} bits the kernel reported. */
    public int features() {
        return features;
    }

    /** Whether both rings share one mapping ({@code IORING_FEAT_SINGLE_MMAP} used). */
    public boolean singleMmap() {
        return singleMmap;
    }

    /** Submission queue size. */
    public int sqEntries() {
        return sqEntries;
    }

    /** Completion queue size. */
    public int cqEntries() {
        return cqEntries;
    }

    /** SQEs that can still be queued before a submit. */
    public int sqSpaceLeft() {
        return sqEntries - (sqTail - sqHead());
    }

    /** SQEs queued but not yet consumed by the kernel. */
    public int sqPending() {
        return sqTail - sqHead();
    }

    /**
     * The kernel's SQ head, read plainly, as liburing's io_uring_get_sqe does without SQPOLL (which this
     * class refuses): the kernel moves it only inside io_uring_enter, which this thread makes. An acquire
     * here would be a barrier in the JIT's view of every caller's prep loop and keep it from hoisting
     * the ring's fields and the SQE array's checks out of the loop (about half of an SQE's instructions).
     */
    private int sqHead() {
        return sqRing.get(ValueLayout.JAVA_INT, sqHeadOff);
    }

    /** Completions waiting to be reaped. */
    public int cqReady() {
        return loadAcquire(cqRing, cqTailOff) - cqRing.get(ValueLayout.JAVA_INT, cqHeadOff);
    }

    // ---- SQE preparation, as liburing's io_uring_prep_* helpers. Each returns false when the SQ is full.

    /** The next free SQE's slot, or -1 when the submission queue is full (liburing's io_uring_get_sqe). */
    private int getSqe() {
        if (sqTail - sqHeadSeen >= sqEntries) {
            sqHeadSeen = sqHead();
            if (sqTail - sqHeadSeen >= sqEntries) {
                return -1;
            }
        }
        return sqTail++ & sqMask;
    }

    /**
     * Claims an SQE and sets every field as liburing's io_uring_prep_rw does (the slot is reused, so
     * nothing may be left from its last operation), then its user data; returns the slot, -1 when the
     * SQ is full. The fields go in as the eight 64-bit words a C compiler merges io_uring_prep_rw's
     * stores into ({@link #SQE_WORDS}), through a slice of the SQE array made for the slot (the JIT
     * removes the slice and keeps one bounds check; pre-made per-slot segments with per-field stores
     * cost an NOP at QD32 about a tenth of its time, offsets into the whole array a bounds check per
     * store: 3-4% of a NOP in batches of 32 against C in the same JVM).
     */
    private int prepRw(int op, int fd, long addr, int len, long offset, long userData) {
        int slot = getSqe();
        if (slot < 0) {
            return -1;
        }
        // one slice per SQE: one bounds check for the slot, and the eight stores at constant offsets into
        // a 64-byte segment need none
        MemorySegment sqe = sqes.asSlice(slot * SQE_SIZE, SQE_SIZE);
        sqe.set(ValueLayout.JAVA_LONG, 0, (op & 0xffL) | ((long) fd << 32));    // opcode, flags 0, ioprio 0, fd
        sqe.set(ValueLayout.JAVA_LONG, 8, offset);                            // off
        sqe.set(ValueLayout.JAVA_LONG, 16, addr);                             // addr
        sqe.set(ValueLayout.JAVA_LONG, 24, len & 0xffffffffL);                // len, rw_flags 0
        // liburing's io_uring_sqe_set_data64, with the opcode in the top 8 bits for the completion counters
        sqe.set(ValueLayout.JAVA_LONG, 32, ((long) op << 56) | (userData & USER_DATA_MASK)); // user_data
        sqe.set(ValueLayout.JAVA_LONG, 40, 0L);                               // buf_index, personality, file_index
        sqe.set(ValueLayout.JAVA_LONG, 48, 0L);                               // addr3
        sqe.set(ValueLayout.JAVA_LONG, 56, 0L);                               // __pad2
        return slot;
    }

    /**
     * The SQE's fields by 64-bit word, as {@link #prepRw} packs them (little-endian: the lowest field of
     * a word in its low bits); checked against {@link io_uring_sqe}'s layout when the class loads.
     */
    static final String[][] SQE_WORDS = {
        {"opcode", "flags", "ioprio", "fd"}, {"off"}, {"addr"}, {"len", "rw_flags"}, {"user_data"},
        {"buf_index", "personality", "file_index"}, {"addr3"}, {"__pad2"},
    };

    static {
        checkSqeWords();
    }

    private static void checkSqeWords() {
        if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN || SQE_SIZE != 64) {
            throw new ExceptionInInitializerError("prepRw packs a 64-byte little-endian SQE");
        }
        long[] expect = {0, 1, 2, 4, 8, 16, 24, 28, 32, 40, 42, 44, 48, 56};
        int k = 0;
        for (int w = 0; w < SQE_WORDS.length; w++) {
            for (String field : SQE_WORDS[w]) {
                long off;
                try {
                    off = (long) io_uring_sqe.class.getMethod(field + "$offset").invoke(null);
                } catch (ReflectiveOperationException e) {
                    throw new ExceptionInInitializerError(e);
                }
                if (off != expect[k++] || off / 8 != w) {
                    throw new ExceptionInInitializerError("io_uring_sqe." + field + " at " + off + ": prepRw's words do not fit");
                }
            }
        }
    }

    /** For tests: SQE slot {@code slot} as the kernel will read it. */
    MemorySegment sqe(int slot) {
        return sqeSlots[slot];
    }

    /** Queues a NOP. */
    public boolean prepNop(long userData) {
        return prepRw(io_uring_h.IORING_OP_NOP(), -1, 0, 0, 0, userData) >= 0;
    }

    /** Queues a READ of {@code buffer.byteSize()} bytes at {@code offset} (-1: the file position). */
    public boolean prepRead(int fd, MemorySegment buffer, long offset, long userData) {
        return prepRw(io_uring_h.IORING_OP_READ(), fd, buffer.address(), Math.toIntExact(buffer.byteSize()), offset, userData) >= 0;
    }

    /** Queues a WRITE of {@code buffer} at {@code offset}. */
    public boolean prepWrite(int fd, MemorySegment buffer, long offset, long userData) {
        return prepRw(io_uring_h.IORING_OP_WRITE(), fd, buffer.address(), Math.toIntExact(buffer.byteSize()), offset, userData) >= 0;
    }

    /** Queues a READV into {@code count} {@link iovec}s at {@code iovecs} (kept alive by the caller until completion). */
    public boolean prepReadv(int fd, MemorySegment iovecs, int count, long offset, long userData) {
        return prepRw(io_uring_h.IORING_OP_READV(), fd, iovecs.address(), count, offset, userData) >= 0;
    }

    /** Queues a WRITEV of {@code count} {@link iovec}s at {@code iovecs}. */
    public boolean prepWritev(int fd, MemorySegment iovecs, int count, long offset, long userData) {
        return prepRw(io_uring_h.IORING_OP_WRITEV(), fd, iovecs.address(), count, offset, userData) >= 0;
    }

    /** Queues a READ_FIXED into {@code buffer}, which must lie inside registered buffer {@code bufferIndex}. */
    public boolean prepReadFixed(int fd, MemorySegment buffer, long offset, int bufferIndex, long userData) {
        return prepFixed(io_uring_h.IORING_OP_READ_FIXED(), fd, buffer, offset, bufferIndex, userData);
    }

    /** Queues a WRITE_FIXED from {@code buffer}, which must lie inside registered buffer {@code bufferIndex}. */
    public boolean prepWriteFixed(int fd, MemorySegment buffer, long offset, int bufferIndex, long userData) {
        return prepFixed(io_uring_h.IORING_OP_WRITE_FIXED(), fd, buffer, offset, bufferIndex, userData);
    }

    private boolean prepFixed(int op, int fd, MemorySegment buffer, long offset, int bufferIndex, long userData) {
        int slot = prepRw(op, fd, buffer.address(), Math.toIntExact(buffer.byteSize()), offset, userData);
        if (slot < 0) {
            return false;
        }
        io_uring_sqe.buf_index(sqeSlots[slot], (short) bufferIndex);
        return true;
    }

    /** Queues an FSYNC; {@code flags} may be {@code IORING_FSYNC_DATASYNC}. */
    public boolean prepFsync(int fd, int flags, long userData) {
        int slot = prepRw(io_uring_h.IORING_OP_FSYNC(), fd, 0, 0, 0, userData);
        if (slot < 0) {
            return false;
        }
        io_uring_sqe.fsync_flags(sqeSlots[slot], flags);
        return true;
    }

    /**
     * Queues a STATX of {@code path} (a NUL-terminated C string) relative to {@code dirfd}, filling
     * {@code statxBuffer} (a {@link org.krepro.sys.ffi.statx}); both must stay alive until completion.
     */
    public boolean prepStatx(int dirfd, MemorySegment path, int flags, int mask, MemorySegment statxBuffer, long userData) {
        // As io_uring_prep_statx: the mask travels in len, the statx buffer's address in off.
        int slot = prepRw(io_uring_h.IORING_OP_STATX(), dirfd, path.address(), mask, statxBuffer.address(), userData);
        if (slot < 0) {
            return false;
        }
        io_uring_sqe.statx_flags(sqeSlots[slot], flags);
        return true;
    }

    /** Queues an OPENAT of {@code path} (a C string alive until completion); the result is the new descriptor. */
    public boolean prepOpenat(int dirfd, MemorySegment path, int flags, int mode, long userData) {
        // As io_uring_prep_openat: the mode travels in len.
        int slot = prepRw(io_uring_h.IORING_OP_OPENAT(), dirfd, path.address(), mode, 0, userData);
        if (slot < 0) {
            return false;
        }
        io_uring_sqe.open_flags(sqeSlots[slot], flags);
        return true;
    }

    /** Queues a CLOSE of {@code fd}. */
    public boolean prepClose(int fd, long userData) {
        return prepRw(io_uring_h.IORING_OP_CLOSE(), fd, 0, 0, 0, userData) >= 0;
    }

    // ---- The rings' shared indexes, as liburing's barrier.h.

    /** io_uring_smp_load_acquire: reads an index the kernel advances; what it guards is read after it. */
    private static int loadAcquire(MemorySegment ring, long offset) {
        return (int) INT.getAcquire(ring, offset);
    }

    /** io_uring_smp_store_release: publishes an index; what was written or read before it is done first. */
    private static void storeRelease(MemorySegment ring, long offset, int value) {
        INT.setRelease(ring, offset, value);
    }

    // ---- Submission and completion.

    /** Publishes the queued SQEs and submits them; returns how many the kernel consumed. */
    public int submit() {
        return enter(0, 0);
    }

    /**
     * Submits the queued SQEs and waits until at least {@code waitNr} completions are ready. The submit
     * goes first on its own, through the critical (non-blocking) link; the kernel is entered again to
     * wait only if the completions are not there yet: a NOP, or a read the page cache answers, completes
     * during its submission, and then one cheap call did both. A DEFER_TASKRUN ring posts completions
     * only while its task waits in the kernel, so there the two go in one call, as liburing does.
     */
    public int submitAndWait(int waitNr) {
        if (waitNr <= 0) {
            return enter(0, 0);
        }
        if (deferTaskrun) {
            return enter(waitNr, io_uring_h.IORING_ENTER_GETEVENTS());
        }
        int submitted = enter(0, 0);
        if (cqReady() < waitNr) {
            enter(waitNr, io_uring_h.IORING_ENTER_GETEVENTS());
        }
        return submitted;
    }

    private int enter(int minComplete, int flags) {
        storeRelease(sqRing, sqTailOff, sqTail); // the SQEs written before it are the kernel's from here
        while (true) {
            int toSubmit = sqPending(); // again after EINTR: the kernel may have consumed some already
            if (toSubmit == 0 && minComplete == 0) {
                return 0;
            }
            counts[ENTERS]++;
            long ret = flags == 0 ? Syscalls.ringSubmit(errno, fd, toSubmit)
                    : Syscalls.ringEnter(errno, fd, toSubmit, minComplete, flags, MemorySegment.NULL, 0);
            if (ret >= 0) {
                return (int) ret;
            }
            if (Errno.value(errno) != errno_h.EINTR()) {
                throw ErrnoException.fromState("io_uring_enter", "fd=" + fd + ", to_submit=" + toSubmit
                        + ", min_complete=" + minComplete, errno);
            }
        }
    }

    /** Hands every ready completion to {@code handler}; returns how many. */
    public int reap(CompletionHandler handler) {
        return reap(Integer.MAX_VALUE, handler, null);
    }

    /**
     * The completion loop every caller goes through: hands at most {@code max} ready completions to
     * {@code handler}, or adds them to {@code out} when it is not null; returns how many. The CQ head
     * is advanced once, after the last one (as liburing's io_uring_cq_advance), or as far as was
     * handled if the handler throws.
     */
    private int reap(int max, CompletionHandler handler, List<Completion> out) {
        int head = cqRing.get(ValueLayout.JAVA_INT, cqHeadOff); // only this thread writes it
        int tail = loadAcquire(cqRing, cqTailOff);
        int n = 0;
        try {
            while (head != tail && n < max) {
                // one slice per CQE, as per SQE in prepRw: one bounds check, then constant offsets
                MemorySegment cqe = cqes.asSlice((head & cqMask) * CQE_SIZE, CQE_SIZE);
                long userData = cqe.get(ValueLayout.JAVA_LONG, CQE_USER_DATA);
                int res = cqe.get(ValueLayout.JAVA_INT, CQE_RES);
                int cqeFlags = cqe.get(ValueLayout.JAVA_INT, CQE_FLAGS);
                head++;
                n++;
                int op = (int) (userData >>> 56);
                counts[1 + op]++;
                if (out != null) {
                    out.add(new Completion(userData & USER_DATA_MASK, op, res, cqeFlags));
                } else {
                    handler.complete(userData & USER_DATA_MASK, res, cqeFlags);
                }
            }
        } finally {
            storeRelease(cqRing, cqHeadOff, head); // the slots may be reused: only after they were read
        }
        return n;
    }

    /**
     * Waits until {@code count} completions have been handed to {@code handler} (every ready one is, so
     * possibly more), submitting anything queued with the first wait.
     */
    public void waitCompletions(int count, CompletionHandler handler) {
        await(count, Integer.MAX_VALUE, handler, null);
    }

    /** Submits what is queued and waits for exactly {@code count} completions, returned in completion order. */
    public List<Completion> submitAndCollect(int count) {
        List<Completion> out = new ArrayList<>(count);
        submit();
        await(count, count, null, out);
        return out;
    }

    /**
     * Reaps until {@code count} completions were handled, at most {@code max} in all, entering the kernel
     * (which also submits what is queued) to wait for the rest.
     */
    private void await(int count, int max, CompletionHandler handler, List<Completion> out) {
        int got = reap(max, handler, out);
        while (got < count) {
            enter(count - got, io_uring_h.IORING_ENTER_GETEVENTS());
            got += reap(max - got, handler, out);
        }
    }

    // ---- Registration.

    /** The opcodes this kernel supports ({@code IORING_REGISTER_PROBE}), probed once. */
    public BitSet supportedOps() {
        if (probed == null) {
            try (Arena a = Arena.ofConfined()) {
                int max = 256;
                MemorySegment probe = a.allocate(io_uring_probe.sizeof() + max * io_uring_probe_op.sizeof(), 8);
                if (Syscalls.io_uring_register(errno, fd, io_uring_h.IORING_REGISTER_PROBE(), probe, max) < 0) {
                    throw ErrnoException.fromState("io_uring_register", "fd=" + fd + ", IORING_REGISTER_PROBE", errno);
                }
                BitSet ops = new BitSet();
                int len = Byte.toUnsignedInt(io_uring_probe.ops_len(probe));
                MemorySegment entries = probe.asSlice(io_uring_probe.ops$offset());
                for (int i = 0; i < len; i++) {
                    MemorySegment op = io_uring_probe_op.asSlice(entries, i);
                    if ((io_uring_probe_op.flags(op) & io_uring_h.IO_URING_OP_SUPPORTED()) != 0) {
                        ops.set(Byte.toUnsignedInt(io_uring_probe_op.op(op)));
                    }
                }
                probed = ops;
            }
        }
        return (BitSet) probed.clone();
    }

    /** Whether this kernel supports {@code IORING_OP_*} {@code opcode}. */
    public boolean supports(int opcode) {
        supportedOps();
        return probed.get(opcode);
    }

    /**
     * Registers {@code buffers} for READ_FIXED/WRITE_FIXED (index = position in the list); they must
     * outlive the registration ({@link #unregisterBuffers()} or closing the ring).
     */
    public void registerBuffers(List<MemorySegment> buffers) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment iov = NativeFile.iovecs(a, buffers);
            if (Syscalls.io_uring_register(errno, fd, io_uring_h.IORING_REGISTER_BUFFERS(), iov, buffers.size()) < 0) {
                throw ErrnoException.fromState("io_uring_register", "fd=" + fd + ", IORING_REGISTER_BUFFERS, nr="
                        + buffers.size(), errno);
            }
        }
        registeredBuffers.clear();
        registeredBuffers.addAll(buffers);
    }

    /** Unregisters the buffers of {@link #registerBuffers(List)}. */
    public void unregisterBuffers() {
        if (Syscalls.io_uring_register(errno, fd, io_uring_h.IORING_UNREGISTER_BUFFERS(), MemorySegment.NULL, 0) < 0) {
            throw ErrnoException.fromState("io_uring_register", "fd=" + fd + ", IORING_UNREGISTER_BUFFERS", errno);
        }
        registeredBuffers.clear();
    }

    /** Unmaps the rings and closes the descriptor when the ring owns its arena; otherwise the caller's arena does. */
    @Override
    public void close() {
        if (ownsArena && arena.scope().isAlive()) {
            arena.close();
        }
    }
}
