package org.jx86.runtime.linux;

import java.io.IOException;

/**
 * The kernel side of a pipe, inside the JVM: a ring buffer of {@link #CAPACITY} bytes with
 * counts of open read and write ends. Reads block while the pipe is empty and a writer
 * exists (0 = end of file once every writer closed); writes block while there is no room,
 * and fail with EPIPE when no reader is left. A write of at most {@link #PIPE_BUF} bytes is
 * atomic: it waits until all of it fits, so it is never interleaved with another writer's.
 *
 * <p>A blocking read or write gives up with -ERESTARTSYS when a signal becomes deliverable to
 * the calling guest thread (a write that already moved bytes returns their count instead), as
 * Linux's pipe_read/pipe_write do; the signal's arrival wakes the wait
 * ({@link ThreadSignals#beginBlocking}). Lock order: a signal's waker takes this buffer's lock
 * without holding the signal lock, so checking {@link ThreadSignals#interrupted} here is safe.
 */
final class PipeBuffer {
    /** Linux's default pipe capacity and PIPE_BUF (bytes). */
    static final int CAPACITY = 65536, PIPE_BUF = 4096;

    private final byte[] ring = new byte[CAPACITY];
    private int head, count;
    private int readers = 1, writers = 1;
    /** Edge counters for EPOLLET: data arrived or the last writer left; room for writers appeared or the last reader left. */
    private long inEdges, outEdges;

    synchronized int read(byte[] b, int off, int len, boolean nonblock) { return read(b, off, len, nonblock, null); }

    /**
     * A read that also takes ancillary data: when the bytes read reach a message that carried
     * some, the read stops at that message's end and data[0] gets it (Linux's
     * unix_stream_read_generic stops after an skb with passed fds). Without data (a plain
     * read) such attachments are dropped into data-less reads' hands: the caller of
     * {@link #dropAttachments} releases them.
     */
    synchronized int read(byte[] b, int off, int len, boolean nonblock, Object[] data) {
        if (len == 0) return 0;
        while (count == 0) {
            if (writers == 0) return 0;
            if (nonblock) throw new LinuxError(Errno.EAGAIN);
            block();
        }
        int n = Math.min(len, count);
        Attached a = attached.peek();
        if (a != null && a.start < consumed + n) {
            n = (int) Math.min(n, a.end - consumed);
            attached.poll();
            if (data != null) data[0] = a.data;
            else lost.add(a.data);
        }
        consumed += n;
        int first = Math.min(n, CAPACITY - head);
        System.arraycopy(ring, head, b, off, first);
        System.arraycopy(ring, 0, b, off + first, n - first);
        boolean wasFull = CAPACITY - count < PIPE_BUF;
        head = (head + n) % CAPACITY;
        count -= n;
        if (wasFull && CAPACITY - count >= PIPE_BUF) outEdges++; // as pipe_read wakes writers only when it was full
        notifyAll();
        return n;
    }

    synchronized int write(byte[] b, int off, int len, boolean nonblock) throws IOException {
        return write(b, off, len, nonblock, null);
    }

    /** A write whose bytes carry ancillary data (null: none), handed to the read that reaches them. */
    synchronized int write(byte[] b, int off, int len, boolean nonblock, Object data) throws IOException {
        int done = 0;
        while (done < len) {
            if (readers == 0) {
                if (done > 0) return done;
                throw new IOException("Broken pipe");
            }
            int room = CAPACITY - count;
            // Atomic writes wait for room for all of it; larger ones go in as room appears.
            int need = len <= PIPE_BUF ? len : 1;
            if (room < need) {
                if (nonblock) {
                    if (done > 0) return done;
                    throw new LinuxError(Errno.EAGAIN);
                }
                try {
                    block();
                } catch (LinuxError e) {
                    if (done > 0) return done;
                    throw e;
                }
                continue;
            }
            int n = Math.min(len - done, room);
            if (done == 0 && data != null) attached.add(new Attached(written, written + Math.max(len, 1), data));
            written += n;
            int tail = (head + count) % CAPACITY;
            int first = Math.min(n, CAPACITY - tail);
            System.arraycopy(b, off + done, ring, tail, first);
            System.arraycopy(b, off + done + first, ring, 0, n - first);
            count += n;
            done += n;
            inEdges++;
            notifyAll();
        }
        return done;
    }

    /** Waits (lock held) for a change of the buffer or a signal for the calling guest thread. */
    private void block() {
        if (ThreadSignals.awaitOn(this, this::wakeAll)) throw new LinuxError(SignalDelivery.ERESTARTSYS);
    }

    private synchronized void wakeAll() { notifyAll(); }

    synchronized int available() { return count; }

    /**
     * Ancillary data a socketpair's sendmsg attached to the stream bytes [start, end) (stream
     * positions count every byte ever written); see {@link #read(byte[], int, int, boolean, Object[])}.
     */
    private record Attached(long start, long end, Object data) {}
    private final java.util.ArrayDeque<Attached> attached = new java.util.ArrayDeque<>();
    private long written, consumed;
    /** Attachments no reader took (a read that did not ask for them). */
    private final java.util.List<Object> lost = new java.util.ArrayList<>();

    /**
     * Takes the attachments no reader took, and once every reader is gone those no reader
     * will take, for the caller to release.
     */
    synchronized java.util.List<Object> dropAttachments() {
        if (readers == 0) {
            for (Attached a : attached) lost.add(a.data);
            attached.clear();
        }
        if (lost.isEmpty()) return java.util.List.of(); // the common case: nothing, no garbage
        java.util.List<Object> l = new java.util.ArrayList<>(lost);
        lost.clear();
        return l;
    }

    /** poll: data to read (POLLIN; an empty pipe without writers shows only POLLHUP, as on Linux). */
    synchronized boolean readable() { return count > 0; }

    synchronized boolean hungUp() { return writers == 0; }

    /** poll: room for an atomic write, or every reader gone (POLLERR). */
    synchronized boolean writable() { return CAPACITY - count >= PIPE_BUF || readers == 0; }

    synchronized boolean broken() { return readers == 0; }

    synchronized long inEdges() { return inEdges; }

    synchronized long outEdges() { return outEdges; }

    synchronized void closeReader() {
        readers--;
        outEdges++;
        notifyAll();
    }

    synchronized void closeWriter() {
        writers--;
        inEdges++;
        notifyAll();
    }
}
