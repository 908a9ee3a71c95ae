package org.jx86.runtime.linux;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * Futex wait queues of one process, keyed by guest address (private futexes; a process is
 * one address space). The check of the futex word and the enqueue happen under the same
 * lock that {@link #wake} takes, which is the futex guarantee against lost wake-ups.
 *
 * <p>While guests are single-threaded, a FUTEX_WAIT whose value matches and that has no
 * timeout can only end by a signal: as on Linux it blocks (and is logged, since no other
 * guest thread exists to wake it).
 */
public final class Futexes {
    public static final int BITSET_ANY = -1;

    private static final class Waiter {
        final int bitset;
        long key;
        boolean woken;

        Waiter(int bitset, long key) {
            this.bitset = bitset;
            this.key = key;
        }
    }

    private final Map<Long, ArrayDeque<Waiter>> queues = new HashMap<>();

    /**
     * FUTEX_WAIT: sleeps while the 32-bit word at addr equals expected.
     *
     * @param deadline System.nanoTime() deadline, or Long.MAX_VALUE for none
     * @return 0 when woken, or -EAGAIN, -ETIMEDOUT, -ERESTARTSYS (a signal arrived)
     */
    public long wait(Cpu cpu, long addr, int expected, long deadline, int bitset) {
        synchronized (this) {
            if ((int) Mem.read32(cpu, addr) != expected) return -Errno.EAGAIN;
            Waiter w = new Waiter(bitset, addr);
            ArrayDeque<Waiter> q = queues.computeIfAbsent(addr, k -> new ArrayDeque<>());
            q.add(w);
            ThreadSignals t = ThreadSignals.current();
            if (t != null) t.beginBlocking(this::wakeAll);
            try {
                while (!w.woken) {
                    if (t != null && t.interrupted()) {
                        remove(w);
                        return -SignalDelivery.ERESTARTSYS;
                    }
                    long left = deadline == Long.MAX_VALUE ? 0 : deadline - System.nanoTime();
                    if (deadline != Long.MAX_VALUE && left <= 0) {
                        remove(w);
                        return -Errno.ETIMEDOUT;
                    }
                    if (deadline == Long.MAX_VALUE) wait();
                    else wait(left / 1_000_000, (int) (left % 1_000_000));
                }
                return 0;
            } catch (InterruptedException e) {
                remove(w);
                Thread.currentThread().interrupt();
                return -Errno.EINTR;
            } finally {
                if (t != null) t.endBlocking();
            }
        }
    }

    /** Wakes every sleeper so it rechecks its state (a signal arrived for one of them). */
    private synchronized void wakeAll() { notifyAll(); }

    /** FUTEX_WAKE: wakes up to n waiters on addr whose bitset intersects bitset; returns how many. */
    public synchronized int wake(long addr, int n, int bitset) {
        ArrayDeque<Waiter> q = queues.get(addr);
        if (q == null) return 0;
        int woken = 0;
        for (Iterator<Waiter> it = q.iterator(); it.hasNext() && woken < n; ) {
            Waiter w = it.next();
            if ((w.bitset & bitset) == 0) continue;
            it.remove();
            w.woken = true;
            woken++;
        }
        if (q.isEmpty()) queues.remove(addr);
        if (woken > 0) notifyAll();
        return woken;
    }

    /** FUTEX_REQUEUE: wakes up to n waiters on addr and moves up to max of the rest to addr2. */
    public synchronized int requeue(long addr, int n, long addr2, int max) {
        int woken = wake(addr, n, BITSET_ANY);
        ArrayDeque<Waiter> q = queues.get(addr);
        int moved = 0;
        while (q != null && !q.isEmpty() && moved < max) {
            Waiter w = q.poll();
            w.key = addr2;
            queues.computeIfAbsent(addr2, k -> new ArrayDeque<>()).add(w);
            moved++;
        }
        if (q != null && q.isEmpty()) queues.remove(addr);
        return woken + moved;
    }

    public synchronized int waiters(long addr) {
        ArrayDeque<Waiter> q = queues.get(addr);
        return q == null ? 0 : q.size();
    }

    private void remove(Waiter w) {
        ArrayDeque<Waiter> q = queues.get(w.key);
        if (q != null) {
            q.remove(w);
            if (q.isEmpty()) queues.remove(w.key);
        }
    }
}
