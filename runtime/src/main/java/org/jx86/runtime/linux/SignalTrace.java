package org.jx86.runtime.linux;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.mem.Mem;

/**
 * strace's rendering of the signal system calls' arguments, e.g.
 * {@code rt_sigaction(SIGUSR1, {sa_handler=0x401000, sa_mask=[USR2], sa_flags=SA_RESTORER|SA_SIGINFO,
 * sa_restorer=0x401100}, NULL, 8)}. Called after the call, so output arguments show what it wrote.
 */
final class SignalTrace {
    private SignalTrace() {}

    private static final long[] FLAG_BITS = {SignalState.SA_RESTORER, SignalState.SA_ONSTACK, SignalState.SA_RESTART,
        SignalState.SA_NODEFER, SignalState.SA_RESETHAND, SignalState.SA_SIGINFO, 1, 2};
    private static final String[] FLAG_NAMES = {"SA_RESTORER", "SA_ONSTACK", "SA_RESTART", "SA_NODEFER",
        "SA_RESETHAND", "SA_SIGINFO", "SA_NOCLDSTOP", "SA_NOCLDWAIT"};

    /** The argument list (without parentheses) for system call name, or null when it is not a signal call. */
    static String args(Cpu c, String name, long[] a) {
        try {
            return switch (name) {
                case "rt_sigaction" -> sig(a[0]) + ", " + sigaction(c, a[1]) + ", " + sigaction(c, a[2]) + ", " + a[3];
                case "rt_sigprocmask" -> how(a[0]) + ", " + sigset(c, a[1]) + ", " + sigset(c, a[2]) + ", " + a[3];
                case "rt_sigpending" -> sigset(c, a[0]) + ", " + a[1];
                case "rt_sigsuspend" -> sigset(c, a[0]) + ", " + a[1];
                case "rt_sigtimedwait" -> sigset(c, a[0]) + ", " + ptr(a[1]) + ", " + ptr(a[2]) + ", " + a[3];
                case "kill" -> (int) a[0] + ", " + sig(a[1]);
                case "tkill" -> (int) a[0] + ", " + sig(a[1]);
                case "tgkill" -> (int) a[0] + ", " + (int) a[1] + ", " + sig(a[2]);
                case "rt_sigqueueinfo" -> (int) a[0] + ", " + sig(a[1]) + ", " + ptr(a[2]);
                case "sigaltstack" -> stack(c, a[0]) + ", " + stack(c, a[1]);
                case "alarm" -> Long.toString(a[0] & 0xFFFF_FFFFL);
                case "setitimer" -> which(a[0]) + ", " + itimerval(c, a[1]) + ", " + itimerval(c, a[2]);
                case "getitimer" -> which(a[0]) + ", " + itimerval(c, a[1]);
                case "rt_sigreturn" -> "{mask=" + set(ThreadSignals.current() != null ? ThreadSignals.current().blocked() : 0) + "}";
                default -> null;
            };
        } catch (GuestFault f) {
            return null;
        }
    }

    static String sig(long s) { return Sig.valid((int) s) ? Sig.name((int) s) : Long.toString(s); }

    private static String ptr(long p) { return p == 0 ? "NULL" : "0x" + Long.toHexString(p); }

    private static String how(long h) {
        return switch ((int) h) {
            case SignalState.SIG_BLOCK -> "SIG_BLOCK";
            case SignalState.SIG_UNBLOCK -> "SIG_UNBLOCK";
            case SignalState.SIG_SETMASK -> "SIG_SETMASK";
            default -> Long.toString(h);
        };
    }

    private static String which(long w) {
        return switch ((int) w) {
            case 0 -> "ITIMER_REAL";
            case 1 -> "ITIMER_VIRTUAL";
            case 2 -> "ITIMER_PROF";
            default -> Long.toString(w);
        };
    }

    /** [USR1 TERM], or ~[KILL STOP] when more than half the signals are set, as strace prints. */
    static String set(long mask) {
        if (Long.bitCount(mask) > 32) return "~" + set(~mask);
        StringBuilder sb = new StringBuilder("[");
        for (int s = 1; s <= Sig.MAX; s++) {
            if ((mask & Sig.bit(s)) == 0) continue;
            if (sb.length() > 1) sb.append(' ');
            sb.append(s >= Sig.SIGRTMIN ? "RT_" + (s - Sig.SIGRTMIN) : Sig.name(s).substring(3));
        }
        return sb.append(']').toString();
    }

    private static String sigset(Cpu c, long p) { return p == 0 ? "NULL" : set(Mem.read64(c, p)); }

    private static String sigaction(Cpu c, long p) {
        if (p == 0) return "NULL";
        long h = Mem.read64(c, p), flags = Mem.read64(c, p + 8), restorer = Mem.read64(c, p + 16), mask = Mem.read64(c, p + 24);
        String handler = h == SignalState.SIG_DFL ? "SIG_DFL" : h == SignalState.SIG_IGN ? "SIG_IGN" : ptr(h);
        StringBuilder sb = new StringBuilder("{sa_handler=").append(handler).append(", sa_mask=").append(set(mask))
            .append(", sa_flags=").append(flags(flags));
        if ((flags & SignalState.SA_RESTORER) != 0) sb.append(", sa_restorer=").append(ptr(restorer));
        return sb.append('}').toString();
    }

    private static String flags(long f) {
        if (f == 0) return "0";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((f & FLAG_BITS[i]) == 0) continue;
            if (sb.length() > 0) sb.append('|');
            sb.append(FLAG_NAMES[i]);
            f &= ~FLAG_BITS[i];
        }
        if (f != 0) sb.append(sb.length() > 0 ? "|" : "").append("0x").append(Long.toHexString(f));
        return sb.toString();
    }

    private static String stack(Cpu c, long p) {
        if (p == 0) return "NULL";
        long sp = Mem.read64(c, p), size = Mem.read64(c, p + 16);
        int fl = (int) Mem.read32(c, p + 8);
        String f = fl == 0 ? "0" : ((fl & SignalState.SS_ONSTACK) != 0 ? "SS_ONSTACK" : "")
            + ((fl & SignalState.SS_DISABLE) != 0 ? "SS_DISABLE" : "")
            + ((fl & SignalState.SS_AUTODISARM) != 0 ? "|SS_AUTODISARM" : "");
        return "{ss_sp=" + ptr(sp) + ", ss_flags=" + f + ", ss_size=" + size + "}";
    }

    private static String itimerval(Cpu c, long p) {
        if (p == 0) return "NULL";
        return "{it_interval={tv_sec=" + Mem.read64(c, p) + ", tv_usec=" + Mem.read64(c, p + 8)
            + "}, it_value={tv_sec=" + Mem.read64(c, p + 16) + ", tv_usec=" + Mem.read64(c, p + 24) + "}}";
    }
}
