package org.jx86.vmm.fpu;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;
import org.jx86.vmm.mem.Mem;

/**
 * Executes one x87 instruction (opcode bytes D8..DF) on a vCPU's {@link X87State}: the one
 * home of x87 semantics, called by the IR interpreter and by translated code alike.
 *
 * <p>Order of effects, so faults stay precise: (1) #UD for undefined encodings, (2) #MF if an
 * unmasked exception is pending and the instruction is a waiting one, (3) memory reads,
 * (4) computation into the scratch {@link FpCtx}, (5) memory writes, (6) status word,
 * registers, TOP. A {@link GuestFault} from steps 3 or 5 therefore leaves the x87 state as
 * it was. An unmasked IE/DE/ZE (or OE/UE for memory destinations) suppresses the result as
 * on hardware and sets ES; the #MF is raised by the next waiting instruction.
 *
 * <p>The last-instruction pointer FIP is taken from {@code cpu.rip}: callers that want exact
 * FIP values in FSTENV/FXSAVE images store the instruction's address there first.
 *
 * <p>Where the SDM leaves condition codes undefined, the host CPU's behaviour is followed
 * (see {@code X87DifferentialTest}).
 */
public final class X87Exec {
    private X87Exec() {}

    private static final int IE = FpCtx.IE, DE = FpCtx.DE, ZE = FpCtx.ZE, OE = FpCtx.OE, UE = FpCtx.UE,
        SF = FpCtx.SF, C1 = FpCtx.C1;
    /** Unmasked exceptions that suppress a register result / a memory result. */
    private static final int BLOCK_REG = IE | DE | ZE, BLOCK_MEM = IE | DE | ZE | OE | UE;
    private static final long ONE_SE = 0x3FFF, ONE_M = F80.J;

    /** Executes one x87 instruction; {@code ea} is the memory operand's linear address when modrm &lt; 0xC0. */
    public static void exec(Cpu cpu, long opcode, long modrm, long ea) {
        execWithPrefix(cpu, opcode, modrm, ea, 0);
    }

    /**
     * As {@link #exec}; {@code opsize16} non-zero selects the 16-bit (66-prefixed) layouts of
     * FNSTENV, FLDENV, FNSAVE and FRSTOR and is ignored by every other instruction.
     */
    public static void execWithPrefix(Cpu cpu, long opcode, long modrm, long ea, long opsize16) {
        int op = (int) opcode & 7, mr = (int) modrm & 0xFF;
        if (undefined(op, mr)) throw GuestFault.of(Vector.UD);
        X87State st = cpu.x87;
        if (!noWait(op, mr) && st.pending()) throw GuestFault.of(Vector.MF);
        FpCtx c = st.ctx.reset(st.cw);
        if (mr < 0xC0) memory(cpu, st, c, op, (mr >> 3) & 7, ea, opsize16 != 0);
        else register(cpu, st, c, op, mr);
        if (!control(op, mr)) {
            st.fip = cpu.rip;
            st.fop = op << 8 | mr;
            if (mr < 0xC0) st.fdp = ea;
        }
    }

    /** FWAIT/WAIT (9B): raises #MF when an unmasked x87 exception is pending. */
    public static void fwait(Cpu cpu) {
        if (cpu.x87.pending()) throw GuestFault.of(Vector.MF);
    }

    // ---- encoding classes

    /** True for the D8..DF encodings that raise #UD. */
    public static boolean undefined(int op, int mr) {
        if (mr < 0xC0) {
            int r = (mr >> 3) & 7;
            return (op == 1 && r == 1) || (op == 3 && (r == 4 || r == 6)) || (op == 5 && r == 5);
        }
        return switch (op) {
            case 1 -> (mr >= 0xD1 && mr <= 0xD7) || mr == 0xE2 || mr == 0xE3 || mr == 0xE6 || mr == 0xE7 || mr == 0xEF;
            case 2 -> mr >= 0xE0 && mr != 0xE9;
            case 3 -> (mr >= 0xE5 && mr <= 0xE7) || mr >= 0xF8;
            case 5 -> mr >= 0xF0;
            case 6 -> mr >= 0xD8 && mr <= 0xDF && mr != 0xD9;
            case 7 -> (mr >= 0xE1 && mr <= 0xE7) || mr >= 0xF8;
            default -> false;
        };
    }

    /** FNINIT, FNCLEX, FNSTSW, FNSTCW, FNSTENV, FNSAVE and the legacy FNENI/FNDISI/FNSETPM. */
    static boolean noWait(int op, int mr) {
        if (mr < 0xC0) {
            int r = (mr >> 3) & 7;
            return (op == 1 && r >= 6) || (op == 5 && r >= 6);
        }
        return (op == 3 && mr >= 0xE0 && mr <= 0xE4) || (op == 7 && mr == 0xE0);
    }

    /** Control instructions do not update FIP, FDP and FOP. */
    static boolean control(int op, int mr) {
        if (mr < 0xC0) {
            int r = (mr >> 3) & 7;
            return (op == 1 && r >= 4) || (op == 5 && (r == 4 || r >= 6));
        }
        return (op == 3 && mr >= 0xE0 && mr <= 0xE4) || (op == 7 && mr == 0xE0);
    }

    // ---- commit

    /**
     * Merges the flags raised in c into the status word. Returns false when an exception in
     * {@code blocking} is unmasked: then only the pre-computation flags are recorded and the
     * caller must leave registers, TOP and memory alone.
     */
    private static boolean commit(X87State st, FpCtx c, int blocking) {
        int ex = c.exc;
        int unmasked = ex & ~st.cw & blocking;
        if ((unmasked & (IE | DE | ZE)) != 0) {
            st.sw = (st.sw & ~C1) | (ex & (IE | DE | ZE | SF)) | ((ex & SF) != 0 ? ex & C1 : 0);
            return false;
        }
        if (unmasked != 0) {                                  // OE/UE on a memory store: nothing stored, no PE
            st.sw = (st.sw & ~C1) | (ex & (0x7F & ~FpCtx.PE));
            return false;
        }
        st.sw = (st.sw & ~C1) | (ex & 0x7F) | (ex & C1);
        return true;
    }

    private static boolean commit(X87State st, FpCtx c) { return commit(st, c, BLOCK_REG); }

    /** As {@link #commit(X87State, FpCtx)} for instructions that leave C1 alone (FCMOVcc, FCOMI). */
    private static boolean commitKeepC1(X87State st, FpCtx c) {
        int c1 = st.sw & X87State.SW_C1;
        boolean ok = commit(st, c, BLOCK_REG);
        if ((c.exc & SF) == 0) st.sw = (st.sw & ~X87State.SW_C1) | c1;
        return ok;
    }

    private static void underflow(FpCtx c) {
        c.exc |= IE | SF;
        c.set(F80.INDEF_SE, F80.INDEF_M);
    }

    // ---- memory forms

    private static void memory(Cpu cpu, X87State st, FpCtx c, int op, int r, long ea, boolean o16) {
        switch (op) {
            case 0 -> {                                           // D8: m32fp arithmetic
                F80Convert.fromF32(c, Mem.read32(cpu, ea), false);
                withSt0(st, c, r, c.se, c.m);
            }
            case 1 -> {
                switch (r) {
                    case 0 -> {
                        F80Convert.fromF32(c, Mem.read32(cpu, ea), true);
                        push(st, c, c.se, c.m);
                    }
                    case 2, 3 -> {
                        long v = st.isEmpty(0) ? indefF32(c) : F80Convert.toF32(c, st.stSe(0), st.stM(0));
                        if (storeAllowed(st, c)) Mem.write32(cpu, ea, v);
                        finishStore(st, c, r == 3);
                    }
                    case 4 -> X87Env.ldenv(cpu, st, ea, o16);
                    case 5 -> st.setControlWord((int) Mem.read16(cpu, ea));
                    case 6 -> X87Env.stenv(cpu, st, ea, o16);
                    default -> Mem.write16(cpu, ea, st.cw);     // 7: FNSTCW
                }
            }
            case 2 -> {                                           // DA: m32int arithmetic
                F80Convert.fromInt(c, (int) Mem.read32(cpu, ea));
                withSt0(st, c, r, c.se, c.m);
            }
            case 3 -> {
                switch (r) {
                    case 0 -> {
                        F80Convert.fromInt(c, (int) Mem.read32(cpu, ea));
                        push(st, c, c.se, c.m);
                    }
                    case 1, 2, 3 -> {
                        long v = toInt(st, c, 32, r == 1);
                        if (storeAllowed(st, c)) Mem.write32(cpu, ea, v);
                        finishStore(st, c, r != 2);
                    }
                    case 5 -> {
                        long lo = Mem.read64(cpu, ea), hi = Mem.read16(cpu, ea + 8);
                        push(st, c, hi, lo);
                    }
                    default -> {                                  // 7: FSTP m80
                        long se, m;
                        if (st.isEmpty(0)) {
                            underflow(c);
                            se = c.se;
                            m = c.m;
                        } else {
                            se = st.stSe(0);
                            m = st.stM(0);
                        }
                        if (storeAllowed(st, c)) write80(cpu, ea, se, m);
                        finishStore(st, c, true);
                    }
                }
            }
            case 4 -> {                                           // DC: m64fp arithmetic
                F80Convert.fromF64(c, Mem.read64(cpu, ea), false);
                withSt0(st, c, r, c.se, c.m);
            }
            case 5 -> {
                switch (r) {
                    case 0 -> {
                        F80Convert.fromF64(c, Mem.read64(cpu, ea), true);
                        push(st, c, c.se, c.m);
                    }
                    case 1 -> {
                        long v = toInt(st, c, 64, true);
                        if (storeAllowed(st, c)) Mem.write64(cpu, ea, v);
                        finishStore(st, c, true);
                    }
                    case 2, 3 -> {
                        long v = st.isEmpty(0) ? indefF64(c) : F80Convert.toF64(c, st.stSe(0), st.stM(0));
                        if (storeAllowed(st, c)) Mem.write64(cpu, ea, v);
                        finishStore(st, c, r == 3);
                    }
                    case 4 -> X87Env.rstor(cpu, st, ea, o16);
                    case 6 -> X87Env.save(cpu, st, ea, o16);
                    default -> Mem.write16(cpu, ea, st.statusWord()); // 7: FNSTSW m16
                }
            }
            case 6 -> {                                           // DE: m16int arithmetic
                F80Convert.fromInt(c, (short) Mem.read16(cpu, ea));
                withSt0(st, c, r, c.se, c.m);
            }
            default -> {
                switch (r) {
                    case 0 -> {
                        F80Convert.fromInt(c, (short) Mem.read16(cpu, ea));
                        push(st, c, c.se, c.m);
                    }
                    case 1, 2, 3 -> {
                        long v = toInt(st, c, 16, r == 1);
                        if (storeAllowed(st, c)) Mem.write16(cpu, ea, v);
                        finishStore(st, c, r != 2);
                    }
                    case 4 -> {
                        long lo = Mem.read64(cpu, ea), hi = Mem.read16(cpu, ea + 8);
                        F80Convert.fromBcd(c, lo, hi);
                        push(st, c, c.se, c.m);
                    }
                    case 5 -> {
                        F80Convert.fromInt(c, Mem.read64(cpu, ea));
                        push(st, c, c.se, c.m);
                    }
                    case 6 -> {
                        long lo, hi;
                        if (st.isEmpty(0)) {
                            c.exc |= IE | SF;
                            lo = F80Convert.BCD_INDEF_LO;
                            hi = F80Convert.BCD_INDEF_HI;
                        } else {
                            lo = F80Convert.toBcd(c, st.stSe(0), st.stM(0));
                            hi = c.w0;
                        }
                        if (storeAllowed(st, c)) write80(cpu, ea, hi, lo);
                        finishStore(st, c, true);
                    }
                    default -> {
                        long v = toInt(st, c, 64, false);
                        if (storeAllowed(st, c)) Mem.write64(cpu, ea, v);
                        finishStore(st, c, true);
                    }
                }
            }
        }
    }

    private static long indefF32(FpCtx c) {
        c.exc |= IE | SF;
        return 0xFFC0_0000L;
    }

    private static long indefF64(FpCtx c) {
        c.exc |= IE | SF;
        return 0xFFF8_0000_0000_0000L;
    }

    private static long toInt(X87State st, FpCtx c, int bits, boolean truncate) {
        if (st.isEmpty(0)) {
            c.exc |= IE | SF;
            return 1L << (bits - 1);
        }
        return F80Convert.toInt(c, st.stSe(0), st.stM(0), bits, truncate ? FpCtx.RC_ZERO : c.rc);
    }

    /** True when the computed store value may be written (no unmasked exception suppresses it). */
    private static boolean storeAllowed(X87State st, FpCtx c) { return (c.exc & ~st.cw & BLOCK_MEM) == 0; }

    private static void finishStore(X87State st, FpCtx c, boolean pop) {
        if (commit(st, c, BLOCK_MEM) && pop) st.pop();
    }

    /** Writes an 80-bit value, checking both ends first so a fault writes nothing. */
    static void write80(Cpu cpu, long ea, long se, long m) {
        X87Env.checkWrite(cpu, ea, 10);
        Mem.write64(cpu, ea, m);
        Mem.write16(cpu, ea + 8, se);
    }

    /**
     * FLD-style push of (se, m) with stack-overflow handling. An unmasked DE (a binary32/64
     * denormal) does not stop the load, as on the host; an overflow hides the DE.
     */
    private static void push(X87State st, FpCtx c, long se, long m) {
        if (!st.isEmpty(7)) {
            c.exc = (c.exc & ~DE) | IE | SF | C1;
            se = F80.INDEF_SE;
            m = F80.INDEF_M;
        }
        if (commit(st, c, IE | ZE)) st.push(se, m);
    }

    /**
     * D8/DA/DC/DE memory forms: ST0 = ST0 op operand, or FCOM/FCOMP/FICOM/FICOMP. A DE raised
     * by converting a binary32/64 denormal operand only counts when the operation examines it:
     * not for an empty or NaN ST0, nor when the operation is invalid or divides by zero.
     */
    private static void withSt0(X87State st, FpCtx c, int r, long bse, long bm) {
        int convDe = c.exc & DE;
        c.exc &= ~DE;
        boolean examined = !st.isEmpty(0) && F80.classify(st.stSe(0), st.stM(0)) < F80.UNSUPPORTED;
        if (r == 2 || r == 3) {
            if (examined) c.exc |= convDe;
            compare(st, c, bse, bm, false, r == 3 ? 1 : 0, false);
            return;
        }
        if (st.isEmpty(0)) underflow(c);
        else arith(c, r, st.stSe(0), st.stM(0), bse, bm);
        if (examined && (c.exc & (IE | ZE)) == 0) c.exc |= convDe;
        if (commit(st, c)) st.setSt(0, c.se, c.m);
    }

    /** kind: 0 add, 1 mul, 4 a - b, 5 b - a, 6 a / b, 7 b / a. */
    private static void arith(FpCtx c, int kind, long ase, long am, long bse, long bm) {
        switch (kind) {
            case 0 -> F80Arith.add(c, ase, am, bse, bm);
            case 1 -> F80Arith.mul(c, ase, am, bse, bm);
            case 4 -> F80Arith.sub(c, ase, am, bse, bm);
            case 5 -> F80Arith.sub(c, bse, bm, ase, am);
            case 6 -> F80Arith.div(c, ase, am, bse, bm);
            default -> F80Arith.div(c, bse, bm, ase, am);
        }
    }

    /** Compares ST0 with b ({@code bEmpty}: b is an empty register), sets C3/C2/C0 and pops. */
    private static void compare(X87State st, FpCtx c, long bse, long bm, boolean quiet, int pops, boolean bEmpty) {
        int cc;
        if (st.isEmpty(0) || bEmpty) {
            c.exc = (c.exc & ~DE) | IE | SF;
            cc = F80Arith.UNORDERED;
        } else {
            cc = F80Arith.compare(c, st.stSe(0), st.stM(0), bse, bm, quiet);
        }
        boolean ok = commit(st, c);
        st.setCc(cc);                                         // the host sets C3/C2/C0 even when IE is unmasked
        if (ok) for (int k = 0; k < pops; k++) st.pop();
    }

    private static void compareSt(X87State st, FpCtx c, int i, boolean quiet, int pops) {
        compare(st, c, st.stSe(i), st.stM(i), quiet, pops, st.isEmpty(i));
    }

    // ---- register forms

    private static void register(Cpu cpu, X87State st, FpCtx c, int op, int mr) {
        int r = (mr >> 3) & 7, i = mr & 7;
        switch (op) {
            case 0 -> {                                           // D8: ST0 = ST0 op ST(i)
                if (r == 2 || r == 3) compareSt(st, c, i, false, r - 2);
                else regArith(st, c, r, i, false, false);
            }
            case 1 -> d9(st, c, mr);
            case 2 -> {
                if (mr == 0xE9) compareSt(st, c, 1, true, 2);     // FUCOMPP
                else fcmov(cpu, st, c, r, i, false);
            }
            case 3 -> {
                if (mr < 0xE0) fcmov(cpu, st, c, r, i, true);
                else if (mr == 0xE2) st.sw &= ~0x80FF;            // FNCLEX
                else if (mr == 0xE3) st.init();                   // FNINIT
                else if (mr >= 0xE8) comi(cpu, st, c, i, r == 5, false);
                // E0 FNENI, E1 FNDISI, E4 FNSETPM: no-ops
            }
            case 4 -> {                                           // DC: ST(i) = ST(i) op ST0
                if (r == 2 || r == 3) compareSt(st, c, i, false, r - 2);
                else regArith(st, c, r >= 4 ? r ^ 1 : r, i, true, false);
            }
            case 5 -> {
                switch (r) {
                    case 0 -> {                                   // FFREE
                        st.free(i);
                        st.sw &= ~X87State.SW_C1;
                    }
                    case 1 -> fxch(st, c, i);
                    case 2, 3 -> fstReg(st, c, i, r == 3);
                    default -> compareSt(st, c, i, true, r - 4);  // FUCOM, FUCOMP
                }
            }
            case 6 -> {                                           // DE: ST(i) = ST(i) op ST0, pop
                if (r == 2) compareSt(st, c, i, false, 1);        // FCOMP5 alias
                else if (r == 3) compareSt(st, c, 1, false, 2);   // FCOMPP (DE D9)
                else regArith(st, c, r >= 4 ? r ^ 1 : r, i, true, true);
            }
            default -> {
                switch (r) {
                    case 0 -> {                                   // FFREEP
                        st.free(i);
                        st.pop();
                        st.sw &= ~X87State.SW_C1;
                    }
                    case 1 -> fxch(st, c, i);
                    case 2, 3 -> fstReg(st, c, i, true);
                    case 4 -> cpu.s[Slots.RAX] = (cpu.s[Slots.RAX] & ~0xFFFFL) | st.statusWord();
                    default -> comi(cpu, st, c, i, r == 5, true);
                }
            }
        }
    }

    private static void regArith(X87State st, FpCtx c, int kind, int i, boolean toSti, boolean pop) {
        int dst = toSti ? i : 0, src = toSti ? 0 : i;
        if (st.isEmpty(0) || st.isEmpty(i)) underflow(c);
        else arith(c, kind, st.stSe(dst), st.stM(dst), st.stSe(src), st.stM(src));
        if (commit(st, c)) {
            st.setSt(dst, c.se, c.m);
            if (pop) st.pop();
        }
    }

    private static void fxch(X87State st, FpCtx c, int i) {
        boolean e0 = st.isEmpty(0), ei = st.isEmpty(i);
        if (e0 || ei) {
            c.exc |= IE | SF;
            if (!commit(st, c)) return;
            if (e0) st.setSt(0, F80.INDEF_SE, F80.INDEF_M);
            if (ei) st.setSt(i, F80.INDEF_SE, F80.INDEF_M);
        } else {
            commit(st, c);
        }
        long se = st.stSe(0), m = st.stM(0);
        st.setSt(0, st.stSe(i), st.stM(i));
        st.setSt(i, se, m);
    }

    private static void fstReg(X87State st, FpCtx c, int i, boolean pop) {
        long se, m;
        if (st.isEmpty(0)) {
            underflow(c);
            se = c.se;
            m = c.m;
        } else {
            se = st.stSe(0);
            m = st.stM(0);
        }
        if (commit(st, c)) {
            st.setSt(i, se, m);
            if (pop) st.pop();
        }
    }

    private static void fcmov(Cpu cpu, X87State st, FpCtx c, int r, int i, boolean negate) {
        if (st.isEmpty(0) || st.isEmpty(i)) {
            underflow(c);
            if (commitKeepC1(st, c)) st.setSt(0, c.se, c.m);
            return;
        }
        long f = Flags.rflags(cpu);
        boolean cond = switch (r) {
            case 0 -> (f & Flags.CF) != 0;
            case 1 -> (f & Flags.ZF) != 0;
            case 2 -> (f & (Flags.CF | Flags.ZF)) != 0;
            default -> (f & Flags.PF) != 0;
        };
        commitKeepC1(st, c);
        if (cond != negate) st.setSt(0, st.stSe(i), st.stM(i));
    }

    private static void comi(Cpu cpu, X87State st, FpCtx c, int i, boolean quiet, boolean pop) {
        int cc;
        if (st.isEmpty(0) || st.isEmpty(i)) {
            c.exc |= IE | SF;
            cc = F80Arith.UNORDERED;
        } else {
            cc = F80Arith.compare(c, st.stSe(0), st.stM(0), st.stSe(i), st.stM(i), quiet);
        }
        boolean ok = commitKeepC1(st, c);                     // the host sets the flags even when IE is unmasked
        long f = switch (cc) {
            case F80Arith.UNORDERED -> Flags.ZF | Flags.PF | Flags.CF;
            case F80Arith.LT -> Flags.CF;
            case F80Arith.EQ -> Flags.ZF;
            default -> 0;
        };
        cpu.s[Slots.CC_OP] = Flags.op(Flags.EFLAGS, 8);
        cpu.s[Slots.CC_SRC1] = f;
        if (pop && ok) st.pop();
    }

    // ---- D9 register forms

    private static void d9(X87State st, FpCtx c, int mr) {
        int i = mr & 7;
        if (mr < 0xC8) {                                          // FLD ST(i)
            long se, m;
            if (st.isEmpty(i)) {
                underflow(c);
                se = c.se;
                m = c.m;
            } else {
                se = st.stSe(i);
                m = st.stM(i);
            }
            push(st, c, se, m);
            return;
        }
        if (mr < 0xD0) {
            fxch(st, c, i);
            return;
        }
        if (mr == 0xD0) return;                                   // FNOP
        if (mr < 0xE0) {                                          // FSTP1 alias (D9 D8+i): the host copies
            if (!st.isEmpty(0)) st.setSt(i, st.stSe(0), st.stM(0)); // a valid ST0 and never signals underflow
            st.pop();
            st.sw &= ~X87State.SW_C1;
            return;
        }
        switch (mr) {
            case 0xE0, 0xE1 -> {                                  // FCHS, FABS
                if (st.isEmpty(0)) {
                    underflow(c);
                    if (commit(st, c)) st.setSt(0, c.se, c.m);
                } else {
                    commit(st, c);
                    long se = st.stSe(0);
                    st.setSt(0, mr == 0xE0 ? se ^ 0x8000 : se & 0x7FFF, st.stM(0));
                }
            }
            case 0xE4 -> compare(st, c, 0, 0, false, 0, false);  // FTST
            case 0xE5 -> fxam(st);
            case 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE -> constant(st, c, mr);
            case 0xF0, 0xFA, 0xFC -> unary(st, c, mr);
            case 0xF1, 0xF3, 0xF9 -> st1Pop(st, c, mr);
            case 0xF2 -> fptan(st, c);
            case 0xF4 -> fxtract(st, c);
            case 0xF5, 0xF8 -> fprem(st, c, mr == 0xF5);
            case 0xF6 -> {                                        // FDECSTP
                st.top = (st.top - 1) & 7;
                st.sw &= ~X87State.SW_C1;
            }
            case 0xF7 -> {                                        // FINCSTP
                st.top = (st.top + 1) & 7;
                st.sw &= ~X87State.SW_C1;
            }
            case 0xFB -> fsincos(st, c);
            case 0xFD -> {                                        // FSCALE
                if (st.isEmpty(0) || st.isEmpty(1)) underflow(c);
                else F80Arith.scale(c, st.stSe(0), st.stM(0), st.stSe(1), st.stM(1));
                if (commit(st, c)) st.setSt(0, c.se, c.m);
            }
            default -> trig(st, c, mr);                           // FE FSIN, FF FCOS
        }
    }

    private static void unary(X87State st, FpCtx c, int mr) {
        if (st.isEmpty(0)) {
            underflow(c);
        } else {
            long se = st.stSe(0), m = st.stM(0);
            switch (mr) {
                case 0xF0 -> F80Math.f2xm1(c, se, m);
                case 0xFA -> F80Arith.sqrt(c, se, m);
                default -> F80Arith.roundInt(c, se, m);
            }
        }
        if (commit(st, c)) st.setSt(0, c.se, c.m);
    }

    private static void trig(X87State st, FpCtx c, int mr) {
        if (st.isEmpty(0)) {
            underflow(c);
        } else {
            long se = st.stSe(0), m = st.stM(0);
            boolean done = mr == 0xFE ? F80Math.sin(c, se, m) : F80Math.cos(c, se, m);
            if (!done) {
                outOfRange(st, c);
                return;
            }
        }
        st.sw &= ~X87State.SW_C2;
        if (commit(st, c)) st.setSt(0, c.se, c.m);
    }

    private static void outOfRange(X87State st, FpCtx c) {
        commit(st, c);
        st.sw |= X87State.SW_C2;
    }

    /** FYL2X, FPATAN, FYL2XP1: ST1 = f(ST0, ST1), pop. */
    private static void st1Pop(X87State st, FpCtx c, int mr) {
        if (st.isEmpty(0) || st.isEmpty(1)) {
            underflow(c);
        } else {
            long xse = st.stSe(0), xm = st.stM(0), yse = st.stSe(1), ym = st.stM(1);
            switch (mr) {
                case 0xF1 -> F80Math.fyl2x(c, xse, xm, yse, ym);
                case 0xF3 -> F80Math.fpatan(c, xse, xm, yse, ym);
                default -> F80Math.fyl2xp1(c, xse, xm, yse, ym);
            }
        }
        if (commit(st, c)) {
            st.setSt(1, c.se, c.m);
            st.pop();
        }
    }

    /**
     * Masked response of FPTAN/FXTRACT/FSINCOS to a stack fault: ST0 and a pushed ST0 =
     * indefinite; {@code clearC2} for the instructions that define C2.
     */
    private static boolean pushPairFault(X87State st, FpCtx c, boolean clearC2) {
        if (!st.isEmpty(0) && st.isEmpty(7)) return false;
        c.exc |= IE | SF | (st.isEmpty(0) ? 0 : C1);
        if (clearC2) st.sw &= ~X87State.SW_C2;
        if (commit(st, c)) {
            st.setSt(0, F80.INDEF_SE, F80.INDEF_M);
            st.push(F80.INDEF_SE, F80.INDEF_M);
        }
        return true;
    }

    private static void fptan(X87State st, FpCtx c) {
        if (pushPairFault(st, c, true)) return;
        if (!F80Math.tan(c, st.stSe(0), st.stM(0))) {
            outOfRange(st, c);
            return;
        }
        st.sw &= ~X87State.SW_C2;
        if (commit(st, c)) {
            boolean nan = F80.isNaN(c.se, c.m);
            st.setSt(0, c.se, c.m);
            if (nan) st.push(c.se, c.m);
            else st.push(ONE_SE, ONE_M);
        }
    }

    private static void fsincos(X87State st, FpCtx c) {
        if (pushPairFault(st, c, true)) return;
        if (!F80Math.sincos(c, st.stSe(0), st.stM(0))) {
            outOfRange(st, c);
            return;
        }
        st.sw &= ~X87State.SW_C2;
        if (commit(st, c)) {
            st.setSt(0, c.w0, c.w1);
            st.push(c.se, c.m);
        }
    }

    private static void fxtract(X87State st, FpCtx c) {
        if (pushPairFault(st, c, false)) return;
        F80Arith.xtract(c, st.stSe(0), st.stM(0));
        if (commit(st, c)) {
            st.setSt(0, c.w0, c.w1);
            st.push(c.se, c.m);
        }
    }

    private static void fprem(X87State st, FpCtx c, boolean ieee) {
        int cc;
        if (st.isEmpty(0) || st.isEmpty(1)) {
            underflow(c);
            cc = F80Arith.KEEP_C0_C3;
        } else {
            cc = F80Arith.rem(c, st.stSe(0), st.stM(0), st.stSe(1), st.stM(1), ieee);
        }
        int keep = st.sw & (X87State.SW_C0 | X87State.SW_C3);    // as the host does for special results
        boolean ok = commit(st, c);
        st.setCc(ok && cc != F80Arith.KEEP_C0_C3 ? cc : keep);
        if (ok) st.setSt(0, c.se, c.m);
    }

    private static void fxam(X87State st) {
        int p = st.phys(0);
        long se = st.se[p], m = st.m[p];
        int cc;
        if (st.isEmpty(0)) {
            cc = X87State.SW_C3 | X87State.SW_C0;
        } else {
            cc = switch (F80.classify(se, m)) {
                case F80.ZERO -> X87State.SW_C3;
                case F80.DENORMAL -> X87State.SW_C3 | X87State.SW_C2;
                case F80.NORMAL -> X87State.SW_C2;
                case F80.INF -> X87State.SW_C2 | X87State.SW_C0;
                case F80.UNSUPPORTED -> 0;
                default -> X87State.SW_C0;                       // NaN
            };
        }
        st.setCc(cc | (F80.sign(se) != 0 ? X87State.SW_C1 : 0));
    }

    /** FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ: truncated values, and whether nearest rounds up. */
    private static final long[] CONST_SE = {0x3FFF, 0x4000, 0x3FFF, 0x4000, 0x3FFD, 0x3FFE, 0};
    private static final long[] CONST_M = {F80.J, 0xD49A_784B_CD1B_8AFEL, 0xB8AA_3B29_5C17_F0BBL,
        0xC90F_DAA2_2168_C234L, 0x9A20_9A84_FBCF_F798L, 0xB172_17F7_D1CF_79ABL, 0};
    private static final boolean[] CONST_NEAREST_UP = {false, false, true, true, true, true, false};
    private static final boolean[] CONST_INEXACT = {false, true, true, true, true, true, false};

    private static void constant(X87State st, FpCtx c, int mr) {
        int k = mr - 0xE8;
        long m = CONST_M[k];
        if (CONST_INEXACT[k] && (c.rc == FpCtx.RC_UP || (c.rc == FpCtx.RC_NEAREST && CONST_NEAREST_UP[k]))) m++;
        push(st, c, CONST_SE[k], m);
    }
}
