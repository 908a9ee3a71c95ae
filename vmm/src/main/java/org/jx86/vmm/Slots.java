package org.jx86.vmm;

/**
 * Layout of the guest state that translated code keeps in JVM locals: the IR's GET/SET
 * slot numbers index {@link Cpu#s}. One flat {@code long[]} so the backend loads and stores
 * slots with constant indices.
 *
 * <pre>
 *  0..15   RAX RCX RDX RBX RSP RBP RSI RDI R8..R15 (x86 register numbers)
 *  16..19  lazy flags: CC_OP, CC_SRC1, CC_SRC2, CC_RES (see {@link Flags})
 *  20      DF (0 or 1)
 *  21, 22  FS and GS segment bases
 *  23      MXCSR
 *  24      RFLAGS bits other than the six arithmetic flags and DF (AC, ID, IF, ...)
 *  25..31  scratch slots for helpers that return more than one value
 *  32..63  XMM0..XMM15 as (low, high) 64-bit halves: XMMn low = 32 + 2n, high = 33 + 2n
 * </pre>
 */
public final class Slots {
    private Slots() {}

    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
    public static final int CC_OP = 16, CC_SRC1 = 17, CC_SRC2 = 18, CC_RES = 19;
    public static final int DF = 20;
    public static final int FS_BASE = 21, GS_BASE = 22;
    public static final int MXCSR = 23;
    public static final int RFLAGS_OTHER = 24;
    public static final int SCRATCH0 = 25, SCRATCH1 = 26, SCRATCH2 = 27, SCRATCH3 = 28;
    public static final int XMM0 = 32;
    public static final int COUNT = 64;

    public static int xmmLo(int n) { return XMM0 + 2 * n; }
    public static int xmmHi(int n) { return XMM0 + 2 * n + 1; }

    private static final String[] GPR = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    public static String name(int slot) {
        if (slot < 16) return GPR[slot];
        if (slot >= XMM0 && slot < COUNT) return "xmm" + (slot - XMM0) / 2 + ((slot & 1) == 0 ? ".lo" : ".hi");
        return switch (slot) {
            case CC_OP -> "cc_op";
            case CC_SRC1 -> "cc_src1";
            case CC_SRC2 -> "cc_src2";
            case CC_RES -> "cc_res";
            case DF -> "df";
            case FS_BASE -> "fs_base";
            case GS_BASE -> "gs_base";
            case MXCSR -> "mxcsr";
            case RFLAGS_OTHER -> "rflags_other";
            default -> "slot" + slot;
        };
    }
}
