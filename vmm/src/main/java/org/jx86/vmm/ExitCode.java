package org.jx86.vmm;

/**
 * Why a translation returned to the dispatcher, when not just to continue at the next
 * address. Stored in {@link Cpu#exitCode}; the returned address is where execution resumes.
 */
public final class ExitCode {
    private ExitCode() {}

    public static final int NONE = 0;
    /** SYSCALL executed; the returned address is the instruction after it. */
    public static final int SYSCALL = 1;
    /** HLT executed (system mode), or a privileged trap for the VMM. */
    public static final int HLT = 2;
    /** A translation cut short so the dispatcher can check for signals and invalidation. */
    public static final int YIELD = 3;
}
