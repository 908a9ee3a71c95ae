package org.jx86.runtime.linux;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An AF_UNIX SOCK_DGRAM socket, or one end of a SOCK_DGRAM / SOCK_SEQPACKET socketpair, kept
 * entirely inside the JVM (every guest process of a jx86 run is in it): a queue of messages,
 * each with its bytes, the sender's address and any passed files and credentials. Message
 * boundaries are kept; a short read takes the start of a message and drops the rest.
 *
 * <p>Names: binding a path creates a socket file there (through a JDK Unix-domain server
 * channel, so stat shows a socket) and registers the socket under the file's host path;
 * abstract names are registered by their bytes. A sendto finds its receiver in that registry,
 * so host processes outside jx86 cannot exchange datagrams with guests.
 */
final class UnixDgramSocket extends OpenFile {
    static final int SOCK_SEQPACKET = 5;
    /** Roughly the default SO_SNDBUF of 212992 bytes, with a per-message overhead as skb truesize. */
    private static final int QUEUE_BYTES = 212_992, MSG_OVERHEAD = 768;

    private static final ConcurrentHashMap<String, UnixDgramSocket> NAMES = new ConcurrentHashMap<>();

    record Message(byte[] data, byte[] from, OpenFile[] rights, int[] creds) {}

    final int type;
    private final long ino;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private int queued;
    private UnixDgramSocket peer;
    /** A seqpacket pair whose other end closed: reads see end of file, writes EPIPE. */
    private boolean peerGone, shutRd, shutWr, closed;
    private byte[] local;
    private String nameKey;
    private ServerSocketChannel nameHolder;
    volatile boolean passCred;

    UnixDgramSocket(int type, int flags, long ino) {
        super(OpenFlags.O_RDWR | flags);
        this.type = type;
        this.ino = ino;
    }

    static UnixDgramSocket[] pair(int type, int flags, long ino) {
        UnixDgramSocket a = new UnixDgramSocket(type, flags, ino), b = new UnixDgramSocket(type, flags, ino + 1);
        a.peer = b;
        b.peer = a;
        return new UnixDgramSocket[] {a, b};
    }

    boolean nonblock() { return (statusFlags & OpenFlags.O_NONBLOCK) != 0; }

    synchronized byte[] localName() { return local; }

    synchronized UnixDgramSocket peer() { return peer; }

    private static String key(byte[] raw, Path host) {
        return raw[2] == 0 ? "@" + java.util.HexFormat.of().formatHex(raw, 3, raw.length) : host.toString();
    }

    /** bind: EINVAL when already bound, EADDRINUSE when the name is taken. */
    void bind(byte[] raw, Path host) throws IOException {
        synchronized (this) {
            if (local != null) throw new LinuxError(Errno.EINVAL);
        }
        Path dirReal = host.toAbsolutePath().getParent();
        try {
            if (dirReal != null) dirReal = dirReal.toRealPath();
        } catch (IOException e) {
            throw new LinuxError(Errno.ENOENT);
        }
        // Registered under the real path, as lookups resolve links to it.
        String k = key(raw, dirReal != null ? dirReal.resolve(host.getFileName()) : host.toAbsolutePath());
        ServerSocketChannel holder = null;
        if (raw[2] != 0) {
            if (Files.exists(host, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new LinuxError(Errno.EADDRINUSE);
            holder = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                holder.bind(UnixDomainSocketAddress.of(host)); // creates the socket file
            } catch (IOException e) {
                holder.close();
                throw e;
            }
        } else if (NAMES.putIfAbsent(k, this) != null) {
            throw new LinuxError(Errno.EADDRINUSE);
        }
        if (holder != null) NAMES.put(k, this); // a stale entry of an unlinked file is replaced
        synchronized (this) {
            local = raw;
            nameKey = k;
            nameHolder = holder;
        }
    }

    /** The socket bound to raw (whose host path is host), or the errno Linux gives when there is none. */
    static UnixDgramSocket lookup(byte[] raw, Path host) {
        if (raw[2] != 0 && !Files.exists(host)) throw new LinuxError(Errno.ENOENT);
        if (raw[2] != 0) {
            try {
                host = host.toRealPath(); // connect and sendto follow a symbolic link to the socket
            } catch (IOException e) {
                throw new LinuxError(Errno.ENOENT);
            }
        }
        UnixDgramSocket s = NAMES.get(key(raw, host.toAbsolutePath().normalize()));
        if (s == null) throw new LinuxError(Errno.ECONNREFUSED);
        return s;
    }

    /** connect on a datagram socket: sets the default destination. */
    synchronized void connect(UnixDgramSocket to) {
        if (type == SOCK_SEQPACKET) throw new LinuxError(Errno.EISCONN);
        peer = to;
    }

    /**
     * One send attempt of a whole message: its length, or null when the receiver's queue is
     * full. to is the explicit destination (null: the peer).
     */
    Integer trySend(byte[] b, UnixDgramSocket to, OpenFile[] rights, int[] creds) throws IOException {
        UnixDgramSocket dst;
        byte[] from;
        synchronized (this) {
            if (shutWr || type == SOCK_SEQPACKET && peerGone) throw new IOException("Broken pipe");
            if (to != null && type == SOCK_SEQPACKET) throw new LinuxError(Errno.EISCONN);
            dst = to != null ? to : peer;
            from = local;
        }
        if (dst == null) throw new LinuxError(type == SOCK_SEQPACKET ? Errno.ENOTCONN : Errno.EDESTADDRREQ);
        if (b.length > QUEUE_BYTES - MSG_OVERHEAD) throw new LinuxError(Errno.EMSGSIZE);
        return dst.enqueue(new Message(b, from, rights, creds)) ? b.length : null;
    }

    private synchronized boolean enqueue(Message m) throws IOException {
        if (closed && type == SOCK_SEQPACKET) throw new IOException("Broken pipe");
        if (closed || shutRd) throw new LinuxError(Errno.ECONNREFUSED);
        int size = m.data.length + MSG_OVERHEAD;
        if (queued + size > QUEUE_BYTES && !queue.isEmpty()) return false;
        queue.add(m);
        queued += size;
        return true;
    }

    /** One receive attempt: the next message (removed unless peek), an empty one at end of file, or null. */
    synchronized Message tryRecv(boolean peek) {
        Message m = peek ? queue.peek() : queue.poll();
        if (m != null) {
            if (!peek) queued -= m.data.length + MSG_OVERHEAD;
            return m;
        }
        if (shutRd || type == SOCK_SEQPACKET && peerGone) return new Message(new byte[0], null, null, null);
        return null;
    }

    synchronized void shutdown(int how) {
        if (type == SOCK_SEQPACKET && peer == null) throw new LinuxError(Errno.ENOTCONN);
        if (how != 1) shutRd = true;
        if (how != 0) shutWr = true;
    }

    private synchronized void peerClosed() { peerGone = true; }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Message m = NetWait.until(() -> tryRecv(false), nonblock());
        Ancillary.dropAll(m.rights);
        int n = Math.min(len, m.data.length);
        System.arraycopy(m.data, 0, b, off, n);
        return n;
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        byte[] msg = java.util.Arrays.copyOfRange(b, off, off + len);
        return NetWait.until(() -> trySend(msg, null, null, null), nonblock());
    }

    @Override
    public synchronized int available() { return queue.isEmpty() ? 0 : queue.peek().data.length; }

    @Override
    public int pollEvents() {
        UnixDgramSocket p;
        int ev;
        synchronized (this) {
            ev = !queue.isEmpty() || shutRd ? Poll.POLLIN : 0;
            if (type == SOCK_SEQPACKET && peerGone) ev |= Poll.POLLIN | Poll.POLLHUP | EpollFile.EPOLLRDHUP;
            p = peer;
        }
        if (p == null || p.hasRoom()) ev |= Poll.POLLOUT;
        return ev;
    }

    private synchronized boolean hasRoom() { return queued + MSG_OVERHEAD <= QUEUE_BYTES || closed; }

    @Override
    public HostStat stat() { return HostStat.synthetic(0140777, 0, ino); }

    @Override
    public String procLink() { return "socket:[" + ino + "]"; }

    @Override
    protected void release() throws IOException {
        UnixDgramSocket p;
        ArrayDeque<Message> left;
        synchronized (this) {
            closed = true;
            p = peer;
            peer = null;
            left = new ArrayDeque<>(queue);
            queue.clear();
            if (nameKey != null) NAMES.remove(nameKey, this);
            if (nameHolder != null) nameHolder.close();
        }
        if (p != null && p.peer() == this) p.peerClosed();
        for (Message m : left) Ancillary.dropAll(m.rights);
    }
}
