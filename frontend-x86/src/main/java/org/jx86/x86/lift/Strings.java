package org.jx86.x86.lift;

import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.Sem;

/** String instructions: one helper call each, which loops for REP prefixes. */
final class Strings {
    private Strings() {}

    static void lift(Ctx c, Sem sem) {
        Insn in = c.in;
        long rep = (in.prefixes & Insn.PFX_REP) != 0 ? 1 : (in.prefixes & Insn.PFX_REPNE) != 0 ? 2 : 0;
        // MOVS/STOS/LODS/INS/OUTS treat F2 like F3 (REP).
        if (rep == 2 && sem != Sem.CMPS && sem != Sem.SCAS) rep = 1;
        var size = c.k(in.opSize);
        var r = c.k(rep);
        var as = c.k(in.addrSize);
        c.endInsn();
        switch (sem) {
            case MOVS -> c.callSync(Helpers.MOVS, size, r, as, c.segBase());
            case STOS -> c.callSync(Helpers.STOS, size, r, as);
            case LODS -> c.callSync(Helpers.LODS, size, r, as, c.segBase());
            case SCAS -> c.callSync(Helpers.SCAS, size, r, as);
            case CMPS -> c.callSync(Helpers.CMPS, size, r, as, c.segBase());
            default -> throw new IllegalArgumentException(sem.name());
        }
    }

}
