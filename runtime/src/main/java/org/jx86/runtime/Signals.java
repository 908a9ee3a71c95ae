package org.jx86.runtime;

import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;

/** Linux signal numbers and the signal each CPU exception raises in user mode. */
public final class Signals {
    private Signals() {}

    public static final int SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8, SIGKILL = 9,
        SIGSEGV = 11, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15;

    public static int forFault(GuestFault f) {
        return switch (f.vector) {
            case Vector.DE, Vector.MF, Vector.XM -> SIGFPE;
            case Vector.UD -> SIGILL;
            case Vector.BP, Vector.DB -> SIGTRAP;
            case Vector.AC -> SIGBUS;
            case Vector.PF -> (f.errorCode & GuestFault.PF_BUS) != 0 ? SIGBUS : SIGSEGV;
            default -> SIGSEGV;
        };
    }

    /** The description a shell prints for a signal (strsignal). */
    public static String describe(int sig) {
        return switch (sig) {
            case 1 -> "Hangup";
            case 2 -> "Interrupt";
            case 3 -> "Quit";
            case SIGILL -> "Illegal instruction";
            case SIGTRAP -> "Trace/breakpoint trap";
            case SIGABRT -> "Aborted";
            case SIGBUS -> "Bus error";
            case SIGFPE -> "Floating point exception";
            case SIGKILL -> "Killed";
            case 10 -> "User defined signal 1";
            case SIGSEGV -> "Segmentation fault";
            case 12 -> "User defined signal 2";
            case SIGPIPE -> "Broken pipe";
            case SIGALRM -> "Alarm clock";
            case SIGTERM -> "Terminated";
            default -> "Signal " + sig;
        };
    }
}
