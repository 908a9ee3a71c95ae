package org.jx86.runtime.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Mem;
import org.jx86.vmm.mem.Vma;

/**
 * A process with an empty fd table and a scratch RW region, and a way to issue system calls
 * through {@link LinuxSyscalls#syscall} exactly as the engine does (registers in, RAX out, then
 * pending signals delivered).
 */
public final class SyscallHarness {
    public static final long SCRATCH = 0x10_0000, SCRATCH_SIZE = 0x10_0000;

    public final AddressSpace as = new AddressSpace();
    public final LinuxProcess process;
    public final LinuxSyscalls sys;
    public final Cpu cpu;
    private long bump = SCRATCH;

    public SyscallHarness() { this(ProcessOptions.defaults()); }

    public SyscallHarness(ProcessOptions options) {
        process = new LinuxProcess(options, as, false, Path.of("/bin/true"), List.of("prog", "arg1"),
            List.of("A=1", "B=2"));
        as.map(SCRATCH, SCRATCH_SIZE, Vma.PROT_READ | Vma.PROT_WRITE, "");
        process.memory().initBrk(0x80_0000);
        cpu = new Cpu(as);
        cpu.owner = process;
        process.signals().thread(cpu);
        sys = new LinuxSyscalls(process);
    }

    /** Calls system call name with args, returning RAX. */
    public long call(String name, long... args) {
        int nr = SyscallNames.number(name);
        if (nr < 0) throw new IllegalArgumentException(name);
        return callNr(nr, args);
    }

    public long callNr(long nr, long... args) {
        int[] regs = {Slots.RDI, Slots.RSI, Slots.RDX, 10, 8, 9};
        cpu.s[Slots.RAX] = nr;
        for (int i = 0; i < 6; i++) cpu.s[regs[i]] = i < args.length ? args[i] : 0;
        sys.syscall(cpu);
        long r = cpu.s[Slots.RAX];
        if (cpu.events != 0) process.signalDelivery().pending(cpu); // as the engine does before the next block
        return r;
    }

    /** Allocates n bytes (8-aligned) of scratch memory. */
    public long alloc(int n) {
        long a = bump;
        bump += (n + 15) & ~15;
        if (bump > SCRATCH + SCRATCH_SIZE) throw new IllegalStateException("scratch full");
        return a;
    }

    public long cstring(String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
        long a = alloc(b.length);
        Mem.writeBytes(cpu, a, b, 0, b.length);
        return a;
    }

    public long bytes(byte[] b) {
        long a = alloc(b.length);
        Mem.writeBytes(cpu, a, b, 0, b.length);
        return a;
    }

    public byte[] read(long addr, int len) {
        byte[] b = new byte[len];
        Mem.readBytes(cpu, addr, b, 0, len);
        return b;
    }

    public String string(long addr, int len) { return new String(read(addr, len), StandardCharsets.UTF_8); }

    public long read64(long addr) { return Mem.read64(cpu, addr); }

    public long read32(long addr) { return Mem.read32(cpu, addr); }
}
