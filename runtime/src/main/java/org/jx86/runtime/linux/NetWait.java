package org.jx86.runtime.linux;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Blocking over non-blocking JDK channels: retries an attempt with Poll's growing sleep until
 * it succeeds, giving up with -ERESTARTSYS when a signal is deliverable to the calling guest
 * thread (as Linux's socket calls do).
 */
final class NetWait {
    private NetWait() {}

    /** One non-blocking attempt: a result, or null when it would block. */
    interface Attempt<T> { T tryOnce() throws IOException; }

    static <T> T until(Attempt<T> a, boolean nonblock) throws IOException {
        T r = a.tryOnce();
        if (r != null) return r;
        if (nonblock) throw new LinuxError(Errno.EAGAIN);
        ThreadSignals t = ThreadSignals.current();
        Thread self = Thread.currentThread();
        if (t != null) t.beginBlocking(() -> LockSupport.unpark(self));
        try {
            for (long sleep = 50_000; ; sleep = Math.min(sleep * 2, 5_000_000)) {
                try {
                    Poll.sleepUntil(t, -1, sleep);
                } catch (LinuxError e) {
                    if (e.errno == SignalDelivery.ERESTARTNOHAND) throw new LinuxError(SignalDelivery.ERESTARTSYS);
                    throw e;
                }
                r = a.tryOnce();
                if (r != null) return r;
            }
        } finally {
            if (t != null) t.endBlocking();
        }
    }

    /** The errno of a JDK network exception. */
    static int errno(IOException e) {
        if (e instanceof java.net.ConnectException) return Errno.ECONNREFUSED;
        if (e instanceof java.net.BindException)
            return e.getMessage() != null && e.getMessage().startsWith("Cannot assign") ? Errno.EADDRNOTAVAIL : Errno.EADDRINUSE;
        String m = e.getMessage();
        if (m != null && m.startsWith("Broken pipe")) return Errno.EPIPE;
        if (m != null && m.startsWith("Connection reset")) return Errno.ECONNRESET;
        return Errno.of(e);
    }
}
