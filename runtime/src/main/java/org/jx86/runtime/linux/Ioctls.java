package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * ioctl for terminals and descriptors. A descriptor is a terminal when the host descriptor
 * behind it is one ({@link OpenFile#isTerminal}); for anything else the terminal requests
 * fail with ENOTTY, which is how isatty() answers "no".
 *
 * <p>The termios state is recorded per process and returned by TCGETS, but not applied to
 * the host terminal (the JDK cannot switch a terminal to raw mode); a full-screen program
 * still runs, with the host's line discipline.
 */
final class Ioctls {
    static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TCSBRK = 0x5409,
        TCXONC = 0x540A, TCFLSH = 0x540B, TIOCGPGRP = 0x540F, TIOCSPGRP = 0x5410, TIOCGWINSZ = 0x5413,
        TIOCSWINSZ = 0x5414, FIONREAD = 0x541B, TIOCGSID = 0x5429, FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451;
    /** sizeof(struct termios) as the kernel's TCGETS copies it: 4 flag words, c_line, c_cc[19]. */
    static final int TERMIOS_SIZE = 36;

    private final LinuxProcess p;
    private byte[] termios = defaultTermios();
    private final short[] winsize = {rows(), cols(), 0, 0};

    Ioctls(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) { t.sys3("ioctl", this::ioctl); }

    long ioctl(Cpu c, long fd, long req, long arg) throws IOException {
        OpenFile f = p.fds().get(fd);
        switch ((int) req) {
            case FIONREAD -> {
                Mem.write32(c, arg, f.available());
                return 0;
            }
            case FIONBIO -> {
                int on = (int) Mem.read32(c, arg);
                int fl = f.statusFlags();
                f.setStatusFlags(on != 0 ? fl | OpenFlags.O_NONBLOCK : fl & ~OpenFlags.O_NONBLOCK);
                return 0;
            }
            case FIOCLEX, FIONCLEX -> {
                p.fds().setCloseOnExec(fd, req == FIOCLEX);
                return 0;
            }
            default -> { }
        }
        if (!f.isTerminal()) return -Errno.ENOTTY;
        synchronized (this) {
            switch ((int) req) {
                case TCGETS -> UserMem.write(c, arg, termios);
                case TCSETS, TCSETSW, TCSETSF -> termios = UserMem.read(c, arg, TERMIOS_SIZE);
                case TIOCGWINSZ -> {
                    ByteBuffer b = UserMem.struct(8);
                    for (short s : winsize) b.putShort(s);
                    UserMem.write(c, arg, b);
                }
                case TIOCSWINSZ -> {
                    ByteBuffer b = UserMem.readStruct(c, arg, 8);
                    for (int i = 0; i < 4; i++) winsize[i] = b.getShort(2 * i);
                }
                case TIOCGPGRP -> Mem.write32(c, arg, p.entry().table().foreground());
                case TIOCSPGRP -> {
                    int r = p.entry().table().setForeground(p.entry(), (int) Mem.read32(c, arg));
                    if (r < 0) return r;
                }
                case TIOCGSID -> Mem.write32(c, arg, p.entry().sid());
                case TCSBRK, TCXONC, TCFLSH -> { }
                default -> { return -Errno.ENOTTY; }
            }
        }
        return 0;
    }

    /** The termios of a pts in its default cooked mode (what `stty -g` shows as 500:5:bf:8a3b:...). */
    static byte[] defaultTermios() {
        ByteBuffer b = UserMem.struct(TERMIOS_SIZE);
        b.putInt(0x500);      // c_iflag: ICRNL | IXON
        b.putInt(0x5);        // c_oflag: OPOST | ONLCR
        b.putInt(0xbf);       // c_cflag: B38400 | CS8 | CREAD
        b.putInt(0x8a3b);     // c_lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN
        b.put((byte) 0);      // c_line
        byte[] cc = {3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0, 0, 0};
        b.put(cc);
        return b.array();
    }

    private static short rows() { return envShort("LINES", 24); }

    private static short cols() { return envShort("COLUMNS", 80); }

    private static short envShort(String name, int dflt) {
        try {
            String v = System.getenv(name);
            return (short) (v != null ? Integer.parseInt(v.trim()) : dflt);
        } catch (NumberFormatException e) {
            return (short) dflt;
        }
    }
}
