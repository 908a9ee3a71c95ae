package org.jx86.vmm.cpu;

/**
 * What CPUID tells the guest. It advertises only what jx86 implements, so that glibc and
 * musl choose code paths the translator can run; tests check every advertised feature.
 * Immutable once a vCPU runs, as in KVM.
 */
public final class CpuidModel {
    // CPUID.1:EDX
    public static final int FPU = 1, TSC = 1 << 4, CX8 = 1 << 8, CMOV = 1 << 15, MMX = 1 << 23, FXSR = 1 << 24,
        SSE = 1 << 25, SSE2 = 1 << 26;
    // CPUID.1:ECX
    public static final int SSE3 = 1, SSSE3 = 1 << 9, CX16 = 1 << 13, SSE41 = 1 << 19, SSE42 = 1 << 20,
        MOVBE = 1 << 22, POPCNT = 1 << 23;
    // CPUID.7.0:EBX
    public static final int BMI1 = 1 << 3, BMI2 = 1 << 8, ADX = 1 << 19;
    // CPUID.80000001:ECX / EDX
    public static final int LAHF64 = 1, ABM = 1 << 5;
    public static final int SYSCALL = 1 << 11, NX = 1 << 20, RDTSCP = 1 << 27, LM = 1 << 29;

    public final int leaf1Edx, leaf1Ecx, leaf7Ebx, ext1Ecx, ext1Edx;

    public CpuidModel(int leaf1Edx, int leaf1Ecx, int leaf7Ebx, int ext1Ecx, int ext1Edx) {
        this.leaf1Edx = leaf1Edx;
        this.leaf1Ecx = leaf1Ecx;
        this.leaf7Ebx = leaf7Ebx;
        this.ext1Ecx = ext1Ecx;
        this.ext1Edx = ext1Edx;
    }

    /**
     * The user-mode model: the x86-64 baseline (SSE2, which includes MMX: glibc's loader
     * refuses to start below that ISA level) plus the extensions the translator implements
     * completely. SSE3, SSSE3, SSE4.1 and SSE4.2 are advertised: glibc then picks its
     * ssse3/sse4_2 string routines.
     */
    public static final CpuidModel USER = new CpuidModel(
        FPU | TSC | CX8 | CMOV | MMX | FXSR | SSE | SSE2,
        // Each of these is checked against the host CPU by tests/insn (InsnDifferentialTest).
        SSE3 | SSSE3 | CX16 | SSE41 | SSE42 | MOVBE | POPCNT,
        BMI1 | BMI2 | ADX,
        LAHF64 | ABM,
        SYSCALL | NX | RDTSCP | LM);

    /** Leaves a system-mode machine changes (LAM, PCID, LA57, MAXPHYADDR...); null in user mode. */
    public interface Overrides { int[] apply(int leaf, int subleaf, int[] regs); }

    private Overrides overrides;

    /** This model with some leaves rewritten by o (org.jx86.vmm.sys.SysCpuid). */
    public CpuidModel withOverrides(Overrides o) {
        CpuidModel m = new CpuidModel(leaf1Edx, leaf1Ecx, leaf7Ebx, ext1Ecx, ext1Edx);
        m.overrides = o;
        return m;
    }

    /** Returns {eax, ebx, ecx, edx} for leaf and subleaf. */
    public int[] query(int leaf, int subleaf) {
        int[] r = baseQuery(leaf, subleaf);
        return overrides == null ? r : overrides.apply(leaf, subleaf, r);
    }

    private int[] baseQuery(int leaf, int subleaf) {
        return switch (leaf) {
            case 0 -> new int[] {7, str("Genu"), str("ntel"), str("ineI")};
            case 1 -> new int[] {0x000906A0, 0x0001_0800, leaf1Ecx, leaf1Edx};
            // One descriptor byte 0xFF: "use leaf 4 for cache parameters".
            case 2 -> new int[] {0x00FF_0001, 0, 0, 0};
            case 4 -> cacheLeaf(subleaf);
            case 7 -> subleaf == 0 ? new int[] {0, leaf7Ebx, 0, 0} : new int[4];
            case 0x8000_0000 -> new int[] {0x8000_0008, 0, 0, 0};
            case 0x8000_0001 -> new int[] {0, 0, ext1Ecx, ext1Edx};
            case 0x8000_0002 -> brand(0);
            case 0x8000_0003 -> brand(1);
            case 0x8000_0004 -> brand(2);
            case 0x8000_0006 -> new int[] {0, 0, (1024 << 16) | (8 << 12) | 64, 0};
            case 0x8000_0008 -> new int[] {0x3030, 0, 0, 0};
            default -> new int[4];
        };
    }

    /** Deterministic cache parameters: 32 KiB L1d/L1i, 1 MiB L2, 8 MiB L3, 64-byte lines. */
    private static int[] cacheLeaf(int sub) {
        int[][] caches = {
            {1, 1, 8, 64}, {2, 1, 8, 64}, {3, 2, 16, 1024}, {3, 3, 16, 8192},
        };
        if (sub < 0 || sub >= caches.length) return new int[4];
        int[] c = caches[sub];
        int eax = c[0] | (c[1] << 5) | (1 << 8);
        int ebx = ((c[2] - 1) << 22) | (63);
        return new int[] {eax, ebx, c[3] - 1, 0};
    }

    private static final String BRAND = "jx86 virtual x86-64 CPU";

    private static int[] brand(int part) {
        byte[] b = new byte[48];
        byte[] s = BRAND.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, b, 0, s.length);
        int[] r = new int[4];
        for (int i = 0; i < 4; i++) {
            int o = part * 16 + i * 4;
            r[i] = (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | (b[o + 3] & 0xFF) << 24;
        }
        return r;
    }

    private static int str(String s) {
        return s.charAt(0) | s.charAt(1) << 8 | s.charAt(2) << 16 | s.charAt(3) << 24;
    }
}
