/**
 * The soft-MMU: per-vCPU {@link org.jx86.vmm.mem.Tlb}, the access fast and slow paths in
 * {@link org.jx86.vmm.mem.Mem}, and the user-mode {@link org.jx86.vmm.mem.AddressSpace}
 * that fills TLBs from mmap's mapping table. MAP_SHARED mappings take their frames from a
 * {@link org.jx86.vmm.mem.SharedFrames} object, so every mapping of it, in any process, stores
 * into the same arrays.
 *
 * <pre>{@code
 * long v = Mem.read32(cpu, addr);    // hit: one compare and an array read; miss: fill or #PF
 * }</pre>
 */
package org.jx86.vmm.mem;
