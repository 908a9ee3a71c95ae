package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.agrona.collections.Long2ObjectHashMap;
import org.jx86.vmm.mem.SharedFrames;

/**
 * The page cache of one host file for its MAP_SHARED mappings (all processes, all
 * mappings): frames loaded from the file on first touch, plus a copy of each as last
 * synchronized with the file, so {@link #writeBack()} writes exactly the pages stored into
 * since. The coherence model is in docs/mmap.md: the file and the mappings agree at every
 * system call that reads or writes the file, at msync and when the last mapping goes.
 *
 * <p>Page offsets are file page indexes. I/O goes through the channel of a description this
 * object holds a reference to, so it works after the guest closed its fd or unlinked the file.
 */
final class SharedFile extends SharedFrames {
    private static final int PAGE = (int) Layout.PAGE_SIZE;

    final FileMappings.Key key;
    private HostFile file;
    private final Long2ObjectHashMap<byte[]> clean = new Long2ObjectHashMap<>();
    /** Set once the last mapping went and the file was written back and let go. */
    private boolean closed;

    SharedFile(FileMappings.Key key, HostFile file) {
        this.key = key;
        this.file = file;
        file.retain();
    }

    /** Switches to a description open for writing, so pages stored through a writable mapping can be written back. */
    synchronized void offer(HostFile f) {
        if (file.canWrite() || !f.canWrite()) return;
        f.retain();
        HostFile old = file;
        file = f;
        drop(old);
    }

    private static void drop(OpenFile f) {
        try {
            if (f.dropRef()) f.release();
        } catch (IOException e) {
            // closing a host file we only read and wrote with explicit positions
        }
    }

    private FileChannel ch() { return file.channel(); }

    @Override
    protected void load(long page, byte[] frame) {
        try {
            readPage(page, frame);
        } catch (IOException e) {
            // an I/O error reading the page: it reads as zeros (Linux would raise SIGBUS)
        }
        clean.put(page, frame.clone());
    }

    @Override
    protected boolean beyondEnd(long page) {
        try {
            return page * PAGE >= ch().size();
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads the file's bytes of page into frame; past end of file reads as zero. */
    private void readPage(long page, byte[] frame) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(frame);
        long pos = page * PAGE;
        while (b.hasRemaining()) {
            int n = ch().read(b, pos + b.position());
            if (n <= 0) break;
        }
        Arrays.fill(frame, b.position(), PAGE, (byte) 0);
    }

    /**
     * Writes every page that differs from its last synchronized copy back to the file, up
     * to the end of the file (bytes a mapping stored past it are not written, as on Linux).
     */
    synchronized void writeBack() throws IOException {
        if (closed) return;
        long size = -1;
        for (var e : frames().entrySet()) {
            long page = e.getKey();
            byte[] f = e.getValue(), c = clean.get(page);
            if (Arrays.equals(f, c)) continue;
            if (size < 0) size = ch().size();
            byte[] snap = f.clone(); // the guest may keep storing while we write
            long pos = page * PAGE;
            int n = (int) Math.max(0, Math.min(PAGE, size - pos));
            ByteBuffer b = ByteBuffer.wrap(snap, 0, n);
            while (b.hasRemaining()) ch().write(b, pos + b.position());
            clean.put(page, snap);
        }
    }

    /** After a write of the file at [pos, pos+len) by a system call: the mapped pages show the new bytes. */
    synchronized void reload(long pos, long len) throws IOException {
        if (len <= 0 || closed) return;
        long first = pos / PAGE, last = len == Long.MAX_VALUE ? Long.MAX_VALUE : (pos + len - 1) / PAGE;
        byte[] buf = new byte[PAGE];
        for (var e : frames().entrySet()) {
            long page = e.getKey();
            if (page < first || page > last) continue;
            readPage(page, buf);
            long from = Math.max(pos, page * PAGE) - page * PAGE;
            long to = last == Long.MAX_VALUE ? PAGE : Math.min(pos + len, (page + 1) * PAGE) - page * PAGE;
            System.arraycopy(buf, (int) from, e.getValue(), (int) from, (int) (to - from));
            System.arraycopy(buf, (int) from, clean.get(page), (int) from, (int) (to - from));
        }
    }

    @Override
    protected void lastReleased() { FileMappings.lastReleased(this); }

    /** Writes back and lets the file go; {@link FileMappings} calls it under its lock when nobody maps us. */
    synchronized void close() {
        try {
            writeBack();
        } catch (IOException e) {
            // the file went away under us (its file system was unmounted): nothing to keep
        }
        closed = true;
        drop(file);
    }
}
