/**
 * The machine: vCPU state ({@link org.jx86.vmm.Cpu}, {@link org.jx86.vmm.Slots}), lazy
 * flags ({@link org.jx86.vmm.Flags}), guest exceptions ({@link org.jx86.vmm.GuestFault}),
 * and the soft-MMU in {@code org.jx86.vmm.mem}. It knows nothing of translation:
 * translated code calls into it.
 *
 * <pre>{@code
 * AddressSpace as = new AddressSpace();
 * as.map(0x400000, 0x1000, Vma.PROT_READ | Vma.PROT_WRITE, "[heap]");
 * Cpu cpu = new Cpu(as);
 * Mem.write64(cpu, 0x400010, 42);
 * long v = Mem.read64(cpu, 0x400010);       // 42, through the TLB
 * }</pre>
 */
package org.jx86.vmm;
