package org.jx86.runtime;

import org.jx86.vmm.Cpu;

/** The operating-system personality: called when the guest executes SYSCALL. */
public interface SyscallHandler {
    /** Handles the system call described by the vCPU's registers; cpu.rip is the next instruction. */
    void syscall(Cpu cpu);

    /** Called before the next block when another thread set {@code cpu.interruptRequest}. */
    default void interrupt(Cpu cpu) { }
}
