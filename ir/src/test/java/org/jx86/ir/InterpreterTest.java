package org.jx86.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference semantics: every op on edge values, through the interpreter. */
class InterpreterTest {
    static final long MIN = Long.MIN_VALUE, MAX = Long.MAX_VALUE;

    /** An unfolded node in the builder's current block. */
    static Node raw(IrBuilder b, Op op, int size, Node... args) {
        Node n = new Node(op, size, 0, args, null);
        n.id = b.function().nextId();
        b.block().nodes.add(n);
        return n;
    }

    /** Evaluates op (arguments from slots, so nothing folds) with the interpreter. */
    static long eval(Op op, int size, long... args) {
        IrFunction fn = new IrFunction(0x100);
        IrBuilder b = new IrBuilder(fn);
        Node[] in = new Node[args.length];
        for (int i = 0; i < args.length; i++) in[i] = b.get(i);
        b.set(10, raw(b, op, size, in));
        b.exit(b.konst(0), 0);
        IrVerifier.verify(fn);
        TestEnv env = new TestEnv();
        System.arraycopy(args, 0, env.slots, 0, args.length);
        IrInterpreter.run(fn, env);
        return env.slots[10];
    }

    static void check(long expected, Op op, int size, long... args) {
        assertEquals(expected, eval(op, size, args), () -> String.format("%s.%d %s: expected 0x%x", op, size,
            java.util.Arrays.toString(args), expected));
    }

    static long d(double v) { return Double.doubleToRawLongBits(v); }
    static long f(float v) { return Float.floatToRawIntBits(v) & 0xFFFF_FFFFL; }

    @Test
    void addSubMul() {
        check(MIN, Op.ADD, 8, MAX, 1);
        check(0, Op.ADD, 8, -1, 1);
        check(MAX, Op.SUB, 8, MIN, 1);
        check(-1, Op.SUB, 8, 0, 1);
        check(-2, Op.MUL, 8, MAX, 2);
        check(0, Op.MUL, 8, 1L << 32, 1L << 32);
        check(1, Op.MUL, 8, -1, -1);
    }

    @Test
    void highProducts() {
        check(-2, Op.MULHU, 8, -1, -1);
        check(1, Op.MULHU, 8, MIN, 2);
        check(0x3FFF_FFFF_FFFF_FFFFL, Op.MULHU, 8, MAX, MAX);
        check(1, Op.MULHU, 8, 1L << 32, 1L << 32);
        check(1, Op.MULHU, 8, -1, 2);
        check(0, Op.MULHU, 8, 0, -1);
        check(0, Op.MULHS, 8, -1, -1);
        check(0x4000_0000_0000_0000L, Op.MULHS, 8, MIN, MIN);
        check(0, Op.MULHS, 8, MIN, -1);
        check(-1, Op.MULHS, 8, -1, 2);
        check(0x3FFF_FFFF_FFFF_FFFFL, Op.MULHS, 8, MAX, MAX);
    }

    @Test
    void division() {
        check(MAX, Op.DIVU, 8, -1, 2);
        check(0, Op.DIVU, 8, MIN, -1);
        check(1, Op.DIVU, 8, -1, -1);
        check(3, Op.DIVU, 8, 10, 3);
        check(1, Op.REMU, 8, -1, 2);
        check(MIN, Op.REMU, 8, MIN, -1);
        check(1, Op.REMU, 8, 10, 3);
        check(-3, Op.DIVS, 8, -7, 2);
        check(-3, Op.DIVS, 8, 7, -2);
        check(MIN, Op.DIVS, 8, MIN, -1);
        check(-1, Op.REMS, 8, -7, 2);
        check(1, Op.REMS, 8, 7, -2);
        check(0, Op.REMS, 8, MIN, -1);
    }

    @Test
    void logic() {
        check(0x0F00, Op.AND, 8, 0x0FF0, 0xFF00);
        check(0xFFF0, Op.OR, 8, 0x0FF0, 0xFF00);
        check(0xF0F0, Op.XOR, 8, 0x0FF0, 0xFF00);
        check(-1, Op.NOT, 8, 0);
        check(MAX, Op.NOT, 8, MIN);
        check(MIN, Op.NEG, 8, MIN);
        check(-1, Op.NEG, 8, 1);
    }

    @Test
    void shiftsMaskTheCountTo6Bits() {
        check(MIN, Op.SHL, 8, 1, 63);
        check(1, Op.SHL, 8, 1, 64);
        check(MIN, Op.SHL, 8, 1, -1);
        check(6, Op.SHL, 8, 3, 65);
        check(1, Op.SHR, 8, MIN, 63);
        check(-1, Op.SHR, 8, -1, 64);
        check(0x0FFF_FFFF_FFFF_FFFFL, Op.SHR, 8, -1, 4);
        check(-1, Op.SAR, 8, MIN, 63);
        check(MIN, Op.SAR, 8, MIN, 64);
        check(-4, Op.SAR, 8, -16, 2);
    }

    @Test
    void rotatesWorkOnTheLowSizeBytes() {
        check(0x03, Op.ROTL, 1, 0x81, 1);
        check(0x03, Op.ROTL, 1, 0xFF81, 1);        // bits above the size are ignored
        check(0x03, Op.ROTL, 1, 0x81, 9);          // count mod 8
        check(0x81, Op.ROTL, 1, 0x81, 0);
        check(0x81, Op.ROTL, 1, 0xFF81, 8);
        check(0xC0, Op.ROTL, 1, 0x81, -1);         // -1 mod 8 = 7 (unsigned)
        check(0x0003, Op.ROTL, 2, 0x8001, 1);
        check(3, Op.ROTL, 4, 0x8000_0001L, 1);
        check(3, Op.ROTL, 8, MIN | 1, 1);
        check(0x1234, Op.ROTL, 8, 0x1234, 64);
        check(0xC0, Op.ROTR, 1, 0x81, 1);
        check(0x81, Op.ROTR, 1, 0x81, 8);
        check(0x8000, Op.ROTR, 2, 1, 1);
        check(0x8000_0000L, Op.ROTR, 4, 1, 1);
        check(MIN, Op.ROTR, 8, 1, 1);
        check(0x03, Op.ROTR, 1, 0x81, -1);         // right by 7 = left by 1
    }

    @Test
    void extensions() {
        check(0xFF, Op.ZEXT, 1, -1);
        check(0xFFFF, Op.ZEXT, 2, -1);
        check(0xFFFF_FFFFL, Op.ZEXT, 4, -1);
        check(-1, Op.ZEXT, 8, -1);
        check(-128, Op.SEXT, 1, 0x80);
        check(0x7F, Op.SEXT, 1, 0x7F);
        check(-1, Op.SEXT, 1, 0x1FF);
        check(0xFFFF_FFFF_FFFF_8000L, Op.SEXT, 2, 0x8000);
        check(0xFFFF_FFFF_8000_0000L, Op.SEXT, 4, 0x8000_0000L);
        check(0x7FFF_FFFFL, Op.SEXT, 4, 0xFFFF_FFFF_7FFF_FFFFL);
        check(MIN, Op.SEXT, 8, MIN);
    }

    @Test
    void bitCounts() {
        check(64, Op.CLZ, 8, 0);
        check(63, Op.CLZ, 8, 1);
        check(0, Op.CLZ, 8, MIN);
        check(64, Op.CTZ, 8, 0);
        check(63, Op.CTZ, 8, MIN);
        check(0, Op.CTZ, 8, 1);
        check(64, Op.POPCNT, 8, -1);
        check(0, Op.POPCNT, 8, 0);
        check(4, Op.POPCNT, 8, 0xF0);
    }

    @Test
    void byteSwaps() {
        check(0x3412, Op.BSWAP, 2, 0x1234);
        check(0x3412, Op.BSWAP, 2, 0xAAAA_1234L);
        check(0x7856_3412L, Op.BSWAP, 4, 0x1234_5678L);
        check(0x0000_0080L, Op.BSWAP, 4, 0xFFFF_FFFF_8000_0000L);
        check(0x0807_0605_0403_0201L, Op.BSWAP, 8, 0x0102_0304_0506_0708L);
    }

    @Test
    void comparisonsGiveZeroOrOne() {
        check(1, Op.LTS, 8, -1, 0);
        check(0, Op.LTU, 8, -1, 0);
        check(0, Op.LTS, 8, 0, -1);
        check(1, Op.LTU, 8, 0, -1);
        check(1, Op.LES, 8, 5, 5);
        check(1, Op.LEU, 8, 5, 5);
        check(0, Op.LTS, 8, 5, 5);
        check(1, Op.EQ, 8, 5, 5);
        check(0, Op.NE, 8, 5, 5);
        check(1, Op.NE, 8, MIN, MAX);
        check(1, Op.LTS, 8, MIN, MAX);
        check(0, Op.LTU, 8, MIN, MAX);
        check(0, Op.LEU, 8, -1, MAX);
    }

    @Test
    void select() {
        check(22, Op.SELECT, 8, 0, 11, 22);
        check(11, Op.SELECT, 8, 2, 11, 22);
        check(11, Op.SELECT, 8, MIN, 11, 22);
    }

    @Test
    void binary64() {
        check(d(3.0), Op.FADD, 8, d(1.0), d(2.0));
        assertTrue(Double.isNaN(Double.longBitsToDouble(eval(Op.FADD, 8, d(Double.POSITIVE_INFINITY), d(Double.NEGATIVE_INFINITY)))));
        check(0, Op.FADD, 8, d(0.0), d(-0.0));
        check(MIN, Op.FADD, 8, d(-0.0), d(-0.0));
        check(0, Op.FSUB, 8, d(1.0), d(1.0));
        check(MIN, Op.FSUB, 8, d(-0.0), d(0.0));
        check(MIN, Op.FMUL, 8, d(-0.0), d(5.0));
        check(d(Double.POSITIVE_INFINITY), Op.FMUL, 8, d(1e200), d(1e200));
        check(d(Double.POSITIVE_INFINITY), Op.FDIV, 8, d(1.0), d(0.0));
        check(d(Double.NEGATIVE_INFINITY), Op.FDIV, 8, d(-1.0), d(0.0));
        assertTrue(Double.isNaN(Double.longBitsToDouble(eval(Op.FDIV, 8, 0, 0))));
        check(d(2.0), Op.FSQRT, 8, d(4.0));
        check(MIN, Op.FSQRT, 8, d(-0.0));
        assertTrue(Double.isNaN(Double.longBitsToDouble(eval(Op.FSQRT, 8, d(-1.0)))));
        check(d(4.9e-324), Op.FMUL, 8, d(Double.MIN_NORMAL), d(Math.scalb(1.0, -52)));  // subnormal result
    }

    @Test
    void binary32IgnoresTheUpperHalf() {
        check(f(3.0f), Op.FADD, 4, f(1.0f), f(2.0f));
        check(f(3.0f), Op.FADD, 4, 0xDEAD_0000_3F80_0000L, f(2.0f));
        check(f(6.0f), Op.FMUL, 4, f(2.0f), f(3.0f));
        check(f(1.0f / 3.0f), Op.FDIV, 4, f(1.0f), f(3.0f));
        check(0x8000_0000L, Op.FSUB, 4, f(-0.0f), f(0.0f));
        check(0x3FB5_04F3L, Op.FSQRT, 4, f(2.0f));
    }

    @Test
    void conversions() {
        check(d(-1.0), Op.I2F, 8, -1);
        check(0x43E0_0000_0000_0000L, Op.I2F, 8, MAX);
        check(0xBF80_0000L, Op.I2F, 4, -1);
        check(0x4B80_0000L, Op.I2F, 4, (1 << 24) + 1);   // rounds to even
        check(0x3FF0_0000_0000_0000L, Op.F2F, 8, 0x3F80_0000L);
        check(MIN, Op.F2F, 8, 0x8000_0000L);
        check(0x3F80_0000L, Op.F2F, 4, d(1.0));
        check(0x7F80_0000L, Op.F2F, 4, d(1e300));
        check(0, Op.F2F, 4, d(Double.MIN_VALUE));
    }

    // ---- control, memory, faults, helpers

    @Test
    void branchesLoopsAndExitCodes() {
        IrFunction fn = new IrFunction(0x100);
        IrBuilder b = new IrBuilder(fn);
        Block loop = b.newBlock(), out = b.newBlock();
        b.set(0, b.konst(0));
        b.jump(loop);
        b.setBlock(loop);
        Node i = b.add(b.get(0), b.konst(1));
        b.set(0, i);
        b.branch(b.ltu(i, b.konst(10)), loop, out);
        b.setBlock(out);
        b.exit(b.konst(0x200), 3);
        TestEnv env = new TestEnv();
        assertEquals(0x200, IrInterpreter.run(fn, env));
        assertEquals(10, env.slots[0]);
        assertEquals(3, env.exitCode);
    }

    @Test
    void loadsAndStoresAreLittleEndianAndZeroExtended() {
        IrFunction fn = new IrFunction(0x100);
        IrBuilder b = new IrBuilder(fn);
        b.store(8, b.konst(TestEnv.BASE), b.konst(0x8877_6655_4433_2211L));
        b.set(1, b.load(1, b.konst(TestEnv.BASE + 7)));
        b.set(2, b.load(2, b.konst(TestEnv.BASE + 6)));
        b.set(3, b.load(4, b.konst(TestEnv.BASE + 4)));
        b.set(4, b.load(8, b.konst(TestEnv.BASE)));
        b.store(2, b.konst(TestEnv.BASE + 1), b.konst(-1));
        b.set(5, b.load(4, b.konst(TestEnv.BASE)));
        b.exit(b.konst(0), 0);
        TestEnv env = new TestEnv();
        IrInterpreter.run(fn, env);
        assertEquals(0x88, env.slots[1]);
        assertEquals(0x8877, env.slots[2]);
        assertEquals(0x8877_6655L, env.slots[3]);
        assertEquals(0x8877_6655_4433_2211L, env.slots[4]);
        assertEquals(0x44FF_FF11L, env.slots[5]);
    }

    @Test
    void aFaultReportsTheLastInstructionStarted() {
        IrFunction fn = new IrFunction(0x100);
        IrBuilder b = new IrBuilder(fn);
        b.set(0, b.load(1, b.get(9)));   // before any INSN: the entry address
        b.insn(0x104);
        b.set(1, b.konst(1));
        b.insn(0x108);
        b.set(2, b.load(8, b.get(8)));
        b.exit(b.konst(0), 0);
        TestEnv env = new TestEnv();
        env.slots[9] = 0x50;
        assertThrows(TestEnv.Fault.class, () -> IrInterpreter.run(fn, env));
        assertEquals(List.of(0x100L), env.faults);
        env.faults.clear();
        env.slots[9] = TestEnv.BASE;
        env.slots[8] = 0x50;
        assertThrows(TestEnv.Fault.class, () -> IrInterpreter.run(fn, env));
        assertEquals(List.of(0x108L), env.faults);
        assertEquals(1, env.slots[1]);
        assertEquals(0, env.slots[2]);
    }

    /** Helpers for the tests; public so the interpreter can invoke them. */
    public static final class Helpers {
        private Helpers() {}

        static Object seen;

        public static long withContext(Object ctx, long a) {
            seen = ctx;
            return a + 1;
        }

        public static long twice(long a) { return 2 * a; }

        public static void boom(long a) { if (a != 0) throw new IllegalStateException("boom"); }
    }

    @Test
    void helpersGetTheContextAndTheirExceptionsPropagate() {
        Helper ctx = Helper.of(Helpers.class, "withContext", Helper.CONTEXT);
        Helper twice = Helper.of(Helpers.class, "twice", Helper.PURE);
        Helper boom = Helper.of(Helpers.class, "boom", 0);
        IrFunction fn = new IrFunction(0x100);
        IrBuilder b = new IrBuilder(fn);
        b.set(0, b.call(ctx, b.get(1)));
        b.set(2, b.call(twice, b.get(1)));
        b.insn(0x104);
        b.call(boom, b.get(3));
        b.exit(b.konst(0), 0);
        TestEnv env = new TestEnv();
        env.slots[1] = 20;
        IrInterpreter.run(fn, env);
        assertEquals(21, env.slots[0]);
        assertEquals(env.context(), Helpers.seen);
        assertEquals(40, env.slots[2]);
        env.slots[3] = 1;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> IrInterpreter.run(fn, env));
        assertEquals("boom", e.getMessage(), "the helper's own exception, not a reflection wrapper");
        assertEquals(List.of(0x104L), env.faults);
    }
}
