package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.AddressSpace;

/**
 * execve for a fresh process: loads the program (and its PT_INTERP interpreter), builds the
 * initial stack and sets the registers of the first instruction, like Linux's
 * {@code load_elf_binary} with ASLR off.
 *
 * <ul>
 * <li>ET_EXEC loads at its own addresses; ET_DYN (static-pie or PIE) at {@link Layout#PIE_BASE}
 *     rounded down to the largest segment alignment.
 * <li>The interpreter loads from {@code sysroot + PT_INTERP}, placed top-down below
 *     {@link Layout#MMAP_TOP} as mmap would place it; execution starts at its entry, and
 *     AT_BASE is its load bias.
 * <li>The program break starts at the page-aligned end of the main program.
 * <li>At entry every GPR is 0 except RSP (pointing at argc, 16-byte aligned); RDX = 0 means
 *     "no exit handler from the dynamic linker"; RFLAGS = 0x202.
 * </ul>
 */
public final class Exec {
    private Exec() {}

    /**
     * Loads program into a new process.
     *
     * @param program   the host file to run
     * @param execfn    the name it was run by (AT_EXECFN), as a shell would pass it to execve
     * @param argv      argv, argv[0] included
     * @param envp      "NAME=value" strings
     * @param hostStdio whether fds 0, 1, 2 are the JVM's standard streams
     */
    public static LinuxProcess load(ProcessOptions options, Path program, String execfn, List<String> argv,
                                    List<String> envp, boolean hostStdio) throws GuestLoadException {
        if (options.root() != null && !Files.isDirectory(options.root()))
            throw new GuestLoadException(GuestLoadException.NOT_FOUND, "--root " + options.root() + ": not a directory");
        Path exe = realPath(program);
        Image img = loadImage(options, program);
        LinuxProcess process = new LinuxProcess(options, img.as, hostStdio, exe, argv, envp);
        start(process, img, execfn, argv, envp);
        return process;
    }

    /**
     * execve of a running process: loads program into a new address space and returns the
     * image that replaces old (same pid, fds, cwd; the caller closes close-on-exec fds). Fails
     * without touching old, so the caller can still return the error.
     */
    static LinuxProcess replace(LinuxProcess old, Path program, String execfn, List<String> argv, List<String> envp)
            throws GuestLoadException {
        Image img = loadImage(old.options(), program);
        LinuxProcess process = old.execImage(img.as, realPath(program), argv, envp);
        start(process, img, execfn, argv, envp);
        old.space().releaseShared();
        return process;
    }

    /** A loaded program and its interpreter in a fresh address space, before the stack exists. */
    private record Image(AddressSpace as, LoadedElf main, LoadedElf interp) {}

    private static Image loadImage(ProcessOptions options, Path program) throws GuestLoadException {
        ElfFile elf = ElfFile.parse(program);
        AddressSpace as = new AddressSpace();
        LoadedElf main = ElfLoader.load(as, elf, elf.isDyn() ? pieBias(elf) : 0, realPath(program).toString());
        LoadedElf interp = null;
        if (elf.interp != null) interp = loadInterpreter(options, as, elf.interp);
        return new Image(as, main, interp);
    }

    /** Sets the break, builds the initial stack and the main vCPU of process. */
    private static void start(LinuxProcess process, Image img, String execfn, List<String> argv, List<String> envp)
            throws GuestLoadException {
        ProcessOptions options = process.options();
        AddressSpace as = img.as;
        LoadedElf main = img.main, interp = img.interp;
        process.memory().initBrk(main.end());

        byte[] random = new byte[16];
        new SplitMix64(options.seed()).nextBytes(random, 0, 16);
        HostIds ids = HostIds.CURRENT;
        long rsp = InitialStack.build(as, bytes(argv), bytes(envp), HostPaths.bytes(execfn), random,
            new InitialStack.AuxInfo(main.phdrAddr(), main.phnum(), interp != null ? interp.bias() : 0,
                main.entry(), ids.uid, ids.uid, ids.gid, ids.gid));

        process.setAuxv(ProcFs.auxvFromStack(as, rsp));
        Cpu cpu = new Cpu(as);
        cpu.s[Slots.RSP] = rsp;
        cpu.rip = interp != null ? interp.entry() : main.entry();
        Flags.setRflags(cpu, 0x202);
        cpu.owner = process;
        process.setMainCpu(cpu);
    }

    /** Load bias of a position-independent main program (ELF_ET_DYN_BASE, aligned). */
    static long pieBias(ElfFile elf) {
        long base = Layout.PIE_BASE & ~(elf.maxAlign() - 1);
        return Layout.pageDown(base - elf.loads.get(0).vaddr());
    }

    private static LoadedElf loadInterpreter(ProcessOptions options, AddressSpace as, String name)
            throws GuestLoadException {
        Path path = name.startsWith("/") ? options.sysroot().resolve(name.substring(1)) : options.sysroot().resolve(name);
        if (options.root() != null) {
            // Under --root the interpreter is the root's own, found as the guest would find it.
            try {
                path = new RootJail(options.root()).resolve("/", name, true, null);
            } catch (IOException | LinuxError e) {
                throw new GuestLoadException(GuestLoadException.NOT_FOUND, "interpreter " + name + " not found under "
                    + options.root());
            }
        }
        if (!Files.exists(path))
            throw new GuestLoadException(GuestLoadException.NOT_FOUND, "interpreter " + name + " not found"
                + (options.hasSysroot() ? " under " + options.sysroot()
                    : " (dynamically linked: give --sysroot DIR, or link with -static)"));
        try {
            ElfFile ie = ElfFile.parse(path);
            if (ie.interp != null) throw new GuestLoadException("has an interpreter of its own");
            long bias = 0;
            if (ie.isDyn()) {
                long span = ie.highPage() - ie.lowPage();
                long at = as.findFree(span, Layout.MMAP_TOP, Layout.MMAP_MIN);
                if (at < 0) throw new GuestLoadException("does not fit in the address space");
                bias = at - ie.lowPage();
            }
            return ElfLoader.load(as, ie, bias, realPath(path).toString());
        } catch (GuestLoadException e) {
            throw new GuestLoadException(e.exitStatus(), "interpreter " + name + ": " + e.getMessage());
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static List<byte[]> bytes(List<String> strings) {
        List<byte[]> out = new ArrayList<>(strings.size());
        for (String s : strings) out.add(HostPaths.bytes(s));
        return out;
    }
}
