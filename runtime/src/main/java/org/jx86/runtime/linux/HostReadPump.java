package org.jx86.runtime.linux;

import java.io.IOException;
import java.io.InputStream;

/**
 * Makes blocking reads of a host pipe or terminal (the JVM's stdin) interruptible by guest
 * signals. The JDK cannot interrupt a thread blocked in read(2) of such a descriptor, so a
 * read that would block is handed to a helper thread ("jx86-stdin") and the guest thread waits
 * for its result, giving up with -ERESTARTSYS when a signal becomes deliverable, as Linux's
 * pipe and tty reads do. The helper's read then completes on its own and its bytes are kept
 * for the next guest read, so nothing read from the host is lost; only as many bytes are read
 * as the interrupted call asked for. Reads that cannot block (bytes already available) go
 * straight to the host.
 */
final class HostReadPump {
    /** The most one helper read asks for (a pipe holds 64 KiB). */
    private static final int MAX_CHUNK = 65536;
    private final InputStream in;
    private byte[] buf = new byte[0];
    /** Bytes the helper read that no guest read has taken yet: buf[off, off + len). */
    private int off, len;
    private boolean eof;
    private IOException error;
    /** A helper read is under way (of this many bytes). */
    private int inFlight;
    private Thread helper;

    HostReadPump(InputStream in) { this.in = in; }

    synchronized int read(byte[] b, int boff, int blen) throws IOException {
        while (true) {
            if (len > 0) {
                int n = Math.min(blen, len);
                System.arraycopy(buf, off, b, boff, n);
                off += n;
                len -= n;
                return n;
            }
            if (eof) { // end of file is reported once; a terminal may have more after ^D
                eof = false;
                return 0;
            }
            if (error != null) {
                IOException e = error;
                error = null;
                throw e;
            }
            if (inFlight == 0) {
                if (in.available() > 0) return Math.max(0, in.read(b, boff, blen)); // cannot block
                request(blen);
            }
            awaitHelper();
        }
    }

    /** Bytes a read would return at once (FIONREAD). */
    synchronized int available() throws IOException { return len > 0 ? len : inFlight > 0 ? 0 : in.available(); }

    private void request(int n) {
        inFlight = Math.min(n, MAX_CHUNK);
        if (helper == null) {
            helper = new Thread(this::pump, "jx86-stdin");
            helper.setDaemon(true);
            helper.start();
        }
        notifyAll();
    }

    /** Waits (lock held) for the helper's result or a signal for the calling guest thread. */
    private void awaitHelper() {
        if (ThreadSignals.awaitOn(this, this::wakeAll) && len == 0 && !eof && error == null) {
            throw new LinuxError(SignalDelivery.ERESTARTSYS);
        }
    }

    private synchronized void wakeAll() { notifyAll(); }

    /** The helper thread: performs one blocking host read per request. */
    private void pump() {
        while (true) {
            int n;
            synchronized (this) {
                while (inFlight == 0) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                n = inFlight;
            }
            byte[] chunk = new byte[n];
            int got;
            IOException failure = null;
            try {
                got = in.read(chunk, 0, n);
            } catch (IOException e) {
                got = 0;
                failure = e;
            }
            synchronized (this) {
                if (failure != null) error = failure;
                else if (got < 0) eof = true;
                else {
                    buf = chunk;
                    off = 0;
                    len = got;
                }
                inFlight = 0;
                notifyAll();
            }
        }
    }
}
