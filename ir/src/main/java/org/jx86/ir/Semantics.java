package org.jx86.ir;

import java.lang.reflect.InvocationTargetException;

/**
 * The reference meaning of every pure op, used by the builder's folding and by the IR
 * interpreter. The bytecode backend is tested against these definitions.
 */
public final class Semantics {
    private Semantics() {}

    public static long zext(int size, long v) { return size >= 8 ? v : v & ((1L << (8 * size)) - 1); }

    public static long sext(int size, long v) {
        if (size >= 8) return v;
        int s = 64 - 8 * size;
        return (v << s) >> s;
    }

    public static long rotl(int size, long v, long n) {
        int bits = 8 * size;
        if (bits == 64) return Long.rotateLeft(v, (int) n);
        int k = (int) Long.remainderUnsigned(n, bits);
        long x = zext(size, v);
        return zext(size, (x << k) | (x >>> (bits - k)));
    }

    public static long rotr(int size, long v, long n) {
        int bits = 8 * size;
        if (bits == 64) return Long.rotateRight(v, (int) n);
        int k = (int) Long.remainderUnsigned(n, bits);
        return rotl(size, v, bits - k);
    }

    /** High 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18+). */
    public static long mulhu(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    public static long bswap(int size, long v) {
        return switch (size) {
            case 2 -> Short.reverseBytes((short) v) & 0xFFFFL;
            case 4 -> Integer.reverseBytes((int) v) & 0xFFFF_FFFFL;
            default -> Long.reverseBytes(v);
        };
    }

    public static long eval1(Op op, int size, long a) {
        return switch (op) {
            case NOT -> ~a;
            case NEG -> -a;
            case ZEXT -> zext(size, a);
            case SEXT -> sext(size, a);
            case CLZ -> Long.numberOfLeadingZeros(a);
            case CTZ -> Long.numberOfTrailingZeros(a);
            case POPCNT -> Long.bitCount(a);
            case BSWAP -> bswap(size, a);
            case FSQRT -> size == 4
                    ? fix32(f32(Math.sqrt(Float.intBitsToFloat((int) a))), a, a)
                    : fix64(Double.doubleToRawLongBits(Math.sqrt(Double.longBitsToDouble(a))), a, a);
            case I2F -> size == 4 ? Float.floatToRawIntBits((float) a) & 0xFFFF_FFFFL
                    : Double.doubleToRawLongBits((double) a);
            case F2F -> f2f(size, a);
            default -> throw new IllegalArgumentException("not a unary op: " + op);
        };
    }

    public static long eval2(Op op, int size, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case MULHU -> mulhu(a, b);
            case MULHS -> Math.multiplyHigh(a, b);
            case DIVU -> Long.divideUnsigned(a, b);
            case REMU -> Long.remainderUnsigned(a, b);
            case DIVS -> a / b;
            case REMS -> a % b;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> a << b;
            case SHR -> a >>> b;
            case SAR -> a >> b;
            case ROTL -> rotl(size, a, b);
            case ROTR -> rotr(size, a, b);
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case LTS -> a < b ? 1 : 0;
            case LES -> a <= b ? 1 : 0;
            case LTU -> Long.compareUnsigned(a, b) < 0 ? 1 : 0;
            case LEU -> Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
            case FADD, FSUB, FMUL, FDIV -> size == 4 ? fop32(op, a, b) : fop64(op, a, b);
            default -> throw new IllegalArgumentException("not a binary op: " + op);
        };
    }

    /*
     * NaN results follow SSE, so they are the same on every JVM and in every tier (the JVM
     * itself leaves the NaN of an arithmetic result unspecified, and HotSpot's C2 does return
     * other payloads than its interpreter): a NaN operand propagates, quieted, the first one
     * if both are NaN; an invalid operation on non-NaN operands gives the default NaN, which
     * on x86 is negative ("real indefinite").
     */
    public static final long DEFAULT_NAN64 = 0xFFF8_0000_0000_0000L, DEFAULT_NAN32 = 0xFFC0_0000L;

    public static boolean isNaN64(long a) { return (a & Long.MAX_VALUE) > 0x7FF0_0000_0000_0000L; }
    public static boolean isNaN32(long a) { return (a & 0x7FFF_FFFFL) > 0x7F80_0000L; }

    /** F2F: binary64 to binary32 (size 4) or back (size 8); a NaN keeps its sign and payload, quieted. */
    public static long f2f(int size, long a) {
        if (size == 4)
            return isNaN64(a) ? (a >>> 32 & 0x8000_0000L) | 0x7FC0_0000L | (a >>> 29 & 0x3F_FFFFL)
                : f32((float) Double.longBitsToDouble(a));
        return isNaN32(a) ? (a & 0x8000_0000L) << 32 | 0x7FF8_0000_0000_0000L | (a & 0x3F_FFFFL) << 29
            : Double.doubleToRawLongBits(Float.intBitsToFloat((int) a));
    }

    /** r if it is not a NaN, else the NaN SSE returns for operands a, b (binary64). */
    public static long fix64(long r, long a, long b) {
        if (!isNaN64(r)) return r;
        if (isNaN64(a)) return a | 0x0008_0000_0000_0000L;
        if (isNaN64(b)) return b | 0x0008_0000_0000_0000L;
        return DEFAULT_NAN64;
    }

    /** r if it is not a NaN, else the NaN SSE returns for operands a, b (binary32, low halves). */
    public static long fix32(long r, long a, long b) {
        if (!isNaN32(r)) return r;
        if (isNaN32(a)) return a & 0xFFFF_FFFFL | 0x0040_0000L;
        if (isNaN32(b)) return b & 0xFFFF_FFFFL | 0x0040_0000L;
        return DEFAULT_NAN32;
    }

    private static long f32(double d) { return Float.floatToRawIntBits((float) d) & 0xFFFF_FFFFL; }
    private static long f32(float f) { return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL; }

    private static long fop32(Op op, long a, long b) {
        float x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b);
        float r = switch (op) {
            case FADD -> x + y;
            case FSUB -> x - y;
            case FMUL -> x * y;
            default -> x / y;
        };
        return fix32(f32(r), a, b);
    }

    private static long fop64(Op op, long a, long b) {
        double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b);
        double r = switch (op) {
            case FADD -> x + y;
            case FSUB -> x - y;
            case FMUL -> x * y;
            default -> x / y;
        };
        return fix64(Double.doubleToRawLongBits(r), a, b);
    }

    /** Evaluates a pure helper with constant arguments at build time. */
    static long callConst(Helper h, Node[] args) {
        Object[] a = new Object[args.length];
        for (int i = 0; i < args.length; i++) a[i] = args[i].c;
        try {
            return (Long) h.method.invoke(null, a);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("pure helper " + h + " threw on constants", e.getCause());
        }
    }
}
