package org.jx86.x86.lift;

import org.jx86.ir.Helper;
import org.jx86.ir.Node;
import org.jx86.vmm.fpu.Fxsave;
import org.jx86.vmm.fpu.X87Exec;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.OpKind;
import org.jx86.x86.decode.Operand;
import org.jx86.x86.decode.Sem;

/**
 * x87 instructions (D8-DF): the lifter computes the memory operand's address and hands the
 * instruction to {@link X87Exec}, the one home of x87 semantics (80-bit arithmetic in
 * software). x87 code is rare in hot loops, so one helper call per instruction is the
 * right trade, as in blink.
 */
final class X87Lift {
    private X87Lift() {}

    static final Helper EXEC = Helper.of(X87Exec.class, "execWithPrefix", Helper.SYNC_STATE | Helper.MAY_FAULT);
    static final Helper FWAIT = Helper.of(X87Exec.class, "fwait", Helper.SYNC_STATE | Helper.MAY_FAULT);

    static final Helper FXSAVE = Helper.of(Fxsave.class, "fxsave", Helper.SYNC_STATE | Helper.MAY_FAULT);
    static final Helper FXRSTOR = Helper.of(Fxsave.class, "fxrstor", Helper.SYNC_STATE | Helper.MAY_FAULT);

    static boolean lift(Ctx c, Sem sem) {
        Insn in = c.in;
        if (sem == Sem.FXSAVE || sem == Sem.FXSAVE64 || sem == Sem.FXRSTOR || sem == Sem.FXRSTOR64) {
            // The 512-byte image holds x87, MXCSR and XMM state: the helper syncs with the slots.
            Node ea = c.addr(in.ops[0]);
            c.endInsn();
            c.callSync(sem == Sem.FXSAVE || sem == Sem.FXSAVE64 ? FXSAVE : FXRSTOR, ea);
            return true;
        }
        if (sem == Sem.FWAIT) {
            // FWAIT delivers a pending unmasked x87 exception (#MF).
            c.endInsn();
            c.callSync(FWAIT);
            return true;
        }
        if (in.map != 0 || in.opcode < 0xD8 || in.opcode > 0xDF || in.modrm < 0) return false;
        Node ea = c.k(0);
        for (int i = 0; i < in.nops; i++) {
            Operand o = in.ops[i];
            if (o.kind == OpKind.MEM) ea = c.addr(o);
        }
        c.endInsn();
        long opsize16 = (in.prefixes & Insn.PFX_OPSIZE) != 0 ? 1 : 0;
        c.callSync(EXEC, c.k(in.opcode), c.k(in.modrm), ea, c.k(opsize16));
        return true;
    }
}
