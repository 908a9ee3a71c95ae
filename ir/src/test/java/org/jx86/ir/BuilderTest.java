package org.jx86.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each folding rule of {@link IrBuilder} (STYLE.md §7), and what it must not fold. */
class BuilderTest {
    IrFunction fn;
    IrBuilder b;
    Node x, y;

    @BeforeEach
    void setUp() {
        fn = new IrFunction(0x1000);
        b = new IrBuilder(fn);
        x = b.get(0);
        y = b.get(1);
    }

    static void isConst(long v, Node n) {
        assertEquals(Op.CONST, n.op, () -> "not folded: " + n);
        assertEquals(v, n.c, () -> "folded to the wrong value: " + n);
    }

    static void isOp(Op op, Node n) { assertEquals(op, n.op, () -> "expected " + op + ": " + n); }

    @Test
    void constantsArePooledPerBlock() {
        Node a = b.konst(42);
        assertSame(a, b.konst(42));
        assertNotSame(a, b.konst(43));
        Block other = b.newBlock();
        b.jump(other);
        b.setBlock(other);
        Node c = b.konst(42);
        assertNotSame(a, c, "a constant from another block would be used outside its block");
        assertSame(c, b.konst(42));
    }

    @Test
    void add() {
        isConst(5, b.add(b.konst(2), b.konst(3)));
        isConst(Long.MIN_VALUE, b.add(b.konst(Long.MAX_VALUE), b.konst(1)));
        assertSame(x, b.add(x, b.konst(0)));
        assertSame(x, b.add(b.konst(0), x));
        isOp(Op.ADD, b.add(x, y));
    }

    @Test
    void sub() {
        isConst(-1, b.sub(b.konst(2), b.konst(3)));
        assertSame(x, b.sub(x, b.konst(0)));
        isOp(Op.SUB, b.sub(b.konst(0), x));   // 0 - x is a negation, not x
        isOp(Op.SUB, b.sub(x, x));            // not folded: fine, but must not be wrong
    }

    @Test
    void mul() {
        isConst(6, b.mul(b.konst(2), b.konst(3)));
        assertSame(x, b.mul(x, b.konst(1)));
        assertSame(x, b.mul(b.konst(1), x));
        isOp(Op.MUL, b.mul(x, b.konst(2)));
        isConst(-2, b.mulhu(b.konst(-1), b.konst(-1)));
        isConst(0, b.mulhs(b.konst(-1), b.konst(-1)));
        isOp(Op.MULHU, b.mulhu(x, y));
        isOp(Op.MULHS, b.mulhs(x, y));
    }

    @Test
    void divisionFoldsOnlyWithANonZeroConstantDivisor() {
        isConst(Long.MAX_VALUE, b.divu(b.konst(-1), b.konst(2)));
        isConst(1, b.remu(b.konst(-1), b.konst(2)));
        isConst(-3, b.divs(b.konst(-7), b.konst(2)));
        isConst(-1, b.rems(b.konst(-7), b.konst(2)));
        isConst(Long.MIN_VALUE, b.divs(b.konst(Long.MIN_VALUE), b.konst(-1)));
        isOp(Op.DIVU, b.divu(b.konst(1), b.konst(0)));   // left for run time: the producer's problem
        isOp(Op.DIVS, b.divs(x, b.konst(3)));
    }

    @Test
    void and() {
        isConst(0x0F00, b.and(b.konst(0x0FF0), b.konst(0xFF00)));
        assertSame(x, b.and(x, b.konst(-1)));
        assertSame(x, b.and(b.konst(-1), x));
        isConst(0, b.and(x, b.konst(0)));
        isConst(0, b.and(b.konst(0), x));
        assertSame(x, b.and(x, x));
        Node z = b.zext(2, x);
        assertSame(z, b.and(z, b.konst(0xFFFF)), "and of a zext with a mask covering its bytes");
        assertSame(z, b.and(z, b.konst(0xFF_FFFF)));
        isOp(Op.AND, b.and(z, b.konst(0xFF)));           // narrower: must stay
        isOp(Op.AND, b.and(x, y));
    }

    @Test
    void orXorNotNeg() {
        isConst(0xFFF0, b.or(b.konst(0x0FF0), b.konst(0xFF00)));
        assertSame(x, b.or(x, b.konst(0)));
        assertSame(x, b.or(b.konst(0), x));
        assertSame(x, b.or(x, x));
        isOp(Op.OR, b.or(x, b.konst(1)));
        isConst(0xF0F0, b.xor(b.konst(0x0FF0), b.konst(0xFF00)));
        assertSame(x, b.xor(x, b.konst(0)));
        assertSame(x, b.xor(b.konst(0), x));
        isConst(0, b.xor(x, x));
        isOp(Op.XOR, b.xor(x, y));
        isConst(-1, b.not(b.konst(0)));
        isConst(Long.MIN_VALUE, b.neg(b.konst(Long.MIN_VALUE)));
        isOp(Op.NOT, b.not(x));
        isOp(Op.NEG, b.neg(x));
    }

    @Test
    void shiftsFoldWithJavasCountMask() {
        isConst(2, b.shl(b.konst(1), b.konst(65)));
        isConst(1, b.shr(b.konst(Long.MIN_VALUE), b.konst(63)));
        isConst(-1, b.sar(b.konst(Long.MIN_VALUE), b.konst(63)));
        assertSame(x, b.shl(x, b.konst(0)));
        assertSame(x, b.shl(x, b.konst(64)), "a count of 64 is 0 after masking");
        assertSame(x, b.shr(x, b.konst(0)));
        assertSame(x, b.sar(x, b.konst(128)));
        isOp(Op.SHL, b.shl(x, b.konst(1)));
        isOp(Op.SHR, b.shr(x, y));
        isOp(Op.SAR, b.sar(x, y));
    }

    @Test
    void rotates() {
        isConst(0x03, b.rotl(1, b.konst(0x81), b.konst(1)));
        isConst(0xC0, b.rotr(1, b.konst(0x81), b.konst(1)));
        isConst(0x8000, b.rotr(2, b.konst(1), b.konst(1)));
        Node r = b.rotl(4, x, y);
        isOp(Op.ROTL, r);
        assertEquals(4, r.size);
        isOp(Op.ROTR, b.rotr(8, x, b.konst(3)));
    }

    @Test
    void extensions() {
        assertSame(x, b.zext(8, x));
        assertSame(x, b.sext(8, x));
        isConst(0xFF, b.zext(1, b.konst(-1)));
        isConst(-128, b.sext(1, b.konst(0x80)));
        Node z1 = b.zext(1, x);
        assertSame(z1, b.zext(2, z1), "a wider zext of a zext is the zext");
        assertSame(z1, b.zext(1, z1));
        Node z4 = b.zext(4, x);
        isOp(Op.ZEXT, b.zext(2, z4));             // narrower: must stay
        Node ld = b.load(2, x);
        assertSame(ld, b.zext(2, ld), "loads are zero-extended");
        assertSame(ld, b.zext(4, ld));
        isOp(Op.ZEXT, b.zext(1, ld));
        Node s1 = b.sext(1, x);
        assertSame(s1, b.sext(4, s1));
        isOp(Op.SEXT, b.sext(1, b.sext(2, x)));
        isOp(Op.SEXT, b.sext(2, z1));             // a zext is not a sext
    }

    @Test
    void bitCountsAndSwaps() {
        isConst(64, b.clz(b.konst(0)));
        isConst(64, b.ctz(b.konst(0)));
        isConst(64, b.popcnt(b.konst(-1)));
        isConst(0x3412, b.bswap(2, b.konst(0x1234)));
        isOp(Op.CLZ, b.clz(x));
        isOp(Op.CTZ, b.ctz(x));
        isOp(Op.POPCNT, b.popcnt(x));
        isOp(Op.BSWAP, b.bswap(4, x));
    }

    @Test
    void comparisons() {
        isConst(1, b.eq(x, x));
        isConst(0, b.ne(x, x));
        isConst(1, b.lts(b.konst(-1), b.konst(0)));
        isConst(0, b.ltu(b.konst(-1), b.konst(0)));
        isConst(1, b.les(b.konst(3), b.konst(3)));
        isConst(1, b.leu(b.konst(0), b.konst(-1)));
        isConst(0, b.eq(b.konst(1), b.konst(2)));
        isConst(1, b.ne(b.konst(1), b.konst(2)));
        isOp(Op.LTU, b.ltu(x, y));
        isOp(Op.LTS, b.lts(x, x));   // not folded, but correct when run
    }

    @Test
    void select() {
        assertSame(x, b.select(b.konst(5), x, y));
        assertSame(y, b.select(b.konst(0), x, y));
        assertSame(x, b.select(b.get(2), x, x));
        isOp(Op.SELECT, b.select(b.get(2), x, y));
    }

    @Test
    void floatOpsAreNeverFolded() {
        isOp(Op.FADD, b.fadd(8, b.konst(1), b.konst(2)));
        isOp(Op.I2F, b.i2f(4, b.konst(1)));
    }

    public static final class Helpers {
        private Helpers() {}

        public static long plus(long a, long b) { return a + b; }

        public static long impure(long a) { return a; }

        public static void effect(long a) { }
    }

    @Test
    void pureHelpersFoldOnConstantArguments() {
        Helper plus = Helper.of(Helpers.class, "plus", Helper.PURE);
        Helper impure = Helper.of(Helpers.class, "impure", 0);
        Helper effect = Helper.of(Helpers.class, "effect", Helper.PURE);
        isConst(5, b.call(plus, b.konst(2), b.konst(3)));
        isOp(Op.CALL, b.call(plus, x, b.konst(3)));
        isOp(Op.CALL, b.call(impure, b.konst(3)));
        assertNull(b.call(effect, b.konst(3)));
        assertThrows(IllegalArgumentException.class, () -> b.call(plus, x));
    }

    @Test
    void aConstantBranchIsAJump() {
        Block t = b.newBlock(), f = b.newBlock();
        b.branch(b.konst(1), t, f);
        Node term = b.block().terminator();
        isOp(Op.JUMP, term);
        assertSame(t, term.target());
    }

    @Test
    void nothingAfterATerminator() {
        b.exit(b.konst(0), 0);
        assertTrue(b.terminated());
        assertThrows(IllegalStateException.class, () -> b.add(x, y));
        assertThrows(IllegalStateException.class, () -> b.setBlock(fn.entry()));
    }
}
