package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Atomics;
import org.jx86.vmm.mem.Vma;

/**
 * futex(uaddr, op, val, timeout/val2, uaddr2, val3): decodes the operation and its
 * arguments; the queues and their guarantees are {@link Futexes}. PI futexes are not
 * implemented (ENOSYS; glibc uses them only for PTHREAD_PRIO_INHERIT mutexes).
 */
final class FutexSyscall {
    static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4,
        FUTEX_WAKE_OP = 5, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10,
        FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256;
    /** FUTEX_WAKE_OP encoding: op 28..31 (bit 31: oparg is a shift), cmp 24..27, oparg 12..23, cmparg 0..11. */
    static final int FUTEX_OP_SET = 0, FUTEX_OP_ADD = 1, FUTEX_OP_OR = 2, FUTEX_OP_ANDN = 3, FUTEX_OP_XOR = 4,
        FUTEX_OP_OPARG_SHIFT = 8;
    static final int FUTEX_OP_CMP_EQ = 0, FUTEX_OP_CMP_NE = 1, FUTEX_OP_CMP_LT = 2, FUTEX_OP_CMP_LE = 3,
        FUTEX_OP_CMP_GT = 4, FUTEX_OP_CMP_GE = 5;

    private final LinuxProcess p;

    FutexSyscall(LinuxProcess p) { this.p = p; }

    /**
     * A wait with a timeout that a signal interrupts returns -ERESTART_RESTARTBLOCK, as Linux's
     * futex_wait: EINTR after a handler, and without one restart_syscall waits on to the same
     * deadline (futex_wait_restart). Untimed waits return -ERESTARTSYS.
     */
    private static long timedWait(Cpu c, Futexes f, long uaddr, long key, int val, long deadline, int bitset) {
        long r = f.wait(c, uaddr, key, val, deadline, bitset);
        ThreadSignals t = ThreadSignals.current();
        if (r != -SignalDelivery.ERESTARTSYS || deadline == Long.MAX_VALUE || t == null) return r;
        t.restartBlock = cc -> timedWait(cc, f, uaddr, key, val, deadline, bitset);
        return -SignalDelivery.ERESTART_RESTARTBLOCK;
    }

    long futex(Cpu c, long uaddr, long op, long val, long timeout, long uaddr2, long val3) {
        int cmd = (int) op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        // Only the waits with an absolute timeout may name CLOCK_REALTIME (futex_init_timeout).
        if ((op & FUTEX_CLOCK_REALTIME) != 0 && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT)
            return -Errno.ENOSYS;
        if ((uaddr & 3) != 0) return -Errno.EINVAL;
        boolean priv = (op & FUTEX_PRIVATE_FLAG) != 0;
        Futexes f = queuesFor(uaddr, priv);
        long key = keyOf(uaddr, priv);
        switch (cmd) {
            case FUTEX_WAIT, FUTEX_WAIT_BITSET -> {
                int bitset = cmd == FUTEX_WAIT ? Futexes.BITSET_ANY : (int) val3;
                if (bitset == 0) return -Errno.EINVAL;
                long deadline = Long.MAX_VALUE;
                if (timeout != 0) {
                    long ns = UserMem.timespecNanos(c, timeout);
                    if (cmd == FUTEX_WAIT) {
                        // Relative, on CLOCK_MONOTONIC.
                        deadline = saturatingAdd(System.nanoTime(), ns);
                    } else {
                        // Absolute, on the clock the flag names.
                        int clock = (op & FUTEX_CLOCK_REALTIME) != 0 ? TimeSyscalls.CLOCK_REALTIME
                            : TimeSyscalls.CLOCK_MONOTONIC;
                        deadline = saturatingAdd(System.nanoTime(), ns - TimeSyscalls.now(clock));
                    }
                }
                return timedWait(c, f, uaddr, key, (int) val, deadline, bitset);
            }
            case FUTEX_WAKE, FUTEX_WAKE_BITSET -> {
                int bitset = cmd == FUTEX_WAKE ? Futexes.BITSET_ANY : (int) val3;
                if (bitset == 0) return -Errno.EINVAL;
                return f.wake(key, count(val), bitset);
            }
            case FUTEX_REQUEUE, FUTEX_CMP_REQUEUE -> {
                if ((uaddr2 & 3) != 0) return -Errno.EINVAL;
                if ((int) val < 0 || (int) timeout < 0) return -Errno.EINVAL;
                Futexes f2 = queuesFor(uaddr2, priv);
                if (f2 != f) {
                    // Queues of different objects: wake the ones that would move instead (a
                    // futex waiter must cope with spurious wake-ups anyway).
                    int all = (int) Math.min(Integer.MAX_VALUE, (long) count(val) + count(timeout));
                    return f.requeue(c, uaddr, key, all, key, 0, cmd == FUTEX_CMP_REQUEUE, (int) val3);
                }
                return f.requeue(c, uaddr, key, count(val), keyOf(uaddr2, priv), count(timeout),
                    cmd == FUTEX_CMP_REQUEUE, (int) val3);
            }
            case FUTEX_WAKE_OP -> {
                if ((uaddr2 & 3) != 0) return -Errno.EINVAL;
                Futexes f2 = queuesFor(uaddr2, priv);
                long r = f.wakeOp(c, key, count(val), uaddr2, keyOf(uaddr2, priv), count(timeout), (int) val3);
                if (f2 != f && r >= 0) r += f2.wake(keyOf(uaddr2, priv), count(timeout), Futexes.BITSET_ANY);
                return r;
            }
            default -> { return -Errno.ENOSYS; }
        }
    }

    /**
     * The queues a futex at uaddr waits in: for a shared futex (no FUTEX_PRIVATE_FLAG) in a
     * MAP_SHARED mapping, those of the mapped object, shared by every process that maps it
     * (Linux keys such futexes by inode or shmem object and offset); else the process's own.
     */
    Futexes queuesFor(long uaddr, boolean priv) { return queuesFor(p, uaddr, priv); }

    long keyOf(long uaddr, boolean priv) { return keyOf(p, uaddr, priv); }

    static Futexes queuesFor(LinuxProcess p, long uaddr, boolean priv) {
        Vma v = priv ? null : p.space().find(uaddr);
        return v == null || v.shared() == null ? p.futexes() : SharedFutexes.of(v.shared());
    }

    /** The key of uaddr in the queues {@link #queuesFor} chose: the offset in the shared object, else the address. */
    static long keyOf(LinuxProcess p, long uaddr, boolean priv) {
        Vma v = priv ? null : p.space().find(uaddr);
        if (v == null || v.shared() == null) return uaddr;
        return v.sharedPageOf(uaddr) * Layout.PAGE_SIZE + (uaddr & (Layout.PAGE_SIZE - 1));
    }

    /**
     * A shared FUTEX_WAKE from the kernel's side (clear_child_tid at thread exit, robust-list
     * cleanup), which Linux does without FUTEX_PRIVATE_FLAG: it reaches waiters in other
     * processes when the word is in MAP_SHARED memory.
     */
    static int wakeShared(LinuxProcess p, long uaddr, int n) {
        return queuesFor(p, uaddr, false).wake(keyOf(p, uaddr, false), n, Futexes.BITSET_ANY);
    }

    /** A wake count: the kernel takes val as int; a negative one means "all" in practice. */
    private static int count(long v) {
        int n = (int) v;
        return n < 0 ? Integer.MAX_VALUE : n;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE - 1 : Long.MIN_VALUE) : r;
    }

    /** The atomic op of FUTEX_WAKE_OP as an {@link Atomics} op and operand. */
    static long[] wakeOpUpdate(int encoded) {
        int op = (encoded >>> 28) & 0xF;
        int oparg = (encoded << 8) >> 20;          // sign-extended 12 bits
        if ((op & FUTEX_OP_OPARG_SHIFT) != 0) {
            if (oparg < 0 || oparg > 31) oparg &= 31;   // the kernel warns and masks
            oparg = 1 << oparg;
        }
        return switch (op & 7) {
            case FUTEX_OP_SET -> new long[] {Atomics.XCHG, oparg};
            case FUTEX_OP_ADD -> new long[] {Atomics.ADD, oparg};
            case FUTEX_OP_OR -> new long[] {Atomics.OR, oparg};
            case FUTEX_OP_ANDN -> new long[] {Atomics.AND, ~oparg};
            case FUTEX_OP_XOR -> new long[] {Atomics.XOR, oparg};
            default -> null;
        };
    }

    /** The comparison of FUTEX_WAKE_OP on the old value; null for an unknown cmp. */
    static Boolean wakeOpCompare(int encoded, int oldval) {
        int cmp = (encoded >>> 24) & 0xF;
        int cmparg = (encoded << 20) >> 20;          // sign-extended 12 bits
        return switch (cmp) {
            case FUTEX_OP_CMP_EQ -> oldval == cmparg;
            case FUTEX_OP_CMP_NE -> oldval != cmparg;
            case FUTEX_OP_CMP_LT -> oldval < cmparg;
            case FUTEX_OP_CMP_LE -> oldval <= cmparg;
            case FUTEX_OP_CMP_GT -> oldval > cmparg;
            case FUTEX_OP_CMP_GE -> oldval >= cmparg;
            default -> null;
        };
    }
}
