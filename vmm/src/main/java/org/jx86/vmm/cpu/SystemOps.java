package org.jx86.vmm.cpu;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.Slots;

/** CPUID, RDTSC and friends: instructions that read machine state rather than compute. */
public final class SystemOps {
    private SystemOps() {}

    private static final long TSC_START = System.nanoTime();

    /** CPUID: leaf in EAX, subleaf in ECX; writes EAX, EBX, ECX, EDX (zero-extended). SYNC_STATE. */
    public static void cpuid(Cpu cpu) {
        long[] s = cpu.s;
        int[] r = cpu.cpuid.query((int) s[Slots.RAX], (int) s[Slots.RCX]);
        s[Slots.RAX] = r[0] & 0xFFFF_FFFFL;
        s[Slots.RBX] = r[1] & 0xFFFF_FFFFL;
        s[Slots.RCX] = r[2] & 0xFFFF_FFFFL;
        s[Slots.RDX] = r[3] & 0xFFFF_FFFFL;
    }

    /** A time-stamp counter that advances at a nominal 1 GHz from the JVM's monotonic clock. */
    public static long rdtsc() {
        return System.nanoTime() - TSC_START;
    }
}
