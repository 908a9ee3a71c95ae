package org.jx86.vmm.mem;

import org.jx86.vmm.Cpu;

/**
 * The source of truth a vCPU's {@link Tlb} is filled from: the process mapping table in
 * user mode, the guest page tables in system mode.
 */
public interface MemoryMap {
    int READ = 0, WRITE = 1, FETCH = 2;

    /**
     * Makes the TLB entry for the page containing addr valid for the access, or throws a
     * {@link org.jx86.vmm.GuestFault}. A WRITE fill of a page holding translated code first
     * invalidates those translations.
     */
    void fill(Cpu cpu, long addr, int access);

    /** Reads one byte of code for the decoder (EXEC permission), marking the page as code. */
    int fetchByte(Cpu cpu, long addr);

    /** Bumped whenever mappings shrink or lose permissions: TLBs with an older value flush. */
    long generation();
}
