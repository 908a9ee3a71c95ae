package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.atomic.AtomicLong;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;
import org.junit.jupiter.api.Test;

/**
 * futex semantics against the kernel's documented behaviour (futex(2)), with real waiting
 * threads. No timing is asserted: a test waits until the waiter is queued
 * ({@link Futexes#waiters}) before it acts.
 */
class FutexTest {
    private final SyscallHarness h = new SyscallHarness();
    private final Futexes f = h.process.futexes();

    private static final int WAIT = FutexSyscall.FUTEX_WAIT, WAKE = FutexSyscall.FUTEX_WAKE,
        PRIVATE = FutexSyscall.FUTEX_PRIVATE_FLAG;

    /** A guest thread (its own vCPU) blocked in futex(op) until it returns. */
    private final class Waiter {
        final AtomicLong result = new AtomicLong(Long.MIN_VALUE);
        final Thread thread;

        Waiter(long addr, int op, long val, long timeout, long val3) {
            Cpu cpu = new Cpu(h.as);
            thread = new Thread(() -> result.set(h.sys.invoke(cpu, 202, addr, op, val, timeout, 0, val3)));
            thread.start();
        }

        long join() throws InterruptedException {
            thread.join(10_000);
            assertFalse(thread.isAlive(), "waiter still blocked");
            return result.get();
        }
    }

    private void awaitWaiters(long addr, int n) throws InterruptedException {
        while (f.waiters(addr) < n) Thread.sleep(1);
    }

    private long word(int value) {
        long a = h.alloc(8);
        Mem.write32(h.cpu, a, value);
        return a;
    }

    @Test
    void waitReturnsEagainWhenTheValueDiffers() {
        long a = word(7);
        assertEquals(-Errno.EAGAIN, h.call("futex", a, WAIT | PRIVATE, 6, 0));
        assertEquals(0, f.waiters(a));
    }

    @Test
    void wakeWakesAtMostTheCountAskedAndReportsIt() throws Exception {
        long a = word(1);
        Waiter[] w = new Waiter[3];
        for (int i = 0; i < 3; i++) w[i] = new Waiter(a, WAIT, 1, 0, 0);
        awaitWaiters(a, 3);
        assertEquals(2, h.call("futex", a, WAKE, 2));
        assertEquals(1, f.waiters(a));
        assertEquals(1, h.call("futex", a, WAKE, 10));
        for (Waiter x : w) assertEquals(0, x.join());
        assertEquals(0, h.call("futex", a, WAKE, 10));
    }

    @Test
    void bitsetWakeOnlyWakesWaitersWithACommonBit() throws Exception {
        long a = word(0);
        Waiter w1 = new Waiter(a, FutexSyscall.FUTEX_WAIT_BITSET, 0, 0, 0b01);
        Waiter w2 = new Waiter(a, FutexSyscall.FUTEX_WAIT_BITSET, 0, 0, 0b10);
        awaitWaiters(a, 2);
        assertEquals(1, h.call("futex", a, FutexSyscall.FUTEX_WAKE_BITSET, 10, 0, 0, 0b10));
        assertEquals(0, w2.join());
        assertEquals(1, f.waiters(a));
        assertEquals(-Errno.EINVAL, h.call("futex", a, FutexSyscall.FUTEX_WAKE_BITSET, 10, 0, 0, 0));
        assertEquals(1, h.call("futex", a, WAKE, 10));
        assertEquals(0, w1.join());
    }

    @Test
    void cmpRequeueMovesWaitersOrFailsWithEagain() throws Exception {
        long a = word(3), b = word(0);
        Waiter[] w = new Waiter[3];
        for (int i = 0; i < 3; i++) w[i] = new Waiter(a, WAIT, 3, 0, 0);
        awaitWaiters(a, 3);
        // The value check is made under the queue lock: a stale expectation moves nothing.
        assertEquals(-Errno.EAGAIN, h.call("futex", a, FutexSyscall.FUTEX_CMP_REQUEUE, 1, 2, b, 4));
        assertEquals(3, f.waiters(a));
        // Wake one, move up to two: returns woken + moved.
        assertEquals(3, h.call("futex", a, FutexSyscall.FUTEX_CMP_REQUEUE, 1, 2, b, 3));
        assertEquals(0, f.waiters(a));
        assertEquals(2, f.waiters(b));
        assertEquals(0, h.call("futex", a, WAKE, 10));
        assertEquals(2, h.call("futex", b, WAKE, 10));
        for (Waiter x : w) assertEquals(0, x.join());
    }

    @Test
    void wakeOpUpdatesTheSecondWordAndWakesByItsOldValue() throws Exception {
        long a = word(0), b = word(5);
        Waiter wa = new Waiter(a, WAIT, 0, 0, 0);
        Waiter wb = new Waiter(b, WAIT, 5, 0, 0);
        awaitWaiters(a, 1);
        awaitWaiters(b, 1);
        // op ADD 2 on b; compare old value (5) GT 4: true, so b's waiter is woken too.
        int encoded = (FutexSyscall.FUTEX_OP_ADD << 28) | (FutexSyscall.FUTEX_OP_CMP_GT << 24) | (2 << 12) | 4;
        assertEquals(2, h.call("futex", a, FutexSyscall.FUTEX_WAKE_OP, 1, 1, b, encoded));
        assertEquals(7, h.read32(b));
        assertEquals(0, wa.join());
        assertEquals(0, wb.join());
        // op SET 1<<3 (shift form) with a false comparison wakes nothing on b.
        encoded = ((FutexSyscall.FUTEX_OP_SET | FutexSyscall.FUTEX_OP_OPARG_SHIFT) << 28)
            | (FutexSyscall.FUTEX_OP_CMP_EQ << 24) | (3 << 12) | 0;
        assertEquals(0, h.call("futex", a, FutexSyscall.FUTEX_WAKE_OP, 1, 1, b, encoded));
        assertEquals(8, h.read32(b));
    }

    @Test
    void timeoutsAndInterruptsEndTheWait() throws Exception {
        long a = word(1);
        long ts = h.alloc(16);
        Mem.write64(h.cpu, ts, 0);
        Mem.write64(h.cpu, ts + 8, 1_000_000);
        assertEquals(-Errno.ETIMEDOUT, h.call("futex", a, WAIT, 1, ts));
        // WAIT_BITSET takes an absolute CLOCK_MONOTONIC time: one in the past times out at once.
        assertEquals(-Errno.ETIMEDOUT, h.call("futex", a, FutexSyscall.FUTEX_WAIT_BITSET, 1, ts, 0, -1));
        assertEquals(-Errno.ETIMEDOUT, h.call("futex", a,
            FutexSyscall.FUTEX_WAIT_BITSET | FutexSyscall.FUTEX_CLOCK_REALTIME, 1, ts, 0, -1));
        assertEquals(-Errno.ENOSYS, h.call("futex", a, WAKE | FutexSyscall.FUTEX_CLOCK_REALTIME, 1));
        Waiter w = new Waiter(a, WAIT, 1, 0, 0);
        awaitWaiters(a, 1);
        w.thread.interrupt();
        assertEquals(-Errno.EINTR, w.join());
        assertEquals(0, f.waiters(a));
    }

    @Test
    void robustListMarksOwnerDiedAndWakesAWaiter() throws Exception {
        // A robust mutex owned by tid 1234 with waiters: list head -> entry -> head.
        int tid = 1234;
        long head = h.alloc(24), entry = h.alloc(16);
        long futex = entry + 8;   // futex_offset 8
        Mem.write64(h.cpu, head, entry);
        Mem.write64(h.cpu, head + 8, 8);
        Mem.write64(h.cpu, head + 16, 0);
        Mem.write64(h.cpu, entry, head);
        Mem.write32(h.cpu, futex, RobustList.FUTEX_WAITERS | tid);
        Waiter w = new Waiter(futex, WAIT, RobustList.FUTEX_WAITERS | tid, 0, 0);
        awaitWaiters(futex, 1);
        RobustList.release(h.process, h.cpu, tid, head);
        assertEquals(RobustList.FUTEX_WAITERS | RobustList.FUTEX_OWNER_DIED, (int) h.read32(futex));
        assertEquals(0, w.join());
        // A lock held by another thread is left alone.
        Mem.write32(h.cpu, futex, 999);
        RobustList.release(h.process, h.cpu, tid, head);
        assertEquals(999, h.read32(futex));
    }
}
