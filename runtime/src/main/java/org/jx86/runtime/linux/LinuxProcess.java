package org.jx86.runtime.linux;

import java.nio.file.Path;
import java.util.List;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.AddressSpace;

/**
 * One guest process: its address space, file descriptors, working directory, signal state,
 * limits and identity. Created by {@link Exec#load}; the system calls in
 * {@link LinuxSyscalls} read and change it. Shared by all threads of the process.
 */
public final class LinuxProcess {
    /**
     * The first guest's pid and its parent's, as the guest sees them: stable numbers, not the
     * host's; forked children get the next free pids above PID.
     */
    public static final int PID = 1000, PPID = 999;

    private final ProcessOptions options;
    private final AddressSpace space;
    private final ProcessMemory memory;
    private final FdTable fds;
    private final SignalState signals;
    private final SignalDelivery signalDelivery;
    private final Futexes futexes = new Futexes();
    private final Rlimits rlimits;
    private final ProcessEntry entry;
    private final SplitMix64 random;
    private final PathResolver paths;
    private final Path exe;
    private final List<String> argv;
    private final List<String> envp;
    private volatile Path cwd;
    private volatile int umask = 022;
    private volatile byte[] comm;
    private final GuestThreads threads = new GuestThreads(this);
    /** The auxiliary vector the process started with (/proc/self/auxv); AT_NULL only until set. */
    private volatile byte[] auxv = new byte[16];
    private Cpu mainCpu;

    /**
     * @param hostStdio give the guest the JVM's stdin, stdout and stderr as fds 0, 1, 2
     *                  (else the table starts empty, for tests and embedders)
     * @param exe       absolute host path of the program (what /proc/self/exe shows)
     * @param argv      the guest's argv
     * @param envp      the guest's environment, "NAME=value" strings
     */
    public LinuxProcess(ProcessOptions options, AddressSpace space, boolean hostStdio, Path exe, List<String> argv,
                        List<String> envp) {
        this.options = options;
        this.space = space;
        this.memory = new ProcessMemory(space);
        this.rlimits = new Rlimits();
        this.fds = hostStdio ? FdTable.withHostStdio(this::nofile) : new FdTable(this::nofile);
        this.signals = new SignalState();
        this.exe = exe;
        this.argv = List.copyOf(argv);
        this.envp = List.copyOf(envp);
        this.random = new SplitMix64(options.seed() ^ 0x5851_f42d_4c95_7f2dL);
        this.cwd = Path.of("").toAbsolutePath();
        this.paths = new PathResolver(this);
        if (paths.jail() != null && paths.jail().guestPath(cwd) == null) cwd = paths.jail().root();
        this.comm = commOf(exe);
        this.entry = new ProcessTable().first(this);
        signals.setEntry(entry);
        this.signalDelivery = new SignalDelivery(this);
    }

    /** A process image that continues entry: the child of a fork, or the image execve builds. */
    private LinuxProcess(LinuxProcess from, ProcessEntry entry, AddressSpace space, ProcessMemory memory, FdTable fds,
                         SignalState signals, Path exe, List<String> argv, List<String> envp, byte[] comm) {
        this.options = from.options;
        this.space = space;
        this.memory = memory;
        this.rlimits = from.rlimits.copy();
        this.fds = fds;
        this.signals = signals;
        this.exe = exe;
        this.argv = List.copyOf(argv);
        this.envp = List.copyOf(envp);
        this.random = new SplitMix64(options.seed() ^ 0x5851_f42d_4c95_7f2dL ^ entry.pid);
        this.cwd = from.cwd;
        this.umask = from.umask;
        this.paths = new PathResolver(this);
        this.comm = comm;
        this.entry = entry;
        this.signalDelivery = new SignalDelivery(this);
        signals.setPid(entry.pid);
        signals.setEntry(entry);
        fds.setLimit(this::nofile);
    }

    private static byte[] commOf(Path exe) {
        String base = exe.getFileName() != null ? exe.getFileName().toString() : "jx86";
        byte[] b = HostPaths.bytes(base);
        return java.util.Arrays.copyOf(b, Math.min(b.length, 15));
    }

    /**
     * The image of a forked child: a copy-on-write copy of the address space, a copy of the
     * fd table sharing the open file descriptions, the same dispositions and limits. Its main
     * vCPU is a copy of parent's registers; its only thread has the forking thread's signal
     * mask and alternate stack, and nothing pending ({@link SignalState#forkCopy}).
     */
    LinuxProcess forkImage(ProcessEntry child, Cpu parent) {
        AddressSpace as = space.fork();
        Cpu cc = CpuCopy.of(parent, as);
        SignalState s = signals.forkCopy(signals.thread(parent), cc);
        LinuxProcess img = new LinuxProcess(this, child, as, memory.copyFor(as), fds.forkCopy(), s, exe, argv, envp,
            comm);
        img.setMainCpu(cc);
        return img;
    }

    /**
     * The image execve builds in place of this one: a new address space, the same fds minus
     * the close-on-exec ones (the caller closes them) and the same signal state, which the
     * caller resets at the point of no return ({@link SignalState#resetForExec}).
     */
    LinuxProcess execImage(AddressSpace as, Path exe, List<String> argv, List<String> envp) {
        return new LinuxProcess(this, entry, as, new ProcessMemory(as), fds, signals, exe, argv, envp, commOf(exe));
    }

    /** This process's entry in the process table (pid, parent, group, session, exit status). */
    public ProcessEntry entry() { return entry; }

    private int nofile() {
        long n = rlimits.soft(Rlimits.NOFILE);
        return n < 0 || n > 1 << 20 ? 1 << 20 : (int) n;
    }

    public ProcessOptions options() { return options; }

    public AddressSpace space() { return space; }

    public ProcessMemory memory() { return memory; }

    public FdTable fds() { return fds; }

    public SignalState signals() { return signals; }

    /** Runs guest signal handlers and default actions for this process's threads. */
    public SignalDelivery signalDelivery() { return signalDelivery; }

    public Futexes futexes() { return futexes; }

    public Rlimits rlimits() { return rlimits; }

    public SplitMix64 random() { return random; }

    public PathResolver paths() { return paths; }

    public Path exe() { return exe; }

    public List<String> argv() { return argv; }

    public List<String> envp() { return envp; }

    public Path cwd() { return cwd; }

    public void setCwd(Path dir) { cwd = dir; }

    public int umask() { return umask; }

    public void setUmask(int mask) { umask = mask & 0777; }

    public byte[] comm() { return comm.clone(); }

    public void setComm(byte[] name) { comm = name.clone(); }

    public byte[] auxv() { return auxv.clone(); }

    void setAuxv(byte[] pairs) { auxv = pairs.clone(); }

    /** The process's threads (per-thread state such as clear_child_tid lives there). */
    public GuestThreads threads() { return threads; }

    public int pid() { return entry.pid; }

    /** The main thread's vCPU, registers set for the first instruction (see {@link Exec}). */
    public synchronized Cpu mainCpu() { return mainCpu; }

    synchronized void setMainCpu(Cpu cpu) {
        mainCpu = cpu;
        // The main thread's signal state exists before anything can signal it. An execve image
        // shares its predecessor's state; the exec moves the calling thread's onto cpu.
        if (!signals.hasThreads()) signals.thread(cpu);
    }
}
