package org.krepro.sys.ffi;

/**
 * {@code <linux/io_uring.h>}: opcodes, setup/enter/register flags, features, mmap offsets. The values are
 * the same on every architecture. The structures are {@link io_uring_params}, {@link io_sqring_offsets},
 * {@link io_cqring_offsets}, {@link io_uring_sqe}, {@link io_uring_cqe}, {@link io_uring_probe} and
 * {@link io_uring_probe_op}; the three system calls are in {@link syscall_h}.
 */
public final class io_uring_h extends Lib {
    private io_uring_h() {
    }

    private static final int IORING_OP_NOP = 0;
    /** {@snippet lang=c : #define IORING_OP_NOP 0 // enum io_uring_op } */
    public static int IORING_OP_NOP() { return IORING_OP_NOP; }
    private static final int IORING_OP_READV = 1;
    /** {@snippet lang=c : #define IORING_OP_READV 1 // enum io_uring_op } */
    public static int IORING_OP_READV() { return IORING_OP_READV; }
    private static final int IORING_OP_WRITEV = 2;
    /** {@snippet lang=c : #define IORING_OP_WRITEV 2 // enum io_uring_op } */
    public static int IORING_OP_WRITEV() { return IORING_OP_WRITEV; }
    private static final int IORING_OP_FSYNC = 3;
    /** {@snippet lang=c : #define IORING_OP_FSYNC 3 // enum io_uring_op } */
    public static int IORING_OP_FSYNC() { return IORING_OP_FSYNC; }
    private static final int IORING_OP_READ_FIXED = 4;
    /** {@snippet lang=c : #define IORING_OP_READ_FIXED 4 // enum io_uring_op } */
    public static int IORING_OP_READ_FIXED() { return IORING_OP_READ_FIXED; }
    private static final int IORING_OP_WRITE_FIXED = 5;
    /** {@snippet lang=c : #define IORING_OP_WRITE_FIXED 5 // enum io_uring_op } */
    public static int IORING_OP_WRITE_FIXED() { return IORING_OP_WRITE_FIXED; }
    private static final int IORING_OP_POLL_ADD = 6;
    /** {@snippet lang=c : #define IORING_OP_POLL_ADD 6 // enum io_uring_op } */
    public static int IORING_OP_POLL_ADD() { return IORING_OP_POLL_ADD; }
    private static final int IORING_OP_POLL_REMOVE = 7;
    /** {@snippet lang=c : #define IORING_OP_POLL_REMOVE 7 // enum io_uring_op } */
    public static int IORING_OP_POLL_REMOVE() { return IORING_OP_POLL_REMOVE; }
    private static final int IORING_OP_SYNC_FILE_RANGE = 8;
    /** {@snippet lang=c : #define IORING_OP_SYNC_FILE_RANGE 8 // enum io_uring_op } */
    public static int IORING_OP_SYNC_FILE_RANGE() { return IORING_OP_SYNC_FILE_RANGE; }
    private static final int IORING_OP_SENDMSG = 9;
    /** {@snippet lang=c : #define IORING_OP_SENDMSG 9 // enum io_uring_op } */
    public static int IORING_OP_SENDMSG() { return IORING_OP_SENDMSG; }
    private static final int IORING_OP_RECVMSG = 10;
    /** {@snippet lang=c : #define IORING_OP_RECVMSG 10 // enum io_uring_op } */
    public static int IORING_OP_RECVMSG() { return IORING_OP_RECVMSG; }
    private static final int IORING_OP_TIMEOUT = 11;
    /** {@snippet lang=c : #define IORING_OP_TIMEOUT 11 // enum io_uring_op } */
    public static int IORING_OP_TIMEOUT() { return IORING_OP_TIMEOUT; }
    private static final int IORING_OP_TIMEOUT_REMOVE = 12;
    /** {@snippet lang=c : #define IORING_OP_TIMEOUT_REMOVE 12 // enum io_uring_op } */
    public static int IORING_OP_TIMEOUT_REMOVE() { return IORING_OP_TIMEOUT_REMOVE; }
    private static final int IORING_OP_ACCEPT = 13;
    /** {@snippet lang=c : #define IORING_OP_ACCEPT 13 // enum io_uring_op } */
    public static int IORING_OP_ACCEPT() { return IORING_OP_ACCEPT; }
    private static final int IORING_OP_ASYNC_CANCEL = 14;
    /** {@snippet lang=c : #define IORING_OP_ASYNC_CANCEL 14 // enum io_uring_op } */
    public static int IORING_OP_ASYNC_CANCEL() { return IORING_OP_ASYNC_CANCEL; }
    private static final int IORING_OP_LINK_TIMEOUT = 15;
    /** {@snippet lang=c : #define IORING_OP_LINK_TIMEOUT 15 // enum io_uring_op } */
    public static int IORING_OP_LINK_TIMEOUT() { return IORING_OP_LINK_TIMEOUT; }
    private static final int IORING_OP_CONNECT = 16;
    /** {@snippet lang=c : #define IORING_OP_CONNECT 16 // enum io_uring_op } */
    public static int IORING_OP_CONNECT() { return IORING_OP_CONNECT; }
    private static final int IORING_OP_FALLOCATE = 17;
    /** {@snippet lang=c : #define IORING_OP_FALLOCATE 17 // enum io_uring_op } */
    public static int IORING_OP_FALLOCATE() { return IORING_OP_FALLOCATE; }
    private static final int IORING_OP_OPENAT = 18;
    /** {@snippet lang=c : #define IORING_OP_OPENAT 18 // enum io_uring_op } */
    public static int IORING_OP_OPENAT() { return IORING_OP_OPENAT; }
    private static final int IORING_OP_CLOSE = 19;
    /** {@snippet lang=c : #define IORING_OP_CLOSE 19 // enum io_uring_op } */
    public static int IORING_OP_CLOSE() { return IORING_OP_CLOSE; }
    private static final int IORING_OP_FILES_UPDATE = 20;
    /** {@snippet lang=c : #define IORING_OP_FILES_UPDATE 20 // enum io_uring_op } */
    public static int IORING_OP_FILES_UPDATE() { return IORING_OP_FILES_UPDATE; }
    private static final int IORING_OP_STATX = 21;
    /** {@snippet lang=c : #define IORING_OP_STATX 21 // enum io_uring_op } */
    public static int IORING_OP_STATX() { return IORING_OP_STATX; }
    private static final int IORING_OP_READ = 22;
    /** {@snippet lang=c : #define IORING_OP_READ 22 // enum io_uring_op } */
    public static int IORING_OP_READ() { return IORING_OP_READ; }
    private static final int IORING_OP_WRITE = 23;
    /** {@snippet lang=c : #define IORING_OP_WRITE 23 // enum io_uring_op } */
    public static int IORING_OP_WRITE() { return IORING_OP_WRITE; }
    private static final int IORING_OP_FADVISE = 24;
    /** {@snippet lang=c : #define IORING_OP_FADVISE 24 // enum io_uring_op } */
    public static int IORING_OP_FADVISE() { return IORING_OP_FADVISE; }
    private static final int IORING_OP_MADVISE = 25;
    /** {@snippet lang=c : #define IORING_OP_MADVISE 25 // enum io_uring_op } */
    public static int IORING_OP_MADVISE() { return IORING_OP_MADVISE; }
    private static final int IORING_OP_SEND = 26;
    /** {@snippet lang=c : #define IORING_OP_SEND 26 // enum io_uring_op } */
    public static int IORING_OP_SEND() { return IORING_OP_SEND; }
    private static final int IORING_OP_RECV = 27;
    /** {@snippet lang=c : #define IORING_OP_RECV 27 // enum io_uring_op } */
    public static int IORING_OP_RECV() { return IORING_OP_RECV; }
    private static final int IORING_OP_OPENAT2 = 28;
    /** {@snippet lang=c : #define IORING_OP_OPENAT2 28 // enum io_uring_op } */
    public static int IORING_OP_OPENAT2() { return IORING_OP_OPENAT2; }
    private static final int IORING_OP_EPOLL_CTL = 29;
    /** {@snippet lang=c : #define IORING_OP_EPOLL_CTL 29 // enum io_uring_op } */
    public static int IORING_OP_EPOLL_CTL() { return IORING_OP_EPOLL_CTL; }
    private static final int IORING_OP_SPLICE = 30;
    /** {@snippet lang=c : #define IORING_OP_SPLICE 30 // enum io_uring_op } */
    public static int IORING_OP_SPLICE() { return IORING_OP_SPLICE; }
    private static final int IORING_OP_PROVIDE_BUFFERS = 31;
    /** {@snippet lang=c : #define IORING_OP_PROVIDE_BUFFERS 31 // enum io_uring_op } */
    public static int IORING_OP_PROVIDE_BUFFERS() { return IORING_OP_PROVIDE_BUFFERS; }
    private static final int IORING_OP_REMOVE_BUFFERS = 32;
    /** {@snippet lang=c : #define IORING_OP_REMOVE_BUFFERS 32 // enum io_uring_op } */
    public static int IORING_OP_REMOVE_BUFFERS() { return IORING_OP_REMOVE_BUFFERS; }
    private static final int IORING_OP_TEE = 33;
    /** {@snippet lang=c : #define IORING_OP_TEE 33 // enum io_uring_op } */
    public static int IORING_OP_TEE() { return IORING_OP_TEE; }
    private static final int IORING_OP_SHUTDOWN = 34;
    /** {@snippet lang=c : #define IORING_OP_SHUTDOWN 34 // enum io_uring_op } */
    public static int IORING_OP_SHUTDOWN() { return IORING_OP_SHUTDOWN; }
    private static final int IORING_OP_RENAMEAT = 35;
    /** {@snippet lang=c : #define IORING_OP_RENAMEAT 35 // enum io_uring_op } */
    public static int IORING_OP_RENAMEAT() { return IORING_OP_RENAMEAT; }
    private static final int IORING_OP_UNLINKAT = 36;
    /** {@snippet lang=c : #define IORING_OP_UNLINKAT 36 // enum io_uring_op } */
    public static int IORING_OP_UNLINKAT() { return IORING_OP_UNLINKAT; }
    private static final int IORING_OP_MKDIRAT = 37;
    /** {@snippet lang=c : #define IORING_OP_MKDIRAT 37 // enum io_uring_op } */
    public static int IORING_OP_MKDIRAT() { return IORING_OP_MKDIRAT; }
    private static final int IORING_OP_SYMLINKAT = 38;
    /** {@snippet lang=c : #define IORING_OP_SYMLINKAT 38 // enum io_uring_op } */
    public static int IORING_OP_SYMLINKAT() { return IORING_OP_SYMLINKAT; }
    private static final int IORING_OP_LINKAT = 39;
    /** {@snippet lang=c : #define IORING_OP_LINKAT 39 // enum io_uring_op } */
    public static int IORING_OP_LINKAT() { return IORING_OP_LINKAT; }
    private static final int IORING_OP_MSG_RING = 40;
    /** {@snippet lang=c : #define IORING_OP_MSG_RING 40 // enum io_uring_op } */
    public static int IORING_OP_MSG_RING() { return IORING_OP_MSG_RING; }
    private static final int IORING_OP_FSETXATTR = 41;
    /** {@snippet lang=c : #define IORING_OP_FSETXATTR 41 // enum io_uring_op } */
    public static int IORING_OP_FSETXATTR() { return IORING_OP_FSETXATTR; }
    private static final int IORING_OP_SETXATTR = 42;
    /** {@snippet lang=c : #define IORING_OP_SETXATTR 42 // enum io_uring_op } */
    public static int IORING_OP_SETXATTR() { return IORING_OP_SETXATTR; }
    private static final int IORING_OP_FGETXATTR = 43;
    /** {@snippet lang=c : #define IORING_OP_FGETXATTR 43 // enum io_uring_op } */
    public static int IORING_OP_FGETXATTR() { return IORING_OP_FGETXATTR; }
    private static final int IORING_OP_GETXATTR = 44;
    /** {@snippet lang=c : #define IORING_OP_GETXATTR 44 // enum io_uring_op } */
    public static int IORING_OP_GETXATTR() { return IORING_OP_GETXATTR; }
    private static final int IORING_OP_SOCKET = 45;
    /** {@snippet lang=c : #define IORING_OP_SOCKET 45 // enum io_uring_op } */
    public static int IORING_OP_SOCKET() { return IORING_OP_SOCKET; }
    private static final int IORING_OP_URING_CMD = 46;
    /** {@snippet lang=c : #define IORING_OP_URING_CMD 46 // enum io_uring_op } */
    public static int IORING_OP_URING_CMD() { return IORING_OP_URING_CMD; }
    private static final int IORING_OP_SEND_ZC = 47;
    /** {@snippet lang=c : #define IORING_OP_SEND_ZC 47 // enum io_uring_op } */
    public static int IORING_OP_SEND_ZC() { return IORING_OP_SEND_ZC; }
    private static final int IORING_OP_SENDMSG_ZC = 48;
    /** {@snippet lang=c : #define IORING_OP_SENDMSG_ZC 48 // enum io_uring_op } */
    public static int IORING_OP_SENDMSG_ZC() { return IORING_OP_SENDMSG_ZC; }
    private static final int IORING_SETUP_IOPOLL = 1 << 0;
    /** {@snippet lang=c : #define IORING_SETUP_IOPOLL (1U << 0) } */
    public static int IORING_SETUP_IOPOLL() { return IORING_SETUP_IOPOLL; }
    private static final int IORING_SETUP_SQPOLL = 1 << 1;
    /** {@snippet lang=c : #define IORING_SETUP_SQPOLL (1U << 1) } */
    public static int IORING_SETUP_SQPOLL() { return IORING_SETUP_SQPOLL; }
    private static final int IORING_SETUP_SQ_AFF = 1 << 2;
    /** {@snippet lang=c : #define IORING_SETUP_SQ_AFF (1U << 2) } */
    public static int IORING_SETUP_SQ_AFF() { return IORING_SETUP_SQ_AFF; }
    private static final int IORING_SETUP_CQSIZE = 1 << 3;
    /** {@snippet lang=c : #define IORING_SETUP_CQSIZE (1U << 3) } */
    public static int IORING_SETUP_CQSIZE() { return IORING_SETUP_CQSIZE; }
    private static final int IORING_SETUP_CLAMP = 1 << 4;
    /** {@snippet lang=c : #define IORING_SETUP_CLAMP (1U << 4) } */
    public static int IORING_SETUP_CLAMP() { return IORING_SETUP_CLAMP; }
    private static final int IORING_SETUP_ATTACH_WQ = 1 << 5;
    /** {@snippet lang=c : #define IORING_SETUP_ATTACH_WQ (1U << 5) } */
    public static int IORING_SETUP_ATTACH_WQ() { return IORING_SETUP_ATTACH_WQ; }
    private static final int IORING_SETUP_R_DISABLED = 1 << 6;
    /** {@snippet lang=c : #define IORING_SETUP_R_DISABLED (1U << 6) } */
    public static int IORING_SETUP_R_DISABLED() { return IORING_SETUP_R_DISABLED; }
    private static final int IORING_SETUP_SUBMIT_ALL = 1 << 7;
    /** {@snippet lang=c : #define IORING_SETUP_SUBMIT_ALL (1U << 7) } */
    public static int IORING_SETUP_SUBMIT_ALL() { return IORING_SETUP_SUBMIT_ALL; }
    private static final int IORING_SETUP_COOP_TASKRUN = 1 << 8;
    /** {@snippet lang=c : #define IORING_SETUP_COOP_TASKRUN (1U << 8) } */
    public static int IORING_SETUP_COOP_TASKRUN() { return IORING_SETUP_COOP_TASKRUN; }
    private static final int IORING_SETUP_TASKRUN_FLAG = 1 << 9;
    /** {@snippet lang=c : #define IORING_SETUP_TASKRUN_FLAG (1U << 9) } */
    public static int IORING_SETUP_TASKRUN_FLAG() { return IORING_SETUP_TASKRUN_FLAG; }
    private static final int IORING_SETUP_SQE128 = 1 << 10;
    /** {@snippet lang=c : #define IORING_SETUP_SQE128 (1U << 10) } */
    public static int IORING_SETUP_SQE128() { return IORING_SETUP_SQE128; }
    private static final int IORING_SETUP_CQE32 = 1 << 11;
    /** {@snippet lang=c : #define IORING_SETUP_CQE32 (1U << 11) } */
    public static int IORING_SETUP_CQE32() { return IORING_SETUP_CQE32; }
    private static final int IORING_SETUP_SINGLE_ISSUER = 1 << 12;
    /** {@snippet lang=c : #define IORING_SETUP_SINGLE_ISSUER (1U << 12) } */
    public static int IORING_SETUP_SINGLE_ISSUER() { return IORING_SETUP_SINGLE_ISSUER; }
    private static final int IORING_SETUP_DEFER_TASKRUN = 1 << 13;
    /** {@snippet lang=c : #define IORING_SETUP_DEFER_TASKRUN (1U << 13) } */
    public static int IORING_SETUP_DEFER_TASKRUN() { return IORING_SETUP_DEFER_TASKRUN; }
    private static final int IOSQE_FIXED_FILE = 1 << 0;
    /** {@snippet lang=c : #define IOSQE_FIXED_FILE (1U << IOSQE_FIXED_FILE_BIT) } */
    public static int IOSQE_FIXED_FILE() { return IOSQE_FIXED_FILE; }
    private static final int IOSQE_IO_DRAIN = 1 << 1;
    /** {@snippet lang=c : #define IOSQE_IO_DRAIN (1U << IOSQE_IO_DRAIN_BIT) } */
    public static int IOSQE_IO_DRAIN() { return IOSQE_IO_DRAIN; }
    private static final int IOSQE_IO_LINK = 1 << 2;
    /** {@snippet lang=c : #define IOSQE_IO_LINK (1U << IOSQE_IO_LINK_BIT) } */
    public static int IOSQE_IO_LINK() { return IOSQE_IO_LINK; }
    private static final int IOSQE_IO_HARDLINK = 1 << 3;
    /** {@snippet lang=c : #define IOSQE_IO_HARDLINK (1U << IOSQE_IO_HARDLINK_BIT) } */
    public static int IOSQE_IO_HARDLINK() { return IOSQE_IO_HARDLINK; }
    private static final int IOSQE_ASYNC = 1 << 4;
    /** {@snippet lang=c : #define IOSQE_ASYNC (1U << IOSQE_ASYNC_BIT) } */
    public static int IOSQE_ASYNC() { return IOSQE_ASYNC; }
    private static final int IOSQE_BUFFER_SELECT = 1 << 5;
    /** {@snippet lang=c : #define IOSQE_BUFFER_SELECT (1U << IOSQE_BUFFER_SELECT_BIT) } */
    public static int IOSQE_BUFFER_SELECT() { return IOSQE_BUFFER_SELECT; }
    private static final int IOSQE_CQE_SKIP_SUCCESS = 1 << 6;
    /** {@snippet lang=c : #define IOSQE_CQE_SKIP_SUCCESS (1U << IOSQE_CQE_SKIP_SUCCESS_BIT) } */
    public static int IOSQE_CQE_SKIP_SUCCESS() { return IOSQE_CQE_SKIP_SUCCESS; }
    private static final int IORING_FSYNC_DATASYNC = 1 << 0;
    /** {@snippet lang=c : #define IORING_FSYNC_DATASYNC (1U << 0) } */
    public static int IORING_FSYNC_DATASYNC() { return IORING_FSYNC_DATASYNC; }
    private static final long IORING_OFF_SQ_RING = 0L;
    /** {@snippet lang=c : #define IORING_OFF_SQ_RING 0ULL } */
    public static long IORING_OFF_SQ_RING() { return IORING_OFF_SQ_RING; }
    private static final long IORING_OFF_CQ_RING = 0x8000000L;
    /** {@snippet lang=c : #define IORING_OFF_CQ_RING 0x8000000ULL } */
    public static long IORING_OFF_CQ_RING() { return IORING_OFF_CQ_RING; }
    private static final long IORING_OFF_SQES = 0x10000000L;
    /** {@snippet lang=c : #define IORING_OFF_SQES 0x10000000ULL } */
    public static long IORING_OFF_SQES() { return IORING_OFF_SQES; }
    private static final int IORING_SQ_NEED_WAKEUP = 1 << 0;
    /** {@snippet lang=c : #define IORING_SQ_NEED_WAKEUP (1U << 0) } */
    public static int IORING_SQ_NEED_WAKEUP() { return IORING_SQ_NEED_WAKEUP; }
    private static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;
    /** {@snippet lang=c : #define IORING_SQ_CQ_OVERFLOW (1U << 1) } */
    public static int IORING_SQ_CQ_OVERFLOW() { return IORING_SQ_CQ_OVERFLOW; }
    private static final int IORING_SQ_TASKRUN = 1 << 2;
    /** {@snippet lang=c : #define IORING_SQ_TASKRUN (1U << 2) } */
    public static int IORING_SQ_TASKRUN() { return IORING_SQ_TASKRUN; }
    private static final int IORING_ENTER_GETEVENTS = 1 << 0;
    /** {@snippet lang=c : #define IORING_ENTER_GETEVENTS (1U << 0) } */
    public static int IORING_ENTER_GETEVENTS() { return IORING_ENTER_GETEVENTS; }
    private static final int IORING_ENTER_SQ_WAKEUP = 1 << 1;
    /** {@snippet lang=c : #define IORING_ENTER_SQ_WAKEUP (1U << 1) } */
    public static int IORING_ENTER_SQ_WAKEUP() { return IORING_ENTER_SQ_WAKEUP; }
    private static final int IORING_ENTER_SQ_WAIT = 1 << 2;
    /** {@snippet lang=c : #define IORING_ENTER_SQ_WAIT (1U << 2) } */
    public static int IORING_ENTER_SQ_WAIT() { return IORING_ENTER_SQ_WAIT; }
    private static final int IORING_ENTER_EXT_ARG = 1 << 3;
    /** {@snippet lang=c : #define IORING_ENTER_EXT_ARG (1U << 3) } */
    public static int IORING_ENTER_EXT_ARG() { return IORING_ENTER_EXT_ARG; }
    private static final int IORING_ENTER_REGISTERED_RING = 1 << 4;
    /** {@snippet lang=c : #define IORING_ENTER_REGISTERED_RING (1U << 4) } */
    public static int IORING_ENTER_REGISTERED_RING() { return IORING_ENTER_REGISTERED_RING; }
    private static final int IORING_FEAT_SINGLE_MMAP = 1 << 0;
    /** {@snippet lang=c : #define IORING_FEAT_SINGLE_MMAP (1U << 0) } */
    public static int IORING_FEAT_SINGLE_MMAP() { return IORING_FEAT_SINGLE_MMAP; }
    private static final int IORING_FEAT_NODROP = 1 << 1;
    /** {@snippet lang=c : #define IORING_FEAT_NODROP (1U << 1) } */
    public static int IORING_FEAT_NODROP() { return IORING_FEAT_NODROP; }
    private static final int IORING_FEAT_SUBMIT_STABLE = 1 << 2;
    /** {@snippet lang=c : #define IORING_FEAT_SUBMIT_STABLE (1U << 2) } */
    public static int IORING_FEAT_SUBMIT_STABLE() { return IORING_FEAT_SUBMIT_STABLE; }
    private static final int IORING_FEAT_RW_CUR_POS = 1 << 3;
    /** {@snippet lang=c : #define IORING_FEAT_RW_CUR_POS (1U << 3) } */
    public static int IORING_FEAT_RW_CUR_POS() { return IORING_FEAT_RW_CUR_POS; }
    private static final int IORING_FEAT_CUR_PERSONALITY = 1 << 4;
    /** {@snippet lang=c : #define IORING_FEAT_CUR_PERSONALITY (1U << 4) } */
    public static int IORING_FEAT_CUR_PERSONALITY() { return IORING_FEAT_CUR_PERSONALITY; }
    private static final int IORING_FEAT_FAST_POLL = 1 << 5;
    /** {@snippet lang=c : #define IORING_FEAT_FAST_POLL (1U << 5) } */
    public static int IORING_FEAT_FAST_POLL() { return IORING_FEAT_FAST_POLL; }
    private static final int IORING_FEAT_POLL_32BITS = 1 << 6;
    /** {@snippet lang=c : #define IORING_FEAT_POLL_32BITS (1U << 6) } */
    public static int IORING_FEAT_POLL_32BITS() { return IORING_FEAT_POLL_32BITS; }
    private static final int IORING_FEAT_SQPOLL_NONFIXED = 1 << 7;
    /** {@snippet lang=c : #define IORING_FEAT_SQPOLL_NONFIXED (1U << 7) } */
    public static int IORING_FEAT_SQPOLL_NONFIXED() { return IORING_FEAT_SQPOLL_NONFIXED; }
    private static final int IORING_FEAT_EXT_ARG = 1 << 8;
    /** {@snippet lang=c : #define IORING_FEAT_EXT_ARG (1U << 8) } */
    public static int IORING_FEAT_EXT_ARG() { return IORING_FEAT_EXT_ARG; }
    private static final int IORING_FEAT_NATIVE_WORKERS = 1 << 9;
    /** {@snippet lang=c : #define IORING_FEAT_NATIVE_WORKERS (1U << 9) } */
    public static int IORING_FEAT_NATIVE_WORKERS() { return IORING_FEAT_NATIVE_WORKERS; }
    private static final int IORING_FEAT_RSRC_TAGS = 1 << 10;
    /** {@snippet lang=c : #define IORING_FEAT_RSRC_TAGS (1U << 10) } */
    public static int IORING_FEAT_RSRC_TAGS() { return IORING_FEAT_RSRC_TAGS; }
    private static final int IORING_FEAT_CQE_SKIP = 1 << 11;
    /** {@snippet lang=c : #define IORING_FEAT_CQE_SKIP (1U << 11) } */
    public static int IORING_FEAT_CQE_SKIP() { return IORING_FEAT_CQE_SKIP; }
    private static final int IORING_FEAT_LINKED_FILE = 1 << 12;
    /** {@snippet lang=c : #define IORING_FEAT_LINKED_FILE (1U << 12) } */
    public static int IORING_FEAT_LINKED_FILE() { return IORING_FEAT_LINKED_FILE; }
    private static final int IORING_REGISTER_BUFFERS = 0;
    /** {@snippet lang=c : #define IORING_REGISTER_BUFFERS 0 // enum } */
    public static int IORING_REGISTER_BUFFERS() { return IORING_REGISTER_BUFFERS; }
    private static final int IORING_UNREGISTER_BUFFERS = 1;
    /** {@snippet lang=c : #define IORING_UNREGISTER_BUFFERS 1 // enum } */
    public static int IORING_UNREGISTER_BUFFERS() { return IORING_UNREGISTER_BUFFERS; }
    private static final int IORING_REGISTER_FILES = 2;
    /** {@snippet lang=c : #define IORING_REGISTER_FILES 2 // enum } */
    public static int IORING_REGISTER_FILES() { return IORING_REGISTER_FILES; }
    private static final int IORING_UNREGISTER_FILES = 3;
    /** {@snippet lang=c : #define IORING_UNREGISTER_FILES 3 // enum } */
    public static int IORING_UNREGISTER_FILES() { return IORING_UNREGISTER_FILES; }
    private static final int IORING_REGISTER_PROBE = 8;
    /** {@snippet lang=c : #define IORING_REGISTER_PROBE 8 // enum } */
    public static int IORING_REGISTER_PROBE() { return IORING_REGISTER_PROBE; }
    private static final int IO_URING_OP_SUPPORTED = 1 << 0;
    /** {@snippet lang=c : #define IO_URING_OP_SUPPORTED (1U << 0) } */
    public static int IO_URING_OP_SUPPORTED() { return IO_URING_OP_SUPPORTED; }
}
