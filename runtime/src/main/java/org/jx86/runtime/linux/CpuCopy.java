package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.MemoryMap;

/** The vCPU of a forked child: every register of the parent's, over the child's memory. */
final class CpuCopy {
    private CpuCopy() {}

    static Cpu of(Cpu from, MemoryMap memory) {
        Cpu c = new Cpu(memory);
        System.arraycopy(from.s, 0, c.s, 0, from.s.length);
        c.rip = from.rip;
        c.cpuid = from.cpuid;
        c.x87.copyFrom(from.x87);
        return c;
    }
}
