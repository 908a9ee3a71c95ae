package org.jx86.runtime.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * execve and execveat: replace the calling process's image with an ELF program (static,
 * static-pie, or dynamic through its PT_INTERP under the sysroot) or a {@code #!} script,
 * as Linux's {@code do_execveat_common} does.
 *
 * <ul>
 * <li>Errors leave the caller running: ENOENT (no file, or no ELF interpreter), EACCES (a
 *     directory, not a regular file, or not executable), ENOEXEC (neither ELF nor {@code #!}),
 *     ELOOP (scripts nested more than {@link #MAX_SCRIPT_DEPTH} deep), E2BIG.
 * <li>{@code #!interp [arg]}: the first line (at most {@link #BINPRM_BUF_SIZE} bytes), the
 *     interpreter up to the first blank, the rest with outer blanks stripped as one optional
 *     argument; argv becomes interp, [arg], the script's path as given, argv[1..].
 * <li>On success close-on-exec fds are closed, handled signals reset to SIG_DFL (ignored
 *     ones stay ignored), and the engine restarts on the new image.
 * </ul>
 */
final class ExecSyscalls {
    static final int BINPRM_BUF_SIZE = 256, MAX_SCRIPT_DEPTH = 4;
    /** MAX_ARG_STRLEN and a bound on the argument count like the kernel's stack limit check. */
    static final int MAX_ARG_STRLEN = 32 * 4096, MAX_ARGS = 0x7FFF_FFFF / 8;
    static final long MAX_ARG_BYTES = Layout.STACK_SIZE / 4;

    private final LinuxProcess p;

    ExecSyscalls(LinuxProcess p) { this.p = p; }

    void register(SyscallTable t) {
        t.sys3("execve", (c, path, argv, envp) -> execveat(c, OpenFlags.AT_FDCWD, path, argv, envp, 0));
        t.sys5("execveat", this::execveat);
    }

    long execveat(Cpu c, long dirfd, long pathAddr, long argvAddr, long envpAddr, long flags) {
        if ((flags & ~(OpenFlags.AT_EMPTY_PATH | OpenFlags.AT_SYMLINK_NOFOLLOW)) != 0) return -Errno.EINVAL;
        String path = UserMem.path(c, pathAddr);
        List<String> argv = strings(c, argvAddr);
        List<String> envp = strings(c, envpAddr);
        long total = 0;
        for (String s : argv) total += s.length() + 9;
        for (String s : envp) total += s.length() + 9;
        if (total > MAX_ARG_BYTES) return -Errno.E2BIG;
        Path file;
        String execfn = path;
        if (path.isEmpty()) {
            if ((flags & OpenFlags.AT_EMPTY_PATH) == 0) return -Errno.ENOENT;
            OpenFile f = p.fds().get(dirfd);
            if (f.path() == null) return -Errno.EACCES;
            file = f.path();
            execfn = "/dev/fd/" + dirfd;
        } else {
            file = p.paths().resolve(dirfd, path);
            if ("exe".equals(p.paths().procSelf(file))) file = p.exe(); // busybox re-executes itself this way
            if ((flags & OpenFlags.AT_SYMLINK_NOFOLLOW) != 0 && Files.isSymbolicLink(file)) return -Errno.ELOOP;
        }
        LinuxProcess image = load(file, execfn, argv, envp, 0);
        // de_thread: every other thread of the process ends first; the main thread's runner
        // continues with the new image. Another exit_group or fatal signal already under way wins.
        ExecReplaced replaced = new ExecReplaced(image);
        GuestThreads threads = p.threads();
        GuestThread self = threads.of(c);
        if (!threads.exitGroup(replaced, self)) return -Errno.EAGAIN;
        if (self.tid == p.pid()) threads.awaitOthers(self);
        // The point of no return: the old image is gone from here on.
        ProcessEntry e = p.entry();
        p.fds().closeOnExec();
        p.signals().execOnto(p.signals().thread(c), image.mainCpu());
        e.image = image;
        e.execed = true;
        e.releaseVfork();
        throw replaced;
    }

    /** Loads file (an ELF or a script) as the new image; throws LinuxError when it cannot be executed. */
    private LinuxProcess load(Path file, String execfn, List<String> argv, List<String> envp, int depth) {
        if (!Files.exists(file)) throw new LinuxError(Errno.ENOENT);
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) throw new LinuxError(Errno.EACCES);
        byte[] head = new byte[BINPRM_BUF_SIZE];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException ex) {
            throw new LinuxError(Errno.EACCES);
        }
        if (n >= 2 && head[0] == '#' && head[1] == '!') {
            if (depth >= MAX_SCRIPT_DEPTH) throw new LinuxError(Errno.ELOOP);
            String[] interp = shebang(head, n);
            List<String> args = new ArrayList<>();
            args.add(interp[0]);
            if (interp[1] != null) args.add(interp[1]);
            args.add(execfn);
            if (argv.size() > 1) args.addAll(argv.subList(1, argv.size()));
            Path ip = interp[0].startsWith("/") ? p.paths().host(interp[0]) : p.cwd().resolve(HostPaths.path(interp[0]));
            return load(ip, interp[0], args, envp, depth + 1);
        }
        try {
            return Exec.replace(p, file, execfn, argv, envp);
        } catch (GuestLoadException ex) {
            throw new LinuxError(ex.exitStatus() == GuestLoadException.NOT_FOUND ? Errno.ENOENT : Errno.ENOEXEC);
        }
    }

    /** The interpreter and optional argument of a #! line; ENOEXEC when it names none. */
    static String[] shebang(byte[] head, int n) {
        int end = 2;
        while (end < n && head[end] != '\n') end++;
        int i = 2;
        while (i < end && (head[i] == ' ' || head[i] == '\t')) i++;
        int start = i;
        while (i < end && head[i] != ' ' && head[i] != '\t' && head[i] != 0) i++;
        if (i == start) throw new LinuxError(Errno.ENOEXEC);
        String interp = HostPaths.string(java.util.Arrays.copyOfRange(head, start, i));
        while (i < end && (head[i] == ' ' || head[i] == '\t')) i++;
        int argEnd = end;
        while (argEnd > i && (head[argEnd - 1] == ' ' || head[argEnd - 1] == '\t'))
            argEnd--;
        String arg = argEnd > i ? HostPaths.string(java.util.Arrays.copyOfRange(head, i, argEnd)) : null;
        return new String[] {interp, arg};
    }

    /** A NULL-terminated array of string pointers (NULL itself = empty, as Linux allows). */
    private static List<String> strings(Cpu c, long addr) {
        List<String> out = new ArrayList<>();
        if (addr == 0) return out;
        for (int i = 0; ; i++) {
            if (i >= MAX_ARGS) throw new LinuxError(Errno.E2BIG);
            long s = Mem.read64(c, addr + 8L * i);
            if (s == 0) return out;
            out.add(HostPaths.string(UserMem.cString(c, s, MAX_ARG_STRLEN, Errno.E2BIG)));
        }
    }
}
