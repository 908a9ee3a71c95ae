package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An open file description: what one or more guest fds refer to (dup shares it, with its
 * offset and status flags). Subclasses wrap a host object; operations a kind of file does
 * not support fail with the errno Linux gives.
 *
 * <p>Reads return the number of bytes read, 0 at end of file, never -1.
 */
public abstract class OpenFile {
    /** O_ACCMODE bits plus the status flags (O_APPEND, O_NONBLOCK, ...). */
    protected volatile int statusFlags;
    private int refs = 1;

    protected OpenFile(int statusFlags) { this.statusFlags = statusFlags; }

    public int statusFlags() { return statusFlags; }

    public void setStatusFlags(int flags) {
        statusFlags = (statusFlags & ~OpenFlags.SETFL_MASK) | (flags & OpenFlags.SETFL_MASK);
    }

    public boolean canRead() { return OpenFlags.readable(statusFlags); }

    public boolean canWrite() { return OpenFlags.writable(statusFlags); }

    public int read(byte[] b, int off, int len) throws IOException { throw new LinuxError(Errno.EINVAL); }

    public int write(byte[] b, int off, int len) throws IOException { throw new LinuxError(Errno.EINVAL); }

    public int pread(byte[] b, int off, int len, long pos) throws IOException { throw new LinuxError(Errno.ESPIPE); }

    public int pwrite(byte[] b, int off, int len, long pos) throws IOException { throw new LinuxError(Errno.ESPIPE); }

    /** lseek; returns the new offset. */
    public long seek(long offset, int whence) throws IOException { throw new LinuxError(Errno.ESPIPE); }

    public abstract HostStat stat() throws IOException;

    public void truncate(long size) throws IOException { throw new LinuxError(Errno.EINVAL); }

    public void sync() throws IOException { }

    /**
     * True when a read returns short only at end of file (regular files), so a large read may
     * loop; pipes, terminals and FIFOs return what is there instead of blocking for more.
     */
    public boolean fullReads() { return false; }

    /** True for a terminal: TCGETS succeeds, isatty() is true. */
    public boolean isTerminal() { return false; }

    /** Bytes readable without blocking (FIONREAD). */
    public int available() throws IOException { return 0; }

    /**
     * poll readiness ({@link Poll} bits). Files that never block on their own (regular files,
     * the host's stdio, directories) are always ready for what their access mode allows.
     */
    public int pollEvents() { return (canRead() ? Poll.POLLIN : 0) | (canWrite() ? Poll.POLLOUT : 0); }

    /**
     * For EPOLLET: a counter that changes whenever one of the poll events in interest may
     * have newly occurred (data arrived, room was freed, an end was closed), as a wake-up of
     * the kernel file's wait queue would signal; -1 when this kind of file cannot tell, and
     * edge-triggered entries then report like level-triggered ones. Call after {@link #pollEvents}.
     */
    public long edges(int interest) { return -1; }

    /** The host path, when this is a file system object (directories for *at(), fchdir). */
    public Path path() { return null; }

    public boolean isDirectory() { return false; }

    /** What readlink("/proc/self/fd/N") shows. */
    public abstract String procLink();

    /** Closes the host object when the last fd referring to it is closed. */
    protected void release() throws IOException { }

    final synchronized void retain() { refs++; }

    /** Drops one reference; returns true if this was the last. */
    final synchronized boolean dropRef() { return --refs == 0; }

    /** Loops read until len bytes or end of file: regular files never return short reads. */
    protected static int readFully(java.nio.channels.FileChannel ch, byte[] b, int off, int len, long pos)
            throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            int n = pos < 0 ? ch.read(buf) : ch.read(buf, pos + buf.position() - off);
            if (n <= 0) break;
        }
        return buf.position() - off;
    }

    /** Applies lseek's whence to compute a new offset; EINVAL if negative or whence is unknown. */
    protected static long seekTarget(long offset, int whence, long current, long size) {
        long target = switch (whence) {
            case OpenFlags.SEEK_SET -> offset;
            case OpenFlags.SEEK_CUR -> current + offset;
            case OpenFlags.SEEK_END -> size + offset;
            case OpenFlags.SEEK_DATA -> {
                if (offset < 0) throw new LinuxError(Errno.EINVAL);
                if (offset >= size) throw new LinuxError(Errno.ENXIO);
                yield offset;
            }
            case OpenFlags.SEEK_HOLE -> {
                if (offset < 0) throw new LinuxError(Errno.EINVAL);
                if (offset >= size) throw new LinuxError(Errno.ENXIO);
                yield size;
            }
            default -> throw new LinuxError(Errno.EINVAL);
        };
        if (target < 0) throw new LinuxError(Errno.EINVAL);
        return target;
    }
}
