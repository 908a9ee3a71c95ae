package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.fpu.X87State;
import org.jx86.vmm.mem.MemoryMap;

/** The vCPU of a forked child: every register of the parent's, over the child's memory. */
final class CpuCopy {
    private CpuCopy() {}

    static Cpu of(Cpu from, MemoryMap memory) {
        Cpu c = new Cpu(memory);
        System.arraycopy(from.s, 0, c.s, 0, from.s.length);
        c.rip = from.rip;
        c.cpuid = from.cpuid;
        X87State a = from.x87, b = c.x87;
        System.arraycopy(a.se, 0, b.se, 0, 8);
        System.arraycopy(a.m, 0, b.m, 0, 8);
        b.valid = a.valid;
        b.top = a.top;
        b.cw = a.cw;
        b.sw = a.sw;
        b.fip = a.fip;
        b.fdp = a.fdp;
        b.fop = a.fop;
        return c;
    }
}
