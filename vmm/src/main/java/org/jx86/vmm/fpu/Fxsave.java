package org.jx86.vmm.fpu;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;
import org.jx86.vmm.mem.Mem;

/**
 * FXSAVE and FXRSTOR, 64-bit layout (REX.W: 64-bit FPU IP and DP), 512 bytes, 16-byte aligned.
 *
 * <pre>
 *    0  FCW (2)  FSW (2)  abridged FTW (1)  reserved (1)  FOP (2)
 *    8  FIP (8)
 *   16  FDP (8)
 *   24  MXCSR (4)  MXCSR_MASK (4)
 *   32  ST0/MM0 .. ST7/MM7: 16 bytes each, 10 used, 6 written as zero
 *  160  XMM0 .. XMM15: 16 bytes each
 *  416  reserved, 464 available to software: neither written nor read
 * </pre>
 * FXSAVE does not check for pending x87 exceptions and leaves the x87 state unchanged.
 */
public final class Fxsave {
    private Fxsave() {}

    /** The MXCSR bits this machine supports (DAZ included); FXRSTOR #GPs on any other. */
    public static final int MXCSR_MASK = (int) org.jx86.vmm.sse.Mxcsr.WRITABLE;

    public static void fxsave(Cpu cpu, long ea) {
        if ((ea & 15) != 0) throw GuestFault.of(Vector.GP);
        X87State st = cpu.x87;
        X87Env.checkWrite(cpu, ea, 416);
        long[] s = cpu.s;
        Mem.write16(cpu, ea, st.cw);
        Mem.write16(cpu, ea + 2, st.statusWord());
        Mem.write16(cpu, ea + 4, st.valid & 0xFF);
        Mem.write16(cpu, ea + 6, st.fop & 0x7FF);
        Mem.write64(cpu, ea + 8, st.fip);
        Mem.write64(cpu, ea + 16, st.fdp);
        Mem.write32(cpu, ea + 24, s[Slots.MXCSR]);
        Mem.write32(cpu, ea + 28, MXCSR_MASK);
        for (int i = 0; i < 8; i++) {
            long a = ea + 32 + 16L * i;
            Mem.write64(cpu, a, st.stM(i));
            Mem.write64(cpu, a + 8, st.stSe(i) & 0xFFFF);
        }
        for (int n = 0; n < 16; n++) {
            Mem.write64(cpu, ea + 160 + 16L * n, s[Slots.xmmLo(n)]);
            Mem.write64(cpu, ea + 168 + 16L * n, s[Slots.xmmHi(n)]);
        }
    }

    /** FXRSTOR: #GP on misalignment or reserved MXCSR bits; every read happens before any state changes. */
    public static void fxrstor(Cpu cpu, long ea) {
        if ((ea & 15) != 0) throw GuestFault.of(Vector.GP);
        long mxcsr = Mem.read32(cpu, ea + 24);
        if ((mxcsr & ~(long) MXCSR_MASK) != 0) throw GuestFault.of(Vector.GP);
        long cw = Mem.read16(cpu, ea), sw = Mem.read16(cpu, ea + 2), ftw = Mem.read8(cpu, ea + 4);
        long fop = Mem.read16(cpu, ea + 6), fip = Mem.read64(cpu, ea + 8), fdp = Mem.read64(cpu, ea + 16);
        Mem.read8(cpu, ea + 415);                                  // fault on the last page before any change
        X87State st = cpu.x87;
        long[] s = cpu.s;
        st.setControlWord((int) cw);
        st.setStatusWord((int) sw);
        st.valid = (int) ftw;
        st.fop = (int) fop & 0x7FF;
        st.fip = fip;
        st.fdp = fdp;
        for (int i = 0; i < 8; i++) {
            long a = ea + 32 + 16L * i;
            int p = st.phys(i);
            st.m[p] = Mem.read64(cpu, a);
            st.se[p] = Mem.read16(cpu, a + 8);
        }
        s[Slots.MXCSR] = mxcsr;
        for (int n = 0; n < 16; n++) {
            s[Slots.xmmLo(n)] = Mem.read64(cpu, ea + 160 + 16L * n);
            s[Slots.xmmHi(n)] = Mem.read64(cpu, ea + 168 + 16L * n);
        }
    }
}
