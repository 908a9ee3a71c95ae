package org.jx86.runtime.linux;

/**
 * A system call failing with an errno: thrown anywhere inside a syscall implementation and
 * turned into {@code -errno} in RAX by {@link LinuxSyscalls}. No stack trace is captured.
 */
public final class LinuxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int errno;

    public LinuxError(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    @Override
    public String getMessage() { return Errno.name(errno) + " (" + Errno.message(errno) + ")"; }
}
