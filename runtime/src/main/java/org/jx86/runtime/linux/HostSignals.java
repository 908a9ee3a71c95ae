package org.jx86.runtime.linux;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the JVM's own SIGINT, SIGTERM and SIGHUP (Ctrl-C, kill, a closed terminal) to the
 * guest, through sun.misc.Signal, so the guest's handlers run or its default action ends it
 * with the status a shell shows (130, 143, 129). The host signal is recorded as sent by the
 * kernel side, as a terminal's SIGINT is (si_code SI_KERNEL).
 */
public final class HostSignals {
    private static final Logger LOG = LoggerFactory.getLogger(HostSignals.class);
    private static final String[] FORWARDED = {"INT", "TERM", "HUP"};
    private static volatile SignalState target;
    private static boolean installed;

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
        if (t != null) t.post(s.getNumber(), Siginfo.kernel(s.getNumber()));
    }
}
