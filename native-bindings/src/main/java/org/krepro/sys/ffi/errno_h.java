package org.krepro.sys.ffi;

/**
 * {@code <errno.h>}: the error numbers of Linux on x86_64 and aarch64 (both use the generic
 * {@code <asm-generic/errno-base.h>} and {@code <asm-generic/errno.h>} values; only alpha, mips, parisc
 * and sparc differ). {@code EWOULDBLOCK}, {@code EDEADLOCK} and {@code ENOTSUP} are aliases. Names
 * from numbers: {@code org.krepro.sys.Errno}.
 * The kernel's internal {@code EFSCORRUPTED} reaches user space as {@code EUCLEAN}, {@code EFSBADCRC}
 * as {@code EBADMSG}.
 */
public final class errno_h extends Lib {
    private errno_h() {
    }

    private static final int EPERM = 1;
    /** {@snippet lang=c : #define EPERM 1 } */
    public static int EPERM() { return EPERM; }
    private static final int ENOENT = 2;
    /** {@snippet lang=c : #define ENOENT 2 } */
    public static int ENOENT() { return ENOENT; }
    private static final int ESRCH = 3;
    /** {@snippet lang=c : #define ESRCH 3 } */
    public static int ESRCH() { return ESRCH; }
    private static final int EINTR = 4;
    /** {@snippet lang=c : #define EINTR 4 } */
    public static int EINTR() { return EINTR; }
    private static final int EIO = 5;
    /** {@snippet lang=c : #define EIO 5 } */
    public static int EIO() { return EIO; }
    private static final int ENXIO = 6;
    /** {@snippet lang=c : #define ENXIO 6 } */
    public static int ENXIO() { return ENXIO; }
    private static final int E2BIG = 7;
    /** {@snippet lang=c : #define E2BIG 7 } */
    public static int E2BIG() { return E2BIG; }
    private static final int ENOEXEC = 8;
    /** {@snippet lang=c : #define ENOEXEC 8 } */
    public static int ENOEXEC() { return ENOEXEC; }
    private static final int EBADF = 9;
    /** {@snippet lang=c : #define EBADF 9 } */
    public static int EBADF() { return EBADF; }
    private static final int ECHILD = 10;
    /** {@snippet lang=c : #define ECHILD 10 } */
    public static int ECHILD() { return ECHILD; }
    private static final int EAGAIN = 11;
    /** {@snippet lang=c : #define EAGAIN 11 } */
    public static int EAGAIN() { return EAGAIN; }
    private static final int ENOMEM = 12;
    /** {@snippet lang=c : #define ENOMEM 12 } */
    public static int ENOMEM() { return ENOMEM; }
    private static final int EACCES = 13;
    /** {@snippet lang=c : #define EACCES 13 } */
    public static int EACCES() { return EACCES; }
    private static final int EFAULT = 14;
    /** {@snippet lang=c : #define EFAULT 14 } */
    public static int EFAULT() { return EFAULT; }
    private static final int ENOTBLK = 15;
    /** {@snippet lang=c : #define ENOTBLK 15 } */
    public static int ENOTBLK() { return ENOTBLK; }
    private static final int EBUSY = 16;
    /** {@snippet lang=c : #define EBUSY 16 } */
    public static int EBUSY() { return EBUSY; }
    private static final int EEXIST = 17;
    /** {@snippet lang=c : #define EEXIST 17 } */
    public static int EEXIST() { return EEXIST; }
    private static final int EXDEV = 18;
    /** {@snippet lang=c : #define EXDEV 18 } */
    public static int EXDEV() { return EXDEV; }
    private static final int ENODEV = 19;
    /** {@snippet lang=c : #define ENODEV 19 } */
    public static int ENODEV() { return ENODEV; }
    private static final int ENOTDIR = 20;
    /** {@snippet lang=c : #define ENOTDIR 20 } */
    public static int ENOTDIR() { return ENOTDIR; }
    private static final int EISDIR = 21;
    /** {@snippet lang=c : #define EISDIR 21 } */
    public static int EISDIR() { return EISDIR; }
    private static final int EINVAL = 22;
    /** {@snippet lang=c : #define EINVAL 22 } */
    public static int EINVAL() { return EINVAL; }
    private static final int ENFILE = 23;
    /** {@snippet lang=c : #define ENFILE 23 } */
    public static int ENFILE() { return ENFILE; }
    private static final int EMFILE = 24;
    /** {@snippet lang=c : #define EMFILE 24 } */
    public static int EMFILE() { return EMFILE; }
    private static final int ENOTTY = 25;
    /** {@snippet lang=c : #define ENOTTY 25 } */
    public static int ENOTTY() { return ENOTTY; }
    private static final int ETXTBSY = 26;
    /** {@snippet lang=c : #define ETXTBSY 26 } */
    public static int ETXTBSY() { return ETXTBSY; }
    private static final int EFBIG = 27;
    /** {@snippet lang=c : #define EFBIG 27 } */
    public static int EFBIG() { return EFBIG; }
    private static final int ENOSPC = 28;
    /** {@snippet lang=c : #define ENOSPC 28 } */
    public static int ENOSPC() { return ENOSPC; }
    private static final int ESPIPE = 29;
    /** {@snippet lang=c : #define ESPIPE 29 } */
    public static int ESPIPE() { return ESPIPE; }
    private static final int EROFS = 30;
    /** {@snippet lang=c : #define EROFS 30 } */
    public static int EROFS() { return EROFS; }
    private static final int EMLINK = 31;
    /** {@snippet lang=c : #define EMLINK 31 } */
    public static int EMLINK() { return EMLINK; }
    private static final int EPIPE = 32;
    /** {@snippet lang=c : #define EPIPE 32 } */
    public static int EPIPE() { return EPIPE; }
    private static final int EDOM = 33;
    /** {@snippet lang=c : #define EDOM 33 } */
    public static int EDOM() { return EDOM; }
    private static final int ERANGE = 34;
    /** {@snippet lang=c : #define ERANGE 34 } */
    public static int ERANGE() { return ERANGE; }
    private static final int EDEADLK = 35;
    /** {@snippet lang=c : #define EDEADLK 35 } */
    public static int EDEADLK() { return EDEADLK; }
    private static final int ENAMETOOLONG = 36;
    /** {@snippet lang=c : #define ENAMETOOLONG 36 } */
    public static int ENAMETOOLONG() { return ENAMETOOLONG; }
    private static final int ENOLCK = 37;
    /** {@snippet lang=c : #define ENOLCK 37 } */
    public static int ENOLCK() { return ENOLCK; }
    private static final int ENOSYS = 38;
    /** {@snippet lang=c : #define ENOSYS 38 } */
    public static int ENOSYS() { return ENOSYS; }
    private static final int ENOTEMPTY = 39;
    /** {@snippet lang=c : #define ENOTEMPTY 39 } */
    public static int ENOTEMPTY() { return ENOTEMPTY; }
    private static final int ELOOP = 40;
    /** {@snippet lang=c : #define ELOOP 40 } */
    public static int ELOOP() { return ELOOP; }
    private static final int ENOMSG = 42;
    /** {@snippet lang=c : #define ENOMSG 42 } */
    public static int ENOMSG() { return ENOMSG; }
    private static final int EIDRM = 43;
    /** {@snippet lang=c : #define EIDRM 43 } */
    public static int EIDRM() { return EIDRM; }
    private static final int ECHRNG = 44;
    /** {@snippet lang=c : #define ECHRNG 44 } */
    public static int ECHRNG() { return ECHRNG; }
    private static final int EL2NSYNC = 45;
    /** {@snippet lang=c : #define EL2NSYNC 45 } */
    public static int EL2NSYNC() { return EL2NSYNC; }
    private static final int EL3HLT = 46;
    /** {@snippet lang=c : #define EL3HLT 46 } */
    public static int EL3HLT() { return EL3HLT; }
    private static final int EL3RST = 47;
    /** {@snippet lang=c : #define EL3RST 47 } */
    public static int EL3RST() { return EL3RST; }
    private static final int ELNRNG = 48;
    /** {@snippet lang=c : #define ELNRNG 48 } */
    public static int ELNRNG() { return ELNRNG; }
    private static final int EUNATCH = 49;
    /** {@snippet lang=c : #define EUNATCH 49 } */
    public static int EUNATCH() { return EUNATCH; }
    private static final int ENOCSI = 50;
    /** {@snippet lang=c : #define ENOCSI 50 } */
    public static int ENOCSI() { return ENOCSI; }
    private static final int EL2HLT = 51;
    /** {@snippet lang=c : #define EL2HLT 51 } */
    public static int EL2HLT() { return EL2HLT; }
    private static final int EBADE = 52;
    /** {@snippet lang=c : #define EBADE 52 } */
    public static int EBADE() { return EBADE; }
    private static final int EBADR = 53;
    /** {@snippet lang=c : #define EBADR 53 } */
    public static int EBADR() { return EBADR; }
    private static final int EXFULL = 54;
    /** {@snippet lang=c : #define EXFULL 54 } */
    public static int EXFULL() { return EXFULL; }
    private static final int ENOANO = 55;
    /** {@snippet lang=c : #define ENOANO 55 } */
    public static int ENOANO() { return ENOANO; }
    private static final int EBADRQC = 56;
    /** {@snippet lang=c : #define EBADRQC 56 } */
    public static int EBADRQC() { return EBADRQC; }
    private static final int EBADSLT = 57;
    /** {@snippet lang=c : #define EBADSLT 57 } */
    public static int EBADSLT() { return EBADSLT; }
    private static final int EBFONT = 59;
    /** {@snippet lang=c : #define EBFONT 59 } */
    public static int EBFONT() { return EBFONT; }
    private static final int ENOSTR = 60;
    /** {@snippet lang=c : #define ENOSTR 60 } */
    public static int ENOSTR() { return ENOSTR; }
    private static final int ENODATA = 61;
    /** {@snippet lang=c : #define ENODATA 61 } */
    public static int ENODATA() { return ENODATA; }
    private static final int ETIME = 62;
    /** {@snippet lang=c : #define ETIME 62 } */
    public static int ETIME() { return ETIME; }
    private static final int ENOSR = 63;
    /** {@snippet lang=c : #define ENOSR 63 } */
    public static int ENOSR() { return ENOSR; }
    private static final int ENONET = 64;
    /** {@snippet lang=c : #define ENONET 64 } */
    public static int ENONET() { return ENONET; }
    private static final int ENOPKG = 65;
    /** {@snippet lang=c : #define ENOPKG 65 } */
    public static int ENOPKG() { return ENOPKG; }
    private static final int EREMOTE = 66;
    /** {@snippet lang=c : #define EREMOTE 66 } */
    public static int EREMOTE() { return EREMOTE; }
    private static final int ENOLINK = 67;
    /** {@snippet lang=c : #define ENOLINK 67 } */
    public static int ENOLINK() { return ENOLINK; }
    private static final int EADV = 68;
    /** {@snippet lang=c : #define EADV 68 } */
    public static int EADV() { return EADV; }
    private static final int ESRMNT = 69;
    /** {@snippet lang=c : #define ESRMNT 69 } */
    public static int ESRMNT() { return ESRMNT; }
    private static final int ECOMM = 70;
    /** {@snippet lang=c : #define ECOMM 70 } */
    public static int ECOMM() { return ECOMM; }
    private static final int EPROTO = 71;
    /** {@snippet lang=c : #define EPROTO 71 } */
    public static int EPROTO() { return EPROTO; }
    private static final int EMULTIHOP = 72;
    /** {@snippet lang=c : #define EMULTIHOP 72 } */
    public static int EMULTIHOP() { return EMULTIHOP; }
    private static final int EDOTDOT = 73;
    /** {@snippet lang=c : #define EDOTDOT 73 } */
    public static int EDOTDOT() { return EDOTDOT; }
    private static final int EBADMSG = 74;
    /** {@snippet lang=c : #define EBADMSG 74 } */
    public static int EBADMSG() { return EBADMSG; }
    private static final int EOVERFLOW = 75;
    /** {@snippet lang=c : #define EOVERFLOW 75 } */
    public static int EOVERFLOW() { return EOVERFLOW; }
    private static final int ENOTUNIQ = 76;
    /** {@snippet lang=c : #define ENOTUNIQ 76 } */
    public static int ENOTUNIQ() { return ENOTUNIQ; }
    private static final int EBADFD = 77;
    /** {@snippet lang=c : #define EBADFD 77 } */
    public static int EBADFD() { return EBADFD; }
    private static final int EREMCHG = 78;
    /** {@snippet lang=c : #define EREMCHG 78 } */
    public static int EREMCHG() { return EREMCHG; }
    private static final int ELIBACC = 79;
    /** {@snippet lang=c : #define ELIBACC 79 } */
    public static int ELIBACC() { return ELIBACC; }
    private static final int ELIBBAD = 80;
    /** {@snippet lang=c : #define ELIBBAD 80 } */
    public static int ELIBBAD() { return ELIBBAD; }
    private static final int ELIBSCN = 81;
    /** {@snippet lang=c : #define ELIBSCN 81 } */
    public static int ELIBSCN() { return ELIBSCN; }
    private static final int ELIBMAX = 82;
    /** {@snippet lang=c : #define ELIBMAX 82 } */
    public static int ELIBMAX() { return ELIBMAX; }
    private static final int ELIBEXEC = 83;
    /** {@snippet lang=c : #define ELIBEXEC 83 } */
    public static int ELIBEXEC() { return ELIBEXEC; }
    private static final int EILSEQ = 84;
    /** {@snippet lang=c : #define EILSEQ 84 } */
    public static int EILSEQ() { return EILSEQ; }
    private static final int ERESTART = 85;
    /** {@snippet lang=c : #define ERESTART 85 } */
    public static int ERESTART() { return ERESTART; }
    private static final int ESTRPIPE = 86;
    /** {@snippet lang=c : #define ESTRPIPE 86 } */
    public static int ESTRPIPE() { return ESTRPIPE; }
    private static final int EUSERS = 87;
    /** {@snippet lang=c : #define EUSERS 87 } */
    public static int EUSERS() { return EUSERS; }
    private static final int ENOTSOCK = 88;
    /** {@snippet lang=c : #define ENOTSOCK 88 } */
    public static int ENOTSOCK() { return ENOTSOCK; }
    private static final int EDESTADDRREQ = 89;
    /** {@snippet lang=c : #define EDESTADDRREQ 89 } */
    public static int EDESTADDRREQ() { return EDESTADDRREQ; }
    private static final int EMSGSIZE = 90;
    /** {@snippet lang=c : #define EMSGSIZE 90 } */
    public static int EMSGSIZE() { return EMSGSIZE; }
    private static final int EPROTOTYPE = 91;
    /** {@snippet lang=c : #define EPROTOTYPE 91 } */
    public static int EPROTOTYPE() { return EPROTOTYPE; }
    private static final int ENOPROTOOPT = 92;
    /** {@snippet lang=c : #define ENOPROTOOPT 92 } */
    public static int ENOPROTOOPT() { return ENOPROTOOPT; }
    private static final int EPROTONOSUPPORT = 93;
    /** {@snippet lang=c : #define EPROTONOSUPPORT 93 } */
    public static int EPROTONOSUPPORT() { return EPROTONOSUPPORT; }
    private static final int ESOCKTNOSUPPORT = 94;
    /** {@snippet lang=c : #define ESOCKTNOSUPPORT 94 } */
    public static int ESOCKTNOSUPPORT() { return ESOCKTNOSUPPORT; }
    private static final int EOPNOTSUPP = 95;
    /** {@snippet lang=c : #define EOPNOTSUPP 95 } */
    public static int EOPNOTSUPP() { return EOPNOTSUPP; }
    private static final int EPFNOSUPPORT = 96;
    /** {@snippet lang=c : #define EPFNOSUPPORT 96 } */
    public static int EPFNOSUPPORT() { return EPFNOSUPPORT; }
    private static final int EAFNOSUPPORT = 97;
    /** {@snippet lang=c : #define EAFNOSUPPORT 97 } */
    public static int EAFNOSUPPORT() { return EAFNOSUPPORT; }
    private static final int EADDRINUSE = 98;
    /** {@snippet lang=c : #define EADDRINUSE 98 } */
    public static int EADDRINUSE() { return EADDRINUSE; }
    private static final int EADDRNOTAVAIL = 99;
    /** {@snippet lang=c : #define EADDRNOTAVAIL 99 } */
    public static int EADDRNOTAVAIL() { return EADDRNOTAVAIL; }
    private static final int ENETDOWN = 100;
    /** {@snippet lang=c : #define ENETDOWN 100 } */
    public static int ENETDOWN() { return ENETDOWN; }
    private static final int ENETUNREACH = 101;
    /** {@snippet lang=c : #define ENETUNREACH 101 } */
    public static int ENETUNREACH() { return ENETUNREACH; }
    private static final int ENETRESET = 102;
    /** {@snippet lang=c : #define ENETRESET 102 } */
    public static int ENETRESET() { return ENETRESET; }
    private static final int ECONNABORTED = 103;
    /** {@snippet lang=c : #define ECONNABORTED 103 } */
    public static int ECONNABORTED() { return ECONNABORTED; }
    private static final int ECONNRESET = 104;
    /** {@snippet lang=c : #define ECONNRESET 104 } */
    public static int ECONNRESET() { return ECONNRESET; }
    private static final int ENOBUFS = 105;
    /** {@snippet lang=c : #define ENOBUFS 105 } */
    public static int ENOBUFS() { return ENOBUFS; }
    private static final int EISCONN = 106;
    /** {@snippet lang=c : #define EISCONN 106 } */
    public static int EISCONN() { return EISCONN; }
    private static final int ENOTCONN = 107;
    /** {@snippet lang=c : #define ENOTCONN 107 } */
    public static int ENOTCONN() { return ENOTCONN; }
    private static final int ESHUTDOWN = 108;
    /** {@snippet lang=c : #define ESHUTDOWN 108 } */
    public static int ESHUTDOWN() { return ESHUTDOWN; }
    private static final int ETOOMANYREFS = 109;
    /** {@snippet lang=c : #define ETOOMANYREFS 109 } */
    public static int ETOOMANYREFS() { return ETOOMANYREFS; }
    private static final int ETIMEDOUT = 110;
    /** {@snippet lang=c : #define ETIMEDOUT 110 } */
    public static int ETIMEDOUT() { return ETIMEDOUT; }
    private static final int ECONNREFUSED = 111;
    /** {@snippet lang=c : #define ECONNREFUSED 111 } */
    public static int ECONNREFUSED() { return ECONNREFUSED; }
    private static final int EHOSTDOWN = 112;
    /** {@snippet lang=c : #define EHOSTDOWN 112 } */
    public static int EHOSTDOWN() { return EHOSTDOWN; }
    private static final int EHOSTUNREACH = 113;
    /** {@snippet lang=c : #define EHOSTUNREACH 113 } */
    public static int EHOSTUNREACH() { return EHOSTUNREACH; }
    private static final int EALREADY = 114;
    /** {@snippet lang=c : #define EALREADY 114 } */
    public static int EALREADY() { return EALREADY; }
    private static final int EINPROGRESS = 115;
    /** {@snippet lang=c : #define EINPROGRESS 115 } */
    public static int EINPROGRESS() { return EINPROGRESS; }
    private static final int ESTALE = 116;
    /** {@snippet lang=c : #define ESTALE 116 } */
    public static int ESTALE() { return ESTALE; }
    private static final int EUCLEAN = 117;
    /** {@snippet lang=c : #define EUCLEAN 117 } */
    public static int EUCLEAN() { return EUCLEAN; }
    private static final int ENOTNAM = 118;
    /** {@snippet lang=c : #define ENOTNAM 118 } */
    public static int ENOTNAM() { return ENOTNAM; }
    private static final int ENAVAIL = 119;
    /** {@snippet lang=c : #define ENAVAIL 119 } */
    public static int ENAVAIL() { return ENAVAIL; }
    private static final int EISNAM = 120;
    /** {@snippet lang=c : #define EISNAM 120 } */
    public static int EISNAM() { return EISNAM; }
    private static final int EREMOTEIO = 121;
    /** {@snippet lang=c : #define EREMOTEIO 121 } */
    public static int EREMOTEIO() { return EREMOTEIO; }
    private static final int EDQUOT = 122;
    /** {@snippet lang=c : #define EDQUOT 122 } */
    public static int EDQUOT() { return EDQUOT; }
    private static final int ENOMEDIUM = 123;
    /** {@snippet lang=c : #define ENOMEDIUM 123 } */
    public static int ENOMEDIUM() { return ENOMEDIUM; }
    private static final int EMEDIUMTYPE = 124;
    /** {@snippet lang=c : #define EMEDIUMTYPE 124 } */
    public static int EMEDIUMTYPE() { return EMEDIUMTYPE; }
    private static final int ECANCELED = 125;
    /** {@snippet lang=c : #define ECANCELED 125 } */
    public static int ECANCELED() { return ECANCELED; }
    private static final int ENOKEY = 126;
    /** {@snippet lang=c : #define ENOKEY 126 } */
    public static int ENOKEY() { return ENOKEY; }
    private static final int EKEYEXPIRED = 127;
    /** {@snippet lang=c : #define EKEYEXPIRED 127 } */
    public static int EKEYEXPIRED() { return EKEYEXPIRED; }
    private static final int EKEYREVOKED = 128;
    /** {@snippet lang=c : #define EKEYREVOKED 128 } */
    public static int EKEYREVOKED() { return EKEYREVOKED; }
    private static final int EKEYREJECTED = 129;
    /** {@snippet lang=c : #define EKEYREJECTED 129 } */
    public static int EKEYREJECTED() { return EKEYREJECTED; }
    private static final int EOWNERDEAD = 130;
    /** {@snippet lang=c : #define EOWNERDEAD 130 } */
    public static int EOWNERDEAD() { return EOWNERDEAD; }
    private static final int ENOTRECOVERABLE = 131;
    /** {@snippet lang=c : #define ENOTRECOVERABLE 131 } */
    public static int ENOTRECOVERABLE() { return ENOTRECOVERABLE; }
    private static final int ERFKILL = 132;
    /** {@snippet lang=c : #define ERFKILL 132 } */
    public static int ERFKILL() { return ERFKILL; }
    private static final int EHWPOISON = 133;
    /** {@snippet lang=c : #define EHWPOISON 133 } */
    public static int EHWPOISON() { return EHWPOISON; }
    private static final int EWOULDBLOCK = 11;
    /** {@snippet lang=c : #define EWOULDBLOCK EAGAIN } */
    public static int EWOULDBLOCK() { return EWOULDBLOCK; }
    private static final int EDEADLOCK = 35;
    /** {@snippet lang=c : #define EDEADLOCK EDEADLK } */
    public static int EDEADLOCK() { return EDEADLOCK; }
    private static final int ENOTSUP = 95;
    /** {@snippet lang=c : #define ENOTSUP EOPNOTSUPP } */
    public static int ENOTSUP() { return ENOTSUP; }
}
