package org.jx86.runtime.linux;

/**
 * The calling thread ended: the exit system call (not exit_group), or another thread ended
 * the process and this one stops at its next dispatch. Unwinds the engine of that thread
 * only; {@link GuestThreads} decides whether the process ends with it.
 */
public final class ThreadExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int status;

    public ThreadExit(int status) {
        super(null, null, false, false);
        this.status = status & 0xFF;
    }

    @Override
    public String getMessage() { return "guest thread exited with status " + status; }
}
