package org.jx86.runtime.linux;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * The socket calls: AF_INET/AF_INET6 TCP and UDP and AF_UNIX streams (path and abstract names;
 * abstract ones live as files in a JVM-private directory) through {@link ChannelSocket},
 * socketpair(AF_UNIX, SOCK_STREAM) through {@link PairSocket}, AF_UNIX datagram sockets and
 * SOCK_DGRAM / SOCK_SEQPACKET socketpairs through {@link UnixDgramSocket}. Other families fail
 * with EAFNOSUPPORT. A send to a closed peer fails with EPIPE and raises SIGPIPE unless
 * MSG_NOSIGNAL is given; sendmsg/recvmsg gather and scatter iovecs, and on the in-JVM AF_UNIX
 * sockets carry SCM_RIGHTS and SCM_CREDENTIALS ({@link Ancillary}).
 */
final class SocketSyscalls {
    private static final AtomicLong INO = new AtomicLong(0x8000);
    static final int SOCK_NONBLOCK = OpenFlags.O_NONBLOCK, SOCK_CLOEXEC = OpenFlags.O_CLOEXEC;
    private static final int MSG_PEEK = 2, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
    private static final int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4,
        SO_SNDBUF = 7, SO_RCVBUF = 8, SO_KEEPALIVE = 9, SO_PASSCRED = 16, SO_DOMAIN = 39, IPPROTO_TCP = 6, TCP_NODELAY = 1;

    private final LinuxProcess p;

    SocketSyscalls(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) {
        t.sys3("socket", this::socket);
        t.sys4("socketpair", this::socketpair);
        t.sys3("bind", this::bind);
        t.sys2("listen", (c, fd, backlog) -> { inet(fd).listen(); return 0; });
        t.sys3("accept", (c, fd, a, l) -> accept4(c, fd, a, l, 0));
        t.sys4("accept4", this::accept4);
        t.sys3("connect", this::connect);
        t.sys3("getsockname", (c, fd, a, l) -> name(c, fd, a, l, false));
        t.sys3("getpeername", (c, fd, a, l) -> name(c, fd, a, l, true));
        t.sys6("sendto", this::sendto);
        t.sys6("recvfrom", this::recvfrom);
        t.sys3("sendmsg", this::sendmsg);
        t.sys3("recvmsg", this::recvmsg);
        t.sys2("shutdown", this::shutdown);
        t.sys5("setsockopt", this::setsockopt);
        t.sys5("getsockopt", this::getsockopt);
    }

    private OpenFile sock(long fd) {
        OpenFile f = p.fds().get(fd);
        if (!(f instanceof ChannelSocket) && !(f instanceof PairSocket) && !(f instanceof UnixDgramSocket))
            throw new LinuxError(Errno.ENOTSOCK);
        return f;
    }

    private ChannelSocket inet(long fd) {
        OpenFile f = sock(fd);
        if (!(f instanceof ChannelSocket s)) throw new LinuxError(Errno.EOPNOTSUPP);
        return s;
    }

    private long socket(Cpu c, long domain, long type, long protocol) throws IOException {
        int kind = (int) type & 0xF, flags = (int) type & ~0xF;
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) return -Errno.EINVAL;
        if (domain != SockAddr.AF_INET && domain != SockAddr.AF_INET6 && domain != SockAddr.AF_UNIX)
            return -Errno.EAFNOSUPPORT;
        if (kind != ChannelSocket.SOCK_STREAM && kind != ChannelSocket.SOCK_DGRAM) return -Errno.EINVAL;
        // unix_create accepts protocol 0 or PF_UNIX
        if (domain == SockAddr.AF_UNIX && protocol != 0 && protocol != SockAddr.AF_UNIX) return -Errno.EPROTONOSUPPORT;
        if (domain == SockAddr.AF_UNIX && kind == ChannelSocket.SOCK_DGRAM)
            return install(new UnixDgramSocket(kind, flags & SOCK_NONBLOCK, INO.getAndIncrement()), flags);
        if (domain != SockAddr.AF_UNIX && protocol != 0 && protocol != (kind == ChannelSocket.SOCK_STREAM ? 6 : 17)) return -Errno.EPROTONOSUPPORT;
        ChannelSocket s = new ChannelSocket((int) domain, kind, flags & SOCK_NONBLOCK, INO.getAndIncrement());
        return install(s, flags);
    }

    private long install(OpenFile f, int flags) throws IOException {
        try {
            return p.fds().install(f, (flags & SOCK_CLOEXEC) != 0);
        } catch (LinuxError e) {
            f.release();
            throw e;
        }
    }

    private long socketpair(Cpu c, long domain, long type, long protocol, long sv) throws IOException {
        int kind = (int) type & 0xF, flags = (int) type & ~0xF;
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) return -Errno.EINVAL;
        if (domain != SockAddr.AF_UNIX) return -Errno.EOPNOTSUPP;
        if (kind != ChannelSocket.SOCK_STREAM && kind != ChannelSocket.SOCK_DGRAM && kind != UnixDgramSocket.SOCK_SEQPACKET)
            return -Errno.EINVAL;
        if (protocol != 0 && protocol != SockAddr.AF_UNIX) return -Errno.EPROTONOSUPPORT;
        Mem.probe(c, sv, org.jx86.vmm.mem.MemoryMap.WRITE);
        Mem.probe(c, sv + 7, org.jx86.vmm.mem.MemoryMap.WRITE);
        OpenFile[] ends = kind == ChannelSocket.SOCK_STREAM ? PairSocket.create(flags & SOCK_NONBLOCK, INO.getAndAdd(2))
            : UnixDgramSocket.pair(kind, flags & SOCK_NONBLOCK, INO.getAndAdd(2));
        long a = install(ends[0], flags);
        long b;
        try {
            b = install(ends[1], flags);
        } catch (LinuxError e) {
            p.fds().close(a);
            throw e;
        }
        Mem.write32(c, sv, a);
        Mem.write32(c, sv + 4, b);
        return 0;
    }

    private long bind(Cpu c, long fd, long addr, long len) throws IOException {
        if (sock(fd) instanceof UnixDgramSocket u) {
            byte[] raw = SockAddr.readUnixRaw(c, addr, len);
            try {
                u.bind(raw, SockAddr.unixHostPath(raw, p.paths(), true));
            } catch (IOException e) {
                return -NetWait.errno(e);
            }
            return 0;
        }
        ChannelSocket s = inet(fd);
        try {
            if (s.family == SockAddr.AF_UNIX) {
                byte[] raw = SockAddr.readUnixRaw(c, addr, len);
                java.nio.file.Path host = SockAddr.unixHostPath(raw, p.paths(), true);
                s.bind(java.net.UnixDomainSocketAddress.of(host));
                s.unixLocal = raw;
                if (raw[2] == 0) s.abstractFile = host;
                return 0;
            }
            s.bind(SockAddr.readInet(c, addr, len, s.family));
        } catch (IOException e) {
            return -NetWait.errno(e);
        }
        return 0;
    }

    private long accept4(Cpu c, long fd, long addr, long lenp, long flags) throws IOException {
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) return -Errno.EINVAL;
        ChannelSocket s = inet(fd);
        ChannelSocket n = NetWait.until(() -> s.tryAccept((int) flags & SOCK_NONBLOCK, INO.get()), s.nonblock());
        INO.getAndIncrement();
        if (addr != 0) SockAddr.store(c, addr, lenp, SockAddr.encode(n.peerAddress(), s.family));
        return install(n, (int) flags);
    }

    private long connect(Cpu c, long fd, long addr, long len) throws IOException {
        if (sock(fd) instanceof UnixDgramSocket u) {
            u.connect(unixDest(c, addr, len));
            return 0;
        }
        ChannelSocket s = inet(fd);
        SocketAddress to;
        byte[] raw = null;
        if (s.family == SockAddr.AF_UNIX) {
            raw = SockAddr.readUnixRaw(c, addr, len);
            to = java.net.UnixDomainSocketAddress.of(SockAddr.unixHostPath(raw, p.paths(), false));
        } else {
            to = SockAddr.readInet(c, addr, len, s.family);
        }
        s.unixPeer = raw;
        try {
            if (s.startConnect(to)) return 0;
            if (s.nonblock()) return -Errno.EINPROGRESS;
            NetWait.until(s::finishConnect, false);
        } catch (IOException e) {
            int errno = NetWait.errno(e);
            // An abstract name nobody has bound: Linux refuses rather than reporting a missing file.
            return raw != null && raw[2] == 0 && errno == Errno.ENOENT ? -Errno.ECONNREFUSED : -errno;
        }
        return 0;
    }

    /** The in-JVM datagram socket a sockaddr_un names (ENOENT, ECONNREFUSED when none). */
    private UnixDgramSocket unixDest(Cpu c, long addr, long len) throws IOException {
        byte[] raw = SockAddr.readUnixRaw(c, addr, len);
        return UnixDgramSocket.lookup(raw, SockAddr.unixHostPath(raw, p.paths(), false));
    }

    private long name(Cpu c, long fd, long addr, long lenp, boolean peer) throws IOException {
        OpenFile f = sock(fd);
        if (f instanceof UnixDgramSocket u) {
            UnixDgramSocket o = peer ? u.peer() : u;
            if (o == null) return -Errno.ENOTCONN;
            byte[] raw = o.localName();
            SockAddr.store(c, addr, lenp, raw != null ? raw : SockAddr.encode(null, SockAddr.AF_UNIX));
            return 0;
        }
        if (f instanceof PairSocket) {
            SockAddr.store(c, addr, lenp, SockAddr.encode(null, SockAddr.AF_UNIX));
            return 0;
        }
        ChannelSocket s = (ChannelSocket) f;
        if (s.family == SockAddr.AF_UNIX) {
            if (peer && !s.connected()) return -Errno.ENOTCONN;
            byte[] raw = peer ? s.unixPeer : s.unixLocal;
            SockAddr.store(c, addr, lenp, raw != null ? raw : SockAddr.encode(null, SockAddr.AF_UNIX));
            return 0;
        }
        SocketAddress a = peer ? s.peerAddress() : s.localAddress();
        if (peer && a == null) return -Errno.ENOTCONN;
        SockAddr.store(c, addr, lenp, SockAddr.encode(a, s.family));
        return 0;
    }

    /** Raises SIGPIPE for the calling thread, as the kernel does on EPIPE without MSG_NOSIGNAL. */
    private void sigpipe() {
        Siginfo si = Siginfo.user(Sig.SIGPIPE, Siginfo.SI_USER, p.signals().pid(), p.signals().uid());
        ThreadSignals t = ThreadSignals.current();
        if (t != null && t.process == p.signals()) t.post(Sig.SIGPIPE, si);
        else p.signals().post(Sig.SIGPIPE, si);
    }

    private long send(OpenFile f, byte[] b, long flags, InetSocketAddress to) throws IOException {
        return send(f, b, flags, to, null, null);
    }

    /**
     * Sends b; unixTo is an AF_UNIX datagram destination, anc the ancillary data (its passed
     * files are dropped again when the send fails).
     */
    private long send(OpenFile f, byte[] b, long flags, InetSocketAddress to, UnixDgramSocket unixTo, Ancillary anc)
            throws IOException {
        boolean nonblock = (flags & MSG_DONTWAIT) != 0;
        OpenFile[] rights = anc != null ? anc.rights() : null;
        boolean sent = false;
        try {
            if (f instanceof UnixDgramSocket u) {
                int[] creds = anc != null && anc.creds() != null ? anc.creds() : Ancillary.credsOf(p);
                long r = NetWait.until(() -> u.trySend(b, unixTo, rights, creds), nonblock || u.nonblock());
                sent = true;
                return r;
            }
            if (f instanceof PairSocket ps) {
                int r = ps.send(b, 0, b.length, nonblock || ps.nonblock(), rights);
                sent = r > 0;
                return r;
            }
            ChannelSocket s = (ChannelSocket) f;
            if (s.type == ChannelSocket.SOCK_DGRAM) return s.sendTo(b, 0, b.length, to);
            return NetWait.until(() -> s.trySend(b, 0, b.length), nonblock || s.nonblock());
        } catch (IOException e) {
            int errno = NetWait.errno(e);
            if (errno == Errno.EPIPE && (flags & MSG_NOSIGNAL) == 0) sigpipe();
            return -errno;
        } finally {
            if (!sent) Ancillary.dropAll(rights);
        }
    }

    /** Receives into a new array (its length is the count); from[0] gets a datagram's sender. */
    private byte[] recv(OpenFile f, int len, long flags, SocketAddress[] from) throws IOException {
        return recv(f, len, flags, from, null);
    }

    /**
     * A receive that, given got (for recvmsg), leaves in got[0] the {@link UnixDgramSocket.Message}
     * of an AF_UNIX datagram (or the passed files of a stream pair, as an OpenFile[]); without
     * it passed files are dropped, as read() and recvfrom() do.
     */
    private byte[] recv(OpenFile f, int len, long flags, SocketAddress[] from, Object[] got) throws IOException {
        boolean nonblock = (flags & MSG_DONTWAIT) != 0, peek = (flags & MSG_PEEK) != 0;
        if (f instanceof UnixDgramSocket u) {
            UnixDgramSocket.Message m = NetWait.until(() -> u.tryRecv(peek), nonblock || u.nonblock());
            if (peek && m.rights() != null) {
                OpenFile[] dup = m.rights().clone(); // a peek passes duplicates, as scm_fp_dup does
                for (OpenFile x : dup) x.retain();
                m = new UnixDgramSocket.Message(m.data(), m.from(), dup, m.creds());
            }
            if (got != null) got[0] = m;
            else Ancillary.dropAll(m.rights());
            int n = (flags & MSG_TRUNC) != 0 ? m.data().length : Math.min(len, m.data().length);
            return java.util.Arrays.copyOf(m.data(), n);
        }
        byte[] b = new byte[len];
        int n;
        if (f instanceof PairSocket ps) {
            if (peek) return new byte[0]; // not supported on pairs
            Object[] rights = new Object[1];
            n = ps.recv(b, 0, len, nonblock || ps.nonblock(), rights);
            if (got != null) got[0] = rights[0];
            else Ancillary.dropAll(java.util.Collections.singletonList(rights[0]));
        } else {
            ChannelSocket s = (ChannelSocket) f;
            if (s.type == ChannelSocket.SOCK_DGRAM) {
                int[] count = new int[1];
                from[0] = NetWait.until(() -> s.tryRecvFrom(b, 0, len, count, peek), nonblock || s.nonblock());
                n = count[0];
            } else {
                n = NetWait.until(() -> s.tryRecv(b, 0, len, peek), nonblock || s.nonblock());
                from[0] = s.peerAddress();
            }
        }
        return java.util.Arrays.copyOf(b, n);
    }

    private static int len(long n) { return (int) Math.min(Math.max(n, 0), Layout.IO_CHUNK); }

    private long sendto(Cpu c, long fd, long buf, long n, long flags, long addr, long alen) throws IOException {
        OpenFile f = sock(fd);
        byte[] b = UserMem.read(c, buf, len(n));
        if (f instanceof UnixDgramSocket) return send(f, b, flags, null, addr != 0 ? unixDest(c, addr, alen) : null, null);
        InetSocketAddress to = null;
        if (addr != 0 && f instanceof ChannelSocket s && s.type == ChannelSocket.SOCK_DGRAM)
            to = SockAddr.readInet(c, addr, alen, s.family);
        return send(f, b, flags, to);
    }

    private long recvfrom(Cpu c, long fd, long buf, long n, long flags, long addr, long lenp) throws IOException {
        OpenFile f = sock(fd);
        if (f instanceof UnixDgramSocket) {
            Object[] got = new Object[1];
            byte[] b = recv(f, len(n), flags, null, got);
            UnixDgramSocket.Message m = (UnixDgramSocket.Message) got[0];
            Ancillary.dropAll(m.rights());
            UserMem.write(c, buf, b, 0, Math.min(b.length, len(n)));
            if (addr != 0) SockAddr.store(c, addr, lenp, m.from() != null ? m.from() : new byte[0]);
            return b.length;
        }
        SocketAddress[] from = new SocketAddress[1];
        byte[] b = recv(f, len(n), flags, from);
        UserMem.write(c, buf, b);
        if (addr != 0) storeFrom(c, f, from[0], addr, lenp);
        return b.length;
    }

    private static void storeFrom(Cpu c, OpenFile f, SocketAddress from, long addr, long lenp) {
        int fam = f instanceof ChannelSocket s ? s.family : SockAddr.AF_UNIX;
        if (f instanceof ChannelSocket s && s.type == ChannelSocket.SOCK_STREAM) { Mem.write32(c, lenp, 0); return; }
        SockAddr.store(c, addr, lenp, SockAddr.encode(from, fam));
    }

    /** struct msghdr: name @0, namelen @8, iov @16, iovlen @24, control @32, controllen @40, flags @48. */
    private long sendmsg(Cpu c, long fd, long msg, long flags) throws IOException {
        OpenFile f = sock(fd);
        long name = Mem.read64(c, msg), namelen = Mem.read32(c, msg + 8);
        long iov = Mem.read64(c, msg + 16), cnt = Mem.read64(c, msg + 24);
        if (cnt < 0 || cnt > 1024) return -Errno.EINVAL;
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < cnt; i++) {
            long base = Mem.read64(c, iov + 16L * i), n = Mem.read64(c, iov + 16L * i + 8);
            all.write(UserMem.read(c, base, len(n)));
        }
        InetSocketAddress to = null;
        if (name != 0 && f instanceof ChannelSocket s && s.type == ChannelSocket.SOCK_DGRAM)
            to = SockAddr.readInet(c, name, namelen, s.family);
        long control = Mem.read64(c, msg + 32), controlLen = Mem.read64(c, msg + 40);
        if (!(f instanceof UnixDgramSocket) && !(f instanceof PairSocket)) {
            if (f instanceof ChannelSocket s && s.family == SockAddr.AF_UNIX && control != 0 && controlLen > 0) {
                // A path-bound stream is a host socket: passed files cannot travel through it.
                Ancillary anc = Ancillary.parse(c, control, controlLen, p);
                Ancillary.dropAll(anc.rights());
                if (anc.rights() != null) return -Errno.EOPNOTSUPP;
            }
            return send(f, all.toByteArray(), flags, to);
        }
        UnixDgramSocket unixTo = name != 0 && f instanceof UnixDgramSocket ? unixDest(c, name, namelen) : null;
        Ancillary anc = control != 0 && controlLen > 0 ? Ancillary.parse(c, control, controlLen, p) : null;
        return send(f, all.toByteArray(), flags, null, unixTo, anc);
    }

    private long recvmsg(Cpu c, long fd, long msg, long flags) throws IOException {
        OpenFile f = sock(fd);
        long name = Mem.read64(c, msg);
        long iov = Mem.read64(c, msg + 16), cnt = Mem.read64(c, msg + 24);
        if (cnt < 0 || cnt > 1024) return -Errno.EINVAL;
        long total = 0;
        for (int i = 0; i < cnt; i++) total += Mem.read64(c, iov + 16L * i + 8);
        SocketAddress[] from = new SocketAddress[1];
        Object[] got = new Object[1];
        byte[] b = recv(f, len(total), flags, from, got);
        int full = b.length;
        if (f instanceof UnixDgramSocket) {
            b = java.util.Arrays.copyOf(b, (int) Math.min(b.length, Math.min(total, Layout.IO_CHUNK)));
            full = ((UnixDgramSocket.Message) got[0]).data().length;
        }
        int off = 0;
        for (int i = 0; i < cnt && off < b.length; i++) {
            long base = Mem.read64(c, iov + 16L * i);
            int n = (int) Math.min(Mem.read64(c, iov + 16L * i + 8), b.length - off);
            UserMem.write(c, base, b, off, n);
            off += n;
        }
        long control = Mem.read64(c, msg + 32), controlLen = Mem.read64(c, msg + 40);
        OpenFile[] rights = null;
        int[] creds = null;
        boolean passCred = false;
        int msgFlags = 0;
        if (f instanceof UnixDgramSocket u) {
            UnixDgramSocket.Message m = (UnixDgramSocket.Message) got[0];
            if (name != 0) SockAddr.store(c, name, msg + 8, m.from() != null ? m.from() : new byte[0]);
            rights = m.rights();
            creds = m.creds();
            passCred = u.passCred;
            if (full > b.length) msgFlags |= MSG_TRUNC;
        } else {
            if (name != 0) storeFrom(c, f, from[0], name, msg + 8);
            if (got[0] instanceof OpenFile[] r) rights = r;
        }
        long[] d = Ancillary.deliver(c, control, Math.max(0, controlLen), rights, passCred ? creds : null,
            (flags & Ancillary.MSG_CMSG_CLOEXEC) != 0, p);
        Mem.write64(c, msg + 40, d[0]);
        Mem.write32(c, msg + 48, msgFlags | (int) d[1]);
        return (flags & MSG_TRUNC) != 0 ? full : b.length;
    }

    private long shutdown(Cpu c, long fd, long how) throws IOException {
        if (how < 0 || how > 2) return -Errno.EINVAL;
        OpenFile f = sock(fd);
        if (f instanceof UnixDgramSocket u) u.shutdown((int) how);
        else if (f instanceof PairSocket ps) ps.shutdown((int) how);
        else ((ChannelSocket) f).shutdown((int) how);
        return 0;
    }

    private long setsockopt(Cpu c, long fd, long level, long name, long val, long len) throws IOException {
        OpenFile f = sock(fd);
        if (len < 4) return -Errno.EINVAL;
        boolean on = Mem.read32(c, val) != 0;
        ChannelSocket s = f instanceof ChannelSocket i ? i : null;
        if (level == SOL_SOCKET) {
            switch ((int) name) {
                case SO_REUSEADDR -> { if (s != null) s.setReuseAddr(on); }
                case SO_KEEPALIVE, SO_SNDBUF, SO_RCVBUF -> { }
                case SO_PASSCRED -> { if (f instanceof UnixDgramSocket u) u.passCred = on; }
                default -> { return -Errno.ENOPROTOOPT; }
            }
            return 0;
        }
        if (level == IPPROTO_TCP && (s == null || s.family == SockAddr.AF_UNIX)) return -Errno.EOPNOTSUPP;
        if (level == IPPROTO_TCP && name == TCP_NODELAY && s != null && s.type == ChannelSocket.SOCK_STREAM) {
            s.setNoDelay(on);
            return 0;
        }
        return -Errno.ENOPROTOOPT;
    }

    private long getsockopt(Cpu c, long fd, long level, long name, long val, long lenp) throws IOException {
        OpenFile f = sock(fd);
        ChannelSocket s = f instanceof ChannelSocket i ? i : null;
        int v;
        if (level == SOL_SOCKET) {
            v = switch ((int) name) {
                case SO_REUSEADDR -> s != null && s.reuseAddr() ? 1 : 0;
                case SO_TYPE -> s != null ? s.type : f instanceof UnixDgramSocket u ? u.type : ChannelSocket.SOCK_STREAM;
                case SO_DOMAIN -> s != null ? s.family : SockAddr.AF_UNIX;
                case SO_PASSCRED -> f instanceof UnixDgramSocket u && u.passCred ? 1 : 0;
                case SO_ERROR -> s != null ? s.takeError() : 0;
                default -> -1;
            };
            if (v < 0) return -Errno.ENOPROTOOPT;
        } else if (level == IPPROTO_TCP && (s == null || s.family == SockAddr.AF_UNIX)) {
            return -Errno.EOPNOTSUPP;
        } else if (level == IPPROTO_TCP && name == TCP_NODELAY && s != null && s.type == ChannelSocket.SOCK_STREAM) {
            v = s.noDelay() ? 1 : 0;
        } else {
            return -Errno.ENOPROTOOPT;
        }
        int cap = (int) Mem.read32(c, lenp);
        if (cap < 0) return -Errno.EINVAL;
        byte[] b = UserMem.struct(4).putInt(0, v).array();
        UserMem.write(c, val, b, 0, Math.min(cap, 4));
        Mem.write32(c, lenp, Math.min(cap, 4));
        return 0;
    }
}
