/**
 * System-mode paging rules, per {@code spec/cr3-lam-mmu.md}: MOV to CR0/CR3/CR4 legality and
 * their TLB effects ({@link org.jx86.vmm.sys.SysMmu}), LAM untagging ({@link org.jx86.vmm.sys.Lam}),
 * the IA-32e page walk ({@link org.jx86.vmm.sys.PageWalker}), a PCID-tagged software TLB in
 * an Agrona buffer that other vCPUs invalidate without locks ({@link org.jx86.vmm.sys.SysTlb}),
 * and KVM's fast CR3 switch over pooled MMU roots ({@link org.jx86.vmm.sys.RootCache}).
 *
 * <pre>{@code
 * PhysMem ram = new PhysMem(256L << 20);
 * SysMmu mmu = new SysMmu(SysFeatures.all(), ram);
 * // ... build page tables in ram, set cr0/cr4/efer/cs64, mmu.cr3 = root; mmu.recompute();
 * mmu.movToCr3(root | 1L << 61);                        // LAM_U57 on, #GP if CPUID lacks LAM
 * long la = mmu.linearizeData(0, 0x3E00_0000_0050_0000L, false);   // 0x500000
 * long v = mmu.read(la, 8, Access.READ);                 // TLB, then walk, #PF sets CR2
 * }</pre>
 */
package org.jx86.vmm.sys;
