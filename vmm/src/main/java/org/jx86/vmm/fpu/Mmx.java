package org.jx86.vmm.fpu;

import org.jx86.vmm.Cpu;

/**
 * MMX register access for translated code. MMX registers alias the x87 significands, so
 * they live in {@link X87State}, not in guest slots; every access also does what the CPU
 * does to the x87 state (TOP = 0, tags valid).
 */
public final class Mmx {
    private Mmx() {}

    public static long read(Cpu cpu, long reg) { return cpu.x87.mmxRead((int) reg); }

    public static void write(Cpu cpu, long reg, long value) { cpu.x87.mmxWrite((int) reg, value); }

    /** EMMS: marks every x87 register empty. */
    public static void emms(Cpu cpu) { cpu.x87.emms(); }
}
