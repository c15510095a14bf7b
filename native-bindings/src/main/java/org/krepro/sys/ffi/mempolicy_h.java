package org.krepro.sys.ffi;

/**
 * {@code <linux/mempolicy.h>}: NUMA policy modes and flags of {@code mbind}, {@code get_mempolicy},
 * {@code set_mempolicy} and {@code move_pages} (the calls are in {@link syscall_h}).
 */
public final class mempolicy_h extends Lib {
    private mempolicy_h() {
    }

    private static final int MPOL_DEFAULT = 0;
    /** {@snippet lang=c : #define MPOL_DEFAULT 0 // enum } */
    public static int MPOL_DEFAULT() { return MPOL_DEFAULT; }
    private static final int MPOL_PREFERRED = 1;
    /** {@snippet lang=c : #define MPOL_PREFERRED 1 // enum } */
    public static int MPOL_PREFERRED() { return MPOL_PREFERRED; }
    private static final int MPOL_BIND = 2;
    /** {@snippet lang=c : #define MPOL_BIND 2 // enum } */
    public static int MPOL_BIND() { return MPOL_BIND; }
    private static final int MPOL_INTERLEAVE = 3;
    /** {@snippet lang=c : #define MPOL_INTERLEAVE 3 // enum } */
    public static int MPOL_INTERLEAVE() { return MPOL_INTERLEAVE; }
    private static final int MPOL_LOCAL = 4;
    /** {@snippet lang=c : #define MPOL_LOCAL 4 // enum } */
    public static int MPOL_LOCAL() { return MPOL_LOCAL; }
    private static final int MPOL_PREFERRED_MANY = 5;
    /** {@snippet lang=c : #define MPOL_PREFERRED_MANY 5 // enum } */
    public static int MPOL_PREFERRED_MANY() { return MPOL_PREFERRED_MANY; }
    private static final int MPOL_F_STATIC_NODES = 1 << 15;
    /** {@snippet lang=c : #define MPOL_F_STATIC_NODES (1 << 15) } */
    public static int MPOL_F_STATIC_NODES() { return MPOL_F_STATIC_NODES; }
    private static final int MPOL_F_RELATIVE_NODES = 1 << 14;
    /** {@snippet lang=c : #define MPOL_F_RELATIVE_NODES (1 << 14) } */
    public static int MPOL_F_RELATIVE_NODES() { return MPOL_F_RELATIVE_NODES; }
    private static final int MPOL_F_NUMA_BALANCING = 1 << 13;
    /** {@snippet lang=c : #define MPOL_F_NUMA_BALANCING (1 << 13) } */
    public static int MPOL_F_NUMA_BALANCING() { return MPOL_F_NUMA_BALANCING; }
    private static final int MPOL_F_NODE = 1 << 0;
    /** {@snippet lang=c : #define MPOL_F_NODE (1<<0) } */
    public static int MPOL_F_NODE() { return MPOL_F_NODE; }
    private static final int MPOL_F_ADDR = 1 << 1;
    /** {@snippet lang=c : #define MPOL_F_ADDR (1<<1) } */
    public static int MPOL_F_ADDR() { return MPOL_F_ADDR; }
    private static final int MPOL_F_MEMS_ALLOWED = 1 << 2;
    /** {@snippet lang=c : #define MPOL_F_MEMS_ALLOWED (1<<2) } */
    public static int MPOL_F_MEMS_ALLOWED() { return MPOL_F_MEMS_ALLOWED; }
    private static final int MPOL_MF_STRICT = 1 << 0;
    /** {@snippet lang=c : #define MPOL_MF_STRICT (1<<0) } */
    public static int MPOL_MF_STRICT() { return MPOL_MF_STRICT; }
    private static final int MPOL_MF_MOVE = 1 << 1;
    /** {@snippet lang=c : #define MPOL_MF_MOVE (1<<1) } */
    public static int MPOL_MF_MOVE() { return MPOL_MF_MOVE; }
    private static final int MPOL_MF_MOVE_ALL = 1 << 2;
    /** {@snippet lang=c : #define MPOL_MF_MOVE_ALL (1<<2) } */
    public static int MPOL_MF_MOVE_ALL() { return MPOL_MF_MOVE_ALL; }
}
