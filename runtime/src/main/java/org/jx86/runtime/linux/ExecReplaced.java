package org.jx86.runtime.linux;

/**
 * execve succeeded: thrown by the system call to unwind the engine running the old image;
 * {@link GuestRunner} continues with {@link #image}'s main vCPU on a fresh engine (and so a
 * fresh code cache).
 */
final class ExecReplaced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient LinuxProcess image;

    ExecReplaced(LinuxProcess image) {
        super(null, null, false, false);
        this.image = image;
    }
}
