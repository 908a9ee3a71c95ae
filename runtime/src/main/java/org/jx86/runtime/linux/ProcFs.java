package org.jx86.runtime.linux;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.jx86.vmm.mem.Vma;

/**
 * The entries of /proc/self that must describe the guest rather than the JVM: exe, cwd,
 * fd/N (links), maps, cmdline, environ (contents). Everything else under /proc is the host's.
 */
public final class ProcFs {
    private ProcFs() {}

    /** readlink target of /proc/self/{rest}, or null when not one of ours. */
    public static String readlink(LinuxProcess p, String rest) {
        if (rest.equals("exe")) return p.paths().guestName(p.exe());
        if (rest.equals("cwd")) return p.paths().guestName(p.cwd());
        if (rest.equals("root")) return "/";
        if (rest.startsWith("fd/")) {
            try {
                OpenFile f = p.fds().get(Integer.parseInt(rest.substring(3)));
                // Under --root, a file's link is its name inside the root.
                if (p.paths().jail() != null && f.path() != null) return p.paths().guestName(f.path());
                return f.procLink();
            } catch (NumberFormatException | LinuxError e) {
                throw new LinuxError(Errno.ENOENT);
            }
        }
        return null;
    }

    /** The host file /proc/self/{rest} stands for (exe, cwd), or null. */
    public static Path alias(LinuxProcess p, String rest) {
        if (rest.equals("exe")) return p.exe();
        if (rest.equals("cwd")) return p.cwd();
        if (rest.startsWith("fd/")) {
            try {
                return p.fds().get(Integer.parseInt(rest.substring(3))).path();
            } catch (NumberFormatException | LinuxError e) {
                throw new LinuxError(Errno.ENOENT);
            }
        }
        return null;
    }

    /** A synthesized file for /proc/self/{rest} (or {@link #CPUINFO}), or null. */
    public static OpenFile open(LinuxProcess p, String rest) {
        return switch (rest) {
            case "maps" -> new BytesFile("/proc/self/maps", maps(p));
            case "cmdline" -> new BytesFile("/proc/self/cmdline", nulJoined(p.argv()));
            case "environ" -> new BytesFile("/proc/self/environ", nulJoined(p.envp()));
            case "auxv" -> new BytesFile("/proc/self/auxv", p.auxv());
            case "status" -> new BytesFile("/proc/self/status", HostPaths.bytes(status(p)));
            case CPUINFO -> new BytesFile("/proc/cpuinfo", HostPaths.bytes(CpuInfo.text(cpuid(p),
                Runtime.getRuntime().availableProcessors())));
            default -> null;
        };
    }

    /**
     * The key {@link PathResolver#procSelf} gives /proc/cpuinfo: not under /proc/self, but
     * it must describe the guest's CPUID model rather than the host CPU.
     */
    public static final String CPUINFO = "../cpuinfo";

    private static org.jx86.vmm.cpu.CpuidModel cpuid(LinuxProcess p) {
        org.jx86.vmm.Cpu c = p.mainCpu();
        return c != null ? c.cpuid : org.jx86.vmm.cpu.CpuidModel.USER;
    }

    /** The basic lines of /proc/self/status, in the kernel's order (fs/proc/array.c). */
    static String status(LinuxProcess p) {
        HostIds ids = HostIds.CURRENT;
        String comm = new String(p.comm(), java.nio.charset.StandardCharsets.ISO_8859_1);
        long vm = 0;
        for (Vma v : p.space().mappings()) vm += v.length();
        return "Name:\t" + comm + "\n"
            + String.format("Umask:\t%04o\n", p.umask())
            + "State:\tR (running)\n"
            + "Tgid:\t" + p.pid() + "\n"
            + "Ngid:\t0\n"
            + "Pid:\t" + p.pid() + "\n"
            + "PPid:\t" + LinuxProcess.PPID + "\n"
            + "TracerPid:\t0\n"
            + "Uid:\t" + ids.uid + "\t" + ids.uid + "\t" + ids.uid + "\t" + ids.uid + "\n"
            + "Gid:\t" + ids.gid + "\t" + ids.gid + "\t" + ids.gid + "\t" + ids.gid + "\n"
            + "FDSize:\t64\n"
            + "VmSize:\t" + String.format("%8d", vm / 1024) + " kB\n"
            + "Threads:\t" + Math.max(1, p.threads().count()) + "\n";
    }

    /** The auxv pairs of an initial stack (argc, argv, NULL, envp, NULL, auxv): what /proc/self/auxv shows. */
    static byte[] auxvFromStack(org.jx86.vmm.mem.AddressSpace as, long rsp) {
        long a = rsp + 8 + 8 * (peek64(as, rsp) + 1);
        while (peek64(as, a) != 0) a += 8;
        a += 8;
        long start = a;
        while (peek64(as, a) != Auxv.AT_NULL) a += 16;
        byte[] b = new byte[(int) (a + 16 - start)];
        as.peek(start, b, 0, b.length);
        return b;
    }

    private static long peek64(org.jx86.vmm.mem.AddressSpace as, long a) {
        byte[] b = new byte[8];
        as.peek(a, b, 0, 8);
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static byte[] maps(LinuxProcess p) {
        StringBuilder sb = new StringBuilder();
        for (Vma v : p.space().mappings()) {
            int start = sb.length();
            // show_map_vma: the header always ends with a space; a name is padded to column 73.
            // MAP_SHARED mappings show 's' and their offset in the object.
            sb.append(String.format("%08x-%08x %c%c%c%c %08x 00:00 %d ", v.start(), v.end(),
                (v.prot() & Vma.PROT_READ) != 0 ? 'r' : '-', (v.prot() & Vma.PROT_WRITE) != 0 ? 'w' : '-',
                (v.prot() & Vma.PROT_EXEC) != 0 ? 'x' : '-', v.shared() != null ? 's' : 'p',
                v.shared() != null ? v.sharedPage() * Layout.PAGE_SIZE : 0, 0));
            if (!v.name().isEmpty()) {
                while (sb.length() - start < 73) sb.append(' ');
                sb.append(v.name());
            }
            sb.append('\n');
        }
        return HostPaths.bytes(sb.toString());
    }

    private static byte[] nulJoined(java.util.List<String> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : items) {
            out.writeBytes(HostPaths.bytes(s));
            out.write(0);
        }
        return out.toByteArray();
    }
}
