package org.jx86.vmm.cpu;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.Mem;

/**
 * MOVS, STOS, LODS, SCAS and CMPS with their REP prefixes, element by element through
 * the TLB. Registers are updated after each element, so a fault in the middle of a
 * REP leaves RSI, RDI and RCX describing the remaining work, as on the CPU.
 * Operates on cpu.s directly: the lifter calls these as SYNC_STATE helpers.
 *
 * <p>rep: 0 none, 1 REP/REPE (F3), 2 REPNE (F2). asize: address size in bytes (8 or 4).
 */
public final class StringOps {
    private StringOps() {}

    private static long step(Cpu c, long size) { return c.s[Slots.DF] != 0 ? -size : size; }

    private static long amask(long asize) { return asize == 4 ? 0xFFFF_FFFFL : -1L; }

    public static void movs(Cpu c, long size, long rep, long asize, long segBase) {
        long[] s = c.s;
        long m = amask(asize), d = step(c, size);
        int n = (int) size;
        if (rep == 0) {
            Mem.write(c, n, s[Slots.RDI] & m, Mem.read(c, n, segBase + (s[Slots.RSI] & m)));
            s[Slots.RSI] = adv(s[Slots.RSI], d, m);
            s[Slots.RDI] = adv(s[Slots.RDI], d, m);
            return;
        }
        while ((s[Slots.RCX] & m) != 0) {
            long v = Mem.read(c, n, segBase + (s[Slots.RSI] & m));
            Mem.write(c, n, s[Slots.RDI] & m, v);
            s[Slots.RSI] = adv(s[Slots.RSI], d, m);
            s[Slots.RDI] = adv(s[Slots.RDI], d, m);
            s[Slots.RCX] = adv(s[Slots.RCX], -1, m);
        }
    }

    public static void stos(Cpu c, long size, long rep, long asize) {
        long[] s = c.s;
        long m = amask(asize), d = step(c, size);
        int n = (int) size;
        long v = s[Slots.RAX];
        if (rep == 0) {
            Mem.write(c, n, s[Slots.RDI] & m, v);
            s[Slots.RDI] = adv(s[Slots.RDI], d, m);
            return;
        }
        while ((s[Slots.RCX] & m) != 0) {
            Mem.write(c, n, s[Slots.RDI] & m, v);
            s[Slots.RDI] = adv(s[Slots.RDI], d, m);
            s[Slots.RCX] = adv(s[Slots.RCX], -1, m);
        }
    }

    public static void lods(Cpu c, long size, long rep, long asize, long segBase) {
        long[] s = c.s;
        long m = amask(asize), d = step(c, size);
        int n = (int) size;
        if (rep != 0 && (s[Slots.RCX] & m) == 0) return;
        do {
            long v = Mem.read(c, n, segBase + (s[Slots.RSI] & m));
            s[Slots.RAX] = merge(s[Slots.RAX], v, n);
            s[Slots.RSI] = adv(s[Slots.RSI], d, m);
            if (rep != 0) s[Slots.RCX] = adv(s[Slots.RCX], -1, m);
        } while (rep != 0 && (s[Slots.RCX] & m) != 0);
    }

    public static void scas(Cpu c, long size, long rep, long asize) {
        long[] s = c.s;
        long m = amask(asize), d = step(c, size);
        int n = (int) size;
        if (rep != 0 && (s[Slots.RCX] & m) == 0) return;
        long a = s[Slots.RAX] & mask(n);
        while (true) {
            long b = Mem.read(c, n, s[Slots.RDI] & m);
            s[Slots.RDI] = adv(s[Slots.RDI], d, m);
            setSub(s, n, a, b);
            if (rep == 0) return;
            s[Slots.RCX] = adv(s[Slots.RCX], -1, m);
            if ((s[Slots.RCX] & m) == 0 || stop(rep, a, b)) return;
        }
    }

    public static void cmps(Cpu c, long size, long rep, long asize, long segBase) {
        long[] s = c.s;
        long m = amask(asize), d = step(c, size);
        int n = (int) size;
        if (rep != 0 && (s[Slots.RCX] & m) == 0) return;
        while (true) {
            long a = Mem.read(c, n, segBase + (s[Slots.RSI] & m));
            long b = Mem.read(c, n, s[Slots.RDI] & m);
            s[Slots.RSI] = adv(s[Slots.RSI], d, m);
            s[Slots.RDI] = adv(s[Slots.RDI], d, m);
            setSub(s, n, a, b);
            if (rep == 0) return;
            s[Slots.RCX] = adv(s[Slots.RCX], -1, m);
            if ((s[Slots.RCX] & m) == 0 || stop(rep, a, b)) return;
        }
    }

    /** REPE stops on a mismatch, REPNE on a match. */
    private static boolean stop(long rep, long a, long b) { return rep == 1 ? a != b : a == b; }

    private static void setSub(long[] s, int n, long a, long b) {
        s[Slots.CC_OP] = Flags.op(Flags.SUB, n);
        s[Slots.CC_SRC1] = a;
        s[Slots.CC_SRC2] = b;
        s[Slots.CC_RES] = (a - b) & mask(n);
    }

    private static long mask(int n) { return n == 8 ? -1L : (1L << (8 * n)) - 1; }

    /** Advances a pointer register under the address-size mask (a 32-bit address size zero-extends). */
    private static long adv(long reg, long d, long m) { return m == -1L ? reg + d : (reg + d) & m; }

    private static long merge(long old, long v, int n) {
        return switch (n) {
            case 1 -> (old & ~0xFFL) | (v & 0xFF);
            case 2 -> (old & ~0xFFFFL) | (v & 0xFFFF);
            case 4 -> v & 0xFFFF_FFFFL;
            default -> v;
        };
    }
}
