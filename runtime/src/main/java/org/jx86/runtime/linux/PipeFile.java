package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * One end of a pipe created by pipe/pipe2, over a JDK {@link Pipe} (a host pipe). Reading
 * an empty pipe blocks while a writer exists; writing when no reader is left fails with
 * EPIPE (and the caller raises SIGPIPE).
 */
public final class PipeFile extends OpenFile {
    /** Linux's default pipe capacity (bytes). */
    public static final int CAPACITY = 65536;

    private final Pipe.SourceChannel source;
    private final Pipe.SinkChannel sink;
    private final long ino;
    /** Created on the first interruptible read; the source is non-blocking from then on. */
    private Selector selector;

    private PipeFile(int flags, Pipe.SourceChannel source, Pipe.SinkChannel sink, long ino) {
        super(flags);
        this.source = source;
        this.sink = sink;
        this.ino = ino;
    }

    /** A new pipe: element 0 is the read end, element 1 the write end. */
    public static PipeFile[] create(int flags, long ino) throws IOException {
        Pipe p = Pipe.open();
        return new PipeFile[] {
            new PipeFile(OpenFlags.O_RDONLY | flags, p.source(), null, ino),
            new PipeFile(OpenFlags.O_WRONLY | flags, null, p.sink(), ino),
        };
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        ThreadSignals t = ThreadSignals.current();
        if (t == null) return Math.max(0, source.read(ByteBuffer.wrap(b, off, len)));
        return interruptibleRead(t, ByteBuffer.wrap(b, off, len));
    }

    /**
     * A read that a signal can interrupt (-ERESTARTSYS): the channel stays non-blocking and the
     * thread waits in a selector that a signal's arrival wakes. O_NONBLOCK gives EAGAIN.
     */
    private int interruptibleRead(ThreadSignals t, ByteBuffer buf) throws IOException {
        Selector sel;
        synchronized (this) {
            if (selector == null) {
                selector = Selector.open();
                source.configureBlocking(false);
                source.register(selector, SelectionKey.OP_READ);
            }
            sel = selector;
        }
        t.beginBlocking(sel::wakeup);
        try {
            while (true) {
                int n = source.read(buf);
                if (n != 0) return Math.max(0, n);
                if ((statusFlags & OpenFlags.O_NONBLOCK) != 0) throw new LinuxError(Errno.EAGAIN);
                if (t.interrupted()) throw new LinuxError(SignalDelivery.ERESTARTSYS);
                synchronized (sel) {
                    sel.select();
                    sel.selectedKeys().clear();
                }
            }
        } finally {
            t.endBlocking();
        }
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) sink.write(buf);
        return len;
    }

    @Override
    public HostStat stat() { return HostStat.synthetic(HostStat.S_IFIFO | 0600, 0, ino); }

    @Override
    public String procLink() { return "pipe:[" + ino + "]"; }

    @Override
    protected void release() throws IOException {
        if (selector != null) selector.close();
        if (source != null) source.close();
        if (sink != null) sink.close();
    }
}
