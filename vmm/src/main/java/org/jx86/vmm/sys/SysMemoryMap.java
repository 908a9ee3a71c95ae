package org.jx86.vmm.sys;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.MemoryMap;
import org.jx86.vmm.mem.Tlb;

/**
 * The system-mode backend of a vCPU's front {@link Tlb}: the soft-MMU fast path of
 * {@link org.jx86.vmm.mem.Mem} stays exactly as in user mode, and its slow path lands here,
 * where the address is untagged (LAM) and checked, translated through the {@link SysMmu}
 * (PCID TLB, page walk, #PF with CR2) and the physical frame installed in the front TLB.
 *
 * <p>Translations of a LAM mode untag data addresses inline, so the front TLB sees untagged
 * addresses from them; helpers that access memory themselves may still present tagged ones,
 * which untag here (untagging is idempotent). Either way the front TLB is keyed by the
 * address presented and holds rights for one CPL, one EFLAGS.AC and one LAM mode: the vCPU
 * flushes it whenever any of those change and on every invalidation instruction. Writes to
 * a frame holding translated code never get a fast-path entry: they reach {@link #fill},
 * which tells the {@link CodePages} listener first.
 */
public final class SysMemoryMap implements MemoryMap {
    private static final long AC = 1L << 18;

    private final SysMmu mmu;
    private final PhysMem mem;
    private final CodePages code;

    /** Physical pages holding translated code, shared by all vCPUs of a machine. */
    public interface CodePages {
        boolean isCode(long pfn);
        /** Marks pfn as code; returns true if it was not already (front TLBs must then drop write entries). */
        boolean markCode(long pfn);
        /** A guest write is about to modify pfn: drop its translations. */
        void written(long pfn);
        /** Bumped when a page becomes code; front TLBs with an older generation flush. */
        long generation();
    }

    public SysMemoryMap(SysMmu mmu, CodePages code) {
        this.mmu = mmu;
        this.mem = mmu.mem;
        this.code = code;
    }

    @Override
    public void fill(Cpu cpu, long addr, int access) {
        mmu.ac = (cpu.s[Slots.RFLAGS_OTHER] & AC) != 0;
        long la = mmu.linearizeData(0, addr, false);
        boolean write = access == WRITE;
        long pa = mmu.translate(la, write ? Access.WRITE : Access.READ);
        Tlb t = cpu.tlb;
        int i = Tlb.index(addr);
        long pg = addr & Tlb.PAGE_MASK;
        byte[] f = mem.frame(pa);
        if (f == null) {
            // Unbacked: reads see the open bus, writes vanish; never a fast-path entry.
            t.page[i] = write ? mem.sink : mem.openBus;
            t.readTag[i] = -1;
            t.writeTag[i] = -1;
            return;
        }
        long pfn = pa >>> 12;
        boolean isCode = code.isCode(pfn);
        if (write && isCode) code.written(pfn);
        if (t.readTag[i] != pg || t.page[i] != f) t.writeTag[i] = -1;
        t.page[i] = f;
        t.readTag[i] = pg;
        if (write && !isCode) t.writeTag[i] = pg;
    }

    @Override
    public int fetchByte(Cpu cpu, long addr) {
        long pa = mmu.translate(mmu.checkBranchTarget(addr), Access.FETCH);
        code.markCode(pa >>> 12);
        return (int) mem.read(pa, 1);
    }

    @Override
    public long generation() { return code.generation(); }

    /** RFLAGS helper for callers that only have the Cpu. */
    public static long rflags(Cpu cpu) { return Flags.rflags(cpu); }
}
