package org.jx86.runtime.linux;

import java.io.IOException;

/**
 * One end of a pipe created by pipe/pipe2: an open file description over a shared
 * {@link PipeBuffer}. fork and dup share the description; the end counts as closed when
 * the last fd referring to it is closed, which is what gives readers end of file and
 * writers EPIPE (the caller raises SIGPIPE).
 */
public final class PipeFile extends OpenFile {
    /** Linux's default pipe capacity (bytes). */
    public static final int CAPACITY = PipeBuffer.CAPACITY;

    private final PipeBuffer buf;
    private final boolean readEnd;
    private final long ino;

    private PipeFile(int flags, PipeBuffer buf, boolean readEnd, long ino) {
        super(flags);
        this.buf = buf;
        this.readEnd = readEnd;
        this.ino = ino;
    }

    /** A new pipe: element 0 is the read end, element 1 the write end. */
    public static PipeFile[] create(int flags, long ino) {
        PipeBuffer b = new PipeBuffer();
        return new PipeFile[] {
            new PipeFile(OpenFlags.O_RDONLY | flags, b, true, ino),
            new PipeFile(OpenFlags.O_WRONLY | flags, b, false, ino),
        };
    }

    private boolean nonblock() { return (statusFlags & OpenFlags.O_NONBLOCK) != 0; }

    @Override
    public int read(byte[] b, int off, int len) {
        if (!readEnd) throw new LinuxError(Errno.EBADF);
        return buf.read(b, off, len, nonblock());
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        if (readEnd) throw new LinuxError(Errno.EBADF);
        return buf.write(b, off, len, nonblock());
    }

    @Override
    public int available() { return readEnd ? buf.available() : 0; }

    /** poll readiness: POLLIN, POLLOUT, POLLHUP, POLLERR bits as {@link Poll} defines them. */
    @Override
    public int pollEvents() {
        if (readEnd) return (buf.readable() ? Poll.POLLIN : 0) | (buf.hungUp() ? Poll.POLLHUP : 0);
        return (buf.writable() ? Poll.POLLOUT : 0) | (buf.broken() ? Poll.POLLERR : 0);
    }

    @Override
    public long edges(int interest) { return readEnd ? buf.inEdges() : buf.outEdges(); }

    @Override
    public HostStat stat() { return HostStat.synthetic(HostStat.S_IFIFO | 0600, 0, ino); }

    @Override
    public String procLink() { return "pipe:[" + ino + "]"; }

    @Override
    protected void release() {
        if (readEnd) buf.closeReader();
        else buf.closeWriter();
    }
}
