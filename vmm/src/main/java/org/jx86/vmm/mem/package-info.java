/**
 * The soft-MMU: per-vCPU {@link org.jx86.vmm.mem.Tlb}, the access fast and slow paths in
 * {@link org.jx86.vmm.mem.Mem}, and the user-mode {@link org.jx86.vmm.mem.AddressSpace}
 * that fills TLBs from mmap's mapping table.
 *
 * <pre>{@code
 * long v = Mem.read32(cpu, addr);    // hit: one compare and an array read; miss: fill or #PF
 * }</pre>
 */
package org.jx86.vmm.mem;
