package org.jx86.runtime.linux;

import java.nio.ByteBuffer;

/**
 * A siginfo_t as the kernel fills it (128 bytes on x86-64). The union after the first three
 * ints starts at offset 16; which of its fields are meaningful depends on the signal and
 * si_code, so it is kept as three raw words at offsets 16, 24 and 32.
 *
 * <pre>
 *   0  si_signo (int)   4  si_errno (int)   8  si_code (int)   12 padding
 *  16  kill/tkill: si_pid (int), si_uid (int)     faults: si_addr (pointer)
 *  24  SIGCHLD: si_status (int); rt/timers: si_value (pointer)
 *  32  SIGCHLD: si_utime; 40 si_stime (unused here)
 * </pre>
 */
public record Siginfo(int signo, int code, long word16, long word24, long word32) {
    public static final int SIZE = 128;
    /** si_code values (uapi asm-generic/siginfo.h). */
    public static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_TKILL = -6;
    public static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2, BUS_ADRALN = 1, BUS_ADRERR = 2,
        FPE_INTDIV = 1, FPE_INTOVF = 2, FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5, FPE_FLTRES = 6,
        FPE_FLTINV = 7, ILL_ILLOPN = 2, TRAP_BRKPT = 1;

    /** Sent by kill (SI_USER) or tkill/tgkill (SI_TKILL) from process pid running as uid. */
    public static Siginfo user(int signo, int code, int pid, int uid) {
        return new Siginfo(signo, code, (pid & 0xFFFF_FFFFL) | (long) uid << 32, 0, 0);
    }

    /** Sent by the kernel without details (timers, SIGPIPE is SI_USER instead, #GP, INT3). */
    public static Siginfo kernel(int signo) { return new Siginfo(signo, SI_KERNEL, 0, 0, 0); }

    /** A synchronous fault signal with si_addr. */
    public static Siginfo fault(int signo, int code, long addr) { return new Siginfo(signo, code, addr, 0, 0); }

    /** SIGCHLD-style: pid, uid and status (for other helpers: process exits). */
    public static Siginfo child(int code, int pid, int uid, int status) {
        return new Siginfo(Sig.SIGCHLD, code, (pid & 0xFFFF_FFFFL) | (long) uid << 32, status & 0xFFFF_FFFFL, 0);
    }

    public int pid() { return (int) word16; }

    public int uid() { return (int) (word16 >>> 32); }

    public long addr() { return word16; }

    /** The 128 bytes the guest sees. */
    public ByteBuffer toBytes() {
        return UserMem.struct(SIZE).putInt(0, signo).putInt(4, 0).putInt(8, code).putLong(16, word16)
            .putLong(24, word24).putLong(32, word32);
    }

    /** True for the fault signals whose union holds si_addr. */
    boolean hasAddr() {
        return code > 0 && code != SI_KERNEL && (signo == Sig.SIGSEGV || signo == Sig.SIGBUS
            || signo == Sig.SIGFPE || signo == Sig.SIGILL || signo == Sig.SIGTRAP);
    }

    /** strace's rendering: {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10}. */
    public String strace() {
        StringBuilder sb = new StringBuilder("{si_signo=").append(Sig.name(signo)).append(", si_code=")
            .append(codeName());
        if (hasAddr()) {
            sb.append(", si_addr=").append(word16 == 0 ? "NULL" : "0x" + Long.toHexString(word16));
        } else if (code == SI_TIMER) {
            int id = (int) word16;
            sb.append(", si_timerid=").append(id == 0 ? "0" : "0x" + Integer.toHexString(id))
                .append(", si_overrun=").append((int) (word16 >>> 32)).append(value());
        } else if (code == SI_USER || code == SI_TKILL || code == SI_QUEUE) {
            sb.append(", si_pid=").append(pid()).append(", si_uid=").append(Integer.toUnsignedString(uid()));
            if (code == SI_QUEUE) sb.append(value());
        } else if (signo == Sig.SIGCHLD && code > 0 && code < SI_KERNEL) {
            sb.append(", si_pid=").append(pid()).append(", si_uid=").append(Integer.toUnsignedString(uid()))
                .append(", si_status=").append((int) word24);
        }
        return sb.append('}').toString();
    }

    /** strace's ", si_int=77, si_ptr=0x4d" for the sigval at offset 24. */
    private String value() {
        return ", si_int=" + (int) word24 + ", si_ptr=" + (word24 == 0 ? "NULL" : "0x" + Long.toHexString(word24));
    }

    private String codeName() {
        switch (code) {
            case SI_USER: return "SI_USER";
            case SI_KERNEL: return "SI_KERNEL";
            case SI_QUEUE: return "SI_QUEUE";
            case SI_TIMER: return "SI_TIMER";
            case SI_TKILL: return "SI_TKILL";
            default: break;
        }
        String[] names = switch (signo) {
            case Sig.SIGSEGV -> new String[] {null, "SEGV_MAPERR", "SEGV_ACCERR"};
            case Sig.SIGBUS -> new String[] {null, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR"};
            case Sig.SIGFPE -> new String[] {null, "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF",
                "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB"};
            case Sig.SIGILL -> new String[] {null, "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP",
                "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK"};
            case Sig.SIGTRAP -> new String[] {null, "TRAP_BRKPT", "TRAP_TRACE"};
            case Sig.SIGCHLD -> new String[] {null, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED",
                "CLD_STOPPED", "CLD_CONTINUED"};
            default -> new String[0];
        };
        return code > 0 && code < names.length && names[code] != null ? names[code] : Integer.toString(code);
    }
}
