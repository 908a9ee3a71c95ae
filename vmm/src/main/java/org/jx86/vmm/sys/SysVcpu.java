package org.jx86.vmm.sys;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;

/**
 * The system state of one vCPU beside its user-visible {@link Cpu}: segments and CPL,
 * descriptor-table registers, MSRs, and the 64-bit event-delivery, IRETQ, SYSCALL and SYSRET
 * rules (SDM Vol. 3A §6.14, Vol. 2 SYSCALL/SYSRET/IRET). Segments are flat: a selector's
 * RPL is its privilege and only FS/GS have bases, which live in the Cpu's slots.
 */
public final class SysVcpu {
    public static final long RF_IF = 1L << 9, RF_TF = 1L << 8, RF_NT = 1L << 14, RF_RF = 1L << 16,
        RF_AC = 1L << 18, RF_IOPL = 3L << 12, RF_VM = 1L << 17;

    public final int index;
    public final Cpu cpu;
    public final SysMmu mmu;
    public int cs = 0x08, ss = 0x10;
    public long gdtBase, idtBase, trBase;
    public int gdtLimit, idtLimit, trSel;
    public long star, lstar, cstar, sfmask, kernelGsBase, tscAux, pat = 0x0007_0406_0007_0406L;
    public long apicBase;
    public volatile boolean halted;
    /** Set by a VM exit that changed what the front TLB may hold (CPL, AC, CR3/CR4, INVLPG...). */
    public long frontFlushes;

    public SysVcpu(int index, Cpu cpu, SysMmu mmu) {
        this.index = index;
        this.cpu = cpu;
        this.mmu = mmu;
        this.apicBase = 0xFEE0_0000L | (1L << 11) | (1L << 10) | (index == 0 ? 1L << 8 : 0);
    }

    public int cpl() { return mmu.cpl; }

    public long rflags() { return Flags.rflags(cpu); }

    public void setRflags(long f) {
        Flags.setRflags(cpu, f);
        mmu.ac = (f & RF_AC) != 0;
    }

    public boolean interruptsEnabled() { return (cpu.s[Slots.RFLAGS_OTHER] & RF_IF) != 0; }

    /** Drops every front-TLB entry: they hold rights for one CPL/AC/LAM mode and mapping. */
    public void flushFront() {
        cpu.tlb.flush();
        frontFlushes++;
    }

    private void setCpl(int cpl) {
        if (mmu.cpl != cpl) {
            mmu.cpl = cpl;
            flushFront();
        }
    }

    // ---- stack helpers (supervisor or current-CPL data accesses through the MMU)

    private long push(long rsp, long v) {
        rsp -= 8;
        mmu.write(mmu.linearizeData(0, rsp, true), 8, v, Access.READ);
        return rsp;
    }

    private long pop(long rsp) { return mmu.read(mmu.linearizeData(0, rsp, true), 8, Access.READ); }

    /**
     * Delivers an exception or interrupt through the 64-bit IDT. ripToSave is the faulting
     * instruction for faults and the next instruction for traps and interrupts. A fault
     * during delivery is a double fault; one during a double fault's delivery is a triple
     * fault, reported as {@link TripleFault}.
     */
    public void deliver(int vector, boolean hasError, long error, long ripToSave) {
        try {
            deliverOnce(vector, hasError, error, ripToSave);
        } catch (GuestFault f) {
            if (vector == Vector.DF) throw new TripleFault(vector, ripToSave, f);
            try {
                deliverOnce(Vector.DF, true, 0, ripToSave);
            } catch (GuestFault g) {
                throw new TripleFault(vector, ripToSave, g);
            }
        }
    }

    private void deliverOnce(int vector, boolean hasError, long error, long ripToSave) {
        if (vector * 16L + 15 > idtLimit) throw new GuestFault(Vector.GP, vector * 8L + 2, 0);
        long la = idtBase + vector * 16L;
        int oldCpl = mmu.cpl;
        mmu.cpl = 0; // IDT, TSS and the new stack are read as supervisor (implicit) accesses
        long lo, hi;
        try {
            lo = mmu.read(la, 8, Access.IMPLICIT);
            hi = mmu.read(la + 8, 8, Access.IMPLICIT);
        } finally {
            mmu.cpl = oldCpl;
        }
        int type = (int) (lo >>> 40) & 0xF;
        if ((lo & (1L << 47)) == 0 || (type != 0xE && type != 0xF)) {
            throw new GuestFault(Vector.GP, vector * 8L + 2, 0);
        }
        long target = (lo & 0xFFFF) | ((lo >>> 48) << 16) | (hi << 32);
        int sel = (int) (lo >>> 16) & 0xFFFF;
        int ist = (int) (lo >>> 32) & 7;
        int newCpl = sel & 3;
        long rsp = cpu.s[Slots.RSP];
        long flags = rflags();
        int oldSs = ss, oldCs = cs;
        mmu.cpl = 0;
        try {
            if (ist != 0) rsp = mmu.read(trBase + 0x24 + 8L * (ist - 1), 8, Access.IMPLICIT);
            else if (newCpl < oldCpl) rsp = mmu.read(trBase + 4, 8, Access.IMPLICIT);
            mmu.cpl = newCpl;
            rsp &= ~0xFL;
            rsp = push(rsp, oldSs);
            rsp = push(rsp, cpu.s[Slots.RSP]);
            rsp = push(rsp, flags);
            rsp = push(rsp, oldCs);
            rsp = push(rsp, ripToSave);
            if (hasError) rsp = push(rsp, error);
        } catch (GuestFault f) {
            mmu.cpl = oldCpl;
            throw f;
        }
        mmu.cpl = oldCpl;
        setCpl(newCpl);
        cs = sel;
        if (newCpl < oldCpl) ss = 0;
        cpu.s[Slots.RSP] = rsp;
        long nf = flags & ~(RF_TF | RF_NT | RF_RF | RF_VM);
        if (type == 0xE) nf &= ~RF_IF;
        setRflags(nf);
        cpu.rip = target;
        halted = false;
    }

    /** IRETQ at any CPL (the caller checked the instruction). */
    public void iretq() {
        long rsp = cpu.s[Slots.RSP];
        long rip = pop(rsp);
        long newCs = pop(rsp + 8) & 0xFFFF;
        long f = pop(rsp + 16);
        long newRsp = pop(rsp + 24);
        long newSs = pop(rsp + 32) & 0xFFFF;
        int newCpl = (int) newCs & 3;
        if (newCpl < mmu.cpl) throw new GuestFault(Vector.GP, newCs & ~3L, 0);
        if (!Lam.isCanonical(rip, mmu.linearWidth())) throw new GuestFault(Vector.GP, 0, 0);
        if (mmu.cpl > 0) {  // IOPL and IF only change at sufficient privilege
            long keep = RF_IOPL | (mmu.cpl > ((rflags() >>> 12) & 3) ? RF_IF : 0);
            f = (f & ~keep) | (rflags() & keep);
        }
        setRflags(f);
        cs = (int) newCs;
        ss = (int) newSs;
        cpu.s[Slots.RSP] = newRsp;
        cpu.rip = rip;
        setCpl(newCpl);
    }

    /** SYSCALL; cpu.rip already points after the instruction. */
    public void syscall() {
        if ((mmu.efer & Cr.EFER_SCE) == 0) throw GuestFault.of(Vector.UD);
        long f = rflags();
        cpu.s[Slots.RCX] = cpu.rip;
        cpu.s[11] = f;
        setRflags(f & ~sfmask & ~RF_RF);
        cs = (int) (star >>> 32) & 0xFFFC;
        ss = cs + 8;
        cpu.rip = lstar;
        setCpl(0);
    }

    /** SYSRET with REX.W (to 64-bit user code). */
    public void sysret() {
        if ((mmu.efer & Cr.EFER_SCE) == 0) throw GuestFault.of(Vector.UD);
        if (mmu.cpl != 0) throw new GuestFault(Vector.GP, 0, 0);
        long rip = cpu.s[Slots.RCX];
        if (!Lam.isCanonical(rip, mmu.linearWidth())) throw new GuestFault(Vector.GP, 0, 0);
        setRflags((cpu.s[11] & 0x3C_7FD7L) | 2);
        int base = (int) (star >>> 48) & 0xFFFF;
        cs = (base + 16) | 3;
        ss = (base + 8) | 3;
        cpu.rip = rip;
        setCpl(3);
    }

    public void swapgs() {
        long g = cpu.s[Slots.GS_BASE];
        cpu.s[Slots.GS_BASE] = kernelGsBase;
        kernelGsBase = g;
    }

    /** Loads TR from the GDT's 16-byte TSS descriptor. */
    public void ltr(int sel) {
        if ((sel & ~7) == 0 || (sel | 7) > gdtLimit) throw new GuestFault(Vector.GP, sel & ~3L, 0);
        long la = gdtBase + (sel & ~7);
        long lo = mmu.read(la, 8, Access.IMPLICIT);
        long hi = mmu.read(la + 8, 8, Access.IMPLICIT);
        trBase = ((lo >>> 16) & 0xFF_FFFFL) | (((lo >>> 56) & 0xFF) << 24) | ((hi & 0xFFFF_FFFFL) << 32);
        trSel = sel;
    }

    /** A fault while delivering a double fault: the machine stops (a shutdown). */
    public static final class TripleFault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final long rip;

        TripleFault(int vector, long rip, GuestFault last) {
            super("triple fault: delivering " + Vector.name(vector) + " at RIP 0x" + Long.toHexString(rip)
                + " raised " + last.getMessage(), null, false, false);
            this.rip = rip;
        }
    }
}
