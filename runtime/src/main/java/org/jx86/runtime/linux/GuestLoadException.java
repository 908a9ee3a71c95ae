package org.jx86.runtime.linux;

/**
 * A program that cannot be started: a bad or foreign ELF file, a missing interpreter, an
 * unreadable file. The message is one line for the user (e.g. "not an ELF file"); the
 * command line prints it as {@code jx86: PROGRAM: message}.
 */
public final class GuestLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Exit status a shell uses when a command is found but cannot be executed. */
    public static final int NOT_EXECUTABLE = 126;
    /** Exit status a shell uses when a command (or its interpreter) is not found. */
    public static final int NOT_FOUND = 127;

    private final int exitStatus;

    public GuestLoadException(String message) { this(NOT_EXECUTABLE, message); }

    public GuestLoadException(int exitStatus, String message) {
        super(message, null, false, false);
        this.exitStatus = exitStatus;
    }

    /** 126 (cannot execute) or 127 (not found). */
    public int exitStatus() { return exitStatus; }
}
