package org.jx86.tests.insn;

import static org.jx86.tests.insn.InsnDifferentialTest.BUF;
import static org.jx86.tests.insn.InsnDifferentialTest.X0;
import static org.jx86.tests.insn.InsnForms.ALL;
import static org.jx86.tests.insn.InsnForms.EDGES;
import static org.jx86.tests.insn.InsnForms.RAX;
import static org.jx86.tests.insn.InsnForms.RDX;
import static org.jx86.tests.insn.InsnForms.RSI;

import java.util.SplittableRandom;
import org.jx86.tests.insn.InsnForms.Tweak;

/**
 * Forms for the SSE3/SSSE3/SSE4.1/SSE4.2 integer and data-movement instructions: register
 * and memory forms of each, the MMX forms of SSSE3 (moved through GPRs, since the compared
 * state has no MMX registers), several imm8 values for the imm forms, and for
 * PCMPxSTRx every combination of the imm8 mode bits 6:0 (spread over the four
 * instructions) with strings built to match, contain zero elements, and have lengths in
 * EAX/EDX of every range.
 */
final class SseIntForms {
    private SseIntForms() {}

    static void add(String asm, String cpuFlag) { InsnForms.add(asm, s -> ALL, null, cpuFlag); }

    static void add(String asm, Tweak t, String cpuFlag) { InsnForms.add(asm, s -> ALL, t, cpuFlag); }

    static void all() {
        sse3();
        ssse3();
        sse41();
        sse42();
    }

    static void sse3() {
        for (String o : new String[] {"movddup xmm3, qword ptr [rsi]", "movddup xmm9, xmm9", "movshdup xmm2, xmmword ptr [rsi]",
            "movshdup xmm10, xmm3", "movsldup xmm1, xmm2", "movsldup xmm4, xmmword ptr [rsi]", "lddqu xmm5, xmmword ptr [rdi+3]",
            "lddqu xmm12, xmmword ptr [rsi]"})
            add(o, "pni");
    }

    static final String[] SSSE3 = {"pshufb", "phaddw", "phaddd", "phaddsw", "phsubw", "phsubd", "phsubsw", "psignb",
        "psignw", "psignd", "pabsb", "pabsw", "pabsd", "pmaddubsw", "pmulhrsw"};

    static void ssse3() {
        for (String op : SSSE3) {
            add(op + " xmm3, xmm4", "ssse3");
            add(op + " xmm5, xmmword ptr [rsi]", "ssse3");
            add(op + " xmm11, xmm11", "ssse3");
            add("movq mm0, rax\nmovq mm1, rbx\n" + op + " mm0, mm1\nmovq rax, mm0\nemms", "ssse3");
            add("movq mm2, rcx\n" + op + " mm2, qword ptr [rsi]\nmovq rcx, mm2\nemms", "ssse3");
        }
        for (int imm : new int[] {0, 1, 7, 8, 15, 16, 17, 24, 31, 32, 0x80, 0xff})
            add("palignr xmm3, xmm4, " + imm, "ssse3");
        add("palignr xmm5, xmmword ptr [rsi], 9", "ssse3");
        add("palignr xmm6, xmm6, 4", "ssse3");
        for (int imm : new int[] {0, 3, 7, 8, 9, 15, 16, 0xff})
            add("movq mm0, rax\nmovq mm1, rbx\npalignr mm0, mm1, " + imm + "\nmovq rax, mm0\nemms", "ssse3");
        add("movq mm3, rdx\npalignr mm3, qword ptr [rsi], 5\nmovq rdx, mm3\nemms", "ssse3");
    }

    static final String[] SSE41_BINARY = {"pminsb", "pminsd", "pminuw", "pminud", "pmaxsb", "pmaxsd", "pmaxuw", "pmaxud",
        "pmulld", "pmuldq", "pcmpeqq", "packusdw", "phminposuw", "ptest"};

    static void sse41() {
        String[][] ext = {{"bw", "qword"}, {"bd", "dword"}, {"bq", "word"}, {"wd", "qword"}, {"wq", "dword"}, {"dq", "qword"}};
        for (String zs : new String[] {"zx", "sx"})
            for (String[] e : ext) {
                add("pmov" + zs + e[0] + " xmm3, xmm4", "sse4_1");
                add("pmov" + zs + e[0] + " xmm13, " + e[1] + " ptr [rsi+1]", "sse4_1");
            }
        for (String op : SSE41_BINARY) {
            add(op + " xmm3, xmm4", op.equals("ptest") ? PTEST : null, "sse4_1");
            add(op + " xmm5, xmmword ptr [rsi]", op.equals("ptest") ? PTEST : null, "sse4_1");
        }
        add("ptest xmm7, xmm7", "sse4_1");
        for (String o : new String[] {"pinsrb xmm1, eax, 0", "pinsrb xmm2, ecx, 7", "pinsrb xmm3, edx, 8", "pinsrb xmm4, ebx, 15",
            "pinsrb xmm5, eax, 0x1d", "pinsrb xmm6, byte ptr [rsi], 3", "pinsrb xmm14, r9d, 12",
            "pinsrd xmm1, ecx, 0", "pinsrd xmm2, edx, 1", "pinsrd xmm3, eax, 3", "pinsrd xmm4, ebx, 6",
            "pinsrd xmm5, dword ptr [rsi], 2", "pinsrq xmm3, rdx, 0", "pinsrq xmm4, rcx, 3", "pinsrq xmm5, qword ptr [rsi], 1",
            "pinsrq xmm15, r8, 0",
            "pextrb ecx, xmm2, 0", "pextrb edx, xmm3, 15", "pextrb eax, xmm4, 0x13", "pextrb rdx, xmm5, 5",
            "pextrb byte ptr [rdi], xmm2, 14", "pextrb r10d, xmm12, 8",
            "pextrw word ptr [rdi], xmm1, 5", "pextrw word ptr [rsi+7], xmm9, 0x0b",
            ".byte 0x66, 0x0f, 0x3a, 0x15, 0xc8, 0x03", ".byte 0x66, 0x48, 0x0f, 0x3a, 0x15, 0xd3, 0x06",
            "pextrd ecx, xmm5, 3", "pextrd edx, xmm2, 0", "pextrd ebx, xmm3, 5", "pextrd dword ptr [rdi+4], xmm2, 1",
            "pextrq rax, xmm1, 0", "pextrq rcx, xmm2, 1", "pextrq qword ptr [rdi], xmm3, 1", "pextrq r11, xmm11, 2",
            "extractps eax, xmm1, 0", "extractps ecx, xmm2, 1", "extractps edx, xmm3, 3", "extractps dword ptr [rdi], xmm2, 2",
            "extractps rax, xmm3, 1"})
            add(o, "sse4_1");
        for (int imm : new int[] {0x00, 0xff, 0x30, 0xc0, 0x0f, 0x4a, 0x93, 0xe1, 0x10, 0x65})
            add("insertps xmm1, xmm2, " + imm, "sse4_1");
        add("insertps xmm3, xmm3, 0x9c", "sse4_1");
        add("insertps xmm3, dword ptr [rsi], 0xd6", "sse4_1");
        add("insertps xmm4, dword ptr [rsi+2], 0x20", "sse4_1");
        for (int imm : new int[] {0, 5, 0xa, 0xf, 0xf3})
            add("blendps xmm1, xmm2, " + imm, "sse4_1");
        add("blendps xmm3, xmmword ptr [rsi], 6", "sse4_1");
        for (int imm : new int[] {0, 1, 2, 3, 0xfe})
            add("blendpd xmm1, xmm2, " + imm, "sse4_1");
        add("blendpd xmm3, xmmword ptr [rsi], 2", "sse4_1");
        for (int imm : new int[] {0x00, 0xff, 0xa5, 0x81, 0x3c})
            add("pblendw xmm1, xmm2, " + imm, "sse4_1");
        add("pblendw xmm3, xmmword ptr [rsi], 0x96", "sse4_1");
        for (String op : new String[] {"blendvps", "blendvpd", "pblendvb"}) {
            add(op + " xmm3, xmm4, xmm0", "sse4_1");
            add(op + " xmm5, xmmword ptr [rsi], xmm0", "sse4_1");
            add(op + " xmm0, xmm6, xmm0", "sse4_1");
            add(op + " xmm7, xmm0, xmm0", "sse4_1");
        }
        for (int imm = 0; imm < 8; imm++)
            add("mpsadbw xmm1, xmm2, " + imm, "sse4_1");
        add("mpsadbw xmm3, xmmword ptr [rsi], 5", "sse4_1");
        add("mpsadbw xmm4, xmm4, 0xfa", "sse4_1");
        add("movntdqa xmm1, xmmword ptr [rsi]", "sse4_1");
        add("movntdqa xmm13, xmmword ptr [rdi]", "sse4_1");
    }

    /** PTEST: often make the second operand a subset, the complement's subset, zero or equal, so ZF and CF vary. */
    static final Tweak PTEST = (s, m, r) -> {
        int k = r.nextInt(5);
        for (int h = 0; h < 2; h++) {
            long a = s[X0 + 6 + h], v = r.nextLong();
            long b = switch (k) {
                case 0 -> a & v;
                case 1 -> ~a & v;
                case 2 -> 0;
                case 3 -> a;
                default -> s[X0 + 8 + h];
            };
            s[X0 + 8 + h] = b;
            long off = s[RSI] - BUF;
            if (off >= 0 && off <= 48) InsnForms.putLong(m, (int) off + 8 * h, b);
            s[X0 + 10 + h] = s[X0 + 6 + h];
        }
    };

    // ---- SSE4.2

    static void sse42() {
        add("pcmpgtq xmm3, xmm4", "sse4_2");
        add("pcmpgtq xmm5, xmmword ptr [rsi]", "sse4_2");
        add("pcmpgtq xmm6, xmm6", "sse4_2");
        String[] ops = {"pcmpestri", "pcmpestrm", "pcmpistri", "pcmpistrm"};
        // Every imm8[6:0]: the four instructions share the comparison, so each takes the 32 modes
        // with (format + aggregation + polarity + 2 * imm[6]) % 4 == its number, which gives each
        // instruction every format, aggregation, polarity and both imm[6] values.
        for (int imm = 0; imm < 128; imm++) {
            int k = ((imm & 3) + (imm >> 2 & 3) + (imm >> 4 & 3) + 2 * (imm >> 6 & 1)) & 3;
            add(ops[k] + " xmm1, xmm2, 0x" + Integer.toHexString(imm), strings(1, 2, imm, false), "sse4_2");
        }
        for (String op : ops) {
            // imm[7] is reserved: the CPU ignores it
            add(op + " xmm1, xmm2, 0x8d", strings(1, 2, 0x8d, false), "sse4_2");
            for (int imm : new int[] {0x0c, 0x45, 0x1a, 0x73})
                add(op + " xmm1, xmmword ptr [rsi], 0x" + Integer.toHexString(imm), strings(1, -1, imm, true), "sse4_2");
            add(op + " xmm9, xmm14, 0x" + Integer.toHexString(0x44), strings(9, 14, 0x44, false), "sse4_2");
            add(op + " xmm0, xmm3, 0x" + Integer.toHexString(0x08), strings(0, 3, 0x08, false), "sse4_2");
        }
        // REX.W: the explicit lengths are RAX and RDX instead of EAX and EDX
        for (int imm : new int[] {0x00, 0x0d, 0x18, 0x4e, 0x31, 0x7c})
            for (String op : new String[] {"pcmpestri", "pcmpestrm"}) {
                int opc = op.endsWith("i") ? 0x61 : 0x60;
                add(String.format(".byte 0x66, 0x48, 0x0f, 0x3a, 0x%02x, 0xca, 0x%02x # %sq xmm1, xmm2, 0x%x", opc, imm, op, imm),
                    strings(1, 2, imm, false), "sse4_2");
            }
    }

    /**
     * Operands for a string compare in xmm{@code xa} and xmm{@code xb} (or memory at RSI when
     * {@code mem}): random or few-letter strings (so equal-any, ranges and substring matches
     * happen), a as a piece of b, range pairs, zero elements at random positions, and lengths
     * in RAX/RDX from every range: 0..n+1, negative, beyond 16, 32-bit edges, random upper bits.
     */
    static Tweak strings(int xa, int xb, int imm, boolean mem) {
        boolean words = (imm & 1) != 0;
        int n = words ? 8 : 16, width = words ? 16 : 8;
        long elemMask = words ? 0xFFFF : 0xFF;
        return (s, m, r) -> {
            long[] letters = new long[r.nextInt(1, 7)];
            for (int i = 0; i < letters.length; i++) letters[i] = letter(r, words);
            int style = r.nextInt(6);
            long[] a = new long[n], b = new long[n];
            for (int i = 0; i < n; i++) {
                b[i] = style == 0 ? r.nextLong() & elemMask : letters[r.nextInt(letters.length)];
                a[i] = style == 0 ? r.nextLong() & elemMask : letters[r.nextInt(letters.length)];
            }
            if (style == 2 || style == 3) { // a is a piece of b (equal ordered, equal each)
                int from = r.nextInt(n), shift = style == 2 ? r.nextInt(-from, n - from) : 0;
                for (int i = from; i < n; i++) if (i + shift >= 0 && i + shift < n) a[i - from] = b[i + shift];
                if (r.nextBoolean()) a[r.nextInt(n)] = letters[r.nextInt(letters.length)];
            }
            if (style == 4) // ranges: pairs lo <= hi in either signedness, sometimes reversed
                for (int i = 0; i + 1 < n; i += 2) {
                    long x = letters[r.nextInt(letters.length)], y = letters[r.nextInt(letters.length)];
                    a[i] = r.nextInt(4) == 0 ? Math.max(x, y) : Math.min(x, y);
                    a[i + 1] = a[i] == x ? y : x;
                }
            for (long[] str : new long[][] {a, b}) {
                int zeros = r.nextInt(4) == 0 ? 0 : r.nextInt(3);
                for (int z = 0; z < zeros; z++) str[r.nextInt(n)] = 0;
            }
            long aLo = 0, aHi = 0, bLo = 0, bHi = 0;
            int per = n / 2;
            for (int i = 0; i < n; i++) {
                int sh = width * (i % per);
                if (i < per) {
                    aLo |= a[i] << sh;
                    bLo |= b[i] << sh;
                } else {
                    aHi |= a[i] << sh;
                    bHi |= b[i] << sh;
                }
            }
            s[X0 + 2 * xa] = aLo;
            s[X0 + 2 * xa + 1] = aHi;
            if (mem) {
                s[RSI] = BUF + r.nextInt(0, 49);
                InsnForms.putLong(m, (int) (s[RSI] - BUF), bLo);
                InsnForms.putLong(m, (int) (s[RSI] - BUF) + 8, bHi);
            } else {
                s[X0 + 2 * xb] = bLo;
                s[X0 + 2 * xb + 1] = bHi;
            }
            s[RAX] = length(r, n);
            s[RDX] = length(r, n);
        };
    }

    static long letter(SplittableRandom r, boolean words) {
        long[] edge = words ? new long[] {1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x41, 0x7A}
            : new long[] {1, 0x7F, 0x80, 0xFF, 0x41, 0x61, 0x7A, 0x30, 0x20};
        return r.nextInt(3) == 0 ? edge[r.nextInt(edge.length)] : r.nextLong(words ? 0x10000 : 0x100);
    }

    static long length(SplittableRandom r, int n) {
        return switch (r.nextInt(9)) {
            case 0, 1, 2 -> r.nextInt(0, n + 2);
            case 3 -> -r.nextInt(1, n + 3);
            case 4 -> r.nextInt(n + 2, 200);
            case 5 -> EDGES[r.nextInt(EDGES.length)];
            case 6 -> (r.nextLong() & 0xFFFF_FFFF_0000_0000L) | (r.nextInt(-n - 2, n + 3) & 0xFFFF_FFFFL);
            case 7 -> r.nextBoolean() ? -r.nextLong(1, Long.MAX_VALUE) : r.nextLong(1, Long.MAX_VALUE);
            default -> r.nextLong();
        };
    }
}
