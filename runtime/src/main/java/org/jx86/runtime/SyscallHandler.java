package org.jx86.runtime;

import org.jx86.vmm.Cpu;

/** The operating-system personality: called when the guest executes SYSCALL. */
public interface SyscallHandler {
    /** Handles the system call described by the vCPU's registers; cpu.rip is the next instruction. */
    void syscall(Cpu cpu);

    /** Called between blocks after another thread set {@code cpu.interrupt}; may throw to end the guest. */
    default void interrupt(Cpu cpu) { cpu.interrupt = false; }
}
