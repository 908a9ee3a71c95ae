package org.jx86.x86.lift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.jx86.ir.IrEnv;
import org.jx86.ir.IrFunction;
import org.jx86.ir.IrInterpreter;
import org.jx86.ir.IrPrinter;
import org.jx86.ir.Passes;
import org.jx86.vmm.Slots;
import org.jx86.vmm.sys.Lam;

/**
 * The untagging compiled into system-mode translations (spec §4.2, §7.4): for every LAM mode,
 * the addresses the lifted IR accesses are exactly {@link Lam#untag} of the guest's pointers
 * (the oracle the slow path uses), branch targets are not untagged (§5), and with no mode the
 * IR is the same as without the hook (user mode unchanged).
 */
class LamUntagTest {
    private static final long SEED = 0x1A3_7A6L;
    /** mov (%rdi),%rax; mov %rax,%fs:8(%rsi); push %rax; ret */
    private static final byte[] CODE = {0x48, (byte) 0x8B, 0x07, 0x64, 0x48, (byte) 0x89, 0x46, 0x08, 0x50, (byte) 0xC3};
    private static final long RIP = 0x40_1000L;

    /** Guest state in an array; memory returns a tagged value and records every address. */
    private static final class Env implements IrEnv {
        final long[] s = new long[Slots.COUNT];
        final List<Long> addresses = new ArrayList<>();
        long loaded;

        @Override public long get(int slot) { return s[slot]; }
        @Override public void set(int slot, long value) { s[slot] = value; }
        @Override public long load(int size, long address) { addresses.add(address); return loaded; }
        @Override public void store(int size, long address, long value) { addresses.add(address); }
        @Override public Object context() { return null; }
        @Override public void faultAt(long guestAddress) { }
        @Override public void exitCode(int code) { }
    }

    private static IrFunction lift(int mode) {
        IrFunction fn = new Lifter().lift(a -> CODE[(int) (a - RIP)] & 0xFF, RIP, LamUntag.forMode(mode));
        Passes.optimize(fn, true);
        return fn;
    }

    /** Runs CODE with RDI, RSI (+FS) and RSP pointers; returns the EXIT target (the RET's). */
    private static long run(IrFunction fn, Env e, long rdi, long rsi, long fs, long rsp) {
        e.s[Slots.RDI] = rdi;
        e.s[Slots.RSI] = rsi;
        e.s[Slots.FS_BASE] = fs;
        e.s[Slots.RSP] = rsp;
        return IrInterpreter.run(fn, e);
    }

    private static long[] interesting(SplittableRandom r) {
        long[] spec = {0x00007FFFDEADB000L, 0x3E007FFFDEADB000L, 0x7E80000000001000L, 0x0100000000002000L,
            0x7FFF7FFFDEADB000L, 0x1234800000000000L, 0x2AAA000000500000L, 0x0000800000001000L,
            0x0001000000001000L, 0xAAAAFFFFFFFFE000L, 0x8000000000001000L, 0xC1FFFFFFFFFFF000L,
            0x80FF800000000000L, 0xABFFFFFFFFFFE000L, 0xFE00000000000000L, 0, -1, Long.MIN_VALUE, Long.MAX_VALUE};
        long[] all = new long[spec.length + 400];
        System.arraycopy(spec, 0, all, 0, spec.length);
        for (int i = spec.length; i < all.length; i++) all[i] = r.nextLong();
        return all;
    }

    @Test
    void dataAddressesAreLamUntagInEveryMode() {
        SplittableRandom r = new SplittableRandom(SEED);
        long[] ptrs = interesting(r);
        for (int mode = 0; mode < Lam.MODES; mode++) {
            int ub = Lam.userBitOf(mode), sb = Lam.supervisorBitOf(mode);
            IrFunction fn = lift(mode);
            for (int i = 0; i < ptrs.length; i++) {
                long rdi = ptrs[i], rsi = ptrs[(i + 1) % ptrs.length], fs = ptrs[(i + 2) % ptrs.length] & ~0xFFFL;
                long rsp = ptrs[(i + 3) % ptrs.length] & ~7L, ret = ptrs[(i + 4) % ptrs.length];
                Env e = new Env();
                e.loaded = ret;
                long next = run(fn, e, rdi, rsi, fs, rsp);
                String ctx = String.format("seed %#x mode %d (user bit %d, sup bit %d) rdi %#x rsi %#x fs %#x rsp %#x",
                    SEED, mode, ub, sb, rdi, rsi, fs, rsp);
                List<Long> want = List.of(Lam.untag(rdi, ub, sb), Lam.untag(fs + rsi + 8, ub, sb),
                    Lam.untag(rsp - 8, ub, sb), Lam.untag(rsp - 8, ub, sb));
                assertEquals(want, e.addresses, ctx);
                assertEquals(ret, next, "the RET target is not untagged: " + ctx);
            }
        }
    }

    @Test
    void modeZeroLeavesTheIrAsWithoutTheHook() {
        assertNull(LamUntag.forMode(0));
        IrFunction plain = new Lifter().lift(a -> CODE[(int) (a - RIP)] & 0xFF, RIP);
        Passes.optimize(plain, true);
        assertEquals(IrPrinter.format(plain), IrPrinter.format(lift(0)));
    }

    @Test
    void modeKeyRoundTrips() {
        int[] bits = {0, 47, 56};
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int u : bits) {
            for (int s : bits) {
                int m = Lam.mode(u, s);
                assertEquals(u, Lam.userBitOf(m));
                assertEquals(s, Lam.supervisorBitOf(m));
                seen.add(m);
            }
        }
        assertEquals(Lam.MODES, seen.size());
        assertEquals(0, Lam.mode(0, 0));
    }
}
