package org.jx86.runtime.linux;

/**
 * A timerfd: a timer whose expirations are counted rather than signalled. read returns the
 * count since the last read or timerfd_settime as 8 bytes and zeroes it, blocking while it is 0
 * (EAGAIN with O_NONBLOCK); poll reports POLLIN while it is not. Expirations are computed from
 * the clock when looked at, so no timer thread is involved. A blocking read gives up with
 * -ERESTARTSYS when a signal becomes deliverable, as timerfd_read does.
 */
final class TimerFdFile extends OpenFile {
    private final int clock;
    private final long ino;
    private boolean armed;
    /** Next expiry in System.nanoTime(), valid while armed. */
    private long deadline, interval;
    private long ticks;
    /** Every expiration ever counted (EPOLLET edges). */
    private long edges;

    TimerFdFile(int clock, int flags, long ino) {
        super(OpenFlags.O_RDWR | (flags & OpenFlags.O_NONBLOCK));
        this.clock = clock;
        this.ino = ino;
    }

    /** Arms (valueNs &gt; 0) or disarms; returns the old {remaining, interval}; clears the count. */
    synchronized long[] set(long valueNs, long intervalNs, boolean absolute) {
        long[] old = get();
        ticks = 0;
        interval = intervalNs;
        armed = valueNs != 0;
        if (armed) {
            long now = System.nanoTime();
            deadline = absolute ? now + (valueNs - TimeSyscalls.now(clock)) : now + valueNs;
        }
        notifyAll();
        return old;
    }

    /** {remaining ns (0 when disarmed or expired one-shot), interval ns}. */
    synchronized long[] get() {
        update();
        if (!armed) return new long[] {0, interval};
        return new long[] {Math.max(1, deadline - System.nanoTime()), interval};
    }

    /** Counts the expirations up to now (lock held). */
    private void update() {
        if (!armed) return;
        long now = System.nanoTime();
        if (now < deadline) return;
        long n = interval > 0 ? (now - deadline) / interval + 1 : 1;
        ticks += n;
        edges += n;
        if (interval > 0) deadline += n * interval;
        else armed = false;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len < 8) throw new LinuxError(Errno.EINVAL);
        ThreadSignals t = ThreadSignals.current();
        update();
        while (ticks == 0) {
            if ((statusFlags & OpenFlags.O_NONBLOCK) != 0) throw new LinuxError(Errno.EAGAIN);
            if (t != null) t.beginBlocking(this::wakeAll);
            try {
                if (t != null && t.interrupted()) throw new LinuxError(SignalDelivery.ERESTARTSYS);
                long wait = armed ? Math.max(1, deadline - System.nanoTime()) : 0;
                try {
                    if (wait == 0) wait();
                    else wait(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LinuxError(Errno.EINTR);
                }
            } finally {
                if (t != null) t.endBlocking();
            }
            if (t != null && t.interrupted()) throw new LinuxError(SignalDelivery.ERESTARTSYS);
            update();
        }
        long v = ticks;
        ticks = 0;
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
        return 8;
    }

    private synchronized void wakeAll() { notifyAll(); }

    @Override
    public synchronized int pollEvents() {
        update();
        return ticks != 0 ? Poll.POLLIN : 0;
    }

    @Override
    public synchronized long edges(int interest) {
        update();
        return edges;
    }

    @Override
    public HostStat stat() { return HostStat.synthetic(0600, 0, ino); }

    @Override
    public String procLink() { return "anon_inode:[timerfd]"; }
}
