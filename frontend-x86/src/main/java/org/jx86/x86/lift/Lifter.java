package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.IrFunction;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;
import org.jx86.x86.decode.CodeReader;
import org.jx86.x86.decode.Decoder;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Sem;

/**
 * Translates one guest basic block into IR (STYLE.md §9): decode, lift, repeat until a
 * control transfer, a trap, the instruction limit, or the start of another page (blink's
 * rule, so invalidating a code page only needs a page index). Every instruction starts
 * with an INSN marker, the restore point for precise exceptions.
 *
 * <p>Not thread-safe: one Lifter per translating thread.
 */
public final class Lifter {
    /** Most guest instructions in one tier-1 block. */
    public static final int MAX_INSNS = 64;
    private static final long PAGE_MASK = ~0xFFFL;

    private final Decoder decoder = new Decoder();
    private final Insn insn = new Insn();
    private long endAddress;

    /** Address just past the last instruction of the most recent block. */
    public long endAddress() { return endAddress; }

    public IrFunction lift(CodeReader code, long rip) { return lift(code, rip, null); }

    /** Lifts with every data address passed through dataAddress (system mode: {@link LamUntag}); null = none. */
    public IrFunction lift(CodeReader code, long rip, IrBuilder.AddressMapper dataAddress) {
        IrFunction fn = new IrFunction(rip);
        IrBuilder b = new IrBuilder(fn);
        b.setAddressMapper(dataAddress);
        Ctx c = new Ctx(b);
        long pc = rip;
        for (int n = 0; ; n++) {
            if (n > 0 && (n >= MAX_INSNS || (pc & PAGE_MASK) != (rip & PAGE_MASK))) {
                b.exit(b.konst(pc), 0);
                break;
            }
            boolean ok;
            try {
                ok = decoder.decode(code, pc, insn);
            } catch (RuntimeException fetchFault) {
                // The first instruction faults when reached; a later one ends the block before it.
                if (n == 0) throw fetchFault;
                b.exit(b.konst(pc), 0);
                break;
            }
            b.insn(pc);
            c.in = insn;
            if (!ok) {
                insn.rip = pc;
                insn.length = 1;
                SystemInsns.raise(c, Vector.UD);
                endAddress = pc + 1;
                break;
            }
            boolean ends = liftInsn(c);
            pc += insn.length;
            endAddress = pc;
            if (ends && insn.sem == Sem.CALL) fn.callReturn = pc;
            if (ends && insn.sem == Sem.RET) fn.endsInReturn = true;
            if (ends) break;
            c.endInsn();
        }
        return fn;
    }

    /** Lifts c.in; returns true when the instruction ended the block (emitted its EXIT). */
    private static boolean liftInsn(Ctx c) {
        Insn in = c.in;
        Sem sem = in.sem;
        for (int i = 0; i < in.nops; i++) {
            if (in.ops[i].kind == OpKind.CR || in.ops[i].kind == OpKind.DR) {
                SystemInsns.raise(c, Vector.GP);   // control and debug registers are CPL-0 only
                return true;
            }
        }
        switch (sem) {
            case ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, TEST -> Alu.binary(c, sem);
            case INC -> Alu.incDec(c, true);
            case DEC -> Alu.incDec(c, false);
            case NEG -> Alu.neg(c);
            case NOT -> Alu.not(c);
            case XADD -> Alu.xadd(c);
            case CMPXCHG -> Alu.cmpxchg(c);
            case CMPXCHG8B -> Alu.cmpxchgDouble(c, 8);
            case CMPXCHG16B -> Alu.cmpxchgDouble(c, 16);
            case XCHG -> Alu.xchg(c);
            case SHL, SHR, SAR -> Shifts.shift(c, sem);
            case ROL, ROR, RCL, RCR -> Shifts.rotate(c, sem);
            case SHLD -> Shifts.doubleShift(c, true);
            case SHRD -> Shifts.doubleShift(c, false);
            case MUL -> MulDiv.mul1(c, false);
            case IMUL -> {
                if (in.nops == 1) MulDiv.mul1(c, true);
                else MulDiv.imulN(c);
            }
            case DIV -> MulDiv.div(c, false);
            case IDIV -> MulDiv.div(c, true);
            case MULX -> MulDiv.mulx(c);
            case BT, BTS, BTR, BTC -> BitOps.bt(c, sem);
            case BSF -> BitOps.scan(c, true);
            case BSR -> BitOps.scan(c, false);
            case TZCNT -> BitOps.count(c, true);
            case LZCNT -> BitOps.count(c, false);
            case POPCNT -> BitOps.popcnt(c);
            case BSWAP -> BitOps.bswap(c);
            case MOVBE -> BitOps.movbe(c);
            case CRC32 -> BitOps.crc32(c);
            case ANDN, BEXTR, BLSI, BLSMSK, BLSR, BZHI, PDEP, PEXT, RORX, SARX, SHLX, SHRX -> BitOps.bmi(c, sem);
            case ADCX -> BitOps.adx(c, false);
            case ADOX -> BitOps.adx(c, true);
            case MOV -> Moves.mov(c);
            case MOVZX -> Moves.movzx(c);
            case MOVSX, MOVSXD -> Moves.movsx(c);
            case LEA -> Moves.lea(c);
            case CMOVCC -> Moves.cmov(c);
            case SETCC -> Moves.setcc(c);
            case CBW -> Moves.extendAcc(c, 2);
            case CWDE -> Moves.extendAcc(c, 4);
            case CDQE -> Moves.extendAcc(c, 8);
            case CWD -> Moves.extendToDx(c, 2);
            case CDQ -> Moves.extendToDx(c, 4);
            case CQO -> Moves.extendToDx(c, 8);
            case XLAT -> Moves.xlat(c);
            case PUSHF -> Moves.pushf(c);
            case POPF -> Moves.popf(c);
            case LAHF -> Moves.lahf(c);
            case SAHF -> Moves.sahf(c);
            case CLC -> Moves.carryOp(c, 0);
            case STC -> Moves.carryOp(c, 1);
            case CMC -> Moves.carryOp(c, 2);
            case CLD -> c.setSlot(Slots.DF, c.k(0));
            case STD -> c.setSlot(Slots.DF, c.k(1));
            case PUSH -> Control.pushInsn(c);
            case POP -> Control.popInsn(c);
            case LEAVE -> Control.leave(c);
            case ENTER -> Control.enter(c);
            case MOVS, STOS, LODS, SCAS, CMPS -> Strings.lift(c, sem);
            // Loads are acquires and stores releases (Mem), so only MFENCE adds an ordering: store-load.
            case MFENCE -> c.b.call(Helpers.FENCE);
            case NOP, PAUSE, LFENCE, SFENCE, CLFLUSH, CLFLUSHOPT, CLWB -> { }
            case CPUID -> SystemInsns.cpuid(c);
            case RDTSC -> SystemInsns.rdtsc(c, false);
            case RDTSCP -> SystemInsns.rdtsc(c, true);
            case XGETBV -> SystemInsns.xgetbv(c);
            case JMP -> {
                Control.jmp(c);
                return true;
            }
            case JCC -> {
                Control.jcc(c);
                return true;
            }
            case CALL -> {
                Control.call(c);
                return true;
            }
            case RET -> {
                Control.ret(c);
                return true;
            }
            case LOOP -> {
                Control.loop(c, 0);
                return true;
            }
            case LOOPE -> {
                Control.loop(c, 1);
                return true;
            }
            case LOOPNE -> {
                Control.loop(c, 2);
                return true;
            }
            case JRCXZ -> {
                Control.loop(c, 3);
                return true;
            }
            case SYSCALL -> {
                SystemInsns.syscall(c);
                return true;
            }
            case INT3 -> {
                SystemInsns.raise(c, Vector.BP);
                return true;
            }
            case UD2 -> {
                SystemInsns.raise(c, Vector.UD);
                return true;
            }
            case HLT, INT, INT1, CLI, STI, IN, OUT, INS, OUTS, WRMSR, RDMSR, INVLPG, INVPCID, LGDT, LIDT, SGDT, SIDT, SWAPGS, SYSRET, IRETQ, IRET, IRETD, CLTS, INVD, WBINVD, LMSW, LTR, LLDT, RDPMC, MONITOR, MWAIT -> {
                SystemInsns.raise(c, Vector.GP);
                return true;
            }
            default -> {
                if (SseLift.lift(c, sem) || X87Lift.lift(c, sem)) return false;
                SystemInsns.raise(c, Vector.UD);
                return true;
            }
        }
        return false;
    }

}
