package org.jx86.vmm;

import org.jx86.vmm.mem.MemoryMap;
import org.jx86.vmm.mem.Tlb;

/**
 * One virtual CPU: the guest state that translated code reads and writes, its TLB, and the
 * memory its TLB is filled from. Confined to the thread that runs it, except for TLB
 * invalidations signalled through {@link MemoryMap#generation()}.
 */
public final class Cpu {
    /** Guest state slots; layout in {@link Slots}. */
    public final long[] s = new long[Slots.COUNT];
    /** Address of the next instruction to execute (valid between translations and after a fault). */
    public long rip;
    /** Non-zero exit code of the last translation that left with one (see {@link ExitCode}). */
    public int exitCode;
    public final Tlb tlb = new Tlb();
    public MemoryMap memory;
    /** What CPUID reports; fixed before the vCPU first runs. */
    public org.jx86.vmm.cpu.CpuidModel cpuid = org.jx86.vmm.cpu.CpuidModel.USER;
    /** The runtime's per-thread object (the guest thread in user mode). */
    public Object owner;
    /**
     * Set by another thread to make this vCPU's dispatcher call the personality's interrupt
     * hook before its next block (exit_group from a sibling thread, a signal).
     */
    public volatile int interruptRequest;
    public final org.jx86.vmm.fpu.X87State x87 = new org.jx86.vmm.fpu.X87State();

    public Cpu(MemoryMap memory) {
        this.memory = memory;
        s[Slots.MXCSR] = 0x1F80;
        s[Slots.CC_OP] = Flags.op(Flags.EFLAGS, 8);
    }

    public long reg(int r) { return s[r]; }
    public void setReg(int r, long v) { s[r] = v; }
}
