package org.jx86.jit;

import java.util.Arrays;
import org.jx86.ir.IrFunction;
import org.jx86.ir.IrInterpreter;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;

/**
 * A fresh guest for one run: two read-write pages at {@link #RW}, a read-only page at
 * {@link #RO}, nothing mapped at {@link #UNMAPPED}; each filled with a fixed byte pattern.
 * {@link #runInterpreted} and {@link #runCompiled} capture everything observable as an
 * {@link Outcome}, so the two tiers can be compared with equals.
 */
final class Machine {
    static final long RW = 0x10000, RO = 0x12000, UNMAPPED = 0x13000, END = 0x14000;
    static final long RIP_SENTINEL = 0xDEAD_0000L;

    /** An address space with no mappings, shared by runs that never touch memory. */
    private static final AddressSpace EMPTY = new AddressSpace();

    final AddressSpace memory;
    final Cpu cpu;

    private Machine(AddressSpace memory, long[] slots) {
        this.memory = memory;
        this.cpu = new Cpu(memory);
        if (slots != null) System.arraycopy(slots, 0, cpu.s, 0, slots.length);
        cpu.rip = RIP_SENTINEL;
        cpu.owner = new long[2];
    }

    /** Back to the state of a fresh machine with these slots (for runs that touch no memory). */
    Machine reset(long... slots) {
        java.util.Arrays.fill(cpu.s, 0);
        Cpu fresh = FRESH;
        System.arraycopy(fresh.s, 0, cpu.s, 0, fresh.s.length);
        System.arraycopy(slots, 0, cpu.s, 0, slots.length);
        cpu.rip = RIP_SENTINEL;
        cpu.exitCode = 0;
        java.util.Arrays.fill((long[]) cpu.owner, 0);
        return this;
    }

    private static final Cpu FRESH = new Cpu(EMPTY);

    /** A machine with mapped memory; slots[i] initialises cpu.s[i]. */
    static Machine withMemory(long... slots) {
        AddressSpace as = new AddressSpace();
        as.map(RW, 2 * 0x1000, Vma.PROT_READ | Vma.PROT_WRITE, "rw");
        as.map(RO, 0x1000, Vma.PROT_READ, "ro");
        byte[] pattern = new byte[3 * 0x1000];
        for (int i = 0; i < pattern.length; i++) pattern[i] = (byte) (i * 37 + (i >>> 8) * 11 + 5);
        as.poke(RW, pattern, 0, pattern.length);
        return new Machine(as, slots);
    }

    /** A machine for code that touches no memory. */
    static Machine withoutMemory(long... slots) { return new Machine(EMPTY, slots); }

    byte[] memoryImage() {
        if (memory == EMPTY) return new byte[0];
        byte[] b = new byte[(int) (END - RW)];
        memory.peek(RW, b, 0, b.length);
        return b;
    }

    Outcome runInterpreted(IrFunction fn) {
        try {
            return outcome(IrInterpreter.run(fn, new CpuEnv(cpu)), null);
        } catch (RuntimeException e) {
            return outcome(0, e);
        }
    }

    Outcome runCompiled(CompiledBlock block) {
        try {
            return outcome(block.run(cpu), null);
        } catch (RuntimeException e) {
            return outcome(0, e);
        }
    }

    private Outcome outcome(long next, RuntimeException e) {
        String fault = e == null ? null
            : e instanceof GuestFault g ? "GuestFault " + g.getMessage() : e.getClass().getName();
        return new Outcome(next, fault, cpu.rip, cpu.exitCode, cpu.s.clone(), memoryImage(),
            ((long[]) cpu.owner).clone());
    }

    /** Everything a run can change. */
    record Outcome(long next, String fault, long rip, int exitCode, long[] slots, byte[] memory, long[] owner) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome x && next == x.next && java.util.Objects.equals(fault, x.fault)
                && rip == x.rip && exitCode == x.exitCode && Arrays.equals(slots, x.slots)
                && Arrays.equals(memory, x.memory) && Arrays.equals(owner, x.owner);
        }

        @Override
        public int hashCode() { return Long.hashCode(next) ^ Arrays.hashCode(slots); }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(fault == null ? "next=0x" + Long.toHexString(next) : "fault=" + fault)
                .append(" rip=0x").append(Long.toHexString(rip)).append(" exitCode=").append(exitCode)
                .append(" slots[0..7]=[");
            for (int i = 0; i < 8; i++) sb.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(slots[i]));
            return sb.append("] memoryHash=").append(Arrays.hashCode(memory)).toString();
        }

        /** A readable description of how two outcomes differ. */
        String diff(Outcome o) {
            StringBuilder sb = new StringBuilder();
            if (next != o.next) sb.append(String.format("next 0x%x vs 0x%x%n", next, o.next));
            if (!java.util.Objects.equals(fault, o.fault)) sb.append("fault ").append(fault).append(" vs ").append(o.fault).append('\n');
            if (rip != o.rip) sb.append(String.format("rip 0x%x vs 0x%x%n", rip, o.rip));
            if (exitCode != o.exitCode) sb.append("exitCode ").append(exitCode).append(" vs ").append(o.exitCode).append('\n');
            for (int i = 0; i < slots.length; i++)
                if (slots[i] != o.slots[i]) sb.append(String.format("slot %d: 0x%x vs 0x%x%n", i, slots[i], o.slots[i]));
            if (!Arrays.equals(owner, o.owner))
                sb.append("helper context ").append(Arrays.toString(owner)).append(" vs ").append(Arrays.toString(o.owner)).append('\n');
            for (int i = 0; i < Math.min(memory.length, o.memory.length); i++)
                if (memory[i] != o.memory[i]) {
                    sb.append(String.format("memory 0x%x: 0x%02x vs 0x%02x%n", RW + i, memory[i], o.memory[i]));
                    break;
                }
            return sb.toString();
        }
    }
}
