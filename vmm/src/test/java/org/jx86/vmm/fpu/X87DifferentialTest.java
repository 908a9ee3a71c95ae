package org.jx86.vmm.fpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Mem;

/**
 * Every x87 encoding, run on random register stacks, control words and memory operands,
 * against the host CPU: the FXSAVE images, the memory operand, RAX and the arithmetic
 * flags must match. FOP/FIP/FDP are not compared (the host is an AMD part, which stores
 * them only while an exception is pending); transcendental results may differ from the
 * host by two units in the last place (the host's own error; ours are correctly rounded)
 * and their PE, UE and C1 flags are not compared.
 */
class X87DifferentialTest {
    static final long SEED = Long.getLong("jx86.x87.seed", 0x87D1FFL);
    /** Passes over all encodings; raise with -Djx86.x87.rounds=N for a longer run. */
    static final int ROUNDS = Integer.getInteger("jx86.x87.rounds", 40);
    static final long MEM = 0x10000, IMG = 0x10800;

    /** Interesting 80-bit values. */
    static long[] value(SplittableRandom r) {
        long J = F80.J;
        return switch (r.nextInt(24)) {
            case 0 -> new long[] {0, 0};
            case 1 -> new long[] {0x8000, 0};
            case 2 -> new long[] {0x3FFF, J};
            case 3 -> new long[] {0xBFFF, J};
            case 4 -> new long[] {r.nextInt(2) << 15, r.nextLong() >>> 1 | 1};               // denormal
            case 5 -> new long[] {0x7FFF | r.nextInt(2) << 15, J};                           // inf
            case 6 -> new long[] {0x7FFF | r.nextInt(2) << 15, J | F80.QUIET | r.nextLong() >>> 3}; // QNaN
            case 7 -> new long[] {0x7FFF | r.nextInt(2) << 15, J | (r.nextLong() >>> 3 | 1)}; // SNaN
            case 8 -> new long[] {F80.INDEF_SE, F80.INDEF_M};
            case 9 -> new long[] {r.nextInt(2) << 15 | (0x3FFF + r.nextInt(64)), J | r.nextLong() >>> (1 + r.nextInt(63)) << 1 >>> 1}; // integers-ish
            case 10 -> new long[] {r.nextInt(2) << 15 | (0x3FFE + r.nextInt(3)), J | (r.nextLong() & 0x7FFF_0000_0000_0000L)}; // near 0.5..4
            case 11 -> new long[] {r.nextInt(2) << 15 | (1 + r.nextInt(80)), J | r.nextLong()};  // tiny normal
            case 12 -> new long[] {r.nextInt(2) << 15 | (0x7FFE - r.nextInt(80)), J | r.nextLong()}; // huge
            case 13 -> new long[] {r.nextInt(2) << 15 | (0x3FFF + 60 + r.nextInt(8)), J | r.nextLong()}; // near 2^63
            case 14 -> new long[] {r.nextInt(2) << 15 | (0x3FFF + 14 + r.nextInt(4)), J | r.nextLong() >>> 40 << 40}; // near int16
            case 15 -> new long[] {r.nextInt(2) << 15 | (0x3FFF + 29 + r.nextInt(4)), J | r.nextLong() >>> 30 << 30}; // near int32
            case 16 -> r.nextInt(8) == 0 ? new long[] {0x3FFF, r.nextLong() >>> 1} : new long[] {0x4000, J | 0x4000_0000_0000_0000L}; // unnormal (rare)
            case 17 -> new long[] {r.nextInt(2) << 15, J | r.nextLong()};                    // pseudo-denormal
            case 18 -> new long[] {r.nextInt(2) << 15 | (0x3FFF - 1 - r.nextInt(3)), J | r.nextLong()}; // in (-1,1) for F2XM1/FYL2XP1
            default -> new long[] {r.nextInt(2) << 15 | (0x3FFF - 20 + r.nextInt(40)), J | r.nextLong()};
        };
    }

    /** Memory operand bytes: random, or a float/double/int pattern from the value pool. */
    static byte[] memory(SplittableRandom r) {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) b.putLong(i * 8, r.nextLong());
        FpCtx c = new FpCtx();
        long[] v = value(r);
        switch (r.nextInt(6)) {
            case 0 -> b.putInt(0, (int) F80Convert.toF32(c, v[0], v[1]));
            case 1 -> b.putLong(0, F80Convert.toF64(c, v[0], v[1]));
            case 2 -> {
                b.putLong(0, v[1]);
                b.putShort(8, (short) v[0]);
            }
            case 3 -> b.putLong(0, F80Convert.toInt(c, v[0], v[1], 64, 0));
            case 4 -> {                                        // valid BCD
                long lo = 0;
                for (int i = 0; i < 16; i++) lo |= (long) r.nextInt(10) << (4 * i);
                b.putLong(0, lo);
                b.putShort(8, (short) (r.nextInt(2) << 15 | r.nextInt(10) << 4 | r.nextInt(10)));
            }
            default -> { }
        }
        return b.array();
    }

    record Case(byte[] image, byte[] mem, long rflags, int op, int modrm, boolean o16) {
        byte[] code() {
            return o16 ? new byte[] {0x66, (byte) (0xD8 + op), (byte) modrm} : new byte[] {(byte) (0xD8 + op), (byte) modrm};
        }

        String describe() {
            return String.format("%s%02x %02x", o16 ? "66 " : "", 0xD8 + op, modrm);
        }
    }

    static Case randomCase(SplittableRandom r, int op, int modrm) {
        ByteBuffer img = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        int rc = r.nextInt(4), pc = r.nextInt(8) == 0 ? r.nextInt(4) : 3;
        int masks = r.nextInt(10) == 0 ? r.nextInt(64) : 0x3F;
        int cw = 0x40 | rc << 10 | pc << 8 | masks;
        int depth = r.nextInt(9), top = r.nextInt(8);
        int sw = top << 11 | (r.nextInt(4) == 0 ? r.nextInt(0x80) & 0x7F : 0) | (r.nextInt(16) << 8 & 0x4700);
        int ftw = 0;
        img.putShort(0, (short) cw);
        img.putShort(2, (short) sw);
        for (int i = 0; i < 8; i++) {
            long[] v = value(r);
            if (i < depth) ftw |= 1 << ((top + i) & 7);
            img.putLong(32 + 16 * i, v[1]);
            img.putShort(40 + 16 * i, (short) v[0]);
        }
        img.put(4, (byte) ftw);
        img.putInt(24, 0x1F80);
        long rflags = 0x202 | (r.nextLong() & Flags.ARITH);
        return new Case(img.array(), memory(r), rflags, op, modrm, r.nextInt(4) == 0);
    }

    /** All defined encodings: memory forms with [rdi] (mod 00, rm 111) and all register forms. */
    static List<int[]> encodings() {
        List<int[]> l = new ArrayList<>();
        for (int op = 0; op < 8; op++) {
            for (int reg = 0; reg < 8; reg++) {
                int mr = reg << 3 | 7;
                if (!X87Exec.undefined(op, mr)) l.add(new int[] {op, mr});
            }
            for (int mr = 0xC0; mr <= 0xFF; mr++) if (!X87Exec.undefined(op, mr)) l.add(new int[] {op, mr});
        }
        return l;
    }

    static Cpu newCpu() {
        AddressSpace as = new AddressSpace();
        as.map(MEM, 0x1000, 3, "t");
        return new Cpu(as);
    }

    /** Runs a case on the emulator; returns the result in the oracle's format (signal 5 for #MF). */
    static HostOracle.Result emulate(Cpu cpu, Case k) {
        Mem.writeBytes(cpu, IMG, k.image, 0, 512);
        Fxsave.fxrstor(cpu, IMG);
        Mem.writeBytes(cpu, MEM, k.mem, 0, 128);
        Flags.setRflags(cpu, k.rflags);
        cpu.s[Slots.RAX] = 0;
        try {
            X87Exec.execWithPrefix(cpu, 0xD8 + k.op, k.modrm, MEM, k.o16 ? 1 : 0);
        } catch (GuestFault f) {
            return new HostOracle.Result(f.vector == Vector.MF ? 8 : f.vector == Vector.UD ? 4 : 99, null, null, 0, 0);
        }
        Fxsave.fxsave(cpu, IMG);
        byte[] img = new byte[512], mem = new byte[128];
        Mem.readBytes(cpu, IMG, img, 0, 512);
        Mem.readBytes(cpu, MEM, mem, 0, 128);
        return new HostOracle.Result(0, img, mem, cpu.s[Slots.RAX], Flags.rflags(cpu));
    }

    static boolean transcendental(Case k) {
        return k.op == 1 && (k.modrm == 0xF0 || k.modrm == 0xF1 || k.modrm == 0xF2 || k.modrm == 0xF3
            || k.modrm == 0xF9 || k.modrm >= 0xFB && k.modrm != 0xFC && k.modrm != 0xFD);
    }

    /** A comparable rendering of a result; the parts the test does not compare are left out. */
    static String render(Case k, HostOracle.Result res, boolean fuzzyLastBit) {
        if (res.signal() != 0) return "signal " + res.signal();
        ByteBuffer s = ByteBuffer.wrap(res.state()).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder sb = new StringBuilder();
        int fsw = s.getShort(2) & 0xFFFF;
        if (fuzzyLastBit) fsw &= ~(FpCtx.PE | FpCtx.C1 | FpCtx.UE);
        sb.append(String.format("fcw %04x fsw %04x ftw %02x", s.getShort(0) & 0xFFFF, fsw, s.get(4) & 0xFF));
        for (int i = 0; i < 8; i++) {
            long m = s.getLong(32 + 16 * i);
            long se = s.getShort(40 + 16 * i) & 0xFFFF;
            if (fuzzyLastBit && i < 2) continue;                // compared by closeEnough
            sb.append(String.format(" st%d %s", i, F80.toString(se, m)));
        }
        byte[] mem = res.mem().clone();
        if (k.op == 1 && k.modrm >> 3 == 6 || k.op == 5 && k.modrm >> 3 == 6) {   // FNSTENV / FNSAVE: no FIP/FOP/FDP
            int from = k.o16 ? 6 : 12, to = k.o16 ? 12 : 24;
            for (int i = from; i < to; i++) mem[i] = 0;
            if (k.o16) { mem[8] = mem[9] = 0; }
        }
        sb.append(" mem ").append(java.util.HexFormat.of().formatHex(mem, 0, 112));
        sb.append(String.format(" rax %x flags %x", res.rax(), res.rflags() & Flags.ARITH));
        return sb.toString();
    }

    /** ST0 and ST1 within {@value #ULPS} units in the last place (transcendentals). */
    static boolean closeEnough(HostOracle.Result a, HostOracle.Result b) {
        if (a.signal() != 0 || b.signal() != 0) return a.signal() == b.signal();
        ByteBuffer x = ByteBuffer.wrap(a.state()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer y = ByteBuffer.wrap(b.state()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 2; i++) {
            long xs = x.getShort(40 + 16 * i) & 0xFFFF, ys = y.getShort(40 + 16 * i) & 0xFFFF;
            long xm = x.getLong(32 + 16 * i), ym = y.getLong(32 + 16 * i);
            if (xs == ys && xm == ym) continue;
            if ((xs ^ ys) >> 15 != 0 || F80.classify(xs, xm) > F80.NORMAL || F80.classify(ys, ym) > F80.NORMAL) return false;
            long ox = (xs & 0x7FFF) << 63 | (xm & ~F80.J), oy = (ys & 0x7FFF) << 63 | (ym & ~F80.J);
            if (Math.abs(ox - oy) > ULPS) return false;
        }
        return true;
    }

    static final int ULPS = 2;

    @Test
    void everyEncodingAgainstHost() {
        HostOracle host = HostOracle.get();
        Assumptions.assumeTrue(host != null, "no gcc / x86-64 host");
        System.out.println("X87DifferentialTest seed 0x" + Long.toHexString(SEED));
        SplittableRandom r = new SplittableRandom(SEED);
        List<int[]> enc = encodings();
        Cpu cpu = newCpu();
        Map<String, List<String>> bad = new TreeMap<>();
        int total = 0, failed = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int[] e : enc) {
                Case k = randomCase(r, e[0], e[1]);
                HostOracle.Result want = host.run(k.image, k.mem, k.rflags, k.code());
                HostOracle.Result got = emulate(cpu, k);
                boolean fuzzy = transcendental(k);
                String w = render(k, want, fuzzy), g = render(k, got, fuzzy);
                if (fuzzy && w.equals(g) && !closeEnough(want, got)) {
                    w = render(k, want, false);
                    g = render(k, got, false);
                }
                total++;
                if (!w.equals(g)) {
                    failed++;
                    List<String> l = bad.computeIfAbsent(k.describe(), x -> new ArrayList<>());
                    if (l.size() < 2) {
                        l.add("\n  in:   " + render(k, new HostOracle.Result(0, k.image, k.mem, 0, k.rflags), false)
                            + "\n  host: " + w + "\n  jx86: " + g);
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder();
        bad.forEach((insn, l) -> report.append("\n").append(insn).append(String.join("", l)));
        System.out.println("x87 differential: " + total + " cases, " + failed + " mismatches in " + bad.size() + " encodings");
        assertTrue(failed == 0, report.toString());
    }
}
