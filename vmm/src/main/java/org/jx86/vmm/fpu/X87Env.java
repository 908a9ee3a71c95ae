package org.jx86.vmm.fpu;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;
import org.jx86.vmm.mem.MemoryMap;

/**
 * The memory images of FNSTENV/FLDENV and FNSAVE/FRSTOR (protected-mode layouts, as used in
 * 64-bit mode). Reserved halves are written as the host writes them (0xFFFF).
 *
 * <pre>
 *  32-bit operand size (28 bytes)            16-bit operand size (14 bytes)
 *   0  FCW       | FFFF                        0  FCW
 *   4  FSW       | FFFF                        2  FSW
 *   8  FTW (full)| FFFF                        4  FTW
 *  12  FIP[31:0]                               6  FIP[15:0]
 *  16  FCS       | FOP[10:0] &lt;&lt; 16            8  FCS
 *  20  FDP[31:0]                              10  FDP[15:0]
 *  24  FDS       | FFFF                       12  FDS
 *
 *  FNSAVE/FRSTOR: the environment, then ST0..ST7 as 10-byte values (significand, sign/exponent).
 * </pre>
 */
final class X87Env {
    private X87Env() {}

    static int envSize(boolean o16) { return o16 ? 14 : 28; }

    /** Probes the first and last byte for writing so a multi-part store faults before writing anything. */
    static void checkWrite(Cpu cpu, long ea, int len) {
        Mem.probe(cpu, ea, MemoryMap.WRITE);
        Mem.probe(cpu, ea + len - 1, MemoryMap.WRITE);
    }

    private static void checkRead(Cpu cpu, long ea, int len) {
        Mem.probe(cpu, ea, MemoryMap.READ);
        Mem.probe(cpu, ea + len - 1, MemoryMap.READ);
    }

    private static void writeEnv(Cpu cpu, X87State st, long ea, boolean o16) {
        if (o16) {
            Mem.write16(cpu, ea, st.cw);
            Mem.write16(cpu, ea + 2, st.statusWord());
            Mem.write16(cpu, ea + 4, st.tagWord());
            Mem.write16(cpu, ea + 6, st.fip);
            Mem.write16(cpu, ea + 8, 0);                        // FCS: 0 in 64-bit mode
            Mem.write16(cpu, ea + 10, st.fdp);
            Mem.write16(cpu, ea + 12, 0);                       // FDS
        } else {
            Mem.write32(cpu, ea, 0xFFFF_0000L | st.cw);
            Mem.write32(cpu, ea + 4, 0xFFFF_0000L | st.statusWord());
            Mem.write32(cpu, ea + 8, 0xFFFF_0000L | st.tagWord());
            Mem.write32(cpu, ea + 12, st.fip);
            Mem.write32(cpu, ea + 16, (long) (st.fop & 0x7FF) << 16);
            Mem.write32(cpu, ea + 20, st.fdp);
            Mem.write32(cpu, ea + 24, 0xFFFF_0000L);
        }
    }

    /** FNSTENV: stores the environment, then masks all exceptions. */
    static void stenv(Cpu cpu, X87State st, long ea, boolean o16) {
        checkWrite(cpu, ea, envSize(o16));
        writeEnv(cpu, st, ea, o16);
        st.cw |= 0x3F;
    }

    /** FLDENV. */
    static void ldenv(Cpu cpu, X87State st, long ea, boolean o16) {
        checkRead(cpu, ea, envSize(o16));
        loadEnv(cpu, st, ea, o16);
    }

    private static void loadEnv(Cpu cpu, X87State st, long ea, boolean o16) {
        int cw, sw, tw, fop = st.fop;
        long fip, fdp;
        if (o16) {
            cw = (int) Mem.read16(cpu, ea);
            sw = (int) Mem.read16(cpu, ea + 2);
            tw = (int) Mem.read16(cpu, ea + 4);
            fip = Mem.read16(cpu, ea + 6);
            fdp = Mem.read16(cpu, ea + 10);
        } else {
            cw = (int) Mem.read16(cpu, ea);
            sw = (int) Mem.read16(cpu, ea + 4);
            tw = (int) Mem.read16(cpu, ea + 8);
            fip = Mem.read32(cpu, ea + 12);
            fop = (int) (Mem.read32(cpu, ea + 16) >>> 16) & 0x7FF;
            fdp = Mem.read32(cpu, ea + 20);
        }
        st.setControlWord(cw);
        st.setStatusWord(sw);
        st.setTagWord(tw);
        st.fip = fip;
        st.fdp = fdp;
        st.fop = fop;
    }

    /** FNSAVE: environment and registers, then FNINIT. */
    static void save(Cpu cpu, X87State st, long ea, boolean o16) {
        int env = envSize(o16);
        checkWrite(cpu, ea, env + 80);
        writeEnv(cpu, st, ea, o16);
        for (int i = 0; i < 8; i++) {
            Mem.write64(cpu, ea + env + 10L * i, st.stM(i));
            Mem.write16(cpu, ea + env + 10L * i + 8, st.stSe(i));
        }
        st.init();
    }

    /** FRSTOR: reads everything before changing any state. */
    static void rstor(Cpu cpu, X87State st, long ea, boolean o16) {
        int env = envSize(o16);
        checkRead(cpu, ea, env + 80);
        long[] m = new long[8], se = new long[8];
        for (int i = 0; i < 8; i++) {
            m[i] = Mem.read64(cpu, ea + env + 10L * i);
            se[i] = Mem.read16(cpu, ea + env + 10L * i + 8);
        }
        loadEnv(cpu, st, ea, o16);
        for (int i = 0; i < 8; i++) {
            int p = st.phys(i);
            st.m[p] = m[i];
            st.se[p] = se[i];
        }
    }
}
