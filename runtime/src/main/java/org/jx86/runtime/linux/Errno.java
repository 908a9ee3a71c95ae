package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * Linux x86-64 errno values, their glibc {@code strerror} texts, and the mapping from the
 * JDK's I/O exceptions. System calls return {@code -errno}.
 *
 * <p>The JDK reports most failures of the underlying system call as a
 * {@link FileSystemException} whose reason (or an {@link IOException} whose message) is the
 * host's {@code strerror} text, so looking the text up recovers the host's errno exactly.
 */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7,
        ENOEXEC = 8, EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14,
        ENOTBLK = 15, EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21,
        EINVAL = 22, ENFILE = 23, EMFILE = 24, ENOTTY = 25, ETXTBSY = 26, EFBIG = 27, ENOSPC = 28,
        ESPIPE = 29, EROFS = 30, EMLINK = 31, EPIPE = 32, EDOM = 33, ERANGE = 34, EDEADLK = 35,
        ENAMETOOLONG = 36, ENOLCK = 37, ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40, ENODATA = 61,
        EOVERFLOW = 75, EILSEQ = 84, ENOTSOCK = 88, EDESTADDRREQ = 89, EMSGSIZE = 90, ENOPROTOOPT = 92, EPROTONOSUPPORT = 93, EOPNOTSUPP = 95, EAFNOSUPPORT = 97,
        EADDRINUSE = 98, EADDRNOTAVAIL = 99, ECONNRESET = 104, EISCONN = 106, ENOTCONN = 107, ECONNREFUSED = 111,
        EALREADY = 114, EINPROGRESS = 115,
        ETIMEDOUT = 110, EDQUOT = 122, ECANCELED = 125;

    private static final String[] NAMES = new String[134];
    private static final String[] MESSAGES = new String[134];

    private static void def(int e, String name, String message) {
        NAMES[e] = name;
        MESSAGES[e] = message;
    }

    static {
        def(EPERM, "EPERM", "Operation not permitted");
        def(ENOENT, "ENOENT", "No such file or directory");
        def(ESRCH, "ESRCH", "No such process");
        def(EINTR, "EINTR", "Interrupted system call");
        def(EIO, "EIO", "Input/output error");
        def(ENXIO, "ENXIO", "No such device or address");
        def(E2BIG, "E2BIG", "Argument list too long");
        def(ENOEXEC, "ENOEXEC", "Exec format error");
        def(EBADF, "EBADF", "Bad file descriptor");
        def(ECHILD, "ECHILD", "No child processes");
        def(EAGAIN, "EAGAIN", "Resource temporarily unavailable");
        def(ENOMEM, "ENOMEM", "Cannot allocate memory");
        def(EACCES, "EACCES", "Permission denied");
        def(EFAULT, "EFAULT", "Bad address");
        def(ENOTBLK, "ENOTBLK", "Block device required");
        def(EBUSY, "EBUSY", "Device or resource busy");
        def(EEXIST, "EEXIST", "File exists");
        def(EXDEV, "EXDEV", "Invalid cross-device link");
        def(ENODEV, "ENODEV", "No such device");
        def(ENOTDIR, "ENOTDIR", "Not a directory");
        def(EISDIR, "EISDIR", "Is a directory");
        def(EINVAL, "EINVAL", "Invalid argument");
        def(ENFILE, "ENFILE", "Too many open files in system");
        def(EMFILE, "EMFILE", "Too many open files");
        def(ENOTTY, "ENOTTY", "Inappropriate ioctl for device");
        def(ETXTBSY, "ETXTBSY", "Text file busy");
        def(EFBIG, "EFBIG", "File too large");
        def(ENOSPC, "ENOSPC", "No space left on device");
        def(ESPIPE, "ESPIPE", "Illegal seek");
        def(EROFS, "EROFS", "Read-only file system");
        def(EMLINK, "EMLINK", "Too many links");
        def(EPIPE, "EPIPE", "Broken pipe");
        def(EDOM, "EDOM", "Numerical argument out of domain");
        def(ERANGE, "ERANGE", "Numerical result out of range");
        def(EDEADLK, "EDEADLK", "Resource deadlock avoided");
        def(ENAMETOOLONG, "ENAMETOOLONG", "File name too long");
        def(ENOLCK, "ENOLCK", "No locks available");
        def(ENOSYS, "ENOSYS", "Function not implemented");
        def(ENOTEMPTY, "ENOTEMPTY", "Directory not empty");
        def(ELOOP, "ELOOP", "Too many levels of symbolic links");
        def(ENODATA, "ENODATA", "No data available");
        def(EOVERFLOW, "EOVERFLOW", "Value too large for defined data type");
        def(EILSEQ, "EILSEQ", "Invalid or incomplete multibyte or wide character");
        def(ENOTSOCK, "ENOTSOCK", "Socket operation on non-socket");
        def(EDESTADDRREQ, "EDESTADDRREQ", "Destination address required");
        def(EMSGSIZE, "EMSGSIZE", "Message too long");
        def(ENOPROTOOPT, "ENOPROTOOPT", "Protocol not available");
        def(EPROTONOSUPPORT, "EPROTONOSUPPORT", "Protocol not supported");
        def(EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported");
        def(EAFNOSUPPORT, "EAFNOSUPPORT", "Address family not supported by protocol");
        def(EADDRINUSE, "EADDRINUSE", "Address already in use");
        def(EADDRNOTAVAIL, "EADDRNOTAVAIL", "Cannot assign requested address");
        def(ECONNRESET, "ECONNRESET", "Connection reset by peer");
        def(EISCONN, "EISCONN", "Transport endpoint is already connected");
        def(ENOTCONN, "ENOTCONN", "Transport endpoint is not connected");
        def(ECONNREFUSED, "ECONNREFUSED", "Connection refused");
        def(EALREADY, "EALREADY", "Operation already in progress");
        def(EINPROGRESS, "EINPROGRESS", "Operation now in progress");
        def(ETIMEDOUT, "ETIMEDOUT", "Connection timed out");
        def(EDQUOT, "EDQUOT", "Disk quota exceeded");
        def(ECANCELED, "ECANCELED", "Operation canceled");
    }

    /** "ENOENT", or "E123" for numbers without a name here. */
    public static String name(int errno) {
        return errno > 0 && errno < NAMES.length && NAMES[errno] != null ? NAMES[errno] : "E" + errno;
    }

    /** The glibc strerror text, e.g. "No such file or directory". */
    public static String message(int errno) {
        return errno > 0 && errno < MESSAGES.length && MESSAGES[errno] != null ? MESSAGES[errno]
            : "Unknown error " + errno;
    }

    /** The errno the host reported for a JDK I/O exception; EIO when it cannot be told. */
    public static int of(IOException e) {
        if (e instanceof NoSuchFileException) return ENOENT;
        if (e instanceof AccessDeniedException) return EACCES;
        if (e instanceof FileAlreadyExistsException) return EEXIST;
        if (e instanceof NotDirectoryException) return ENOTDIR;
        if (e instanceof DirectoryNotEmptyException) return ENOTEMPTY;
        if (e instanceof NotLinkException) return EINVAL;
        if (e instanceof FileSystemLoopException) return ELOOP;
        if (e instanceof AtomicMoveNotSupportedException) return EXDEV;
        if (e instanceof AsynchronousCloseException || e instanceof ClosedChannelException) return EBADF;
        String text = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        int errno = fromMessage(text);
        return errno != 0 ? errno : EIO;
    }

    /** The errno whose strerror text starts the given message, or 0. */
    static int fromMessage(String text) {
        if (text == null) return 0;
        for (int e = 1; e < MESSAGES.length; e++)
            if (MESSAGES[e] != null && text.startsWith(MESSAGES[e])) return e;
        return 0;
    }
}
