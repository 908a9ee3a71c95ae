package org.jx86.vmm;

/**
 * A precise guest exception raised while executing guest code. Translated code catches it
 * only to write its cached state back and record the faulting instruction's address; the
 * dispatcher then delivers it (a signal in user mode, IDT delivery in system mode).
 *
 * <p>No stack trace is captured: faults are guest behaviour, not host bugs.
 */
public final class GuestFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** #PF error-code bits (SDM Vol. 3A §4.7). */
    public static final int PF_PRESENT = 1, PF_WRITE = 2, PF_USER = 4, PF_RSVD = 8, PF_FETCH = 16;

    /**
     * Not a hardware bit: a #PF the kernel answers with SIGBUS (BUS_ADRERR), an access to a
     * page of a shared mapping that lies beyond the end of its file.
     */
    public static final long PF_BUS = 1L << 32;

    public final int vector;
    public final long errorCode;
    /** Faulting linear address for #PF (CR2, si_addr); 0 otherwise. */
    public final long address;

    public GuestFault(int vector, long errorCode, long address) {
        super(null, null, false, false);
        this.vector = vector;
        this.errorCode = errorCode;
        this.address = address;
    }

    public static GuestFault of(int vector) { return new GuestFault(vector, 0, 0); }

    public static GuestFault pageFault(long address, int errorCode) {
        return new GuestFault(Vector.PF, errorCode, address);
    }

    /** An access to a mapped page with no backing (past end of file): SIGBUS in user mode. */
    public static GuestFault busError(long address) {
        return new GuestFault(Vector.PF, PF_USER | PF_BUS, address);
    }

    @Override
    public String getMessage() {
        return Vector.name(vector) + (vector == Vector.PF ? " at 0x" + Long.toHexString(address) : "")
            + " error 0x" + Long.toHexString(errorCode);
    }
}
