package org.jx86.runtime.sys;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jx86 vm}: boots a 64-bit kernel on a system-mode machine (docs/system-mode.md).
 * Exit status: the guest's debug-exit value (v << 1) | 1; 4 after a triple fault; 6 when
 * every vCPU halted with interrupts off; 2 for usage errors; 126 for a kernel jx86 cannot
 * load; 127 when the kernel file does not exist; 70 for internal errors.
 */
@Command(name = "vm", mixinStandardHelpOptions = true, versionProvider = org.jx86.runtime.cli.VersionProvider.class,
    description = {"Boots an x86-64 ELF kernel in a system-mode virtual machine.",
        "The guest talks to port 0xE9 (console), 0xF4 (exit) and a 16550 UART at 0x3F8."})
public final class VmCommand implements Callable<Integer> {
    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "256M", description = "Guest RAM (default ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--smp", paramLabel = "N", defaultValue = "1", description = "Number of vCPUs, 1-16 (default ${DEFAULT-VALUE}).")
    int smp;

    @Option(names = "--cpu", paramLabel = "LIST", description = {
        "CPU features as NAME=on|off, comma-separated: lam, la57, pcid, invpcid, smep, smap (all on by default),",
        "and maxphyaddr=N (default 46)."})
    String cpu;

    @Option(names = "--cmdline", paramLabel = "TEXT", defaultValue = "", description = "Kernel command line (in the boot info).")
    String cmdline;

    @Option(names = "--stats", description = "Print VM exits, MMU, TLB and fault counts on exit.")
    boolean stats;

    @Parameters(index = "0", paramLabel = "KERNEL", description = "The ELF64 kernel image.")
    Path kernel;

    private final PrintWriter err;

    public VmCommand() { this(new PrintWriter(System.err, true)); }

    public VmCommand(PrintWriter err) { this.err = err; }

    @Override
    public Integer call() {
        VmConfig cfg = new VmConfig();
        try {
            cfg.memory = VmConfig.parseSize(memory);
            cfg.features = VmConfig.parseCpu(cpu);
            if (smp < 1 || smp > BootLoader.MAX_VCPUS) throw new IllegalArgumentException("--smp must be 1 to " + BootLoader.MAX_VCPUS);
        } catch (IllegalArgumentException e) {
            err.println("jx86: " + e.getMessage());
            return 2;
        }
        cfg.smp = smp;
        cfg.stats = stats;
        cfg.cmdline = cmdline;
        byte[] image;
        try {
            image = Files.readAllBytes(kernel);
        } catch (NoSuchFileException e) {
            err.println("jx86: " + kernel + ": No such file or directory");
            return 127;
        } catch (IOException e) {
            err.println("jx86: " + kernel + ": " + e.getMessage());
            return 126;
        }
        BufferedOutputStream console = new BufferedOutputStream(System.out, 1 << 14);
        Machine machine = new Machine(cfg, console);
        long entry;
        try {
            entry = BootLoader.loadElf(image, machine.mem);
        } catch (BootLoader.BadKernel e) {
            err.println("jx86: " + kernel + ": " + e.getMessage());
            return 126;
        }
        BootLoader.buildPlatform(machine.mem, cfg);
        try {
            return machine.run(entry, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Machine.INTERNAL;
        }
    }
}
