package org.jx86.runtime.linux;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.agrona.collections.Long2ObjectHashMap;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Atomics;
import org.jx86.vmm.mem.Mem;

/**
 * Futex wait queues, keyed by a long: in a process's own queues the guest address (a
 * process is one address space, so its private and shared futexes are the same thing);
 * in the queues of a MAP_SHARED object the byte offset in that object, so processes that
 * map it at different addresses meet ({@link FutexSyscall#queuesFor}).
 *
 * <p>No lost wake-ups: a waiter reads the futex word and enqueues itself under the same lock
 * every waker takes, so a waker that changed the word before calling wake either made the
 * waiter see the new value (-EAGAIN) or finds it queued. Each waiter parks its own
 * thread, so a wake of one thread wakes one thread. A waiter that was both woken and
 * interrupted (a signal, a timeout) reports the wake-up (0), so the wake is not lost either.
 */
public final class Futexes {
    public static final int BITSET_ANY = -1;

    private static final class Waiter {
        final int bitset;
        final Thread thread;
        long key;
        volatile boolean woken;

        Waiter(int bitset, long key, Thread thread) {
            this.bitset = bitset;
            this.key = key;
            this.thread = thread;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Long2ObjectHashMap<ArrayDeque<Waiter>> queues = new Long2ObjectHashMap<>();

    /**
     * FUTEX_WAIT: sleeps while the 32-bit word at addr equals expected.
     *
     * <p>The futex lock is held only to check the word and enqueue and to dequeue; the waiter
     * sleeps outside it (parked), so a signal or another thread wakes it with an unpark and
     * never needs this lock. The waiter checks for signals (the signal lock) without holding
     * the futex lock, so the two locks are never held together.
     *
     * @param deadline System.nanoTime() deadline, or Long.MAX_VALUE for none
     * @return 0 when woken, or -EAGAIN, -ETIMEDOUT, -ERESTARTSYS (a signal arrived), -EINTR
     *         (the JVM thread was interrupted: the process is ending)
     */
    public long wait(Cpu cpu, long addr, int expected, long deadline, int bitset) {
        return wait(cpu, addr, addr, expected, deadline, bitset);
    }

    /** FUTEX_WAIT on the word at addr, queued under key. */
    public long wait(Cpu cpu, long addr, long key, int expected, long deadline, int bitset) {
        Waiter w = new Waiter(bitset, key, Thread.currentThread());
        lock.lock();
        try {
            if ((int) Mem.read32(cpu, addr) != expected) return -Errno.EAGAIN;
            queues.computeIfAbsent(key, k -> new ArrayDeque<>()).add(w);
        } finally {
            lock.unlock();
        }
        ThreadSignals t = ThreadSignals.current();
        if (t != null) t.beginBlocking(() -> LockSupport.unpark(w.thread));
        try {
            while (!w.woken) {
                long code = 0;
                if (t != null && t.interrupted()) code = -SignalDelivery.ERESTARTSYS;
                else if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    code = -Errno.EINTR;
                } else if (deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) code = -Errno.ETIMEDOUT;
                if (code != 0) return giveUp(w, code);
                if (deadline == Long.MAX_VALUE) LockSupport.park(this);
                else LockSupport.parkNanos(this, deadline - System.nanoTime());
            }
            return 0;
        } finally {
            if (t != null) t.endBlocking();
        }
    }

    /** Leaves the queue after a signal, interrupt or timeout, unless a wake got there first (then 0). */
    private long giveUp(Waiter w, long code) {
        lock.lock();
        try {
            if (w.woken) return 0;
            remove(w);
            return code;
        } finally {
            lock.unlock();
        }
    }

    /** FUTEX_WAKE: wakes up to n waiters on addr whose bitset intersects bitset; returns how many. */
    public int wake(long addr, int n, int bitset) {
        lock.lock();
        try {
            return wakeLocked(addr, n, bitset);
        } finally {
            lock.unlock();
        }
    }

    /**
     * FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wakes up to n waiters on addr and moves up to max of
     * the rest to addr2. With cmp, first checks (under the lock) that the word at addr still
     * holds expected, else -EAGAIN. Returns woken plus moved. The queues are key and key2.
     */
    public long requeue(Cpu cpu, long addr, long key, int n, long key2, int max, boolean cmp, int expected) {
        lock.lock();
        try {
            if (cmp && (int) Mem.read32(cpu, addr) != expected) return -Errno.EAGAIN;
            int woken = wakeLocked(key, n, BITSET_ANY);
            if (key2 == key) return woken;
            long addr2 = key2;
            ArrayDeque<Waiter> q = queues.get(key);
            int moved = 0;
            while (q != null && !q.isEmpty() && moved < max) {
                Waiter w = q.poll();
                w.key = addr2;
                queues.computeIfAbsent(addr2, k -> new ArrayDeque<>()).add(w);
                moved++;
            }
            if (q != null && q.isEmpty()) queues.remove(key);
            return woken + moved;
        } finally {
            lock.unlock();
        }
    }

    /**
     * FUTEX_WAKE_OP: atomically updates the word at addr2 as encoded says, wakes up to n
     * waiters on addr, and, if the old value of addr2 passes the encoded comparison, up to n2
     * waiters on addr2 (queues key and key2). Returns the total woken.
     */
    public long wakeOp(Cpu cpu, long key, int n, long addr2, long key2, int n2, int encoded) {
        long[] update = FutexSyscall.wakeOpUpdate(encoded);
        if (update == null) return -Errno.ENOSYS;
        lock.lock();
        try {
            int old = (int) Atomics.rmw(cpu, addr2, 4, update[0], update[1]);
            Boolean pass = FutexSyscall.wakeOpCompare(encoded, old);
            if (pass == null) return -Errno.ENOSYS;
            int woken = wakeLocked(key, n, BITSET_ANY);
            if (pass) woken += wakeLocked(key2, n2, BITSET_ANY);
            return woken;
        } finally {
            lock.unlock();
        }
    }

    /** Threads waiting on addr (for tests and /proc). */
    public int waiters(long addr) {
        lock.lock();
        try {
            ArrayDeque<Waiter> q = queues.get(addr);
            return q == null ? 0 : q.size();
        } finally {
            lock.unlock();
        }
    }

    private int wakeLocked(long addr, int n, int bitset) {
        ArrayDeque<Waiter> q = queues.get(addr);
        if (q == null) return 0;
        int woken = 0;
        for (Iterator<Waiter> it = q.iterator(); it.hasNext() && woken < n; ) {
            Waiter w = it.next();
            if ((w.bitset & bitset) == 0) continue;
            it.remove();
            w.woken = true;
            LockSupport.unpark(w.thread);
            woken++;
        }
        if (q.isEmpty()) queues.remove(addr);
        return woken;
    }

    private void remove(Waiter w) {
        ArrayDeque<Waiter> q = queues.get(w.key);
        if (q != null) {
            q.remove(w);
            if (q.isEmpty()) queues.remove(w.key);
        }
    }
}
