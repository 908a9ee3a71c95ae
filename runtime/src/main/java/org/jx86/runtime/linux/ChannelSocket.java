package org.jx86.runtime.linux;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * A socket over non-blocking JDK channels: AF_INET/AF_INET6 TCP and AF_UNIX streams through
 * ServerSocketChannel / SocketChannel, UDP through DatagramChannel. bind of a TCP socket binds
 * (and so listens on) a server channel at once, so getsockname sees the port; a later connect
 * moves that address to a client channel. Readiness for poll comes from a read-ahead buffer
 * (TCP), a received-datagram slot (UDP) and a queue of connections accepted early (listeners).
 */
final class ChannelSocket extends OpenFile {
    static final int SOCK_STREAM = 1, SOCK_DGRAM = 2;

    final int family, type;
    private final long ino;
    private boolean reuseAddr, noDelay;
    private ServerSocketChannel server;
    private boolean listening;
    private final ArrayDeque<SocketChannel> accepted = new ArrayDeque<>();
    private SocketChannel ch;
    private boolean connecting;
    private int pendingError;
    private final ByteBuffer ahead = ByteBuffer.allocate(65536).flip();
    private boolean eof, shutWr;
    private DatagramChannel dgram;
    private ByteBuffer datagram;
    private SocketAddress datagramFrom;
    /**
     * EPOLLET edges, seen from here: data, a datagram, a connection or end of file reached the
     * read-ahead (input); a connect completed (output). While a send would block, every look
     * counts as an output edge (the JDK does not tell when room appears).
     */
    private long inEdges, outEdges;
    private boolean sendBlocked;

    ChannelSocket(int family, int type, int flags, long ino) throws IOException {
        super(OpenFlags.O_RDWR | flags);
        this.family = family;
        this.type = type;
        this.ino = ino;
        if (type == SOCK_DGRAM) {
            dgram = DatagramChannel.open(protocol());
            dgram.configureBlocking(false);
        }
    }

    private ChannelSocket(int family, SocketChannel ch, int flags, long ino) throws IOException {
        this(family, SOCK_STREAM, flags, ino);
        this.ch = ch;
        ch.configureBlocking(false);
    }

    private StandardProtocolFamily protocol() {
        return family == SockAddr.AF_INET ? StandardProtocolFamily.INET
            : family == SockAddr.AF_UNIX ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET6;
    }

    /** AF_UNIX: the sockaddr_un bytes of this end and of the peer (null: unnamed). */
    byte[] unixLocal, unixPeer;
    /** The stand-in file of an abstract name this socket bound: removed on close, freeing the name. */
    java.nio.file.Path abstractFile;

    boolean nonblock() { return (statusFlags & OpenFlags.O_NONBLOCK) != 0; }

    synchronized void setReuseAddr(boolean on) { reuseAddr = on; }

    synchronized boolean reuseAddr() { return reuseAddr; }

    synchronized void setNoDelay(boolean on) throws IOException {
        noDelay = on;
        if (ch != null) ch.setOption(StandardSocketOptions.TCP_NODELAY, on);
    }

    synchronized boolean noDelay() { return noDelay; }

    /** SO_ERROR: the pending error, cleared by reading it. */
    synchronized int takeError() {
        if (connecting) poll();
        int e = pendingError;
        pendingError = 0;
        return e;
    }

    synchronized void bind(SocketAddress a) throws IOException {
        if (server != null || ch != null || dgram != null && dgram.getLocalAddress() != null) throw new LinuxError(Errno.EINVAL);
        if (type == SOCK_DGRAM) {
            dgram.setOption(StandardSocketOptions.SO_REUSEADDR, reuseAddr);
            dgram.bind(a);
            return;
        }
        ServerSocketChannel s = ServerSocketChannel.open(protocol());
        try {
            if (family != SockAddr.AF_UNIX) s.setOption(StandardSocketOptions.SO_REUSEADDR, reuseAddr);
            s.configureBlocking(false);
            s.bind(a, 128);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        server = s;
    }

    synchronized void listen() throws IOException {
        if (type != SOCK_STREAM) throw new LinuxError(Errno.EOPNOTSUPP);
        if (ch != null) throw new LinuxError(Errno.EINVAL);
        if (server == null && family == SockAddr.AF_UNIX) throw new LinuxError(Errno.EINVAL);
        if (server == null) bind(new InetSocketAddress(family == SockAddr.AF_INET ? "0.0.0.0" : "::", 0));
        listening = true;
    }

    /** accept: a new socket for a pending connection, or null when none is pending. */
    synchronized ChannelSocket tryAccept(int flags, long ino) throws IOException {
        if (!listening) throw new LinuxError(Errno.EINVAL);
        SocketChannel c = accepted.isEmpty() ? server.accept() : accepted.poll();
        if (c == null) return null;
        ChannelSocket s = new ChannelSocket(family, c, flags, ino);
        s.unixLocal = unixLocal;
        if (noDelay) c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return s;
    }

    /** Starts a connection; returns true once connected. */
    synchronized boolean startConnect(SocketAddress a) throws IOException {
        if (type == SOCK_DGRAM) {
            dgram.connect(a);
            return true;
        }
        if (listening) throw new LinuxError(Errno.EINVAL);
        if (ch != null) throw new LinuxError(connecting ? Errno.EALREADY : Errno.EISCONN);
        SocketChannel c = SocketChannel.open(protocol());
        c.configureBlocking(false);
        if (noDelay) c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (server != null) { // bound earlier: keep the address
            SocketAddress local = server.getLocalAddress();
            server.close();
            server = null;
            if (family != SockAddr.AF_UNIX) c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            c.bind(local);
        }
        ch = c;
        try {
            connecting = !c.connect(a);
        } catch (IOException e) {
            ch = null;
            c.close();
            throw e;
        }
        return !connecting;
    }

    /** Completes a pending connect: TRUE when connected, null while in progress; throws the failure. */
    synchronized Boolean finishConnect() throws IOException {
        if (!connecting) return Boolean.TRUE;
        try {
            if (!ch.finishConnect()) return null;
        } catch (IOException e) {
            connecting = false;
            SocketChannel c = ch;
            ch = null;
            c.close();
            throw e;
        }
        connecting = false;
        return Boolean.TRUE;
    }

    private void poll() {
        try {
            finishConnect();
        } catch (IOException e) {
            pendingError = NetWait.errno(e);
        }
    }

    synchronized boolean connected() { return ch != null && !connecting || type == SOCK_DGRAM && dgram.isConnected(); }

    synchronized SocketAddress localAddress() throws IOException {
        if (dgram != null) return dgram.getLocalAddress();
        if (server != null) return server.getLocalAddress();
        return ch != null ? ch.getLocalAddress() : null;
    }

    synchronized SocketAddress peerAddress() throws IOException {
        if (dgram != null) return dgram.getRemoteAddress();
        return ch != null && !connecting ? ch.getRemoteAddress() : null;
    }

    /** Refills the read-ahead buffer when it is empty; lock held. */
    private void fill() {
        if (ahead.hasRemaining() || eof || ch == null || connecting) return;
        ahead.clear();
        try {
            if (ch.read(ahead) < 0) eof = true;
        } catch (IOException e) {
            eof = true;
            pendingError = NetWait.errno(e);
        }
        ahead.flip();
        if (ahead.hasRemaining() || eof) inEdges++;
    }

    /** One stream read attempt: bytes read, 0 at EOF, null when it would block. */
    synchronized Integer tryRecv(byte[] b, int off, int len, boolean peek) {
        if (ch == null || connecting) throw new LinuxError(Errno.ENOTCONN);
        fill();
        if (ahead.hasRemaining()) {
            int n = Math.min(len, ahead.remaining());
            ahead.get(ahead.position(), b, off, n);
            if (!peek) ahead.position(ahead.position() + n);
            return n;
        }
        if (pendingError != 0) {
            int e = pendingError;
            pendingError = 0;
            throw new LinuxError(e);
        }
        return eof ? 0 : null;
    }

    /** One stream write attempt: bytes written, null when it would block. */
    synchronized Integer trySend(byte[] b, int off, int len) throws IOException {
        if (ch == null || connecting) throw new LinuxError(Errno.ENOTCONN);
        if (shutWr) throw new IOException("Broken pipe");
        int n;
        try {
            n = ch.write(ByteBuffer.wrap(b, off, len));
        } catch (IOException e) {
            int errno = NetWait.errno(e);
            throw errno == Errno.ECONNRESET || errno == Errno.EPIPE ? new IOException("Broken pipe") : e;
        }
        sendBlocked = n == 0 && len > 0;
        return n == 0 ? null : n;
    }

    /** One datagram receive attempt: the sender's address, null when none is queued. */
    synchronized SocketAddress tryRecvFrom(byte[] b, int off, int len, int[] got, boolean peek) throws IOException {
        if (datagram == null) takeDatagram();
        if (datagram == null) return null;
        int n = Math.min(len, datagram.remaining());
        datagram.get(datagram.position(), b, off, n);
        got[0] = n;
        SocketAddress from = datagramFrom;
        if (!peek) datagram = null; // the rest of a datagram is discarded, as UDP does
        return from;
    }

    private void takeDatagram() throws IOException {
        if (dgram.getLocalAddress() == null) return;
        ByteBuffer buf = ByteBuffer.allocate(65536);
        SocketAddress from = dgram.receive(buf);
        if (from == null) return;
        datagram = buf.flip();
        datagramFrom = from;
        inEdges++;
    }

    synchronized int sendTo(byte[] b, int off, int len, InetSocketAddress to) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        if (to != null) return dgram.send(buf, to) == 0 && len > 0 ? 0 : len;
        if (!dgram.isConnected()) throw new LinuxError(Errno.EDESTADDRREQ);
        return dgram.write(buf);
    }

    synchronized void shutdown(int how) throws IOException {
        if (type == SOCK_DGRAM && !dgram.isConnected() || type == SOCK_STREAM && (ch == null || connecting))
            throw new LinuxError(Errno.ENOTCONN);
        if (type == SOCK_DGRAM) return;
        if (how != 1) {
            ch.shutdownInput();
            eof = true;
            ahead.position(ahead.limit());
        }
        if (how != 0 && !shutWr) {
            shutWr = true;
            ch.shutdownOutput();
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (type == SOCK_DGRAM) {
            int[] got = new int[1];
            NetWait.until(() -> tryRecvFrom(b, off, len, got, false), nonblock());
            return got[0];
        }
        return NetWait.until(() -> tryRecv(b, off, len, false), nonblock());
    }

    @Override
    public int write(byte[] b, int off, int len) throws IOException {
        if (type == SOCK_DGRAM) return sendTo(b, off, len, null);
        return NetWait.until(() -> trySend(b, off, len), nonblock());
    }

    @Override
    public synchronized int pollEvents() {
        try {
            if (type == SOCK_DGRAM) {
                if (datagram == null) takeDatagram();
                return (datagram != null ? Poll.POLLIN : 0) | Poll.POLLOUT;
            }
            if (listening) {
                SocketChannel c = server.accept();
                if (c != null) {
                    accepted.add(c);
                    inEdges++;
                }
                return accepted.isEmpty() ? 0 : Poll.POLLIN;
            }
        } catch (IOException e) {
            return Poll.POLLERR;
        }
        if (ch == null) return Poll.POLLOUT | Poll.POLLHUP;
        if (connecting) {
            poll();
            if (connecting) return 0;
            outEdges++;
            if (ch == null) return Poll.POLLOUT | Poll.POLLERR | Poll.POLLHUP;
        }
        fill();
        int ev = ahead.hasRemaining() || eof ? Poll.POLLIN : 0;
        if (!shutWr) ev |= Poll.POLLOUT;
        if (eof) ev |= EpollFile.EPOLLRDHUP;
        if (eof && shutWr) ev |= Poll.POLLHUP;
        if (pendingError != 0) ev |= Poll.POLLERR;
        return ev;
    }

    @Override
    public synchronized long edges(int interest) {
        if (sendBlocked) outEdges++;
        return Poll.edgesFor(interest, inEdges, outEdges);
    }

    @Override
    public HostStat stat() { return HostStat.synthetic(0140777, 0, ino); }

    @Override
    public String procLink() { return "socket:[" + ino + "]"; }

    @Override
    protected synchronized void release() throws IOException {
        if (server != null) server.close();
        if (ch != null) ch.close();
        if (dgram != null) dgram.close();
        for (SocketChannel c : accepted) c.close();
        if (abstractFile != null) java.nio.file.Files.deleteIfExists(abstractFile);
    }
}
