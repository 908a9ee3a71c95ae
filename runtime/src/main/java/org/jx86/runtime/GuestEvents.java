package org.jx86.runtime;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;

/**
 * What the dispatcher hands to the operating-system personality besides system calls: CPU
 * exceptions in guest code and asynchronous events (signals), flagged in {@link Cpu#events}.
 */
public interface GuestEvents {
    /** Events that never deliver anything: every fault ends the guest with a {@link GuestCrash}. */
    GuestEvents NONE = new GuestEvents() {
        @Override
        public boolean fault(Cpu cpu, GuestFault f) { return false; }

        @Override
        public void pending(Cpu cpu) { cpu.events = 0; }
    };

    /**
     * A precise fault at {@code cpu.rip}. Returns true when the personality redirected the vCPU
     * (to a guest signal handler); false lets the engine end the guest with a {@link GuestCrash}.
     */
    boolean fault(Cpu cpu, GuestFault f);

    /** Called before the next block when {@code cpu.events} is non-zero; clears it when done. */
    void pending(Cpu cpu);
}
