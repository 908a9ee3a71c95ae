package org.jx86.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jx86.ir.Block;
import org.jx86.ir.Helper;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.IrFunction;
import org.jx86.ir.IrPrinter;
import org.jx86.ir.Node;
import org.jx86.ir.Op;
import org.jx86.ir.RawIr;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op, at every size that matters, compiled and interpreted on identical fresh machines:
 * edge values (all pairs for binary ops), then {@value #RANDOM} random inputs from a fixed
 * seed, then the same op with each edge value as a constant operand. Any difference in the
 * result, slots, memory, fault or rip fails with the seed, the inputs and the IR.
 */
class OpCoverageTest {
    static final long SEED = 0x1A86_5EEDL;
    static final int RANDOM = 2000;
    static final long ENTRY = 0x401000, NEXT = 0x401100;
    private static final BytecodeCompiler JIT = new BytecodeCompiler(true);

    static final long[] INT_EDGES = {
        0, 1, -1, 2, -2, 7, 8, 15, 16, 31, 32, 63, 64, 65, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF,
        0x1_0000, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MIN_VALUE + 1, 0x0123_4567_89AB_CDEFL, 0xFEDC_BA98_7654_3210L, -64, -63};

    static final long[] F64_EDGES = {
        0, 0x8000_0000_0000_0000L, bits(1.0), bits(-1.0), bits(0.5), bits(3.0), bits(1e308), bits(-1e-308),
        bits(Double.POSITIVE_INFINITY), bits(Double.NEGATIVE_INFINITY), 0x7FF8_0000_0000_0000L,
        0xFFF8_0000_0000_0000L, 0x7FF0_0000_0000_0001L /* sNaN */, 0x7FF8_DEAD_BEEF_0001L /* payload */,
        0xFFF4_0000_0000_0000L, 1 /* min subnormal */, bits(Double.MIN_NORMAL), bits(Double.MAX_VALUE),
        bits(-Double.MAX_VALUE), bits(9.223372036854775807E18), bits(-9.223372036854775808E18),
        bits(3.4028235677973366E38) /* > FLT_MAX */, bits(1.401298464324817E-45), bits(Math.PI)};

    static final long[] F32_EDGES = {
        0, 0x8000_0000L, fbits(1.0f), fbits(-1.0f), fbits(0.5f), fbits(3.0f), 0x7F80_0000L, 0xFF80_0000L,
        0x7FC0_0000L, 0xFFC0_0000L, 0x7F80_0001L /* sNaN */, 0x7FC0_BEEFL, 0xFFA0_0001L, 1, 0x0080_0000L,
        0x7F7F_FFFFL, 0xFF7F_FFFFL, fbits((float) Math.PI), 0xDEAD_BEEF_3F80_0000L /* garbage above */,
        0xFFFF_FFFF_0000_0001L};

    enum Domain { INT, F32, F64 }

    /** Builds the body of a test function; inputs come from slots 0-2, results go to slots 3-7. */
    interface Shape {
        void build(IrBuilder b, int size, Node x, Node y, Node z);
    }

    record Case(int[] sizes, Shape shape, boolean memory, boolean constVariants) {}

    private static final int[] S8 = {8}, SALL = {1, 2, 4, 8}, SFLOAT = {4, 8}, SBSWAP = {2, 4, 8};

    static final Helper MIX = Helper.of(TestHelpers.class, "mix", Helper.PURE);
    static final Helper ACC = Helper.of(TestHelpers.class, "accumulate", Helper.CONTEXT);
    static final Helper LOG = Helper.of(TestHelpers.class, "log", Helper.CONTEXT);

    /** The table of cases: one per op; {@link #everyOpHasACase} fails when an op is added without one. */
    static Map<Op, Case> cases() {
        Map<Op, Case> m = new EnumMap<>(Op.class);
        for (Op op : Op.values()) {
            if (op.kind == Op.Kind.PURE && op != Op.CONST) {
                int[] sizes = switch (op) {
                    case ROTL, ROTR, ZEXT, SEXT -> SALL;
                    case BSWAP -> SBSWAP;
                    case FADD, FSUB, FMUL, FDIV, FSQRT, I2F, F2F -> SFLOAT;
                    default -> S8;
                };
                m.put(op, new Case(sizes, (b, size, x, y, z) -> b.set(3, raw(b, op, size, x, y, z)), false, true));
            }
        }
        m.put(Op.CONST, new Case(S8, (b, size, x, y, z) -> {
            b.set(3, b.konst(0x0123_4567_89AB_CDEFL));
            b.set(4, b.konst(-1));
            b.set(5, b.konst(0));
            b.set(6, b.konst(1));
            b.set(7, b.add(x, b.konst(0x8000_0000L)));
        }, false, false));
        Shape getSet = (b, size, x, y, z) -> {
            Node oldY = b.get(1);   // read before a later SET of the same slot
            b.set(3, x);
            b.set(1, z);
            b.set(4, b.get(1));     // reads the new value
            b.set(5, oldY);
            b.set(0, b.add(b.get(3), oldY));
        };
        m.put(Op.GET, new Case(S8, getSet, false, false));
        m.put(Op.SET, new Case(S8, getSet, false, false));
        m.put(Op.INSN, new Case(S8, (b, size, x, y, z) -> {
            b.set(3, b.add(x, y));
            b.insn(ENTRY + 4);
            b.insn(ENTRY + 8);       // an empty instruction
            b.set(4, b.divu(x, y));  // a fault here (y = 0) reports ENTRY + 8
            b.insn(ENTRY + 12);
            b.set(5, z);
        }, false, false));
        m.put(Op.LOAD, new Case(SALL, (b, size, x, y, z) -> {
            Node addr = b.add(b.and(x, b.konst(0x3FFF)), b.konst(Machine.RW));
            b.set(3, b.load(size, addr));
            b.insn(ENTRY + 4);       // again: now a TLB hit unless it crossed a page
            b.set(4, b.xor(b.load(size, addr), y));
            b.insn(ENTRY + 8);
            b.set(5, RawIr.node(b, Op.LOAD, size, 0, b.konst(Machine.RW + 0x0FFF - (size - 1) / 2)));
        }, true, false));
        m.put(Op.STORE, new Case(SALL, (b, size, x, y, z) -> {
            Node addr = b.add(b.and(x, b.konst(0x3FFF)), b.konst(Machine.RW));
            b.store(size, addr, y);
            b.insn(ENTRY + 4);
            b.set(3, b.load(8, b.and(addr, b.konst(~7L))));
            b.insn(ENTRY + 8);
            b.store(size, b.add(addr, b.konst(3)), z);
            b.insn(ENTRY + 12);
            b.store(size, b.konst(Machine.RW + 0x1FFE), x);  // constant address
        }, true, false));
        m.put(Op.CALL, new Case(S8, (b, size, x, y, z) -> {
            b.set(3, b.call(MIX, x, y, z));
            b.set(4, b.call(ACC, x));
            b.call(LOG, y);
            b.set(5, b.call(ACC, b.call(MIX, z, b.konst(5), x)));
        }, false, false));
        m.put(Op.JUMP, new Case(S8, (b, size, x, y, z) -> {
            Block next = b.newBlock();
            b.set(3, x);
            b.jump(next);
            b.setBlock(next);
            b.insn(ENTRY + 4);
            b.set(4, b.sub(b.get(3), b.get(1)));
        }, false, false));
        m.put(Op.BRANCH, new Case(S8, (b, size, x, y, z) -> {
            // blocks are emitted in creation order: this covers a taken branch whose target
            // falls through, whose other side falls through, and neither
            Block yes = b.newBlock(), no = b.newBlock(), join = b.newBlock(), c = b.newBlock(),
                a = b.newBlock(), d = b.newBlock(), e = b.newBlock();
            b.branch(b.ltu(x, y), yes, no);
            b.setBlock(yes);
            b.set(3, b.konst(0x111));
            b.jump(join);
            b.setBlock(no);
            b.set(3, b.konst(0x222));
            b.jump(join);
            b.setBlock(join);
            b.insn(ENTRY + 4);
            b.branch(b.get(2), a, c);
            b.setBlock(c);
            b.set(4, b.konst(1));
            b.branch(b.and(b.get(0), b.konst(1)), e, d);
            b.setBlock(a);
            b.set(4, b.konst(2));
            b.jump(d);
            b.setBlock(e);
            b.insn(ENTRY + 8);
            b.set(5, b.konst(7));
            b.exit(b.konst(NEXT + 4), 0);
            b.setBlock(d);
            b.insn(ENTRY + 12);
            b.set(5, b.add(b.get(4), b.get(3)));
        }, false, false));
        m.put(Op.EXIT, new Case(S8, (b, size, x, y, z) -> {
            b.set(3, y);
            b.exit(x, 3);
        }, false, false));
        return m;
    }

    static Node raw(IrBuilder b, Op op, int size, Node x, Node y, Node z) {
        Node[] args = switch (op.arity) {
            case 1 -> new Node[] {x};
            case 2 -> new Node[] {x, y};
            case 3 -> new Node[] {x, y, z};
            default -> throw new IllegalArgumentException(op.toString());
        };
        return RawIr.node(b, op, size, 0, args);
    }

    static Domain domain(Op op, int size, int arg) {
        return switch (op) {
            case FADD, FSUB, FMUL, FDIV, FSQRT -> size == 4 ? Domain.F32 : Domain.F64;
            case F2F -> size == 4 ? Domain.F64 : Domain.F32;  // size is the result's
            default -> Domain.INT;
        };
    }

    @Test
    void everyOpHasACase() {
        Map<Op, Case> cases = cases();
        for (Op op : Op.values()) assertTrue(cases.containsKey(op), "no backend test case for op " + op);
    }

    @TestFactory
    Stream<DynamicTest> everyOpMatchesTheInterpreter() {
        Map<Op, Case> cases = cases();
        return Stream.of(Op.values()).map(op -> DynamicTest.dynamicTest(op.name(), () -> {
            Case c = cases.get(op);
            if (c == null) fail("no backend test case for op " + op);
            for (int size : c.sizes()) checkOp(op, size, c);
        }));
    }

    private static void checkOp(Op op, int size, Case c) {
        Random r = new Random(SEED ^ (op.ordinal() * 31L + size));
        IrFunction fn = function(c, size, null, -1);
        CompiledBlock t = JIT.compile(fn);
        Domain dx = domain(op, size, 0);
        long[] edges = edges(dx);
        int n = 0;
        // edge values: all pairs for the first two inputs
        for (long a : edges)
            for (long b : edges(domain(op, size, 1))) {
                compare(op, size, fn, t, c.memory(), a, b, edges[(n++ * 7) % edges.length]);
                if (op.arity == 1 && c.constVariants()) break;
            }
        for (int i = 0; i < RANDOM; i++)
            compare(op, size, fn, t, c.memory(), random(r, dx), random(r, domain(op, size, 1)), random(r, dx));
        if (!c.constVariants()) return;
        // each edge value as a constant first or second operand
        for (int arg = 0; arg < Math.min(op.arity, 2); arg++)
            for (long k : edges(domain(op, size, arg))) {
                IrFunction cf = function(c, size, k, arg);
                CompiledBlock ct = JIT.compile(cf);
                for (int i = 0; i < 40; i++)
                    compare(op, size, cf, ct, false, random(r, dx), random(r, domain(op, size, 1)), random(r, dx));
            }
    }

    /** The test function; with constArg >= 0, that operand is the constant k instead of a slot. */
    static IrFunction function(Case c, int size, Long k, int constArg) {
        IrFunction fn = new IrFunction(ENTRY);
        IrBuilder b = new IrBuilder(fn);
        b.insn(ENTRY);
        Node x = constArg == 0 ? b.konst(k) : b.get(0);
        Node y = constArg == 1 ? b.konst(k) : b.get(1);
        Node z = b.get(2);
        c.shape().build(b, size, x, y, z);
        if (!b.terminated()) b.exit(b.konst(NEXT), 0);
        return fn;
    }

    private static final ThreadLocal<Machine[]> PURE_MACHINES =
        ThreadLocal.withInitial(() -> new Machine[] {Machine.withoutMemory(), Machine.withoutMemory()});

    static void compare(Op op, int size, IrFunction fn, CompiledBlock t, boolean memory, long a, long b, long c) {
        long[] slots = {a, b, c, 0x3333, 0x4444, 0x5555, 0x6666, 0x7777};
        Machine m1, m2;
        if (memory) {
            m1 = Machine.withMemory(slots);
            m2 = Machine.withMemory(slots);
        } else {
            Machine[] ms = PURE_MACHINES.get();
            m1 = ms[0].reset(slots);
            m2 = ms[1].reset(slots);
        }
        Machine.Outcome expected = m1.runInterpreted(fn);
        Machine.Outcome actual = m2.runCompiled(t);
        if (!expected.equals(actual))
            fail(String.format("%s size %d differs (seed 0x%x) for inputs 0x%x, 0x%x, 0x%x%n"
                    + "interpreter vs compiled:%n%s%nIR:%n%s", op, size, SEED, a, b, c, expected.diff(actual),
                IrPrinter.format(fn)));
    }

    static long[] edges(Domain d) {
        return switch (d) {
            case INT -> INT_EDGES;
            case F32 -> F32_EDGES;
            case F64 -> F64_EDGES;
        };
    }

    static long random(Random r, Domain d) {
        return switch (d) {
            case INT -> switch (r.nextInt(6)) {
                case 0 -> r.nextLong();
                case 1 -> r.nextInt(512) - 256;
                case 2 -> r.nextLong() >> r.nextInt(64);
                case 3 -> r.nextLong() >>> r.nextInt(64);
                case 4 -> INT_EDGES[r.nextInt(INT_EDGES.length)] + r.nextInt(5) - 2;
                default -> 1L << r.nextInt(64);
            };
            case F64 -> switch (r.nextInt(5)) {
                case 0 -> r.nextLong();
                case 1 -> bits(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
                case 2 -> F64_EDGES[r.nextInt(F64_EDGES.length)];
                case 3 -> bits((double) r.nextInt());
                default -> F64_EDGES[r.nextInt(F64_EDGES.length)] ^ (1L << r.nextInt(64));
            };
            case F32 -> {
                long garbage = r.nextBoolean() ? 0 : r.nextLong() << 32;
                long low = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt() & 0xFFFF_FFFFL;
                    case 1 -> fbits((float) (r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10)));
                    case 2 -> F32_EDGES[r.nextInt(F32_EDGES.length)] & 0xFFFF_FFFFL;
                    default -> (F32_EDGES[r.nextInt(F32_EDGES.length)] ^ (1L << r.nextInt(32))) & 0xFFFF_FFFFL;
                };
                yield garbage | low;
            }
        };
    }

    static long bits(double d) { return Double.doubleToRawLongBits(d); }

    static long fbits(float f) { return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL; }

    @Test
    void edgeTablesAreWhatTheySay() {
        assertEquals(0x7F80_0001L, F32_EDGES[10]);
        List<Long> all = new ArrayList<>();
        for (long v : INT_EDGES) all.add(v);
        assertTrue(all.contains(Long.MIN_VALUE) && all.contains(0x80L) && all.contains(0xFFFF_FFFFL));
    }
}
