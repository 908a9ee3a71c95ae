package org.jx86.vmm.fpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.jx86.vmm.Vector;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Mem;

/** X87Exec end to end on a Cpu with guest memory: stack flows, status word, faults, images. */
class X87ExecTest {
    static final long PAGE = 0x10000, UNMAPPED = 0x20000;

    static Cpu cpu() {
        AddressSpace as = new AddressSpace();
        as.map(PAGE, 0x1000, 3, "t");
        Cpu cpu = new Cpu(as);
        cpu.x87.init();
        return cpu;
    }

    static void x(Cpu cpu, int op, int modrm) { X87Exec.exec(cpu, op, modrm, 0); }

    static void x(Cpu cpu, int op, int modrm, long ea) { X87Exec.exec(cpu, op, modrm, ea); }

    @Test
    void arithmeticAndStores() {
        Cpu cpu = cpu();
        x(cpu, 0xD9, 0xE8);                                     // FLD1
        x(cpu, 0xD9, 0xEB);                                     // FLDPI
        x(cpu, 0xDE, 0xC1);                                     // FADDP ST1, ST0
        x(cpu, 0xDD, 0x1F, PAGE);                               // FSTP m64
        assertEquals(1 + Math.PI, Double.longBitsToDouble(Mem.read64(cpu, PAGE)));
        assertEquals(0, cpu.x87.valid);
        assertEquals(0, cpu.x87.top);
        Mem.write32(cpu, PAGE, -7);
        x(cpu, 0xDB, 0x07, PAGE);                               // FILD m32
        x(cpu, 0xD9, 0xFA);                                     // FSQRT of -7: invalid, masked
        assertEquals("ffff:c000000000000000", F80.toString(cpu.x87.stSe(0), cpu.x87.stM(0)));
        assertEquals(1, cpu.x87.statusWord() & 1);
        x(cpu, 0xDF, 0x1F, PAGE);                               // FISTP m16 of NaN: integer indefinite
        assertEquals(0x8000, Mem.read16(cpu, PAGE));
    }

    @Test
    void compareAndStatusWord() {
        Cpu cpu = cpu();
        cpu.s[Slots.RAX] = 0x1234_5678_9ABC_DEF0L;
        x(cpu, 0xD9, 0xE8);                                     // FLD1      -> ST1 = 1
        x(cpu, 0xD9, 0xEE);                                     // FLDZ      -> ST0 = 0
        x(cpu, 0xDE, 0xD9);                                     // FCOMPP: 0 < 1 -> C0
        x(cpu, 0xDF, 0xE0);                                     // FNSTSW AX
        assertEquals(0x1234_5678_9ABC_0100L, cpu.s[Slots.RAX]);
        x(cpu, 0xD9, 0xE8);
        x(cpu, 0xD9, 0xEE);
        x(cpu, 0xDB, 0xF1);                                     // FCOMI ST0, ST1: 0 < 1 -> CF
        long f = Flags.rflags(cpu);
        assertEquals(Flags.CF, f & Flags.ARITH);
        x(cpu, 0xD9, 0xC9);                                     // FXCH
        x(cpu, 0xDF, 0xE9);                                     // FUCOMIP: 1 > 0 -> no flags, pop
        assertEquals(0, Flags.rflags(cpu) & Flags.ARITH);
        assertEquals(7, cpu.x87.top);
        x(cpu, 0xD9, 0xE5);                                     // FXAM on 0 -> C3
        assertEquals(X87State.SW_C3, cpu.x87.statusWord() & X87State.SW_CC);
    }

    @Test
    void stackFaultsAreMaskedResponses() {
        Cpu cpu = cpu();
        for (int i = 0; i < 8; i++) x(cpu, 0xD9, 0xE8);
        x(cpu, 0xD9, 0xE8);                                     // ninth push: overflow
        assertEquals(FpCtx.IE | FpCtx.SF | X87State.SW_C1, cpu.x87.statusWord() & 0x2FF);
        assertEquals(F80.INDEF_M, cpu.x87.stM(0));
        x(cpu, 0xDB, 0xE3);                                     // FNINIT
        x(cpu, 0xD8, 0xC1);                                     // FADD on an empty stack: underflow
        assertEquals(FpCtx.IE | FpCtx.SF, cpu.x87.statusWord() & 0x2FF);
    }

    @Test
    void faultingStoreLeavesStateUnchanged() {
        Cpu cpu = cpu();
        x(cpu, 0xD9, 0xEB);
        int top = cpu.x87.top, valid = cpu.x87.valid, sw = cpu.x87.statusWord();
        GuestFault f = assertThrows(GuestFault.class, () -> x(cpu, 0xDD, 0x1F, UNMAPPED));   // FSTP m64
        assertEquals(Vector.PF, f.vector);
        assertEquals(top, cpu.x87.top);
        assertEquals(valid, cpu.x87.valid);
        assertEquals(sw, cpu.x87.statusWord());
        // an 80-bit store crossing into an unmapped page writes nothing
        Mem.write64(cpu, PAGE + 0xFF8, 0x1111_1111_1111_1111L);
        assertThrows(GuestFault.class, () -> x(cpu, 0xDB, 0x3F, PAGE + 0xFF8));             // FSTP m80
        assertEquals(0x1111_1111_1111_1111L, Mem.read64(cpu, PAGE + 0xFF8));
        assertEquals(top, cpu.x87.top);
        assertThrows(GuestFault.class, () -> x(cpu, 0xDD, 0x07, UNMAPPED));                  // FLD m64
        assertEquals(top, cpu.x87.top);
    }

    @Test
    void unmaskedExceptionRaisesMfAtNextWaitingInstruction() {
        Cpu cpu = cpu();
        Mem.write16(cpu, PAGE, 0x037E);                         // IE unmasked
        x(cpu, 0xD9, 0x2F, PAGE);                               // FLDCW
        x(cpu, 0xD9, 0xE8);
        x(cpu, 0xD9, 0xE0);                                     // FCHS: -1
        x(cpu, 0xD9, 0xFA);                                     // FSQRT(-1): IE, unmasked: no result
        assertEquals("bfff:8000000000000000", F80.toString(cpu.x87.stSe(0), cpu.x87.stM(0)));
        assertEquals(X87State.SW_B | X87State.SW_ES | FpCtx.IE, cpu.x87.statusWord() & 0x80FF);
        assertEquals(Vector.MF, assertThrows(GuestFault.class, () -> x(cpu, 0xD9, 0xE8)).vector);
        assertEquals(Vector.MF, assertThrows(GuestFault.class, () -> X87Exec.fwait(cpu)).vector);
        x(cpu, 0xDD, 0x3F, PAGE);                               // FNSTSW m16: no-wait
        assertEquals(0x8081, Mem.read16(cpu, PAGE) & 0x80FF);
        x(cpu, 0xDB, 0xE2);                                     // FNCLEX
        x(cpu, 0xD9, 0xE8);                                     // fine now
        X87Exec.fwait(cpu);
    }

    @Test
    void undefinedEncodings() {
        Cpu cpu = cpu();
        assertEquals(Vector.UD, assertThrows(GuestFault.class, () -> x(cpu, 0xD9, 0xD1)).vector);
        assertEquals(Vector.UD, assertThrows(GuestFault.class, () -> x(cpu, 0xD9, 0x0F, PAGE)).vector);
        assertEquals(Vector.UD, assertThrows(GuestFault.class, () -> x(cpu, 0xDF, 0xE1)).vector);
    }

    /** Fills the x87 state with random registers, tags, TOP and words. */
    static void randomize(Cpu cpu, SplittableRandom r) {
        X87State st = cpu.x87;
        for (int p = 0; p < 8; p++) {
            st.se[p] = r.nextInt(0x10000);
            st.m[p] = r.nextLong();
        }
        st.valid = r.nextInt(256);
        st.top = r.nextInt(8);
        st.setControlWord(r.nextInt(0x10000) | 0x3F);
        st.sw = r.nextInt(0x10000) & 0x477F;
        st.fip = r.nextLong() & 0xFFFF_FFFFL;
        st.fdp = r.nextLong() & 0xFFFF_FFFFL;
        st.fop = r.nextInt(0x800);
        for (int i = 0; i < 32; i++) cpu.s[Slots.XMM0 + i] = r.nextLong();
        cpu.s[Slots.MXCSR] = r.nextInt(0x10000) & Fxsave.MXCSR_MASK;
    }

    static long[] snapshot(Cpu cpu) {
        X87State st = cpu.x87;
        long[] v = new long[16 + 8 + 32 + 1];
        for (int p = 0; p < 8; p++) {
            v[p] = st.se[p];
            v[8 + p] = st.m[p];
        }
        v[16] = st.valid;
        v[17] = st.top;
        v[18] = st.cw;
        v[19] = st.sw;
        v[20] = st.fip;
        v[21] = st.fdp;
        v[22] = st.fop;
        for (int i = 0; i < 32; i++) v[24 + i] = cpu.s[Slots.XMM0 + i];
        v[56] = cpu.s[Slots.MXCSR];
        return v;
    }

    @Test
    void fxsaveRoundTripAndFaults() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n = 0; n < 200; n++) {
            Cpu a = cpu();
            randomize(a, r);
            long[] before = snapshot(a);
            Fxsave.fxsave(a, PAGE + 0x200);
            Cpu b = cpu();
            byte[] img = new byte[512];
            Mem.readBytes(a, PAGE + 0x200, img, 0, 512);
            Mem.writeBytes(b, PAGE + 0x200, img, 0, 512);
            Fxsave.fxrstor(b, PAGE + 0x200);
            assertArrayEquals(before, snapshot(b));
        }
        Cpu c = cpu();
        assertEquals(Vector.GP, assertThrows(GuestFault.class, () -> Fxsave.fxsave(c, PAGE + 8)).vector);
        Mem.write32(c, PAGE + 24, 0x1F80 | 0x10000);             // bit 16 is reserved
        long[] before = snapshot(c);
        assertEquals(Vector.GP, assertThrows(GuestFault.class, () -> Fxsave.fxrstor(c, PAGE)).vector);
        assertArrayEquals(before, snapshot(c));
        // the last 16 bytes of the image on an unmapped page: nothing changes
        assertThrows(GuestFault.class, () -> Fxsave.fxrstor(c, PAGE + 0xF00));
        assertArrayEquals(before, snapshot(c));
    }

    @Test
    void fnsaveFrstorAndEnvironment() {
        SplittableRandom r = new SplittableRandom(8);
        for (boolean o16 : new boolean[] {false, true}) {
            Cpu a = cpu();
            randomize(a, r);
            a.x87.fip &= 0xFFFF;
            a.x87.fdp &= 0xFFFF;
            if (o16) a.x87.fop = 0;                                // not stored in the 16-bit layout
            a.x87.sw &= ~(X87State.SW_ES | X87State.SW_B);
            // empty registers keep their contents; full tags are recomputed from them
            long[] before = snapshot(a);
            X87Exec.execWithPrefix(a, 0xDD, 0x37, PAGE, o16 ? 1 : 0);    // FNSAVE
            assertEquals(0x037F, a.x87.cw);
            assertEquals(0, a.x87.valid);
            X87Exec.execWithPrefix(a, 0xDD, 0x27, PAGE, o16 ? 1 : 0);    // FRSTOR
            long[] after = snapshot(a);
            assertArrayEquals(before, after, "o16 " + o16);
            X87Exec.execWithPrefix(a, 0xD9, 0x37, PAGE + 0x400, o16 ? 1 : 0);  // FNSTENV masks everything
            assertEquals(0x3F, a.x87.cw & 0x3F);
            X87Exec.execWithPrefix(a, 0xD9, 0x27, PAGE + 0x400, o16 ? 1 : 0);  // FLDENV restores the old CW
            assertEquals(before[18], a.x87.cw);
        }
    }

    /** The arithmetic paths allocate nothing (transcendentals excepted). */
    @Test
    void arithmeticDoesNotAllocate() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) mx;
        Cpu cpu = cpu();
        Mem.write64(cpu, PAGE, Double.doubleToRawLongBits(1.1));
        Runnable body = () -> {
            x(cpu, 0xDD, 0x07, PAGE);                           // FLD m64
            x(cpu, 0xD9, 0xEB);                                 // FLDPI
            x(cpu, 0xDE, 0xC9);                                 // FMULP
            x(cpu, 0xD9, 0xE8);                                 // FLD1
            x(cpu, 0xDE, 0xF9);                                 // FDIVP
            x(cpu, 0xD9, 0xFA);                                 // FSQRT
            x(cpu, 0xDC, 0x07, PAGE);                           // FADD m64
            x(cpu, 0xDD, 0x1F, PAGE + 8);                       // FSTP m64
        };
        for (int i = 0; i < 20_000; i++) body.run();            // warm up
        long id = Thread.currentThread().getId();
        long before = tmx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++) body.run();
        long bytes = tmx.getThreadAllocatedBytes(id) - before;
        assertTrue(bytes < 10_000, "allocated " + bytes + " bytes for 80000 instructions");
    }

    @Test
    void mmxAliasing() {
        Cpu cpu = cpu();
        X87State st = cpu.x87;
        x(cpu, 0xD9, 0xE8);
        st.mmxWrite(3, 0x0123_4567_89AB_CDEFL);
        assertEquals(0, st.top);
        assertEquals(0xFF, st.valid);
        assertEquals(0xFFFF, st.se[3]);
        assertEquals(0x0123_4567_89AB_CDEFL, st.mmxRead(3));
        assertEquals(0x0123_4567_89AB_CDEFL, st.stM(3));
        st.emms();
        assertEquals(0, st.valid);
        assertTrue(st.isEmpty(0));
    }
}
