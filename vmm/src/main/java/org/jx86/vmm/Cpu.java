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
    /**
     * Non-zero when the runtime has work for this vCPU before its next block (a deliverable
     * signal). Other threads set it; the dispatcher reads it once per block, like QEMU's
     * exit_request.
     */
    public volatile int events;
    /**
     * Set (from any thread) to ask this vCPU back to its dispatcher soon: tier-2 regions
     * check it at their loop headers. The dispatcher clears it.
     */
    public volatile int exitRequest;
    /** Linked guest calls (translations run from inside translations) now nested on this thread. */
    public int callDepth;
    /** The call-site table of the code cache this vCPU runs from (runtime's CallLinks). */
    public Object linkTable;
    public final Tlb tlb = new Tlb();
    public MemoryMap memory;
    /** What CPUID reports; fixed before the vCPU first runs. */
    public org.jx86.vmm.cpu.CpuidModel cpuid = org.jx86.vmm.cpu.CpuidModel.USER;
    /** The runtime's per-thread object (the guest thread in user mode). */
    public Object owner;
    public final org.jx86.vmm.fpu.X87State x87 = new org.jx86.vmm.fpu.X87State();

    public Cpu(MemoryMap memory) {
        this.memory = memory;
        s[Slots.MXCSR] = 0x1F80;
        s[Slots.CC_OP] = Flags.op(Flags.EFLAGS, 8);
    }

    public long reg(int r) { return s[r]; }
    public void setReg(int r, long v) { s[r] = v; }
}
