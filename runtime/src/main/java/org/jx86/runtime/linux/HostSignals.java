package org.jx86.runtime.linux;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the JVM's own SIGINT, SIGTERM and SIGHUP (Ctrl-C, kill, a closed terminal) to the
 * guest, through sun.misc.Signal, so the guest's handlers run or its default action ends it
 * with the status a shell shows (130, 143, 129). The host signal is recorded as sent by the
 * kernel side, as a terminal's SIGINT is (si_code SI_KERNEL). SIGINT goes to every process of
 * the foreground process group (tcsetpgrp), SIGTERM and SIGHUP to the first guest.
 */
public final class HostSignals {
    private static final Logger LOG = LoggerFactory.getLogger(HostSignals.class);
    private static final String[] FORWARDED = {"INT", "TERM", "HUP"};
    private static volatile SignalState target;
    private static boolean installed;
    /** How long a guest thread has to take a fatal host signal before the JVM ends itself. */
    private static final long GRACE_MS = 500;

    private HostSignals() {}

    /** From now on host signals go to this process (the one the command line started). */
    public static synchronized void forwardTo(SignalState signals) {
        target = signals;
        if (installed) return;
        installed = true;
        for (String name : FORWARDED) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), HostSignals::arrived);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("cannot forward host SIG{}: {}", name, e.toString()); // e.g. -Xrs, or not a POSIX host
            }
        }
    }

    private static void arrived(sun.misc.Signal s) {
        SignalState t = target;
        int sig = s.getNumber();
        if (t == null) return;
        // Ctrl-C: the terminal's foreground process group, as the tty driver sends it (the first
        // guest's group unless a shell moved the terminal to a job's group); others: the first guest.
        if (sig != Sig.SIGINT || !JobControl.toForegroundGroup(t.entry(), sig, Siginfo.kernel(sig))) {
            t.post(sig, Siginfo.kernel(sig));
        }
        // A guest thread blocked in an uninterruptible host call (a read of the JVM's stdin) cannot
        // take a fatal signal; the kernel would kill it there, so do that after a grace period.
        try {
            Thread.sleep(GRACE_MS);
        } catch (InterruptedException e) {
            return;
        }
        if (t.stillPendingAndFatal(sig)) {
            if (sig != Sig.SIGINT) System.err.println("jx86: " + new GuestSignalExit(sig).getMessage());
            System.err.flush();
            Runtime.getRuntime().halt(128 + sig);
        }
    }
}
