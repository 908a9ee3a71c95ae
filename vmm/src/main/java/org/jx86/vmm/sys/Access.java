package org.jx86.vmm.sys;

import org.jx86.vmm.GuestFault;

/**
 * Kinds of linear-memory access, as bit flags that double as #PF error-code bits where
 * they coincide (SDM Vol. 3A §4.7): WRITE = W, USER = U/S, FETCH = I/D.
 */
public final class Access {
    private Access() {}

    public static final int READ = 0;
    public static final int WRITE = GuestFault.PF_WRITE;
    /** A user-mode access: CPL 3 and not an implicit supervisor access (GDT/IDT/TSS). */
    public static final int USER = GuestFault.PF_USER;
    public static final int FETCH = GuestFault.PF_FETCH;
    /** Implicit supervisor access: SMAP applies regardless of EFLAGS.AC. */
    public static final int IMPLICIT = 0x100;
}
