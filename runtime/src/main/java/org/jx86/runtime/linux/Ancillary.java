package org.jx86.runtime.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * Ancillary data of sendmsg/recvmsg on AF_UNIX sockets (cmsg(3), net/core/scm.c): SCM_RIGHTS
 * (passed open files) and SCM_CREDENTIALS (struct ucred: pid, uid, gid).
 *
 * <pre>
 * struct cmsghdr (x86-64):  0: size_t cmsg_len (header + data)   8: int level   12: int type   16: data
 * next header at CMSG_ALIGN(cmsg_len) (multiple of 8); CMSG_SPACE(n) = 16 + CMSG_ALIGN(n)
 * </pre>
 *
 * @param rights the passed files, each holding one reference of its own (null: none)
 * @param creds  pid, uid, gid (null: none)
 */
record Ancillary(OpenFile[] rights, int[] creds) {
    static final int SOL_SOCKET = 1, SCM_RIGHTS = 1, SCM_CREDENTIALS = 2;
    static final int HDR = 16, SCM_MAX_FD = 253, UCRED = 12;
    static final int MSG_CTRUNC = 8, MSG_CMSG_CLOEXEC = 0x4000_0000;

    static long align(long n) { return (n + 7) & ~7L; }

    /**
     * Parses msg_control as __scm_send does: EINVAL for a malformed header or an unknown
     * SOL_SOCKET type, EBADF for a bad fd, EPERM for credentials not the sender's own; other
     * levels are skipped. Takes a reference on every passed file (dropped again on error).
     */
    static Ancillary parse(Cpu c, long control, long len, LinuxProcess p) {
        List<OpenFile> files = new ArrayList<>();
        int[] creds = null;
        try {
            for (long off = 0; len - off >= HDR; ) {
                long cl = Mem.read64(c, control + off);
                if (cl < HDR || cl > len - off) throw new LinuxError(Errno.EINVAL);
                int level = (int) Mem.read32(c, control + off + 8), type = (int) Mem.read32(c, control + off + 12);
                long data = control + off + HDR;
                if (level == SOL_SOCKET) {
                    if (type == SCM_RIGHTS) {
                        int n = (int) ((cl - HDR) / 4);
                        if (n <= 0 || files.size() + n > SCM_MAX_FD) throw new LinuxError(Errno.EINVAL);
                        for (int i = 0; i < n; i++) {
                            OpenFile f = p.fds().get((int) Mem.read32(c, data + 4L * i));
                            f.retain();
                            files.add(f);
                        }
                    } else if (type == SCM_CREDENTIALS) {
                        if (cl != HDR + UCRED) throw new LinuxError(Errno.EINVAL);
                        int pid = (int) Mem.read32(c, data), uid = (int) Mem.read32(c, data + 4),
                            gid = (int) Mem.read32(c, data + 8);
                        if (pid != p.pid() || uid != (int) HostIds.CURRENT.uid || gid != (int) HostIds.CURRENT.gid)
                            throw new LinuxError(Errno.EPERM);
                        creds = new int[] {pid, uid, gid};
                    } else {
                        throw new LinuxError(Errno.EINVAL);
                    }
                }
                off += align(cl);
            }
        } catch (RuntimeException e) {
            dropAll(files.toArray(new OpenFile[0]));
            throw e;
        }
        return new Ancillary(files.isEmpty() ? null : files.toArray(new OpenFile[0]), creds);
    }

    /** The sender's own credentials, as the kernel attaches them for a receiver with SO_PASSCRED. */
    static int[] credsOf(LinuxProcess p) {
        return new int[] {p.pid(), (int) HostIds.CURRENT.uid, (int) HostIds.CURRENT.gid};
    }

    /**
     * Writes received ancillary data into msg_control as scm_recv does (credentials first when
     * wanted, then the files, installed as new fds) and returns {bytes used, MSG_CTRUNC or 0}.
     * A short buffer takes as many fds as fit; the rest are closed and MSG_CTRUNC is set.
     */
    static long[] deliver(Cpu c, long control, long len, OpenFile[] rights, int[] creds, boolean cloexec,
                          LinuxProcess p) {
        long used = 0;
        int flags = 0;
        if (control == 0) len = 0;
        if (creds != null) {
            long cm = HDR + UCRED;
            if (len - used < HDR) {
                flags |= MSG_CTRUNC;
            } else {
                if (len - used < cm) {
                    flags |= MSG_CTRUNC;
                    cm = len - used;
                }
                byte[] b = UserMem.struct((int) cm).putLong(0, cm).putInt(8, SOL_SOCKET).putInt(12, SCM_CREDENTIALS)
                    .array();
                byte[] full = UserMem.struct(UCRED).putInt(0, creds[0]).putInt(4, creds[1]).putInt(8, creds[2]).array();
                System.arraycopy(full, 0, b, HDR, (int) cm - HDR);
                UserMem.write(c, control + used, b);
                used += Math.min(align(HDR + UCRED), len - used);
            }
        }
        if (rights != null) {
            long room = len - used;
            int max = room <= HDR ? 0 : (int) Math.min(rights.length, (room - HDR) / 4);
            int i = 0;
            byte[] fds = new byte[4 * max];
            try {
                for (; i < max; i++) {
                    int fd = p.fds().install(rights[i], cloexec);
                    rights[i] = null; // the table owns that reference now
                    fds[4 * i] = (byte) fd;
                    fds[4 * i + 1] = (byte) (fd >> 8);
                    fds[4 * i + 2] = (byte) (fd >> 16);
                    fds[4 * i + 3] = (byte) (fd >> 24);
                }
            } catch (LinuxError e) {
                // EMFILE: what fit stays installed, the rest is dropped
            }
            if (i > 0) {
                long cm = HDR + 4L * i;
                byte[] b = UserMem.struct(HDR).putLong(0, cm).putInt(8, SOL_SOCKET).putInt(12, SCM_RIGHTS).array();
                UserMem.write(c, control + used, b);
                UserMem.write(c, control + used + HDR, fds, 0, 4 * i);
                used += Math.min(align(cm), len - used);
            }
            if (i < rights.length) flags |= MSG_CTRUNC;
            dropAll(rights);
        }
        return new long[] {used, flags};
    }

    /** Drops the references passed files hold (a message discarded, a socket closed with it queued). */
    static void dropAll(OpenFile[] files) {
        if (files == null) return;
        for (OpenFile f : files) {
            if (f == null) continue;
            try {
                if (f.dropRef()) f.release();
            } catch (IOException e) {
                // closing a file nobody can see any more
            }
        }
    }

    /** Drops attachments of a stream (each an OpenFile[]). */
    static void dropAll(List<Object> attachments) {
        for (Object o : attachments) if (o instanceof OpenFile[] files) dropAll(files);
            else if (o instanceof OpenFile f) dropAll(new OpenFile[] {f});
    }
}
