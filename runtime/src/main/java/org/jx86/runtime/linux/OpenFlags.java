package org.jx86.runtime.linux;

/** open(2) flags (x86-64 octal values), *at() flags and fcntl commands. */
public final class OpenFlags {
    private OpenFlags() {}

    public static final int O_ACCMODE = 03, O_RDONLY = 0, O_WRONLY = 01, O_RDWR = 02;
    public static final int O_CREAT = 0100, O_EXCL = 0200, O_NOCTTY = 0400, O_TRUNC = 01000, O_APPEND = 02000,
        O_NONBLOCK = 04000, O_DSYNC = 010000, O_ASYNC = 020000, O_DIRECT = 040000, O_LARGEFILE = 0100000,
        O_DIRECTORY = 0200000, O_NOFOLLOW = 0400000, O_NOATIME = 01000000, O_CLOEXEC = 02000000,
        O_SYNC = 04010000, O_PATH = 010000000, O_TMPFILE = 020200000;
    /** Status flags F_SETFL may change. */
    public static final int SETFL_MASK = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;

    public static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200,
        AT_EACCESS = 0x200, AT_SYMLINK_FOLLOW = 0x400, AT_NO_AUTOMOUNT = 0x800, AT_EMPTY_PATH = 0x1000;

    public static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5,
        F_SETLK = 6, F_SETLKW = 7, F_SETOWN = 8, F_GETOWN = 9, F_OFD_GETLK = 36, F_OFD_SETLK = 37,
        F_OFD_SETLKW = 38, F_DUPFD_CLOEXEC = 1030, F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032,
        F_ADD_SEALS = 1033, F_GET_SEALS = 1034;
    public static final int FD_CLOEXEC = 1;
    public static final int F_UNLCK = 2;

    public static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;

    public static boolean readable(int flags) { return (flags & O_ACCMODE) != O_WRONLY; }

    public static boolean writable(int flags) { return (flags & O_ACCMODE) != O_RDONLY; }

    /** Whether open(2) with these flags follows a symlink as the final component. */
    public static boolean followsLast(int flags) {
        if ((flags & O_NOFOLLOW) != 0) return false;
        return (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL);   // O_EXCL never follows
    }
}
