package org.jx86.runtime.linux;

/**
 * The guest ended with exit or exit_group. Thrown by the system call and unwinds the engine;
 * {@link #status} is the exit status the host process should return (0..255).
 */
public final class GuestExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int status;

    public GuestExit(int status) {
        super(null, null, false, false);
        this.status = status & 0xFF;
    }

    @Override
    public String getMessage() { return "guest exited with status " + status; }
}
