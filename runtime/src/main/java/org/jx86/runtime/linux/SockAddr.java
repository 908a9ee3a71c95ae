package org.jx86.runtime.linux;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * Linux's sockaddr_in (16 bytes: family, port in network order, address), sockaddr_in6 (28:
 * family, port, flowinfo, address, scope id) and the AF_UNIX family number, converted to and
 * from the JDK's socket addresses.
 */
final class SockAddr {
    static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    static final int IN_LEN = 16, IN6_LEN = 28;

    private SockAddr() {}

    /** Reads a sockaddr of the given family from guest memory; EINVAL / EAFNOSUPPORT when malformed. */
    static InetSocketAddress readInet(Cpu c, long addr, long len, int family) {
        if (len < 2) throw new LinuxError(Errno.EINVAL);
        int fam = (int) Mem.read16(c, addr);
        if (fam != family) throw new LinuxError(Errno.EAFNOSUPPORT);
        int need = family == AF_INET ? IN_LEN : IN6_LEN;
        if (len < need) throw new LinuxError(Errno.EINVAL);
        ByteBuffer b = ByteBuffer.wrap(UserMem.read(c, addr, need)).order(ByteOrder.BIG_ENDIAN);
        int port = b.getShort(2) & 0xFFFF;
        try {
            if (family == AF_INET) {
                byte[] ip = new byte[4];
                b.get(4, ip);
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            }
            byte[] ip = new byte[16];
            b.get(8, ip);
            int scope = Integer.reverseBytes(b.getInt(24));
            return new InetSocketAddress(Inet6Address.getByAddress(null, ip, scope), port);
        } catch (UnknownHostException e) {
            throw new LinuxError(Errno.EINVAL);
        }
    }

    /** The sockaddr bytes of a JDK address for a socket of the given family. */
    static byte[] encode(SocketAddress a, int family) {
        if (family == AF_UNIX) return UserMem.struct(2).putShort(0, (short) AF_UNIX).array();
        InetSocketAddress ia = a instanceof InetSocketAddress i ? i : null;
        int port = ia == null ? 0 : ia.getPort();
        InetAddress ip = ia == null ? null : ia.getAddress();
        if (family == AF_INET) {
            ByteBuffer b = ByteBuffer.allocate(IN_LEN).order(ByteOrder.BIG_ENDIAN);
            b.putShort(0, Short.reverseBytes((short) AF_INET)).putShort(2, (short) port);
            if (ip instanceof Inet4Address) b.put(4, ip.getAddress());
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(IN6_LEN).order(ByteOrder.BIG_ENDIAN);
        b.putShort(0, Short.reverseBytes((short) AF_INET6)).putShort(2, (short) port);
        if (ip instanceof Inet6Address v6) {
            b.put(8, v6.getAddress());
            b.putInt(24, Integer.reverseBytes(v6.getScopeId()));
        } else if (ip instanceof Inet4Address v4) { // v4-mapped
            b.put(18, (byte) 0xFF).put(19, (byte) 0xFF).put(20, v4.getAddress());
        }
        return b.array();
    }

    /** sockaddr_un's sun_path size. */
    static final int UN_PATH = 108;
    private static java.nio.file.Path abstractDir;

    /** The guest's sockaddr_un bytes (family, path, NUL), trimmed to what Linux reports. */
    static byte[] readUnixRaw(Cpu c, long addr, long len) {
        if (len < 2 || len > 2 + UN_PATH) throw new LinuxError(Errno.EINVAL);
        byte[] b = UserMem.read(c, addr, (int) len);
        if ((b[0] & 0xFF | (b[1] & 0xFF) << 8) != AF_UNIX) throw new LinuxError(Errno.EAFNOSUPPORT);
        if (len == 2) throw new LinuxError(Errno.EINVAL);
        if (b[2] == 0) return b; // abstract: every byte counts
        int end = 2;
        while (end < b.length && b[end] != 0) end++;
        byte[] r = java.util.Arrays.copyOf(b, end + 1);
        r[end] = 0;
        return r;
    }

    /** The path a sockaddr_un names: an abstract name maps to a file in a JVM-private directory. */
    static java.nio.file.Path unixHostPath(byte[] raw, PathResolver paths, boolean create) throws java.io.IOException {
        if (raw[2] == 0) {
            synchronized (SockAddr.class) {
                if (abstractDir == null) {
                    abstractDir = java.nio.file.Files.createTempDirectory("jx86-abstract");
                    abstractDir.toFile().deleteOnExit();
                }
            }
            StringBuilder sb = new StringBuilder("a");
            for (int i = 3; i < raw.length; i++) sb.append(String.format("%02x", raw[i] & 0xFF));
            return abstractDir.resolve(sb.toString());
        }
        String guest = HostPaths.string(java.util.Arrays.copyOfRange(raw, 2, raw.length - 1));
        return create ? paths.resolveForChange(OpenFlags.AT_FDCWD, guest) : paths.resolve(OpenFlags.AT_FDCWD, guest);
    }

    /** Stores a sockaddr at addr with its length in *lenp, truncated to the buffer as Linux does. */
    static void store(Cpu c, long addr, long lenp, byte[] sa) {
        if (addr == 0 || lenp == 0) return;
        int cap = (int) Mem.read32(c, lenp);
        if (cap < 0) throw new LinuxError(Errno.EINVAL);
        UserMem.write(c, addr, sa, 0, Math.min(cap, sa.length));
        Mem.write32(c, lenp, sa.length);
    }
}
