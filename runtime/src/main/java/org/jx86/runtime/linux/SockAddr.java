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
        if (family == AF_UNIX) {
            ByteBuffer b = UserMem.struct(2).putShort(0, (short) AF_UNIX);
            return b.array();
        }
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

    /** Stores a sockaddr at addr with its length in *lenp, truncated to the buffer as Linux does. */
    static void store(Cpu c, long addr, long lenp, byte[] sa) {
        if (addr == 0 || lenp == 0) return;
        int cap = (int) Mem.read32(c, lenp);
        if (cap < 0) throw new LinuxError(Errno.EINVAL);
        UserMem.write(c, addr, sa, 0, Math.min(cap, sa.length));
        Mem.write32(c, lenp, sa.length);
    }
}
