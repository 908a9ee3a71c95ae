package org.jx86.runtime.linux;

/**
 * An eventfd: a 64-bit counter. read returns the counter and zeroes it (EFD_SEMAPHORE: returns
 * 1 and decrements), blocking while it is zero; write adds a value, blocking while the sum would
 * pass 2^64-2. Both move exactly 8 bytes (EINVAL for shorter buffers). A blocking wait gives up
 * with -ERESTARTSYS when a signal is deliverable, as Linux's eventfd_read/eventfd_write do.
 */
final class EventFile extends OpenFile {
    static final int EFD_SEMAPHORE = 1;
    /** The largest counter value (0xfffffffffffffffe), compared unsigned. */
    private static final long MAX = -2L;

    private final boolean semaphore;
    private final long ino;
    private long count;
    /** For EPOLLET: a write wakes readers (EPOLLIN), a read wakes writers (EPOLLOUT). */
    private long inEdges, outEdges;

    EventFile(long initial, int flags, long ino) {
        super(OpenFlags.O_RDWR | (flags & OpenFlags.O_NONBLOCK));
        this.count = initial;
        this.semaphore = (flags & EFD_SEMAPHORE) != 0;
        this.ino = ino;
    }

    private boolean nonblock() { return (statusFlags & OpenFlags.O_NONBLOCK) != 0; }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len < 8) throw new LinuxError(Errno.EINVAL);
        while (count == 0) {
            if (nonblock()) throw new LinuxError(Errno.EAGAIN);
            block();
        }
        long v = semaphore ? 1 : count;
        count -= v;
        outEdges++;
        notifyAll();
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
        return 8;
    }

    @Override
    public synchronized int write(byte[] b, int off, int len) {
        if (len < 8) throw new LinuxError(Errno.EINVAL);
        long v = 0;
        for (int i = 0; i < 8; i++) v |= (b[off + i] & 0xFFL) << (8 * i);
        if (v == -1L) throw new LinuxError(Errno.EINVAL);
        while (Long.compareUnsigned(v, MAX - count) > 0) {
            if (nonblock()) throw new LinuxError(Errno.EAGAIN);
            block();
        }
        count += v;
        inEdges++;
        notifyAll();
        return 8;
    }

    /** Waits (lock held) for a change of the counter or a signal for the calling guest thread. */
    private void block() {
        if (ThreadSignals.awaitOn(this, this::wakeAll)) throw new LinuxError(SignalDelivery.ERESTARTSYS);
    }

    private synchronized void wakeAll() { notifyAll(); }

    @Override
    public synchronized int pollEvents() {
        return (count != 0 ? Poll.POLLIN : 0) | (Long.compareUnsigned(count, MAX) < 0 ? Poll.POLLOUT : 0);
    }

    @Override
    public synchronized long edges(int interest) { return Poll.edgesFor(interest, inEdges, outEdges); }

    @Override
    public HostStat stat() { return HostStat.synthetic(0600, 0, ino); }

    @Override
    public String procLink() { return "anon_inode:[eventfd]"; }
}
