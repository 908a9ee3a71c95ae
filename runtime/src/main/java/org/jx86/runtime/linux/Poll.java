package org.jx86.runtime.linux;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * poll, ppoll, select and pselect6 over {@link OpenFile#pollEvents}. Waiting re-checks the
 * descriptors with a sleep that grows from 50 µs to 5 ms (there is no wait queue across
 * file kinds yet); an interrupt (fatal signal) ends the wait with EINTR. The signal-mask
 * arguments of ppoll/pselect6 are accepted but not applied (no handler runs during the
 * wait yet, so they change nothing observable).
 */
final class Poll {
    static final int POLLIN = 1, POLLPRI = 2, POLLOUT = 4, POLLERR = 8, POLLHUP = 0x10, POLLNVAL = 0x20,
        POLLRDNORM = 0x40, POLLRDBAND = 0x80, POLLWRNORM = 0x100, POLLWRBAND = 0x200;
    private static final int MAX_NFDS = 1 << 20;

    private final LinuxProcess p;

    Poll(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) {
        t.sys3("poll", (c, fds, n, ms) -> poll(c, fds, n, ms < 0 ? -1 : System.nanoTime() + ms * 1_000_000L));
        t.sys5("ppoll", this::ppoll);
        t.sys5("select", (c, n, r, w, e, tv) -> select(c, n, r, w, e, tv, false, 0));
        t.sys6("pselect6", (c, n, r, w, e, ts, sig) -> select(c, n, r, w, e, ts, true, sig));
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

    private long ppoll(Cpu c, long fds, long n, long ts, long sigmask, long sigsetsize) {
        long deadline = ts == 0 ? -1 : System.nanoTime() + UserMem.timespecNanos(c, ts);
        return poll(c, fds, n, deadline);
    }

    /** deadline: System.nanoTime() value, or -1 to wait forever. */
    long poll(Cpu c, long fds, long n, long deadline) {
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
            if (ready > 0 || !sleepUntil(deadline, sleep)) {
                UserMem.write(c, fds, raw);
                return ready;
            }
        }
    }

    private long select(Cpu c, long n, long rp, long wp, long ep, long tp, boolean pselect, long sigArg) {
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
        {
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
                if (ready > 0 || !sleepUntil(end, sleep)) {
                    put(c, rp, ri);
                    put(c, wp, wo);
                    put(c, ep, eo);
                    r = ready;
                    break;
                }
            }
        }
        if (tp != 0 && r >= 0) { // Linux writes back the time left
            long left = Math.max(0, end - System.nanoTime());
            Mem.write64(c, tp, left / 1_000_000_000L);
            Mem.write64(c, tp + 8, pselect ? left % 1_000_000_000L : left % 1_000_000_000L / 1000);
        }
        return r;
    }

    private static long[] bits(Cpu c, long addr, int words) {
        long[] v = new long[words];
        if (addr != 0) for (int i = 0; i < words; i++) v[i] = Mem.read64(c, addr + 8L * i);
        return v;
    }

    private static void put(Cpu c, long addr, long[] v) {
        if (addr != 0) for (int i = 0; i < v.length; i++) Mem.write64(c, addr + 8L * i, v[i]);
    }

    /** Sleeps up to step ns without passing deadline; false when the deadline has passed. EINTR on interrupt. */
    private static boolean sleepUntil(long deadline, long step) {
        long left = deadline < 0 ? step : Math.min(step, deadline - System.nanoTime());
        if (left <= 0) return false;
        LockSupport.parkNanos(left);
        if (Thread.currentThread().isInterrupted()) throw new LinuxError(Errno.EINTR);
        return true;
    }
}
