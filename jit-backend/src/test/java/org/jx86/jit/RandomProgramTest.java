package org.jx86.jit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jx86.ir.Block;
import org.jx86.ir.Helper;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.IrFunction;
import org.jx86.ir.IrPrinter;
import org.jx86.ir.IrVerifier;
import org.jx86.ir.Node;
import org.jx86.ir.Op;
import org.jx86.ir.Passes;
import org.jx86.ir.RawIr;
import org.junit.jupiter.api.Test;

/**
 * Random multi-block functions (integer ops, slots, memory, helpers, a counted loop) run on
 * the interpreter and compiled, before and after the pass pipeline. Catches interactions a
 * one-op test cannot: a GET read after a SET of its slot, values kept across helper calls,
 * faults in the middle of blocks entered from several places.
 */
class RandomProgramTest {
    static final long SEED = 0x0BAD_C0DEL;
    static final int PROGRAMS = 400, INPUTS = 4;
    static final long ENTRY = 0x700000;
    private static final BytecodeCompiler JIT = new BytecodeCompiler(true);

    static final Helper MIX = Helper.of(TestHelpers.class, "mix", Helper.PURE);
    static final Helper ACC = Helper.of(TestHelpers.class, "accumulate", Helper.CONTEXT);
    static final Helper SYNC = Helper.of(TestHelpers.class, "syncSum", Helper.SYNC_STATE);
    static final Helper DIV = Helper.of(TestHelpers.class, "checkedDiv", Helper.MAY_FAULT);
    static final Helper LOG = Helper.of(TestHelpers.class, "log", Helper.CONTEXT);

    private static final Op[] INT_OPS;

    static {
        List<Op> ops = new ArrayList<>();
        for (Op op : Op.values())
            if (op.kind == Op.Kind.PURE && op != Op.CONST && !op.isFloat()) ops.add(op);
        INT_OPS = ops.toArray(new Op[0]);
    }

    @Test
    void randomProgramsAgree() {
        for (int p = 0; p < PROGRAMS; p++) {
            long seed = SEED + p;
            IrFunction plain = generate(new Random(seed));
            IrFunction optimized = generate(new Random(seed));
            Passes.optimize(optimized, true);
            IrVerifier.verify(plain);
            CompiledBlock tp = JIT.compile(plain), to = JIT.compile(optimized);
            Random in = new Random(~seed);
            for (int i = 0; i < INPUTS; i++) {
                long[] slots = new long[16];
                for (int s = 0; s < 8; s++)
                    slots[s] = in.nextInt(3) == 0 ? Machine.RW + in.nextInt(0x3000) : OpCoverageTest.random(in, OpCoverageTest.Domain.INT);
                Machine.Outcome expected = Machine.withMemory(slots).runInterpreted(plain);
                Machine.Outcome compiled = Machine.withMemory(slots).runCompiled(tp);
                Machine.Outcome compiledOpt = Machine.withMemory(slots).runCompiled(to);
                if (!expected.equals(compiled))
                    fail(String.format("program seed 0x%x: interpreter vs compiled:%n%s%n%s", seed,
                        expected.diff(compiled), IrPrinter.format(plain)));
                if (!expected.equals(compiledOpt))
                    fail(String.format("program seed 0x%x: interpreter vs compiled after passes:%n%s%nbefore:%n%safter:%n%s",
                        seed, expected.diff(compiledOpt), IrPrinter.format(plain), IrPrinter.format(optimized)));
            }
        }
    }

    /** A forward DAG of blocks, one of which may be a self-loop counted down in slot 15. */
    static IrFunction generate(Random r) {
        IrFunction fn = new IrFunction(ENTRY);
        IrBuilder b = new IrBuilder(fn);
        int nBlocks = 1 + r.nextInt(5);
        List<Block> blocks = new ArrayList<>();
        blocks.add(b.block());
        for (int i = 1; i < nBlocks; i++) blocks.add(b.newBlock());
        int loop = nBlocks > 1 && r.nextBoolean() ? 1 + r.nextInt(nBlocks - 1) : -1;
        long pc = ENTRY;
        for (int bi = 0; bi < nBlocks; bi++) {
            b.setBlock(blocks.get(bi));
            if (bi == 0) b.set(15, b.konst(1 + r.nextInt(4)));
            int insns = r.nextInt(4);
            for (int k = 0; k < insns; k++) {
                if (r.nextInt(5) > 0 || bi == 0) b.insn(pc += 4);  // sometimes code before any marker
                instruction(b, r);
            }
            if (bi == loop) {
                Node n = b.sub(b.get(15), b.konst(1));
                b.set(15, n);
                Block next = blocks.get(bi + 1 < nBlocks ? bi + 1 : bi);
                if (bi + 1 < nBlocks) {
                    b.branch(b.ne(n, b.konst(0)), blocks.get(bi), next);
                    continue;
                }
            }
            if (bi == nBlocks - 1) {
                Node next = r.nextBoolean() ? b.konst(pc + 4) : value(b, r, new ArrayList<>());
                b.exit(next, r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0);
            } else if (r.nextBoolean()) {
                b.jump(blocks.get(bi + 1 + r.nextInt(nBlocks - bi - 1)));
            } else {
                Node cond = b.ltu(b.get(r.nextInt(8)), b.get(r.nextInt(8)));
                b.branch(cond, blocks.get(bi + 1 + r.nextInt(nBlocks - bi - 1)),
                    blocks.get(bi + 1 + r.nextInt(nBlocks - bi - 1)));
            }
        }
        return fn;
    }

    /** One guest instruction: compute from slots, maybe touch memory or call, then SET. */
    static void instruction(IrBuilder b, Random r) {
        List<Node> vals = new ArrayList<>();
        int ops = 1 + r.nextInt(6);
        for (int i = 0; i < ops; i++) {
            Node v = switch (r.nextInt(12)) {
                case 0 -> b.load(1 << r.nextInt(4), address(b, r, vals));
                case 1 -> {
                    b.store(1 << r.nextInt(4), address(b, r, vals), value(b, r, vals));
                    yield null;
                }
                case 2 -> switch (r.nextInt(5)) {
                    case 0 -> b.call(MIX, value(b, r, vals), value(b, r, vals), value(b, r, vals));
                    case 1 -> b.call(ACC, value(b, r, vals));
                    case 2 -> b.call(SYNC, value(b, r, vals));
                    case 3 -> b.call(DIV, value(b, r, vals), value(b, r, vals));
                    default -> b.call(LOG, value(b, r, vals));
                };
                default -> op(b, r, vals);
            };
            if (v != null) vals.add(v);
        }
        int sets = r.nextInt(3);
        for (int i = 0; i < sets; i++) b.set(r.nextInt(8), value(b, r, vals));
    }

    static Node op(IrBuilder b, Random r, List<Node> vals) {
        Op op = INT_OPS[r.nextInt(INT_OPS.length)];
        int size = switch (op) {
            case ROTL, ROTR, ZEXT, SEXT -> 1 << r.nextInt(4);
            case BSWAP -> 2 << r.nextInt(3);
            default -> 8;
        };
        Node[] args = new Node[op.arity];
        for (int i = 0; i < args.length; i++) args[i] = value(b, r, vals);
        if (op == Op.DIVU || op == Op.REMU || op == Op.DIVS || op == Op.REMS)
            args[1] = RawIr.node(b, Op.OR, 8, 0, args[1], b.konst(1));  // the producer's guarantee
        return RawIr.node(b, op, size, 0, args);
    }

    static Node value(IrBuilder b, Random r, List<Node> vals) {
        int k = r.nextInt(10);
        if (k < 4 && !vals.isEmpty()) return vals.get(r.nextInt(vals.size()));
        if (k < 8) return b.get(r.nextInt(8));
        return b.konst(OpCoverageTest.INT_EDGES[r.nextInt(OpCoverageTest.INT_EDGES.length)]);
    }

    /** Mostly inside the mapped pages, sometimes anywhere (faults). */
    static Node address(IrBuilder b, Random r, List<Node> vals) {
        Node v = value(b, r, vals);
        if (r.nextInt(8) == 0) return v;
        return RawIr.node(b, Op.ADD, 8, 0, RawIr.node(b, Op.AND, 8, 0, v, b.konst(0x3FFF)), b.konst(Machine.RW));
    }
}
