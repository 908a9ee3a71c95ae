package org.jx86.runtime;

import org.jx86.vmm.GuestFault;

/** The guest died of a signal raised by a CPU exception that it did not handle. */
public final class GuestCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int signal;
    public final transient GuestFault fault;
    public final long rip;

    public GuestCrash(int signal, GuestFault fault, long rip) {
        super(null, null, false, false);
        this.signal = signal;
        this.fault = fault;
        this.rip = rip;
    }

    @Override
    public String getMessage() {
        return "signal " + signal + " (" + fault.getMessage() + ") at 0x" + Long.toHexString(rip);
    }
}
