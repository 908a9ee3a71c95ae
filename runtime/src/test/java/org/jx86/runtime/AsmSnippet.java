package org.jx86.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;

/**
 * Assembles a snippet of Intel-syntax x86-64 with the host's {@code as}, loads it at a
 * fixed address with a stack and a data page, and runs it on the engine until it
 * executes {@code syscall} (the snippet's end). For quick end-to-end tests of the lifter.
 */
final class AsmSnippet {
    static final long CODE = 0x10000, DATA = 0x20000, STACK_TOP = 0x80000;

    final Cpu cpu;

    private AsmSnippet(Cpu cpu, Engine engine) {
        this.cpu = cpu;
        this.engine = engine;
    }

    static boolean toolsAvailable() {
        try {
            return new ProcessBuilder("as", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static byte[] assemble(String asm) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jx86-asm");
        try {
            Path src = dir.resolve("s.s"), obj = dir.resolve("s.o"), bin = dir.resolve("s.bin");
            Files.writeString(src, ".intel_syntax noprefix\n.text\n" + asm + "\nsyscall\n");
            run("as", "-o", obj.toString(), src.toString());
            run("objcopy", "-O", "binary", "-j", ".text", obj.toString(), bin.toString());
            return Files.readAllBytes(bin);
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }

    /** Runs asm from the given initial registers; returns the final vCPU. */
    static AsmSnippet run(String asm, Tier tier, long... regs) throws Exception {
        EngineOptions o = new EngineOptions();
        o.tier = tier;
        AsmSnippet r = run(asm, o, regs);
        if (r.crash != null) throw r.crash;
        return r;
    }

    /** Runs asm with the given engine options (checks are turned on); a fault ends up in {@link #crash}. */
    static AsmSnippet run(String asm, EngineOptions o, long... regs) throws Exception {
        byte[] code = assemble(asm);
        AddressSpace as = new AddressSpace();
        as.map(CODE, 0x10000, Vma.PROT_READ | Vma.PROT_EXEC, "code");
        as.poke(CODE, code, 0, code.length);
        as.map(DATA, 0x10000, Vma.PROT_READ | Vma.PROT_WRITE, "data");
        as.map(STACK_TOP - 0x10000, 0x10000, Vma.PROT_READ | Vma.PROT_WRITE, "stack");
        Cpu cpu = new Cpu(as);
        for (int i = 0; i < regs.length; i++) cpu.s[i] = regs[i];
        cpu.s[Slots.RSP] = STACK_TOP - 64;
        cpu.rip = CODE;
        o.checks = true;
        class Stop extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }
        Engine engine = new Engine(c -> { throw new Stop(); }, o);
        AsmSnippet r = new AsmSnippet(cpu, engine);
        try {
            engine.run(cpu);
        } catch (Stop expected) {
            // the snippet's final syscall
        } catch (GuestCrash crash) {
            r.crash = crash;
        }
        return r;
    }

    final Engine engine;
    /** How the snippet died, if it faulted (the vCPU holds the state at the fault). */
    GuestCrash crash;

    long reg(int r) { return cpu.s[r]; }
}
