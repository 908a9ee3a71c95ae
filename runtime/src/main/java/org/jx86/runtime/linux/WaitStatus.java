package org.jx86.runtime.linux;

/**
 * The wait status word of wait4 (what WIFEXITED and friends decode), and the si_code /
 * si_status pair waitid reports for the same event.
 *
 * <pre>
 *  exited:          | exit code (8 bits) | 0x00 |
 *  killed:          |        0x00        | core flag 0x80 | signal (7 bits) |
 * </pre>
 */
public final class WaitStatus {
    private WaitStatus() {}

    public static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3;
    public static final int CORE_FLAG = 0x80;

    public static int exited(int code) { return (code & 0xFF) << 8; }

    /**
     * Death by signal. The core flag says a core file was written: jx86 writes none, so it is
     * set only when the signal's default action dumps core and RLIMIT_CORE allows one (as
     * Linux with a file core_pattern; the default limit is 0).
     */
    public static int killed(int sig, boolean coreAllowed) {
        return sig | (coreAllowed && Sig.defaultAction(sig) == Sig.Action.CORE ? CORE_FLAG : 0);
    }

    /** WIFSTOPPED's word: the stop signal above 0x7f. */
    public static int stopped(int sig) { return sig << 8 | 0x7F; }

    /** WIFCONTINUED's word. */
    public static final int CONTINUED = 0xFFFF;

    public static boolean isStopped(int status) { return (status & 0xFF) == 0x7F && status != CONTINUED; }

    public static boolean isExited(int status) { return (status & 0x7F) == 0; }

    public static int exitCode(int status) { return (status >> 8) & 0xFF; }

    public static int termSig(int status) { return status & 0x7F; }

    /** waitid's si_code. */
    public static int siCode(int status) {
        if (status == CONTINUED) return JobControl.CLD_CONTINUED;
        if (isStopped(status)) return JobControl.CLD_STOPPED;
        if (isExited(status)) return CLD_EXITED;
        return (status & CORE_FLAG) != 0 ? CLD_DUMPED : CLD_KILLED;
    }

    /** waitid's si_status: the exit code or the signal. */
    public static int siStatus(int status) {
        if (status == CONTINUED) return Sig.SIGCONT;
        if (isStopped(status)) return exitCode(status);
        return isExited(status) ? exitCode(status) : termSig(status);
    }
}
