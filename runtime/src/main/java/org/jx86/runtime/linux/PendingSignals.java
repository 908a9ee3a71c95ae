package org.jx86.runtime.linux;

import java.util.ArrayDeque;

/**
 * A set of pending signals with their siginfo: standard signals (1..31) coalesce, keeping the
 * first siginfo; real-time signals (32..64) queue, one siginfo per send. Not thread-safe: the
 * owner ({@link SignalState}) guards it with its lock.
 */
final class PendingSignals {
    private long mask;
    private final Siginfo[] standard = new Siginfo[Sig.SIGRTMIN];
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Siginfo>[] realtime = new ArrayDeque[Sig.MAX + 1];

    long mask() { return mask; }

    /** Adds info; false when a standard signal was already pending and info was dropped (coalesced). */
    boolean add(Siginfo info) {
        int sig = info.signo();
        boolean added = true;
        if (sig < Sig.SIGRTMIN) {
            if ((mask & Sig.bit(sig)) == 0) standard[sig] = info;
            else added = false;
        } else {
            if (realtime[sig] == null) realtime[sig] = new ArrayDeque<>();
            realtime[sig].add(info);
        }
        mask |= Sig.bit(sig);
        return added;
    }

    /** Removes one instance of sig (pending) and returns its siginfo. */
    Siginfo take(int sig) {
        if (sig < Sig.SIGRTMIN) {
            mask &= ~Sig.bit(sig);
            Siginfo i = standard[sig];
            standard[sig] = null;
            return i;
        }
        Siginfo i = realtime[sig].poll();
        if (realtime[sig].isEmpty()) mask &= ~Sig.bit(sig);
        return i;
    }

    /** Drops every instance of sig (it became ignored). */
    void discard(int sig) {
        mask &= ~Sig.bit(sig);
        if (sig < Sig.SIGRTMIN) standard[sig] = null;
        else if (realtime[sig] != null) realtime[sig].clear();
    }

    /** The signal to deliver first among ready (a mask): the lowest number, as Linux does for standard signals. */
    static int first(long ready) {
        // Linux prefers the synchronous signals (SEGV, BUS, ILL, TRAP, FPE, SYS) first.
        long sync = ready & (Sig.bit(Sig.SIGSEGV) | Sig.bit(Sig.SIGBUS) | Sig.bit(Sig.SIGILL) | Sig.bit(Sig.SIGTRAP)
            | Sig.bit(Sig.SIGFPE) | Sig.bit(Sig.SIGSYS));
        long pick = sync != 0 ? sync : ready;
        return pick == 0 ? 0 : Long.numberOfTrailingZeros(pick) + 1;
    }
}
