package org.jx86.runtime.linux;

import java.io.IOException;

/**
 * One end of socketpair(AF_UNIX, SOCK_STREAM): two {@link PipeBuffer}s, one per direction,
 * so reads, writes, blocking, EOF, EPIPE and poll readiness behave as a pipe's do. shutdown
 * closes a direction early. File descriptors passed with SCM_RIGHTS travel attached to the
 * bytes they were sent with ({@link PipeBuffer#write(byte[], int, int, boolean, Object)}).
 */
final class PairSocket extends OpenFile {
    private final PipeBuffer in, out;
    private final long ino;
    private boolean inClosed, outClosed;

    private PairSocket(int flags, PipeBuffer in, PipeBuffer out, long ino) {
        super(OpenFlags.O_RDWR | flags);
        this.in = in;
        this.out = out;
        this.ino = ino;
    }

    static PairSocket[] create(int flags, long ino) {
        PipeBuffer a = new PipeBuffer(), b = new PipeBuffer();
        return new PairSocket[] {new PairSocket(flags, a, b, ino), new PairSocket(flags, b, a, ino + 1)};
    }

    boolean nonblock() { return (statusFlags & OpenFlags.O_NONBLOCK) != 0; }

    int recv(byte[] b, int off, int len, boolean nonblock) { return recv(b, off, len, nonblock, null); }

    /** A receive that takes passed files into rights[0] (an OpenFile[]) when the bytes read carried some. */
    int recv(byte[] b, int off, int len, boolean nonblock, Object[] rights) {
        synchronized (this) { if (inClosed) return 0; }
        int n = in.read(b, off, len, nonblock, rights);
        Ancillary.dropAll(in.dropAttachments());
        return n;
    }

    int send(byte[] b, int off, int len, boolean nonblock) throws IOException { return send(b, off, len, nonblock, null); }

    /** A send whose first byte carries rights (passed files, each holding a reference), or null. */
    int send(byte[] b, int off, int len, boolean nonblock, OpenFile[] rights) throws IOException {
        synchronized (this) { if (outClosed) throw new IOException("Broken pipe"); }
        return out.write(b, off, len, nonblock, rights);
    }

    @Override
    public int read(byte[] b, int off, int len) { return recv(b, off, len, nonblock()); }

    @Override
    public int write(byte[] b, int off, int len) throws IOException { return send(b, off, len, nonblock()); }

    synchronized void shutdown(int how) {
        if (how != 1 && !inClosed) { inClosed = true; in.closeReader(); Ancillary.dropAll(in.dropAttachments()); }
        if (how != 0 && !outClosed) { outClosed = true; out.closeWriter(); }
    }

    @Override
    public int available() { return in.available(); }

    @Override
    public int pollEvents() {
        int ev = (in.readable() ? Poll.POLLIN : 0) | (out.writable() ? Poll.POLLOUT : 0);
        if (in.hungUp()) ev |= Poll.POLLIN | EpollFile.EPOLLRDHUP;
        if (in.hungUp() && out.broken()) ev |= Poll.POLLHUP;
        return ev;
    }

    @Override
    public long edges(int interest) { return Poll.edgesFor(interest, in.inEdges(), out.outEdges()); }

    @Override
    public HostStat stat() { return HostStat.synthetic(0140777, 0, ino); }

    @Override
    public String procLink() { return "socket:[" + ino + "]"; }

    @Override
    protected synchronized void release() { shutdown(2); }
}
