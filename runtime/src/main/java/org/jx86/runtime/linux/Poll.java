package org.jx86.runtime.linux;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * poll, ppoll, select and pselect6 over {@link OpenFile#pollEvents}. Waiting re-checks the
 * descriptors with a sleep that grows from 50 µs to 5 ms (there is no wait queue across
 * file kinds yet). A signal deliverable to the waiting thread ends the wait with
 * -ERESTARTNOHAND (EINTR when a handler runs, a transparent restart otherwise; poll itself
 * returns -ERESTART_RESTARTBLOCK and resumes through restart_syscall; the timed calls restart
 * with the time left, not the full timeout, as on Linux). ppoll and
 * pselect6 install their signal mask for the wait as sigsuspend does: when the wait ends for a
 * signal, the handler runs with that mask and the old one comes back after it.
 */
final class Poll {
    static final int POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLERR = 8, POLLHUP = 0x10, POLLNVAL = 0x20,
        POLLRDNORM = 0x40, POLLRDBAND = 0x80, POLLWRNORM = 0x100, POLLWRBAND = 0x200;
    private static final int MAX_NFDS = 1 << 20;

    private final LinuxProcess p;

    Poll(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) {
        t.sys3("poll", (c, fds, n, ms) -> pollRestartable(c, fds, n,
            (int) ms < 0 ? -1 : System.nanoTime() + (int) ms * 1_000_000L));
        t.sys5("ppoll", this::ppoll);
        t.sys5("select", (c, n, r, w, e, tv) -> select(c, n, r, w, e, tv, false));
        t.sys6("pselect6", this::pselect6);
    }

    /**
     * {@link OpenFile#edges} from separate counters of input and output wake-ups: a wake-up
     * only counts for an entry interested in its kind (ep_poll_callback's key check).
     */
    static long edgesFor(int interest, long inEdges, long outEdges) {
        return ((interest & (POLLIN | POLLRDNORM | POLLPRI)) != 0 ? inEdges : 0)
            + ((interest & (POLLOUT | POLLWRNORM)) != 0 ? outEdges : 0);
    }

    /** Events a file reports for the requested set: POLLERR, POLLHUP and POLLNVAL always count. */
    private int revents(long fd, int events) {
        if (fd < 0) return 0;
        if (!p.fds().isOpen(fd)) return POLLNVAL;
        int ready = p.fds().get(fd).pollEvents();
        if ((ready & POLLIN) != 0) ready |= POLLRDNORM;
        if ((ready & POLLOUT) != 0) ready |= POLLWRNORM;
        return ready & (events | POLLERR | POLLHUP);
    }

    /**
     * poll(2): interrupted, it returns -ERESTART_RESTARTBLOCK (EINTR when a handler runs, even
     * with SA_RESTART); without a handler restart_syscall polls on to the same deadline, as the
     * kernel's do_restart_poll does.
     */
    private long pollRestartable(Cpu c, long fds, long n, long deadline) {
        long r = poll(c, fds, n, deadline);
        ThreadSignals t = ThreadSignals.current();
        if (r != -SignalDelivery.ERESTARTNOHAND || t == null) return r;
        t.restartBlock = cc -> pollRestartable(cc, fds, n, deadline);
        return -SignalDelivery.ERESTART_RESTARTBLOCK;
    }

    /** ppoll: like Linux's poll_select_finish, the time left goes back into *ts, also when interrupted (a restart then waits only that long). */
    private long ppoll(Cpu c, long fds, long n, long ts, long sigmask, long sigsetsize) {
        long timeout = ts == 0 ? -1 : UserMem.timespecNanos(c, ts);
        long deadline = ts == 0 ? -1 : System.nanoTime() + timeout;
        if (sigmask != 0 && sigsetsize != 8) return -Errno.EINVAL;
        long r = sigmask == 0 ? poll(c, fds, n, deadline)
            : withMask(c, Mem.read64(c, sigmask), () -> poll(c, fds, n, deadline));
        if (timeout > 0) {
            long left = Math.max(0, deadline - System.nanoTime());
            UserMem.writeTimespec(c, ts, left / 1_000_000_000L, left % 1_000_000_000L);
        }
        return r;
    }

    /**
     * Runs wait with the thread's mask set to mask. When it ends for a signal (a restart code),
     * the old mask stays saved for the handler's frame, as after sigsuspend; else it is restored.
     */
    long withMask(Cpu c, long mask, java.util.function.LongSupplier wait) {
        SignalState s = p.signals();
        ThreadSignals t = s.thread(c);
        long old;
        synchronized (s) {
            old = t.blocked;
            t.blocked = mask & ~SignalState.UNBLOCKABLE;
        }
        long r = Long.MIN_VALUE;
        try {
            r = wait.getAsLong();
            return r;
        } finally {
            synchronized (s) {
                if (SignalDelivery.isRestart(r) || r == -Errno.EINTR) { // EINTR: epoll_pwait
                    t.savedMask = old;
                    t.hasSavedMask = true;
                } else {
                    t.blocked = old;
                }
            }
        }
    }

    /** deadline: System.nanoTime() value, or -1 to wait forever. */
    long poll(Cpu c, long fds, long n, long deadline) {
        ThreadSignals t = ThreadSignals.current();
        Thread self = Thread.currentThread();
        if (t != null) t.beginBlocking(() -> LockSupport.unpark(self));
        try {
            return pollLoop(c, t, fds, n, deadline);
        } catch (LinuxError e) {
            if (e.errno == SignalDelivery.ERESTARTNOHAND) return -SignalDelivery.ERESTARTNOHAND;
            throw e;
        } finally {
            if (t != null) t.endBlocking();
        }
    }

    private long pollLoop(Cpu c, ThreadSignals t, long fds, long n, long deadline) {
        if (n < 0 || n > MAX_NFDS || n > p.rlimits().soft(Rlimits.NOFILE)) return -Errno.EINVAL;
        byte[] raw = UserMem.read(c, fds, (int) n * 8);
        ByteBuffer b = ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long sleep = 50_000; ; sleep = Math.min(sleep * 2, 5_000_000)) {
            int ready = 0;
            for (int i = 0; i < n; i++) {
                int r = revents(b.getInt(8 * i), b.getShort(8 * i + 4) & 0xFFFF);
                b.putShort(8 * i + 6, (short) r);
                if (r != 0) ready++;
            }
            if (ready > 0 || !sleepUntil(t, deadline, sleep)) {
                UserMem.write(c, fds, raw);
                return ready;
            }
        }
    }

    /** pselect6's sixth argument points at {const sigset_t *ss; size_t ss_len}. */
    private long pselect6(Cpu c, long n, long rp, long wp, long ep, long ts, long sig) {
        long ss = sig != 0 ? Mem.read64(c, sig) : 0;
        if (ss == 0) return select(c, n, rp, wp, ep, ts, true);
        if (Mem.read64(c, sig + 8) != 8) return -Errno.EINVAL;
        return withMask(c, Mem.read64(c, ss), () -> select(c, n, rp, wp, ep, ts, true));
    }

    private long select(Cpu c, long n, long rp, long wp, long ep, long tp, boolean pselect) {
        ThreadSignals t = ThreadSignals.current();
        Thread self = Thread.currentThread();
        if (t != null) t.beginBlocking(() -> LockSupport.unpark(self));
        try {
            return selectLoop(c, t, n, rp, wp, ep, tp, pselect);
        } catch (LinuxError e) {
            if (e.errno == SignalDelivery.ERESTARTNOHAND) return -SignalDelivery.ERESTARTNOHAND;
            throw e;
        } finally {
            if (t != null) t.endBlocking();
        }
    }

    private long selectLoop(Cpu c, ThreadSignals t, long n, long rp, long wp, long ep, long tp, boolean pselect) {
        if (n < 0 || n > p.rlimits().soft(Rlimits.NOFILE)) return -Errno.EINVAL;
        long deadline = -1;
        if (tp != 0) {
            long sec = Mem.read64(c, tp), sub = Mem.read64(c, tp + 8);
            if (sec < 0 || sub < 0) return -Errno.EINVAL;
            deadline = System.nanoTime() + sec * 1_000_000_000L + (pselect ? sub : sub * 1000);
        }
        int words = (int) ((n + 63) / 64);
        long[] in = bits(c, rp, words), out = bits(c, wp, words), ex = bits(c, ep, words);
        for (int fd = 0; fd < n; fd++)
            if (((in[fd / 64] | out[fd / 64] | ex[fd / 64]) >>> (fd % 64) & 1) != 0 && !p.fds().isOpen(fd))
                return -Errno.EBADF;
        final long end = deadline;
        long r;
        try {
            long[] ri = new long[words], wo = new long[words], eo = new long[words];
            for (long sleep = 50_000; ; sleep = Math.min(sleep * 2, 5_000_000)) {
                int ready = 0;
                for (int fd = 0; fd < n; fd++) {
                    long bit = 1L << (fd % 64);
                    int w = fd / 64;
                    if (((in[w] | out[w] | ex[w]) & bit) == 0) continue;
                    int ev = p.fds().get(fd).pollEvents();
                    if ((in[w] & bit) != 0 && (ev & (POLLIN | POLLHUP | POLLERR)) != 0) { ri[w] |= bit; ready++; }
                    if ((out[w] & bit) != 0 && (ev & (POLLOUT | POLLERR)) != 0) { wo[w] |= bit; ready++; }
                    if ((ex[w] & bit) != 0 && (ev & POLLPRI) != 0) { eo[w] |= bit; ready++; }
                }
                if (ready > 0 || !sleepUntil(t, end, sleep)) {
                    put(c, rp, ri);
                    put(c, wp, wo);
                    put(c, ep, eo);
                    r = ready;
                    break;
                }
            }
        } catch (LinuxError e) {
            // Interrupted: the time left is written back too, so a restart waits only that long.
            if (e.errno == SignalDelivery.ERESTARTNOHAND) writeTimeLeft(c, tp, end, pselect);
            throw e;
        }
        writeTimeLeft(c, tp, end, pselect);
        return r;
    }

    /** Linux writes the time left back into select's timeval / pselect6's timespec (poll_select_finish). */
    private static void writeTimeLeft(Cpu c, long tp, long end, boolean pselect) {
        if (tp == 0) return;
        long left = Math.max(0, end - System.nanoTime());
        Mem.write64(c, tp, left / 1_000_000_000L);
        Mem.write64(c, tp + 8, pselect ? left % 1_000_000_000L : left % 1_000_000_000L / 1000);
    }

    private static long[] bits(Cpu c, long addr, int words) {
        long[] v = new long[words];
        if (addr != 0) for (int i = 0; i < words; i++) v[i] = Mem.read64(c, addr + 8L * i);
        return v;
    }

    private static void put(Cpu c, long addr, long[] v) {
        if (addr != 0) for (int i = 0; i < v.length; i++) Mem.write64(c, addr + 8L * i, v[i]);
    }

    /**
     * Sleeps up to step ns without passing deadline; false when the deadline has passed.
     * Throws ERESTARTNOHAND when a signal is deliverable to t (whose waker unparks this thread).
     */
    static boolean sleepUntil(ThreadSignals t, long deadline, long step) {
        if (t != null && t.interrupted()) throw new LinuxError(SignalDelivery.ERESTARTNOHAND);
        long left = deadline < 0 ? step : Math.min(step, deadline - System.nanoTime());
        if (left <= 0) return false;
        LockSupport.parkNanos(left);
        if (t != null && t.interrupted()) throw new LinuxError(SignalDelivery.ERESTARTNOHAND);
        return true;
    }
}
