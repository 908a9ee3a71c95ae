package org.jx86.runtime.linux;

/**
 * The guest was terminated by a signal whose action is to end the process (abort(), a kill
 * of itself, a write to a broken pipe, an uncaught fault). The command line reports it as
 * {@code jx86: guest terminated by signal 6 (Aborted)} and exits with 128 + signal, as a
 * shell does for a child killed by a signal.
 */
public final class GuestSignalExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int signal;
    /** Extra context for the user (fault address, RIP), or null. */
    public final String detail;

    public GuestSignalExit(int signal, String detail) {
        super(null, null, false, false);
        this.signal = signal;
        this.detail = detail;
    }

    public GuestSignalExit(int signal) { this(signal, null); }

    /** The host exit status a shell reports for this death. */
    public int exitStatus() { return 128 + signal; }

    @Override
    public String getMessage() {
        return "guest terminated by signal " + signal + " (" + Sig.description(signal) + ")"
            + (detail != null ? ": " + detail : "");
    }
}
