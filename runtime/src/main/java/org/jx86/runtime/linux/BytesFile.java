package org.jx86.runtime.linux;

import java.nio.file.Path;

/**
 * A read-only file whose contents jx86 synthesizes at open time (/proc/self/maps,
 * /proc/self/cmdline). Like procfs files it reports size 0 in stat but reads its contents.
 */
public final class BytesFile extends OpenFile {
    private final byte[] data;
    private final String name;
    private long pos;

    public BytesFile(String name, byte[] data) {
        super(OpenFlags.O_RDONLY);
        this.name = name;
        this.data = data;
    }

    @Override
    public boolean fullReads() { return true; }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        int n = pread(b, off, len, pos);
        pos += n;
        return n;
    }

    @Override
    public int pread(byte[] b, int off, int len, long at) {
        if (at >= data.length) return 0;
        int n = (int) Math.min(len, data.length - at);
        System.arraycopy(data, (int) at, b, off, n);
        return n;
    }

    @Override
    public synchronized long seek(long offset, int whence) {
        pos = seekTarget(offset, whence, pos, data.length);
        return pos;
    }

    @Override
    public HostStat stat() { return HostStat.synthetic(HostStat.S_IFREG | 0444, 0, name.hashCode() & 0xffff_ffffL); }

    @Override
    public int available() { return (int) Math.max(0, data.length - pos); }

    @Override
    public Path path() { return Path.of(name); }

    @Override
    public String procLink() { return name; }
}
