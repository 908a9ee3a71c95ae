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
        if (rest.equals("exe")) return p.exe().toString();
        if (rest.equals("cwd")) return p.cwd().toString();
        if (rest.equals("root")) return "/";
        if (rest.startsWith("fd/")) {
            try {
                return p.fds().get(Integer.parseInt(rest.substring(3))).procLink();
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

    /** A synthesized file for /proc/self/{rest}, or null. */
    public static OpenFile open(LinuxProcess p, String rest) {
        return switch (rest) {
            case "maps" -> new BytesFile("/proc/self/maps", maps(p));
            case "cmdline" -> new BytesFile("/proc/self/cmdline", nulJoined(p.argv()));
            case "environ" -> new BytesFile("/proc/self/environ", nulJoined(p.envp()));
            default -> null;
        };
    }

    static byte[] maps(LinuxProcess p) {
        StringBuilder sb = new StringBuilder();
        for (Vma v : p.space().mappings()) {
            int start = sb.length();
            sb.append(String.format("%08x-%08x %c%c%cp %08x 00:00 %d", v.start(), v.end(),
                (v.prot() & Vma.PROT_READ) != 0 ? 'r' : '-', (v.prot() & Vma.PROT_WRITE) != 0 ? 'w' : '-',
                (v.prot() & Vma.PROT_EXEC) != 0 ? 'x' : '-', 0, 0));
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
