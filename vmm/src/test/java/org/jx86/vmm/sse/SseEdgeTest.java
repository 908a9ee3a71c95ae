package org.jx86.vmm.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * SSE helpers against straightforward array-based references on random inputs, and the x86
 * edge cases (NaN propagation, MIN/MAX zeros, integer indefinite, saturation, rounding
 * modes). Runs without the host oracle.
 */
class SseEdgeTest {
    static final long SEED = 0xED6EL;

    /** Applies op lane by lane (width 8/16/32 bits, lanes given as signed values). */
    static long ref(long a, long b, int width, IntBinaryOperator op) {
        long r = 0, mask = width == 64 ? -1L : (1L << width) - 1;
        for (int i = 0; i < 64; i += width) {
            int x = (int) (a << (64 - width - i) >> (64 - width)), y = (int) (b << (64 - width - i) >> (64 - width));
            r |= (op.applyAsInt(x, y) & mask) << i;
        }
        return r;
    }

    static void check(String name, LongBinaryOperator f, int width, IntBinaryOperator op) {
        SplittableRandom r = new SplittableRandom(SEED ^ name.hashCode());
        for (int n = 0; n < 5000; n++) {
            long a = r.nextLong(), b = n % 7 == 0 ? a : r.nextLong();
            assertEquals(Long.toHexString(ref(a, b, width, op)), Long.toHexString(f.applyAsLong(a, b)), name);
        }
    }

    static int u(int x, int width) { return x & ((1 << width) - 1); }

    @Test
    void integerLanesAgainstReference() {
        check("paddb", SseInt::paddb, 8, (x, y) -> x + y);
        check("psubw", SseInt::psubw, 16, (x, y) -> x - y);
        check("paddd", SseInt::paddd, 32, (x, y) -> x + y);
        check("psubd", SseInt::psubd, 32, (x, y) -> x - y);
        check("paddsb", SseInt::paddsb, 8, (x, y) -> Math.max(-128, Math.min(127, x + y)));
        check("psubusb", SseInt::psubusb, 8, (x, y) -> Math.max(0, u(x, 8) - u(y, 8)));
        check("paddusw", SseInt::paddusw, 16, (x, y) -> Math.min(0xFFFF, u(x, 16) + u(y, 16)));
        check("pcmpeqb", SseInt::pcmpeqb, 8, (x, y) -> x == y ? -1 : 0);
        check("pcmpgtd", SseInt::pcmpgtd, 32, (x, y) -> x > y ? -1 : 0);
        check("pminub", SseInt::pminub, 8, (x, y) -> Math.min(u(x, 8), u(y, 8)));
        check("pmaxsw", SseInt::pmaxsw, 16, Math::max);
        check("pavgb", SseInt::pavgb, 8, (x, y) -> (u(x, 8) + u(y, 8) + 1) >> 1);
        check("pmulhw", SseInt::pmulhw, 16, (x, y) -> (x * y) >> 16);
        check("pmullw", SseInt::pmullw, 16, (x, y) -> x * y);
        check("pminud", SseInt::pminud, 32, (x, y) -> Integer.compareUnsigned(x, y) < 0 ? x : y);
    }

    @Test
    void shiftsAndMasks() {
        long a = 0x8001_7FFF_0123_FFFFL;
        assertEquals(0, SseInt.psllw(a, 16));
        assertEquals(0, SseInt.psrlq(a, 64));
        assertEquals(0, SseInt.psrld(a, 1L << 40));                  // the whole 64-bit count counts
        assertEquals(0xFFFF_0000_0000_FFFFL, SseInt.psraw(a, 99));  // saturating count: sign fill
        assertEquals(0x0002_FFFE_0246_FFFEL, SseInt.psllw(a, 1));
        assertEquals(0b1010_0101L, SseInt.pmovmskb(0x8000_8000_0080_0080L));
    }

    @Test
    void saturatingPacks() {
        // words 0x0080 (128), 0xFF7F (-129), 0xFF80 (-128), 0x0100 (256)
        long x = 0x0100_FF80_FF7F_0080L;
        assertEquals(0x7F80_807FL, SseShuffle.packsswb(x, 0) & 0xFFFF_FFFFL);
        assertEquals(0xFF00_0080L, SseShuffle.packuswb(x, 0) & 0xFFFF_FFFFL);
        assertEquals(0x8000_7FFFL, SseShuffle.packssdw(0xFFFF_0000_0001_0000L, 0) & 0xFFFF_FFFFL);
        assertEquals(0xFFFF_0000L, SseShuffle.packusdw(0x0001_0000_FFFF_FFFFL, 0) & 0xFFFF_FFFFL);
    }

    @Test
    void nanPropagationAndMinMax() {
        long qnanA = 0x7FF8_0000_0000_00AAL, snanB = 0x7FF0_0000_0000_00BBL, one = 0x3FF0_0000_0000_0000L;
        assertEquals(qnanA, SseFp.addsd(qnanA, snanB));                  // first source wins
        assertEquals(0x7FF8_0000_0000_00BBL, SseFp.mulsd(one, snanB));   // second source, quieted
        long inf = 0x7FF0_0000_0000_0000L;
        assertEquals(SseFp.DEFAULT_NAN64, SseFp.subsd(inf, inf));        // invalid: negative default NaN
        assertEquals(SseFp.DEFAULT_NAN64, SseFp.sqrtsd(0xBFF0_0000_0000_0000L));
        assertEquals(0xFFC0_0000L, SseFp.divss(0, 0) & 0xFFFF_FFFFL);
        assertEquals(0x8000_0000_0000_0000L, SseFp.minsd(0, 0x8000_0000_0000_0000L));   // both zeros: second
        assertEquals(0L, SseFp.maxsd(0x8000_0000_0000_0000L, 0));
        assertEquals(snanB, SseFp.minsd(one, snanB));                   // NaN: second operand, unchanged
        assertEquals(one, SseFp.maxsd(qnanA, one));
        assertEquals(0x45, SseFp.ucomisd(qnanA, one));
        assertEquals(0x01, SseFp.comisd(0, one));
        assertEquals(0x40, SseFp.comisd(0x8000_0000_0000_0000L, 0));
        assertEquals(-1L, SseFp.cmpsd(qnanA, one, 4));                   // NEQ is true when unordered
        assertEquals(0L, SseFp.cmpsd(qnanA, qnanA, 0));
    }

    @Test
    void conversionsIndefiniteAndRounding() {
        long nan = 0x7FF8_0000_0000_0000L;
        assertEquals(SseCvt.INDEF64, SseCvt.cvttsd2si64(nan, 0x1F80));
        assertEquals(SseCvt.INDEF32, SseCvt.cvttsd2si32(Double.doubleToRawLongBits(2147483648.0), 0x1F80));
        assertEquals(0x7FFF_FFFFL, SseCvt.cvttsd2si32(Double.doubleToRawLongBits(2147483647.9), 0x1F80));
        assertEquals(SseCvt.INDEF64, SseCvt.cvtsd2si64(Double.doubleToRawLongBits(9.223372036854775807E18), 0x1F80));
        assertEquals(0xFFFF_FFFFL, SseCvt.cvtss2si32(Float.floatToRawIntBits(-1.5f), 0x1F80 | 3L << 13));  // trunc: -1
        assertEquals(0xFFFF_FFFEL, SseCvt.cvtss2si32(Float.floatToRawIntBits(-1.5f), 0x1F80));            // even: -2
        long big = (1L << 53) + 1;                                          // not representable
        long[] want = {Double.doubleToRawLongBits(0x1p53), Double.doubleToRawLongBits(0x1p53),
            Double.doubleToRawLongBits(0x1p53 + 2), Double.doubleToRawLongBits(0x1p53)};
        for (int rc = 0; rc < 4; rc++) assertEquals(want[rc], SseCvt.cvtsi2sd(big, 0x1F80 | (long) rc << 13), "rc " + rc);
        assertEquals(Double.doubleToRawLongBits(-0x1p53 - 2), SseCvt.cvtsi2sd(-big, 0x1F80 | 1L << 13));
        assertEquals(Double.doubleToRawLongBits(0x1p63), SseCvt.cvtsi2sd(Long.MAX_VALUE, 0x1F80 | 2L << 13));
        assertEquals(Double.doubleToRawLongBits(Math.nextDown(0x1p63)), SseCvt.cvtsi2sd(Long.MAX_VALUE, 0x1F80 | 1L << 13));
        // double -> float in every mode, and NaN payloads
        long third = Double.doubleToRawLongBits(1.0 / 3);
        float n = (float) (1.0 / 3);
        assertEquals(Float.floatToRawIntBits(n), SseCvt.cvtsd2ss(third, 0x1F80));
        assertEquals(Float.floatToRawIntBits(Math.nextDown(n)), SseCvt.cvtsd2ss(third, 0x1F80 | 1L << 13));  // n > 1/3
        assertEquals(Float.floatToRawIntBits(n), SseCvt.cvtsd2ss(third, 0x1F80 | 2L << 13));
        assertEquals(0x7F7F_FFFFL, SseCvt.cvtsd2ss(Double.doubleToRawLongBits(1e300), 0x1F80 | 3L << 13));
        assertEquals(0x7FE0_0000L, SseCvt.cvtsd2ss(0x7FF4_0000_0000_0000L, 0x1F80));          // SNaN quieted, payload kept
        assertEquals(0x7FFC_0000_0000_0000L, SseCvt.cvtss2sd(0x7FA0_0000L));
        // ROUNDSD: imm modes and "use MXCSR"
        long x = Double.doubleToRawLongBits(-2.5);
        assertEquals(Double.doubleToRawLongBits(-2.0), SseCvt.roundsd(x, 0, 0x1F80));
        assertEquals(Double.doubleToRawLongBits(-3.0), SseCvt.roundsd(x, 1, 0x1F80));
        assertEquals(Double.doubleToRawLongBits(-2.0), SseCvt.roundsd(x, 2, 0x1F80));
        assertEquals(Double.doubleToRawLongBits(-2.0), SseCvt.roundsd(x, 3, 0x1F80));
        assertEquals(Double.doubleToRawLongBits(-3.0), SseCvt.roundsd(x, 4, 0x1F80 | 1L << 13));
        assertEquals(Double.doubleToRawLongBits(-0.0), SseCvt.roundsd(Double.doubleToRawLongBits(-0.4), 0, 0x1F80));
    }

    @Test
    void stringsAndCrc() {
        // CRC-32C check value: crc32c("123456789") with the usual inversions = 0xE3069283
        long c = 0xFFFF_FFFFL;
        for (char ch : "123456789".toCharArray()) c = Crc32c.crc32(c, ch, 1);
        assertEquals(0xE306_9283L, c ^ 0xFFFF_FFFFL);
        long c8 = Crc32c.crc32(0xFFFF_FFFFL, 0x3837_3635_3433_3231L, 8);
        assertEquals(Crc32c.crc32(c8, '9', 1) ^ 0xFFFF_FFFFL, 0xE306_9283L);
        // PCMPISTRI equal-any (imm 0x00): first byte of "hello world" that is in " ol"
        long needle = 0x6C_6F_20L;                                          // " ol"
        long hayLo = 0x6F77_206F_6C6C_6568L, hayHi = 0x646C72L;             // "hello world"
        assertEquals(2, SseString.pcmpistriIndex(needle, 0, hayLo, hayHi, 0x00));
        assertEquals(9, SseString.pcmpistriIndex(needle, 0, hayLo, hayHi, 0x40)); // last match ('l' at 9)
        // flags: CF (match), ZF (haystack has a terminator), SF (needle has a terminator)
        assertEquals(0x01 | 0x40 | 0x80, SseString.pcmpistrFlags(needle, 0, hayLo, hayHi, 0x00) & 0xC1);
        // equal ordered (substring search): "wor" in "hello world" at 6
        assertEquals(6, SseString.pcmpistriIndex(0x726F77L, 0, hayLo, hayHi, 0x0C));
        // ranges, unsigned words: elements of b within [0x30, 0x39]
        assertEquals(2, SseString.pcmpestriIndex(0x0039_0030L, 0, 0x0035_0041_0000L, 0, 2, 3, 0x05));
        // no match: index = element count
        assertEquals(16, SseString.pcmpestriIndex(0x7AL, 0, hayLo, hayHi, 1, 11, 0x00));
        // byte mask expansion
        assertEquals(0xFFFF_00FFL, SseString.pcmpistrmLo(0x6C_6F_68L, 0, 0x6F6C_6568L, 0, 0x40) & 0xFFFF_FFFFL);  // "hol" in "helo"
    }
}
