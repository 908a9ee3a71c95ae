package org.jx86.runtime.cli;

/** Exit statuses of the jx86 command, following shells and sysexits.h. */
public final class ExitStatus {
    private ExitStatus() {}

    public static final int OK = 0;
    /** Bad command line (what getopt-style tools and bash builtins use). */
    public static final int USAGE = 2;
    /** EX_IOERR: the profiler's report could not be written. */
    public static final int IO_ERROR = 74;
    /** EX_SOFTWARE: a bug in jx86 itself. */
    public static final int INTERNAL = 70;
    /** The program was found but cannot be executed (not an ELF, wrong architecture, no permission). */
    public static final int NOT_EXECUTABLE = 126;
    /** The program (or its ELF interpreter) was not found. */
    public static final int NOT_FOUND = 127;
    /** Death by signal N is reported as SIGNAL_BASE + N. */
    public static final int SIGNAL_BASE = 128;
}
