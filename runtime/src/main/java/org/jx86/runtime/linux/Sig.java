package org.jx86.runtime.linux;

/** Linux x86-64 signal numbers, names, glibc descriptions and default actions. */
public final class Sig {
    private Sig() {}

    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6,
        SIGBUS = 7, SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13,
        SIGALRM = 14, SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19,
        SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25,
        SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGIO = 29, SIGPWR = 30, SIGSYS = 31;
    public static final int SIGRTMIN = 32;
    /** Highest signal number (_NSIG - 1). */
    public static final int MAX = 64;

    /** Default actions (signal(7)). */
    public enum Action { TERMINATE, CORE, IGNORE, STOP, CONTINUE }

    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
        "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
        "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU",
        "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private static final String[] DESCRIPTIONS = {null, "Hangup", "Interrupt", "Quit",
        "Illegal instruction", "Trace/breakpoint trap", "Aborted", "Bus error", "Floating point exception",
        "Killed", "User defined signal 1", "Segmentation fault", "User defined signal 2", "Broken pipe",
        "Alarm clock", "Terminated", "Stack fault", "Child exited", "Continued", "Stopped (signal)",
        "Stopped", "Stopped (tty input)", "Stopped (tty output)", "Urgent I/O condition",
        "CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired",
        "Profiling timer expired", "Window changed", "I/O possible", "Power failure", "Bad system call"};

    public static boolean valid(int sig) { return sig >= 1 && sig <= MAX; }

    /** "SIGABRT", or "SIGRTMIN+3" for real-time signals. */
    public static String name(int sig) {
        if (sig >= 1 && sig < NAMES.length) return NAMES[sig];
        if (sig >= SIGRTMIN && sig <= MAX) return "SIGRTMIN+" + (sig - SIGRTMIN);
        return "signal " + sig;
    }

    /** glibc's strsignal text, e.g. "Aborted". */
    public static String description(int sig) {
        if (sig >= 1 && sig < DESCRIPTIONS.length) return DESCRIPTIONS[sig];
        if (sig >= SIGRTMIN && sig <= MAX) return "Real-time signal " + (sig - SIGRTMIN);
        return "Unknown signal " + sig;
    }

    public static Action defaultAction(int sig) {
        return switch (sig) {
            case SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS ->
                Action.CORE;
            case SIGCHLD, SIGURG, SIGWINCH -> Action.IGNORE;
            case SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU -> Action.STOP;
            case SIGCONT -> Action.CONTINUE;
            default -> Action.TERMINATE;
        };
    }

    /** SIGKILL and SIGSTOP can be neither caught, blocked nor ignored. */
    public static boolean uncatchable(int sig) { return sig == SIGKILL || sig == SIGSTOP; }

    /** Bit of sig in a 64-bit kernel sigset_t. */
    public static long bit(int sig) { return 1L << (sig - 1); }
}
