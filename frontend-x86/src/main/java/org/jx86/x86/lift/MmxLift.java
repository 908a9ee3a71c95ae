package org.jx86.x86.lift;

import org.jx86.ir.Helper;
import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.fpu.Mmx;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Sem;

/**
 * MMX forms of the integer SIMD instructions: the same lane-wise helpers as SSE, on one
 * 64-bit value. MMX registers are read and written through {@link Mmx} (they alias x87).
 */
final class MmxLift {
    private MmxLift() {}

    static final Helper READ = Helper.of(Mmx.class, "read", Helper.CONTEXT);
    static final Helper WRITE = Helper.of(Mmx.class, "write", Helper.CONTEXT);
    static final Helper EMMS = Helper.of(Mmx.class, "emms", Helper.CONTEXT);

    static boolean usesMmx(Insn in) {
        for (int i = 0; i < in.nops; i++) if (in.ops[i].kind == OpKind.MMX) return true;
        return in.sem == Sem.EMMS;
    }

    /** Reads a 64-bit MMX register or memory operand. */
    static Node read(Ctx c, Operand o) {
        return switch (o.kind) {
            case MMX -> c.b.call(READ, c.k(o.reg));
            case MEM -> c.b.load(8, c.addr(o));
            default -> c.read(o);
        };
    }

    static void write(Ctx c, Operand o, Node v) {
        if (o.kind == OpKind.MMX) c.b.call(WRITE, c.k(o.reg), v);
        else c.write(o, v);
    }

    static boolean lift(Ctx c, Sem sem) {
        Insn in = c.in;
        IrBuilder b = c.b;
        Operand d = in.ops[0];
        switch (sem) {
            case EMMS -> b.call(EMMS);
            case MOVD, MOVQ -> {
                Operand s = in.ops[1];
                if (d.kind == OpKind.MMX) {
                    Node v = read(c, s);
                    write(c, d, s.kind == OpKind.MMX ? v : b.zext(Math.min(s.size, 8), v));
                } else {
                    Node v = read(c, s);
                    c.write(d, Math.min(d.size, 8), b.zext(Math.min(d.size, 8), v));
                }
            }
            case PAND, POR, PXOR, PANDN -> {
                Node x = read(c, d), y = read(c, in.ops[1]);
                Node r = switch (sem) {
                    case PAND -> b.and(x, y);
                    case POR -> b.or(x, y);
                    case PXOR -> b.xor(x, y);
                    default -> b.and(b.not(x), y);
                };
                write(c, d, r);
            }
            case PSLLW, PSLLD, PSLLQ, PSRLW, PSRLD, PSRLQ, PSRAW, PSRAD -> {
                Operand s = in.ops[1];
                Node n = s.kind == OpKind.IMM ? c.k(s.imm & 0xFF) : read(c, s);
                write(c, d, b.call(SseHelpers.get(sem.name().toLowerCase()), read(c, d), n));
            }
            case PMOVMSKB -> c.setGpr(d.reg, d.size, b.call(SseHelpers.get("pmovmskb"), read(c, in.ops[1])));
            case PSHUFW -> write(c, d, b.call(SseHelpers.get("pshufw"), read(c, in.ops[1]), c.k(in.ops[2].imm & 0xFF)));
            case PUNPCKLBW, PUNPCKLWD, PUNPCKLDQ, PUNPCKHBW, PUNPCKHWD, PUNPCKHDQ -> {
                // On 64 bits, "low" interleaves bytes 0-3 and "high" bytes 4-7: the low and high
                // halves of the XMM helper's low-half interleave.
                String name = sem.name().toLowerCase().replace("punpckh", "punpckl");
                boolean high = sem.name().startsWith("PUNPCKH");
                Helper h = SseHelpers.get(name + (high ? "Hi" : "Lo"));
                Node x = read(c, d), y = read(c, in.ops[1]), z = c.k(0);
                write(c, d, b.call(h, x, z, y, z));
            }
            case PACKSSWB, PACKUSWB, PACKSSDW -> {
                Node x = read(c, d), y = read(c, in.ops[1]);
                write(c, d, b.call(SseHelpers.get(sem.name().toLowerCase()), x, y));
            }
            default -> {
                if (!SseLift.isGenericLanewise(sem)) return false;
                Helper h = SseHelpers.find(sem.name().toLowerCase());
                if (h == null || h.valueArgs != 2 || in.nops != 2) return false;
                write(c, d, b.call(h, read(c, d), read(c, in.ops[1])));
            }
        }
        return true;
    }
}
