package org.jx86.vmm.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Slots;
import org.junit.jupiter.api.Test;

/**
 * Guest atomics from several JVM threads, each with its own vCPU on one address space: the
 * totals are exact only if every update is atomic, including sub-word operands that share
 * a word with other threads' operands, a misaligned operand and a split lock. Results are
 * checked, never timings.
 */
class AtomicsTest {
    private static final long BASE = 0x10_0000;
    private static final int THREADS = 4, N = 20_000;

    private final AddressSpace as = new AddressSpace();

    AtomicsTest() { as.map(BASE, 0x2000, Vma.PROT_READ | Vma.PROT_WRITE, ""); }

    private void inParallel(java.util.function.IntConsumer body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> ts = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    body.accept(id);
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) th.join();
        if (!errors.isEmpty()) throw new AssertionError(errors.get(0));
    }

    @Test
    void subWordAndMisalignedAddsAreAtomic() throws Exception {
        inParallel(id -> {
            Cpu c = new Cpu(as);
            for (int i = 0; i < N; i++) {
                Atomics.rmw(c, BASE + id, 1, Atomics.ADD, 1);           // four bytes of one dword
                Atomics.rmw(c, BASE + 8 + 2 * id, 2, Atomics.ADD, 1);   // four words of one qword
                Atomics.rmw(c, BASE + 17, 4, Atomics.ADD, 3);           // misaligned, inside a qword
                Atomics.rmw(c, BASE + 30, 4, Atomics.SUB, 1);           // split across two qwords
                Atomics.rmw(c, BASE + 0xFFE, 4, Atomics.ADD, 1);        // split across two pages
            }
        });
        Cpu c = new Cpu(as);
        for (int id = 0; id < THREADS; id++) {
            assertEquals(N & 0xFF, Mem.read8(c, BASE + id));
            assertEquals(N & 0xFFFF, Mem.read16(c, BASE + 8 + 2 * id));
        }
        assertEquals(3L * THREADS * N, Mem.read32(c, BASE + 17));
        assertEquals((-THREADS * N) & 0xFFFF_FFFFL, Mem.read32(c, BASE + 30));
        assertEquals((long) THREADS * N, Mem.read32(c, BASE + 0xFFE));
    }

    @Test
    void cmpxchgSpinlockProtectsAPlainCounter() throws Exception {
        long lock = BASE + 64, counter = BASE + 72;
        inParallel(id -> {
            Cpu c = new Cpu(as);
            for (int i = 0; i < N; i++) {
                while (Atomics.cmpxchg(c, lock, 4, 0, 1) != 0) Thread.onSpinWait();
                Mem.write64(c, counter, Mem.read64(c, counter) + 1);
                Mem.write32(c, lock, 0);                                  // release: a plain store
            }
        });
        assertEquals((long) THREADS * N, Mem.read64(new Cpu(as), counter));
    }

    @Test
    void cmpxchgReturnsTheOldValueAndWritesOnlyOnSuccess() {
        Cpu c = new Cpu(as);
        Mem.write64(c, BASE + 128, 0x1122_3344_5566_7788L);
        assertEquals(0x88, Atomics.cmpxchg(c, BASE + 128, 1, 0x11, 0x99));
        assertEquals(0x1122_3344_5566_7788L, Mem.read64(c, BASE + 128));
        assertEquals(0x6677, Atomics.cmpxchg(c, BASE + 129, 2, 0x6677, 0xABCD));
        assertEquals(0x1122_3344_55AB_CD88L, Mem.read64(c, BASE + 128));
        assertEquals(0x1122_3344_55AB_CD88L, Atomics.rmw(c, BASE + 128, 8, Atomics.XCHG, 5));
        assertEquals(5, Mem.read64(c, BASE + 128));
        assertEquals(5, Atomics.rmw(c, BASE + 128, 8, Atomics.NEG, 0));
        assertEquals(-5, Mem.read64(c, BASE + 128));
    }

    @Test
    void cmpxchg16ComparesAndSwapsBothHalves() {
        Cpu c = new Cpu(as);
        long a = BASE + 256;
        Mem.write64(c, a, 1);
        Mem.write64(c, a + 8, 2);
        c.s[Slots.RAX] = 1;
        c.s[Slots.RDX] = 3;
        c.s[Slots.RBX] = 10;
        c.s[Slots.RCX] = 20;
        assertEquals(0, Atomics.cmpxchg16(c, a));
        assertEquals(2, c.s[Slots.RDX]);                 // loaded on failure
        assertEquals(1, Atomics.cmpxchg16(c, a));
        assertEquals(10, Mem.read64(c, a));
        assertEquals(20, Mem.read64(c, a + 8));
    }

    @Test
    void faultsLikeAWriteWithNoEffect() {
        Cpu c = new Cpu(as);
        as.protect(BASE + 0x1000, 0x1000, Vma.PROT_READ);
        assertThrows(GuestFault.class, () -> Atomics.rmw(c, BASE + 0x1000, 4, Atomics.ADD, 1));
        assertThrows(GuestFault.class, () -> Atomics.rmw(c, BASE + 0xFFE, 4, Atomics.ADD, 1));
        assertEquals(0, Mem.read32(c, BASE + 0x1000));
        assertThrows(GuestFault.class, () -> Atomics.cmpxchg(c, 0x5000, 8, 0, 1));
    }
}
