package org.jx86.tests.insn;

import static org.jx86.tests.insn.InsnDifferentialTest.BUF;
import static org.jx86.tests.insn.InsnDifferentialTest.FL;
import static org.jx86.tests.insn.InsnDifferentialTest.MX;
import static org.jx86.tests.insn.InsnDifferentialTest.RSP0;
import static org.jx86.tests.insn.InsnDifferentialTest.X0;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.jx86.vmm.Flags;

/**
 * The table of instruction forms for {@link InsnDifferentialTest}: Intel-syntax assembly,
 * the flags the SDM defines for the form (as a function of the input state, for counts),
 * and a tweak of the random input state (pointers into the buffer, shift counts,
 * divisors that do not always fault, ...).
 */
final class InsnForms {
    private InsnForms() {}

    static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
    static final long CF = Flags.CF, PF = Flags.PF, AF = Flags.AF, ZF = Flags.ZF, SF = Flags.SF, OF = Flags.OF;
    static final long ALL = Flags.ARITH;

    interface Tweak {
        void apply(long[] st, byte[] mem, SplittableRandom r);
    }

    /**
     * @param mem     point RSI, RDI, RBX into the data buffer
     * @param df      randomise DF (string ops); otherwise DF = 0
     * @param cpuFlag /proc/cpuinfo flag the form needs, or null
     */
    record Form(String name, String asm, ToLongFunction<long[]> flagMask, Tweak tweak, boolean mem, boolean df, String cpuFlag) {}

    static final List<Form> FORMS = new ArrayList<>();

    static String nameOf(String asm) {
        return asm.trim().toLowerCase().replace("\n", ";").replaceAll(",\\s*", ",").replace(" ptr ", "_")
            .replaceAll("\\s+", "_");
    }

    static void add(String asm, long mask) { add(asm, s -> mask, null, null); }

    static void add(String asm, long mask, Tweak t) { add(asm, s -> mask, t, null); }

    static void add(String asm, ToLongFunction<long[]> mask, Tweak t, String cpuFlag) {
        FORMS.add(new Form(nameOf(asm), asm, mask, t, asm.contains("[") && !asm.startsWith("lea"), false, cpuFlag));
    }

    // ---- random values

    static final long[] EDGES = {0, 1, 2, 3, -1, -2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE,
        0xFFFF_FFFF_FFFF_FF80L, 0xFFFF_FFFF_FFFF_8000L, 0xFFFF_FFFF_8000_0000L, 0x8000_0000_0000_0001L};

    static long val(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0, 1, 2 -> EDGES[r.nextInt(EDGES.length)];
            case 3 -> EDGES[r.nextInt(EDGES.length)] ^ (r.nextLong() << 32); // narrow edge, random upper bits
            case 4 -> 1L << r.nextInt(64);
            case 5 -> r.nextLong(0, 80);
            case 6 -> -r.nextLong(0, 80);
            default -> r.nextLong();
        };
    }

    static final long[] DOUBLES = {0, 0x8000_0000_0000_0000L, d(1), d(-1), d(0.5), d(1.5), d(2.5), d(-2.5), d(3),
        d(Double.MAX_VALUE), d(Double.MIN_VALUE), d(Double.MIN_NORMAL), d(Double.POSITIVE_INFINITY),
        d(Double.NEGATIVE_INFINITY), 0x7FF8_0000_0000_0000L, 0xFFF8_0000_0000_0000L, 0x7FF0_0000_0000_0001L,
        0x7FF4_0000_0000_1234L, d(9.223372036854775807E18), d(-9.223372036854775808E18), d(2147483648.0),
        d(-2147483649.0), d(2147483647.5), d(4294967296.0), d(1e300), d(-1e-300), d(123456.789), d(-0.49999999999999994)};
    static final int[] FLOATS = {0, 0x8000_0000, f(1), f(-1), f(0.5f), f(1.5f), f(2.5f), f(-2.5f), f(Float.MAX_VALUE),
        f(Float.MIN_VALUE), f(Float.MIN_NORMAL), f(Float.POSITIVE_INFINITY), f(Float.NEGATIVE_INFINITY), 0x7FC0_0000,
        0xFFC0_0000, 0x7F80_0001, 0x7FA0_1234, f(2147483648f), f(-2147483648f), f(9.223372E18f), f(1e30f), f(-3.75f),
        f(16777217f), f(1e-40f)};

    static long d(double x) { return Double.doubleToRawLongBits(x); }

    static int f(float x) { return Float.floatToRawIntBits(x); }

    /** A binary64 near the edges: random sign and mantissa (often short), exponent near 0, 1023 or 2047. */
    static long edgeDouble(SplittableRandom r) {
        long[] exps = {0, 0, 1, 2, 0x3FF, 0x3FE, 0x400, 0x7FE, 0x7FD, 0x7FF, 0x200, 0x5FF, 0x1FF, 0x600, 0x34, 0x36};
        long e = r.nextInt(5) == 0 ? r.nextLong(0, 0x800) : exps[r.nextInt(exps.length)];
        long m = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1L << r.nextInt(52);
            case 2 -> r.nextLong() >>> 12 & (-1L << r.nextInt(53)) & 0xF_FFFF_FFFF_FFFFL;
            default -> r.nextLong() >>> 12;
        };
        return (r.nextBoolean() ? Long.MIN_VALUE : 0) | e << 52 | m;
    }

    /** A binary32 near the edges, as {@link #edgeDouble}. */
    static int edgeFloat(SplittableRandom r) {
        int[] exps = {0, 0, 1, 2, 0x7F, 0x7E, 0x80, 0xFE, 0xFD, 0xFF, 0x40, 0xBF, 0x3F, 0xC0, 0x17, 0x19};
        int e = r.nextInt(5) == 0 ? r.nextInt(0, 0x100) : exps[r.nextInt(exps.length)];
        int m = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 1 << r.nextInt(23);
            case 2 -> r.nextInt() & (-1 << r.nextInt(24)) & 0x7F_FFFF;
            default -> r.nextInt() & 0x7F_FFFF;
        };
        return (r.nextBoolean() ? Integer.MIN_VALUE : 0) | e << 23 | m;
    }

    static long xval(SplittableRandom r) {
        int k = r.nextInt(12);
        if (k >= 8) return k < 10 ? edgeDouble(r) : (edgeFloat(r) & 0xFFFF_FFFFL) | (long) edgeFloat(r) << 32;
        return switch (k) {
            case 0, 1 -> DOUBLES[r.nextInt(DOUBLES.length)];
            case 2 -> d(r.nextDouble(-1e10, 1e10));
            case 3 -> (FLOATS[r.nextInt(FLOATS.length)] & 0xFFFF_FFFFL) | (long) FLOATS[r.nextInt(FLOATS.length)] << 32;
            case 4 -> (f((float) r.nextDouble(-1e6, 1e6)) & 0xFFFF_FFFFL) | (long) f((float) r.nextDouble(-1e6, 1e6)) << 32;
            case 5 -> val(r);
            default -> r.nextLong();
        };
    }

    static long ptr(SplittableRandom r) {
        return BUF + (r.nextInt(4) == 0 ? r.nextInt(0, 49) : 16 * r.nextInt(0, 4));
    }

    static void randomState(Form f, long[] st, byte[] mem, SplittableRandom r) {
        for (int i = 0; i < 16; i++) st[i] = val(r);
        if (r.nextInt(6) == 0) st[r.nextInt(16)] = st[r.nextInt(16)];
        st[RSP] = RSP0;
        st[FL] = r.nextLong() & ALL | (f.df() && r.nextBoolean() ? Flags.DF : 0);
        for (int i = 0; i < 32; i++) st[X0 + i] = xval(r);
        if (r.nextInt(6) == 0) {
            int a = r.nextInt(16), b = r.nextInt(16);
            st[X0 + 2 * a] = st[X0 + 2 * b];
            st[X0 + 2 * a + 1] = st[X0 + 2 * b + 1];
        }
        r.nextBytes(mem);
        if (r.nextInt(4) == 0) for (int i = 0; i < 8; i++) putLong(mem, 8 * i, val(r));
        if (f.mem()) {
            st[RSI] = ptr(r);
            st[RDI] = ptr(r);
            st[RBX] = ptr(r);
        }
        if (f.tweak() != null) f.tweak().apply(st, mem, r);
        st[RSP] = RSP0;
        st[MX] = mxcsr(r, st[MX] == UNMASKED);
    }

    /** Marks (in the MXCSR slot, before it is drawn) a form whose states may unmask exceptions. */
    static final long UNMASKED = -1;
    static final Tweak UNMASK = (s, m, r) -> s[MX] = UNMASKED;

    /**
     * A random MXCSR: any rounding mode, DAZ and FZ each a third of the time, random sticky
     * flags half the time; every exception masked unless the form unmasks some (then each mask
     * bit is clear a third of the time).
     */
    static long mxcsr(SplittableRandom r, boolean unmask) {
        long mx = (long) r.nextInt(4) << 13 | 0x1F80;
        if (r.nextInt(3) == 0) mx |= 0x40;
        if (r.nextInt(3) == 0) mx |= 0x8000;
        if (r.nextBoolean()) mx |= r.nextInt(64);
        if (unmask) for (int b = 7; b <= 12; b++) if (r.nextInt(3) == 0) mx &= ~(1L << b);
        return mx;
    }

    static void putLong(byte[] m, int off, long v) {
        for (int i = 0; i < 8; i++) m[off + i] = (byte) (v >>> 8 * i);
    }

    static long getLong(byte[] m, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = v << 8 | (m[off + i] & 0xFF);
        return v;
    }

    // ---- the table

    static final String[] ALU = {"add", "adc", "sub", "sbb", "and", "or", "xor", "cmp"};
    static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

    /** Count in CL: usually 0..70, sometimes anything. */
    static final Tweak CL = (s, m, r) -> s[RCX] = r.nextInt(4) == 0 ? val(r) : (s[RCX] & ~0xFFL) | r.nextInt(0, 71);

    static int width(String reg) {
        if (reg.startsWith("qword")) return 64;
        if (reg.startsWith("dword")) return 32;
        if (reg.startsWith("word")) return 16;
        if (reg.startsWith("byte")) return 8;
        if (reg.matches("r(ax|bx|cx|dx|si|di|bp|sp|\\d+)")) return 64;
        if (reg.matches("e..|r\\d+d")) return 32;
        if (reg.matches("[abcd][lh]|sil|dil|r\\d+b")) return 8;
        return 16;
    }

    /** Flags for shifts (SHL/SHR/SAR): count 0 leaves flags; AF undefined; OF for count>1; CF for count>=width (8/16). */
    static ToLongFunction<long[]> shiftMask(int w, int imm, String op) {
        return s -> {
            int c = (int) ((imm >= 0 ? imm : s[RCX]) & (w == 64 ? 63 : 31));
            if (c == 0) return ALL;
            long m = ALL & ~AF;
            if (c != 1) m &= ~OF;
            if (op.startsWith("rc") || op.startsWith("ro")) m = CF | (c == 1 ? OF : 0) | SF | ZF | AF | PF;
            if ((op.equals("shl") || op.equals("shr")) && c >= w) m &= ~CF;
            return m;
        };
    }

    static List<Form> all() {
        if (!FORMS.isEmpty()) return FORMS;
        // ALU: register, immediate and memory forms at every width, high-byte registers
        for (String op : ALU) {
            long m = op.equals("and") || op.equals("or") || op.equals("xor") ? ALL & ~AF : ALL; // AF undefined after logic ops
            for (String ops : new String[] {"rax, rbx", "ecx, edx", "dx, si", "al, bl", "ah, ch", "sil, dil", "r9, r9",
                "rdx, -1", "rdx, 0x12345678", "rax, -0x80000000", "eax, 0x80000000", "r11d, 0x7f", "cl, 0x80",
                "r9w, 0x1234", "ax, -2", "qword ptr [rsi], rcx", "r10d, dword ptr [rsi+4]", "byte ptr [rdi+3], 0x5a",
                "word ptr [rsi], ax", "dh, byte ptr [rsi]"})
                add(op + " " + ops, m);
        }
        for (String ops : new String[] {"rax, rbx", "ecx, edx", "dx, si", "al, bl", "bh, ah", "al, 0x81", "edx, 0x80000000",
            "qword ptr [rsi], rdx", "dword ptr [rdi], 0x10001"})
            add("test " + ops, ALL & ~AF); // AF undefined
        for (String op : new String[] {"inc", "dec", "neg", "not"})
            for (String o : new String[] {"rax", "ecx", "dx", "bl", "ah", "r12b", "dword ptr [rsi]", "qword ptr [rdi]"})
                add(op + " " + o, ALL);
        // shifts and rotates by 1, immediate and CL
        for (String op : new String[] {"shl", "shr", "sar", "rol", "ror", "rcl", "rcr"}) {
            for (String o : new String[] {"rax, 1", "bl, 1", "ecx, 7", "dx, 9", "r8, 63", "al, cl", "bh, cl", "si, cl",
                "rdx, cl", "r8d, cl", "qword ptr [rsi], cl", "dword ptr [rsi], 1", "word ptr [rdi], 3"}) {
                String[] p = o.split(", ");
                int imm = p[1].equals("cl") ? -1 : Integer.parseInt(p[1]);
                String dst = p[0].replace(" ptr [rsi]", "").replace(" ptr [rdi]", "");
                add(op + " " + o, shiftMask(width(dst), imm, op), imm < 0 ? CL : null, null);
            }
        }
        // double shifts: 16-bit counts limited to 0..16 (larger: result undefined)
        for (String op : new String[] {"shld", "shrd"}) {
            add(op + " rax, rbx, cl", shiftMask(64, -1, op), CL, null);
            add(op + " eax, ebx, cl", shiftMask(32, -1, op), CL, null);
            add(op + " ecx, edx, 13", shiftMask(32, 13, op), null, null);
            add(op + " r9, r10, 1", shiftMask(64, 1, op), null, null);
            add(op + " ax, bx, cl", shiftMask(16, -1, op), (s, mm, r) -> s[RCX] = (s[RCX] & ~0xFFL) | r.nextInt(0, 17) | (r.nextBoolean() ? 0x20 : 0), null);
            add(op + " qword ptr [rsi], rdx, cl", shiftMask(64, -1, op), CL, null);
        }
        // multiply: SF, ZF, AF, PF undefined
        for (String o : new String[] {"mul rbx", "mul ecx", "mul si", "mul bl", "mul byte ptr [rsi]", "mul qword ptr [rdi]",
            "imul rbx", "imul ecx", "imul si", "imul bl", "imul dword ptr [rsi]", "imul rax, rbx", "imul ecx, edx",
            "imul dx, si", "imul rax, rbx, -3", "imul ecx, edx, 0x12345", "imul si, di, 0x7f", "imul r8, qword ptr [rsi], 7",
            "imul r9, qword ptr [rsi]"})
            add(o, CF | OF);
        // divide: all flags undefined; dividend high part mostly below the divisor
        for (String o : new String[] {"div rbx", "div ecx", "div si", "div bl", "idiv rbx", "idiv ecx", "idiv si", "idiv bl",
            "div qword ptr [rdi]", "idiv dword ptr [rdi]"})
            add(o, 0, divTweak(o));
        // bit tests: CF defined, ZF unaffected, OF/SF/AF/PF undefined
        for (String op : new String[] {"bt", "bts", "btr", "btc"}) {
            Tweak off = (s, m, r) -> {
                s[RSI] = BUF + 32;
                s[RCX] = r.nextInt(0, 512) - 256;
            };
            for (String o : new String[] {"rax, rcx", "edx, ecx", "si, cx", "rdx, 45", "ebx, 33", "qword ptr [rsi], rcx",
                "dword ptr [rsi], ecx", "word ptr [rsi], cx", "dword ptr [rsi], 17", "qword ptr [rsi], 70"})
                add(op + " " + o, s -> CF | ZF, o.contains("[") ? off : null, null);
            if (!op.equals("bt"))   // the atomic forms (vmm.mem.Atomics)
                for (String o : new String[] {"qword ptr [rsi], rcx", "word ptr [rsi], cx", "dword ptr [rsi], 17"})
                    add("lock " + op + " " + o, s -> CF | ZF, off, null);
        }
        // LOCK forms: one atomic update each; memory and flags as the plain form. The offsets
        // cover a byte and a word inside an aligned dword, a dword inside a qword, and a split
        // lock across an 8-byte boundary.
        for (String o : new String[] {"lock add qword ptr [rsi], rcx", "lock sub dword ptr [rsi+4], ecx",
            "lock adc word ptr [rsi+1], cx", "lock sbb byte ptr [rsi+3], cl", "lock and dword ptr [rsi+2], 0x5a5a",
            "lock or qword ptr [rsi+8], -2", "lock xor byte ptr [rsi], 0x81", "lock inc dword ptr [rsi]",
            "lock dec word ptr [rsi+6]", "lock neg qword ptr [rsi]", "lock not dword ptr [rsi+4]",
            "lock xadd dword ptr [rsi+6], ecx", "lock xadd qword ptr [rsi+3], rdx", "xchg word ptr [rsi+7], cx",
            "lock cmpxchg byte ptr [rsi+5], cl", "lock cmpxchg qword ptr [rsi+12], rdx"})
            add(o, ALL);
        // bit scans: BSF/BSR define ZF only; TZCNT/LZCNT ZF and CF; POPCNT all
        Tweak zeroSrc = (s, m, r) -> {
            if (r.nextInt(6) == 0) {
                s[RBX] = 0;
                putLong(m, 0, 0);
                s[RSI] = BUF;
            }
        };
        for (String op : new String[] {"bsf", "bsr", "tzcnt", "lzcnt", "popcnt"}) {
            long m = op.startsWith("bs") ? ZF : op.equals("popcnt") ? ALL : ZF | CF;
            String flag = op.equals("tzcnt") ? "bmi1" : op.equals("lzcnt") ? "abm" : op.equals("popcnt") ? "popcnt" : null;
            for (String o : new String[] {"rax, rbx", "ecx, ebx", "dx, bx", "eax, dword ptr [rsi]", "rdx, qword ptr [rsi]"})
                add(op + " " + o, s -> m, zeroSrc, flag);
        }
        add("bswap rax", ALL);
        add("bswap ecx", ALL);
        add("bswap r13", ALL);
        for (String o : new String[] {"movzx eax, bl", "movzx ecx, ah", "movzx rdx, si", "movzx r8d, word ptr [rsi]",
            "movzx ax, bl", "movsx rax, bl", "movsx ecx, si", "movsx dx, al", "movsxd rax, ecx", "movsx rax, word ptr [rsi]",
            "movsxd rdx, dword ptr [rsi]", "movsx ebx, bh", "mov eax, ebx", "mov ax, bx", "mov ah, bl", "mov al, 0x80",
            "mov rax, -5", "mov eax, -5", "mov rdx, qword ptr [rsi+8]", "mov dword ptr [rdi], ecx"})
            add(o, ALL);
        for (String cc : CC) {
            add("cmov" + cc + " rax, rbx", ALL);
            add("set" + cc + " al", ALL);
        }
        add("cmovl dx, si", ALL);
        add("cmovb rax, qword ptr [rsi]", ALL);
        add("setg byte ptr [rsi]", ALL);
        add("setbe ah", ALL);
        for (String o : new String[] {"lea rax, [rbx]", "lea rax, [rbx+8]", "lea rax, [rbx+rcx]", "lea rax, [rbx+rcx*2+0x10]",
            "lea rax, [rcx*8]", "lea rax, [rcx*4+0x12345678]", "lea rax, [rbp-0x80]", "lea rax, [r12+r13*8-1]",
            "lea rax, [rsp+8]", "lea eax, [rbx+rcx*2+5]", "lea ax, [rbx+rcx]", "lea rax, [ebx+ecx]", "lea r15, [r13]",
            "lea rdx, [rdx+rdx*4]", "lea ecx, [rcx-1]"})
            add(o, ALL);
        Tweak cmpx = (s, m, r) -> {
            if (r.nextBoolean()) {
                s[RAX] = r.nextBoolean() ? s[RBX] : s[RCX];
                putLong(m, (int) (s[RSI] - BUF) & 0x38, s[RAX]);
            }
        };
        for (String o : new String[] {"xchg rax, rbx", "xchg ecx, edx", "xchg ah, bl", "xchg qword ptr [rsi], rcx",
            "xchg eax, eax", "xadd rax, rbx", "xadd ecx, edx", "xadd byte ptr [rsi], al", "xadd dx, dx"})
            add(o, ALL);
        for (String o : new String[] {"cmpxchg rbx, rcx", "cmpxchg ebx, ecx", "cmpxchg bx, cx", "cmpxchg bl, cl",
            "cmpxchg qword ptr [rsi], rdx", "lock cmpxchg dword ptr [rsi], ecx", "cmpxchg rax, rcx"})
            add(o, s -> ALL, (s, m, r) -> {
                s[RSI] = BUF + 8 * r.nextInt(0, 8);
                cmpx.apply(s, m, r);
            }, null);
        for (String o : new String[] {"cbw", "cwde", "cdqe", "cwd", "cdq", "cqo", "lahf", "sahf", "clc", "stc", "cmc",
            "pushfq\npop rax", "pushfq\npop rax\npushfq\npop rbx", "push rbx\npop rcx", "nop"})
            add(o, ALL);
        add("push rax\npopfq", s -> ALL, (s, m, r) -> s[RAX] = r.nextLong() & (0xCD5 | 0xFFFF_FFFF_0000_0000L), null);
        // string ops (DF random)
        for (String o : new String[] {"movsb", "movsq", "rep movsb", "rep movsd", "rep movsq", "rep stosb", "rep stosq",
            "lodsb", "lodsd", "stosw", "cmpsb", "repe cmpsb", "repne cmpsw", "repne scasb", "repe scasd", "scasq",
            "rep lodsb"}) {
            int size = o.endsWith("b") ? 1 : o.endsWith("w") ? 2 : o.endsWith("d") ? 4 : 8;
            boolean rep = o.startsWith("rep");
            long mask = o.contains("cmps") || o.contains("scas") ? ALL : ALL;
            FORMS.add(new Form(nameOf(o), o, s -> mask, (s, m, r) -> {
                boolean down = (s[FL] & Flags.DF) != 0;
                int max = 16 / size;
                if (rep) s[RCX] = r.nextInt(8) == 0 ? 0 : r.nextInt(1, max + 1);
                s[RSI] = BUF + (down ? 16 + r.nextInt(0, 16 - size + 1) : r.nextInt(0, 16 - size + 1));
                s[RDI] = s[RSI] + 32 + (r.nextBoolean() ? 0 : r.nextInt(-2, 3));
                s[RDI] = Math.max(BUF + 32, Math.min(BUF + 48 + (down ? 16 - size : 0), s[RDI]));
                if (r.nextBoolean()) System.arraycopy(m, 0, m, 32, 32);
                if (r.nextBoolean()) m[r.nextInt(64)] ^= 1;
                if (r.nextBoolean()) s[RAX] = getLong(m, (int) (s[RDI] - BUF) + size * r.nextInt(0, 3) & 0x38);
            }, false, true, null));
        }
        FORMS.add(new Form("std", "std", s -> ALL, null, false, true, null));
        FORMS.add(new Form("cld", "cld", s -> ALL, null, false, true, null));
        // idioms gcc emits
        for (String o : new String[] {"xor eax, eax", "sub rax, rax", "sbb eax, eax", "adc rax, 0", "test al, al",
            "cmp byte ptr [rsi], 0", "movabs rax, 0x123456789abcdef0", "push qword ptr [rsi]\npop rax", "imul rax, rax"})
            add(o, o.startsWith("xor") || o.startsWith("test") ? ALL & ~AF : o.startsWith("imul") ? CF | OF : ALL);
        add("rol ax, 8", shiftMask(16, 8, "rol"), null, null);
        add("sar rax, 63", shiftMask(64, 63, "sar"), null, null);
        add("shr rdx, 32", shiftMask(64, 32, "shr"), null, null);
        more();
        sse();
        SseIntForms.all();
        sseFp();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Form f : FORMS)
            if (!names.add(f.name())) throw new IllegalStateException("duplicate form " + f.name());
        return FORMS;
    }

    static Tweak divTweak(String o) {
        boolean signed = o.startsWith("idiv");
        String src = o.substring(o.indexOf(' ') + 1);
        int w = src.contains("[rdi]") ? (src.startsWith("qword") ? 64 : 32) : width(src);
        return (s, m, r) -> {
            long divisor = switch (r.nextInt(10)) {
                case 0 -> 0;
                case 1 -> -1;
                default -> val(r);
            };
            long lo = r.nextInt(8) == 0 ? Long.MIN_VALUE >> (64 - w) : s[RAX];
            if (src.contains("[rdi]")) {
                s[RDI] = BUF + 8 * r.nextInt(0, 8);
                putLong(m, (int) (s[RDI] - BUF), divisor);
            } else {
                int reg = src.equals("rbx") || src.equals("bl") ? RBX : src.equals("ecx") ? RCX : RSI;
                s[reg] = divisor;
            }
            long dv = w == 64 ? divisor : divisor << (64 - w) >> (64 - w);
            long loW = w == 64 ? lo : lo << (64 - w) >> (64 - w);
            long hi = switch (r.nextInt(4)) {
                case 0 -> signed ? loW >> 63 : 0;
                case 1 -> dv == 0 ? 0 : signed ? (loW >> 63) : Long.remainderUnsigned(r.nextLong(), w == 64 ? dv : dv & ((1L << w) - 1));
                case 2 -> signed ? (loW >> 63) : 0;
                default -> val(r);
            };
            if (w == 8) s[RAX] = (s[RAX] & ~0xFFFFL) | (lo & 0xFF) | (hi & 0xFF) << 8;
            else {
                s[RAX] = w == 64 ? lo : (s[RAX] & ~((1L << w) - 1)) | (lo & ((1L << w) - 1));
                s[RDX] = w == 64 ? hi : (s[RDX] & ~((1L << w) - 1)) | (hi & ((1L << w) - 1));
            }
        };
    }

    /** Fills the buffer with doubles (edge values and random) for x87 forms. */
    static final Tweak DOUBLE_MEM = (s, m, r) -> {
        for (int i = 0; i < 8; i++) putLong(m, 8 * i, r.nextInt(4) == 0 ? val(r) : xval(r));
        s[RSI] = BUF + 8 * r.nextInt(0, 4);
        s[RDI] = BUF + 32 + 8 * r.nextInt(0, 2);
    };

    static void more() {
        // CMOVcc r32 zero-extends the destination even when the condition is false
        for (String cc : CC) add("cmov" + cc + " ecx, edx", ALL);
        for (String cc : new String[] {"b", "e", "l", "g"}) add("set" + cc + " byte ptr [rdi+1]", ALL);
        // register aliasing
        for (String o : new String[] {"xadd rbx, rbx", "cmpxchg rbx, rbx", "shld rax, rax, cl", "bt rcx, rcx", "movzx eax, al",
            "movsx rax, al", "xchg rcx, rcx", "imul ecx, ecx, -1", "lea rax, [rax+rax*2]", "lea eax, [ebx+ecx*8+0x7fffffff]",
            "neg byte ptr [rsi]", "not word ptr [rsi]", "xadd qword ptr [rsi], rax", "xchg byte ptr [rdi], ah",
            "push -1\npop rax", "push 0x12345678\npop rcx", "push ax\npop bx", "imul si, word ptr [rsi], -2",
            "popcnt si, bx", "bsf cx, word ptr [rsi]", "movzx eax, byte ptr [rsi+1]", "lodsq", "lodsw", "stosd",
            "rep stosw", "rep movsw", "movsw", "scasw"})
            add(o, o.contains("xadd") || o.contains("cmpxchg") || o.startsWith("neg") ? s -> ALL
                : o.startsWith("shld") ? shiftMask(64, -1, "shld") : o.startsWith("bt") ? s -> CF | ZF
                : o.startsWith("imul") ? s -> CF | OF : o.startsWith("popcnt") ? s -> ALL : o.startsWith("bsf") ? s -> ZF : s -> ALL,
                o.startsWith("shld") ? CL : o.contains("sw") || o.contains("sd") || o.contains("sq") ? (st, m, r) -> {
                    st[RCX] = r.nextInt(0, 8);
                    st[RSI] = BUF + r.nextInt(0, 16);
                    st[RDI] = BUF + 32 + r.nextInt(0, 16);
                } : null, o.startsWith("popcnt") ? "popcnt" : null);
        // faults: the signal must match (#UD -> SIGILL, #GP/#PF -> SIGSEGV, #BP -> SIGTRAP)
        for (String o : new String[] {"ud2", "hlt", "int3", "mov rax, qword ptr [8]", "xlatb", "lock cmpxchg8b qword ptr [rsi]",
            "movsx eax, byte ptr [rsi]", "div byte ptr [rsi]", "sahf\nlahf", "imul rax, qword ptr [rsi], -0x80000000"})
            add(o, o.startsWith("div") ? s -> 0 : o.startsWith("imul") ? s -> CF | OF : s -> ALL,
                o.startsWith("xlat") ? (st, m, r) -> st[RBX] = BUF + r.nextInt(0, 64) - (st[RAX] & 0xFF) % 64 : null,
                o.contains("cmpxchg8b") ? "cx8" : null);
        for (String o : new String[] {"movddup xmm1, xmm2", "haddpd xmm1, xmm2", "haddps xmm1, xmm2", "addsubpd xmm1, xmm2",
            "movshdup xmm1, xmm2", "lddqu xmm1, xmmword ptr [rsi]"})
            add(o, s -> ALL, null, "pni");
        // BMI1/BMI2/ADX/MOVBE/CRC32 (gcc -march=native); AF/PF (and SF for BEXTR) undefined where noted
        add("andn rax, rbx, rcx", s -> ALL & ~(AF | PF), null, "bmi1");
        add("andn eax, ebx, ecx", s -> ALL & ~(AF | PF), null, "bmi1");
        add("blsi rax, rbx", s -> ALL & ~(AF | PF), null, "bmi1");
        add("blsr ecx, edx", s -> ALL & ~(AF | PF), null, "bmi1");
        add("blsmsk rax, rbx", s -> ALL & ~(AF | PF), null, "bmi1");
        add("bextr rax, rbx, rcx", s -> ALL & ~(AF | PF | SF), null, "bmi1");
        add("bzhi rax, rbx, rcx", s -> ALL & ~(AF | PF), null, "bmi2");
        add("shlx rax, rbx, rcx", s -> ALL, null, "bmi2");
        add("sarx eax, ebx, ecx", s -> ALL, null, "bmi2");
        add("shrx rax, qword ptr [rsi], rcx", s -> ALL, null, "bmi2");
        add("rorx rax, rbx, 13", s -> ALL, null, "bmi2");
        add("mulx rax, rcx, rbx", s -> ALL, null, "bmi2");
        add("pdep rax, rbx, rcx", s -> ALL, null, "bmi2");
        add("pext rax, rbx, rcx", s -> ALL, null, "bmi2");
        add("adcx rax, rbx", s -> ALL, null, "adx");
        add("adox rax, rbx", s -> ALL, null, "adx");
        add("movbe eax, dword ptr [rsi]", s -> ALL, null, "movbe");
        add("movbe qword ptr [rdi], rcx", s -> ALL, null, "movbe");
        add("crc32 eax, bl", s -> ALL, null, "sse4_2");
        add("crc32 rax, qword ptr [rsi]", s -> ALL, null, "sse4_2");
        add("lock cmpxchg16b xmmword ptr [rsi]", s -> ALL, (s, m, r) -> {
            if (r.nextBoolean()) {
                int o = (int) (s[RSI] - BUF) & 0x30;
                s[RAX] = getLong(m, o);
                s[RDX] = getLong(m, o + 8);
            }
        }, "cx16");
        // x87 through memory (the x87 stack itself is not in the compared state; each snippet is balanced)
        for (String o : new String[] {"fld qword ptr [rsi]\nfstp qword ptr [rdi]", "fld dword ptr [rsi]\nfstp qword ptr [rdi]",
            "fld qword ptr [rsi]\nfstp dword ptr [rdi]", "fld qword ptr [rsi]\nfadd qword ptr [rsi+8]\nfstp qword ptr [rdi]",
            "fld qword ptr [rsi]\nfmul qword ptr [rsi+8]\nfstp qword ptr [rdi]",
            "fld qword ptr [rsi]\nfdiv qword ptr [rsi+8]\nfstp qword ptr [rdi]",
            "fld qword ptr [rsi]\nfsub qword ptr [rsi+8]\nfstp qword ptr [rdi]", "fld qword ptr [rsi]\nfsqrt\nfstp qword ptr [rdi]",
            "fld qword ptr [rsi]\nfabs\nfchs\nfstp qword ptr [rdi]", "fild qword ptr [rsi]\nfstp qword ptr [rdi]",
            "fild dword ptr [rsi]\nfstp tbyte ptr [rdi]", "fld qword ptr [rsi]\nfistp qword ptr [rdi]",
            "fld qword ptr [rsi]\nfisttp qword ptr [rdi]", "fld qword ptr [rsi]\nfistp dword ptr [rdi]",
            "fld qword ptr [rsi]\nfld qword ptr [rsi+8]\nfmulp\nfstp tbyte ptr [rdi]",
            "fld qword ptr [rsi]\nfld qword ptr [rsi+8]\nfdivp\nfstp qword ptr [rdi]",
            "fld qword ptr [rsi]\nfld qword ptr [rsi+8]\nfucomip st, st(1)\nfstp st(0)",
            "fld qword ptr [rsi]\nfrndint\nfstp qword ptr [rdi]", "fld1\nfldpi\nfaddp\nfstp tbyte ptr [rdi]",
            "fld qword ptr [rsi]\nfld st(0)\nfmulp\nfstp qword ptr [rdi]", "fldz\nfstp qword ptr [rdi]"})
            add(o, s -> o.contains("fucomip") ? ZF | PF | CF : ALL, DOUBLE_MEM, null);
    }

    static void sse() {
        for (String o : new String[] {"movd xmm1, eax", "movd eax, xmm1", "movq xmm1, rax", "movq rax, xmm1", "movq xmm1, xmm2",
            "movq xmm1, qword ptr [rsi]", "movd xmm1, dword ptr [rsi]", "movq qword ptr [rdi], xmm2"})
            add(o, ALL);
        for (String op : new String[] {"pxor", "pand", "por", "pandn", "paddb", "paddw", "paddd", "paddq", "psubb", "psubw",
            "psubd", "psubq", "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd", "pminub", "pmaxub", "pminsw",
            "pmaxsw", "punpcklbw", "punpcklwd", "punpckldq", "punpcklqdq", "punpckhbw", "punpckhwd", "punpckhdq",
            "punpckhqdq", "packsswb", "packuswb", "packssdw", "paddusb", "psubusb", "paddsw", "pmullw", "pmulhw", "pmuludq",
            "pavgb", "psadbw", "addsd", "subsd", "mulsd", "divsd", "sqrtsd", "minsd", "maxsd", "addss", "subss", "mulss",
            "divss", "sqrtss", "minss", "maxss", "andpd", "xorpd", "andnpd", "orpd", "andps", "xorps", "unpcklpd", "unpckhpd",
            "unpcklps", "addpd", "mulpd", "addps", "cvtss2sd", "cvtsd2ss", "cvtdq2pd", "cvttpd2dq", "cvtdq2ps", "cvttps2dq",
            "movsd", "movss", "movapd", "movaps", "movdqa"})
            add(op + " xmm1, xmm2", ALL);
        add("paddd xmm9, xmm15", ALL);
        add("pxor xmm3, xmm3", ALL);
        add("pcmpeqb xmm0, xmm0", ALL);
        add("addsd xmm1, qword ptr [rsi]", ALL);
        add("paddb xmm1, xmmword ptr [rsi]", ALL); // #GP (SIGSEGV) when misaligned
        add("pmovmskb eax, xmm1", ALL);
        add("pshufd xmm1, xmm2, 0x1b", ALL);
        add("pshuflw xmm1, xmm2, 0xb1", ALL);
        add("pshufhw xmm1, xmm2, 0x4e", ALL);
        for (String o : new String[] {"pslldq xmm1, 5", "psrldq xmm1, 3", "psrldq xmm1, 17", "psllw xmm1, 3", "psllw xmm1, 17",
            "pslld xmm1, 7", "psllq xmm1, 33", "psrlw xmm1, 9", "psrld xmm1, 31", "psrlq xmm1, 1", "psraw xmm1, 4",
            "psraw xmm1, 20", "psrad xmm1, 31", "psrad xmm1, 40"})
            add(o, ALL);
        for (String o : new String[] {"cvtsi2sd xmm1, rax", "cvtsi2sd xmm1, eax", "cvtsi2ss xmm1, rax", "cvtsi2ss xmm1, eax",
            "cvttsd2si rax, xmm1", "cvttsd2si eax, xmm1", "cvtsd2si rax, xmm1", "cvtsd2si eax, xmm1", "cvttss2si eax, xmm1",
            "cvttss2si rax, xmm1", "cvtss2si eax, xmm1", "cvtsi2sd xmm1, qword ptr [rsi]"})
            add(o, ALL);
        // UCOMIS/COMIS: ZF, PF, CF from the compare; OF, SF, AF cleared
        for (String o : new String[] {"ucomisd xmm1, xmm2", "comisd xmm1, xmm2", "ucomiss xmm1, xmm2", "comiss xmm1, xmm2",
            "ucomisd xmm1, qword ptr [rsi]"})
            add(o, ALL);
        for (String o : new String[] {"shufpd xmm1, xmm2, 1", "shufpd xmm1, xmm2, 2", "shufps xmm1, xmm2, 0x1b",
            "shufps xmm1, xmm2, 0xe4", "movsd xmm1, qword ptr [rsi]", "movsd qword ptr [rsi], xmm1", "movss xmm1, dword ptr [rsi]",
            "movss dword ptr [rdi], xmm2", "movapd xmm1, xmmword ptr [rsi]", "movdqu xmm1, xmmword ptr [rsi]",
            "movdqu xmmword ptr [rdi], xmm3", "movups xmm4, xmmword ptr [rsi]", "movhpd xmm1, qword ptr [rsi]",
            "movlpd xmm1, qword ptr [rsi]", "movhlps xmm1, xmm2", "movlhps xmm1, xmm2", "movmskpd eax, xmm1",
            "movmskps eax, xmm1", "cmpltsd xmm1, xmm2", "cmpunordsd xmm1, xmm2", "cmpeqps xmm1, xmm2",
            "cmpeqsd xmm1, xmm2", "cmplesd xmm1, xmm2", "cmpneqsd xmm1, xmm2", "cmpnltsd xmm1, xmm2", "cmpnlesd xmm1, xmm2",
            "cmpordsd xmm1, xmm2", "cmpltss xmm1, xmm2", "cmplepd xmm1, xmm2", "pinsrw xmm1, eax, 5", "pextrw eax, xmm1, 6",
            "pinsrw xmm1, word ptr [rsi], 0", "psllw xmm1, xmm2", "pslld xmm1, xmm2", "psllq xmm1, xmm2", "psrlw xmm1, xmm2",
            "psrld xmm1, xmm2", "psrlq xmm1, xmm2", "psraw xmm1, xmm2", "psrad xmm1, xmm2", "pmaddwd xmm1, xmm2",
            "pmulhuw xmm1, xmm2", "psubsb xmm1, xmm2", "psubsw xmm1, xmm2", "paddsb xmm1, xmm2", "paddusw xmm1, xmm2",
            "psubusw xmm1, xmm2", "pavgw xmm1, xmm2", "cvtps2pd xmm1, xmm2", "cvtpd2ps xmm1, xmm2", "cvtps2dq xmm1, xmm2",
            "cvtpd2dq xmm1, xmm2", "maxpd xmm1, xmm2", "minpd xmm1, xmm2", "sqrtpd xmm1, xmm2", "divpd xmm1, xmm2",
            "subpd xmm1, xmm2", "maxps xmm1, xmm2", "minps xmm1, xmm2", "sqrtps xmm1, xmm2", "divps xmm1, xmm2",
            "subps xmm1, xmm2", "mulps xmm1, xmm2", "andnps xmm1, xmm2", "orps xmm1, xmm2", "unpckhps xmm1, xmm2",
            "movhps xmm1, qword ptr [rsi]", "movlps qword ptr [rdi], xmm2", "movd dword ptr [rdi], xmm3",
            "cvtss2sd xmm1, dword ptr [rsi]", "cvttsd2si eax, qword ptr [rsi]", "punpcklbw xmm1, xmmword ptr [rsi]",
            "mulsd xmm1, qword ptr [rsi]", "ucomiss xmm1, dword ptr [rsi]", "cvtsd2ss xmm1, qword ptr [rsi]",
            "pshufb xmm1, xmm2", "palignr xmm1, xmm2, 5", "pabsd xmm1, xmm2", "pmulhrsw xmm1, xmm2"})
            add(o, s -> ALL, null, o.startsWith("pshufb") || o.startsWith("palignr") || o.startsWith("pabs") || o.startsWith("pmulhrsw") ? "ssse3" : null);
        for (String o : new String[] {"pminsd xmm1, xmm2", "pmaxud xmm1, xmm2", "pmulld xmm1, xmm2", "pcmpeqq xmm1, xmm2",
            "pmovzxbw xmm1, xmm2", "pmovsxdq xmm1, xmm2", "pextrd eax, xmm1, 2", "pinsrq xmm1, rax, 1", "ptest xmm1, xmm2",
            "roundsd xmm1, xmm2, 1", "roundsd xmm1, xmm2, 11", "roundps xmm1, xmm2, 0", "blendvpd xmm1, xmm2, xmm0",
            "pblendw xmm1, xmm2, 0x5a", "pcmpgtq xmm1, xmm2", "pextrb eax, xmm1, 9", "insertps xmm1, xmm2, 0x5c",
            "dppd xmm1, xmm2, 0x31", "packusdw xmm1, xmm2", "pminuw xmm1, xmm2"})
            add(o, s -> o.startsWith("ptest") ? ZF | CF | OF | SF | AF | PF : ALL, null, o.startsWith("pcmpgtq") ? "sse4_2" : "sse4_1");
    }

    /** Adds a form unless an earlier table already has it (its states get a random MXCSR too). */
    static void addNew(String asm, ToLongFunction<long[]> mask, Tweak t, String cpuFlag) {
        String name = nameOf(asm);
        if (FORMS.stream().noneMatch(f -> f.name().equals(name))) add(asm, mask, t, cpuFlag);
    }

    /** SSE floating point under random MXCSR (masked), and forms whose states unmask exceptions (#XM). */
    static void sseFp() {
        for (String o : new String[] {"addsd xmm1, qword ptr [rsi]", "subsd xmm1, qword ptr [rsi]", "divsd xmm1, qword ptr [rsi]",
            "sqrtsd xmm1, qword ptr [rsi]", "addss xmm1, dword ptr [rsi]", "mulss xmm1, dword ptr [rsi]",
            "minsd xmm1, qword ptr [rsi]", "cmpltpd xmm1, xmm2", "cmpunordps xmm1, xmm2", "cmpnleps xmm1, xmm2",
            "cmpneqss xmm1, xmm2", "cmpordpd xmm1, xmm2", "cmpeqpd xmm1, xmm2", "comiss xmm1, dword ptr [rsi]",
            "cvtss2si rax, xmm1", "cvtsd2si eax, qword ptr [rsi]", "cvttss2si eax, dword ptr [rsi]", "cvtsi2ss xmm1, qword ptr [rsi]",
            "cvtsi2sd xmm1, dword ptr [rsi]", "cvtps2pd xmm1, qword ptr [rsi]",
            "addsubps xmm1, xmm2", "hsubpd xmm1, xmm2", "hsubps xmm1, xmm2", "haddpd xmm1, xmmword ptr [rsi]"})
            addNew(o, s -> ALL, null, o.startsWith("h") || o.startsWith("addsub") ? "pni" : null);
        for (String o : new String[] {"dpps xmm1, xmm2, 0xff", "dpps xmm1, xmm2, 0x31", "dpps xmm1, xmm2, 0xf1", "dpps xmm1, xmm2, 0x7e",
            "dpps xmm1, xmm2, 0x5a", "dppd xmm1, xmm2, 0x33", "dppd xmm1, xmm2, 0x12", "dppd xmm1, xmm2, 0xf3",
            "roundsd xmm1, xmm2, 0", "roundsd xmm1, xmm2, 2", "roundsd xmm1, xmm2, 3", "roundsd xmm1, xmm2, 4",
            "roundsd xmm1, xmm2, 8", "roundsd xmm1, xmm2, 12", "roundss xmm1, xmm2, 1", "roundss xmm1, xmm2, 4",
            "roundss xmm1, xmm2, 10", "roundpd xmm1, xmm2, 2", "roundpd xmm1, xmm2, 13", "roundps xmm1, xmm2, 3",
            "roundps xmm1, xmm2, 12", "roundsd xmm1, qword ptr [rsi], 9"})
            addNew(o, s -> ALL, null, "sse4_1");
        // exceptions unmasked: #XM (SIGFPE) exactly when the host raises it, with the same MXCSR
        for (String o : new String[] {"addsd xmm1, xmm2", "subsd xmm1, xmm2", "mulsd xmm1, xmm2", "divsd xmm1, xmm2",
            "sqrtsd xmm1, xmm2", "addss xmm1, xmm2", "mulss xmm1, xmm2", "divss xmm1, xmm2", "sqrtss xmm1, xmm2",
            "addpd xmm1, xmm2", "mulpd xmm1, xmm2", "divpd xmm1, xmm2", "addps xmm1, xmm2", "mulps xmm1, xmm2", "divps xmm1, xmm2",
            "sqrtps xmm1, xmm2", "minsd xmm1, xmm2", "maxps xmm1, xmm2", "cmpltsd xmm1, xmm2", "cmpeqps xmm1, xmm2",
            "comisd xmm1, xmm2", "ucomiss xmm1, xmm2", "cvtsd2ss xmm1, xmm2", "cvtss2sd xmm1, xmm2", "cvtpd2ps xmm1, xmm2",
            "cvtsd2si rax, xmm1", "cvttss2si eax, xmm1", "cvtsi2ss xmm1, rax", "cvtdq2ps xmm1, xmm2", "cvtps2dq xmm1, xmm2"})
            addNew(o + " # xm", s -> ALL, UNMASK, null);
        for (String o : new String[] {"haddpd xmm1, xmm2", "addsubps xmm1, xmm2"})
            addNew(o + " # xm", s -> ALL, UNMASK, "pni");
        for (String o : new String[] {"dpps xmm1, xmm2, 0xff", "dppd xmm1, xmm2, 0x31", "roundsd xmm1, xmm2, 4", "roundps xmm1, xmm2, 1"})
            addNew(o + " # xm", s -> ALL, UNMASK, "sse4_1");
        // LDMXCSR / STMXCSR: any value, sometimes with reserved bits (#GP)
        add("ldmxcsr dword ptr [rsi]\nstmxcsr dword ptr [rdi]", s -> ALL, (s, m, r) -> {
            s[RSI] = BUF + 4 * r.nextInt(0, 8);
            s[RDI] = BUF + 32 + 4 * r.nextInt(0, 8);
            long v = r.nextInt(0x10000);
            if (r.nextInt(4) == 0) v |= 1L << (16 + r.nextInt(16)) & ~(1L << 17);   // bit 17: AMD's MM, see Mxcsr
            for (int i = 0; i < 4; i++) m[(int) (s[RSI] - BUF) + i] = (byte) (v >>> 8 * i);
        }, null);
        add("ldmxcsr dword ptr [rsi]\naddsd xmm1, xmm2\nmulps xmm3, xmm4\nstmxcsr dword ptr [rdi]", s -> ALL, (s, m, r) -> {
            s[RSI] = BUF;
            s[RDI] = BUF + 32;
            long v = mxcsr(r, false);
            for (int i = 0; i < 4; i++) m[i] = (byte) (v >>> 8 * i);
        }, null);
    }
}
