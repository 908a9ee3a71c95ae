package org.jx86.jit;

import org.jx86.ir.IrEnv;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.Mem;

/**
 * Runs the {@link org.jx86.ir.IrInterpreter} on a vCPU: the interpreter tier, and the
 * reference the compiled tier is tested against. Slots are read and written directly in
 * {@link Cpu#s}; memory goes through the same TLB and slow paths as translated code.
 *
 * <pre>{@code
 * long next = IrInterpreter.run(fn, new CpuEnv(cpu));
 * }</pre>
 */
public final class CpuEnv implements IrEnv {
    private final Cpu cpu;

    public CpuEnv(Cpu cpu) { this.cpu = cpu; }

    public Cpu cpu() { return cpu; }

    @Override
    public long get(int slot) { return cpu.s[slot]; }

    @Override
    public void set(int slot, long value) { cpu.s[slot] = value; }

    @Override
    public long load(int size, long address) { return Mem.read(cpu, size, address); }

    @Override
    public void store(int size, long address, long value) { Mem.write(cpu, size, address, value); }

    @Override
    public Object context() { return cpu; }

    @Override
    public void faultAt(long guestAddress) { cpu.rip = guestAddress; }

    @Override
    public void exitCode(int code) { cpu.exitCode = code; }
}
