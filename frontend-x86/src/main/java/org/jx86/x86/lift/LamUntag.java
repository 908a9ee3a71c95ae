package org.jx86.x86.lift;

import org.jx86.ir.IrBuilder;
import org.jx86.ir.Node;
import org.jx86.vmm.sys.Lam;

/**
 * Emits {@link Lam#untag} as IR arithmetic on every data address of a system-mode translation
 * whose LAM mode is on (spec §4.2, §7.4): sign-extend from bit b with a shift pair, keep the
 * original bit 63. The bits are constants of the translation's mode key, so the backend's
 * code is plain shifts, masks and a select that HotSpot folds. Only LOAD/STORE addresses
 * pass through here: instruction fetches and branch targets are never IR loads, and system
 * structures (descriptor tables, page tables) are read by the VMM, so the exemptions of
 * spec §5 hold by construction.
 */
public final class LamUntag implements IrBuilder.AddressMapper {
    private static final LamUntag[] BY_MODE = new LamUntag[Lam.MODES];

    static {
        for (int m = 1; m < Lam.MODES; m++) BY_MODE[m] = new LamUntag(Lam.userBitOf(m), Lam.supervisorBitOf(m));
    }

    private final int userBit, supBit;

    private LamUntag(int userBit, int supBit) {
        this.userBit = userBit;
        this.supBit = supBit;
    }

    /** The mapper for a {@link Lam#mode} key, or null for mode 0 (no LAM: addresses untouched). */
    public static LamUntag forMode(int mode) { return BY_MODE[mode]; }

    @Override
    public Node map(IrBuilder b, Node la) {
        if (userBit == supBit) return untag(b, la, userBit);
        Node user = userBit == 0 ? la : untag(b, la, userBit);
        Node sup = supBit == 0 ? la : untag(b, la, supBit);
        return b.select(b.lts(la, b.konst(0)), sup, user);
    }

    /** Lam.untag for one pointer class: (sext from bit b) with the original bit 63. */
    private static Node untag(IrBuilder b, Node la, int bit) {
        Node s = b.konst(Lam.shift(bit));
        Node ext = b.sar(b.shl(la, s), s);
        return b.or(b.and(ext, b.konst(~Lam.KEEP)), b.and(la, b.konst(Lam.KEEP)));
    }
}
