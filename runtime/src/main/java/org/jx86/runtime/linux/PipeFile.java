package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;

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
        return Math.max(0, source.read(ByteBuffer.wrap(b, off, len)));
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
        if (source != null) source.close();
        if (sink != null) sink.close();
    }
}
