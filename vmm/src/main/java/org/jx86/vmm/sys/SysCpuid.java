package org.jx86.vmm.sys;

import org.jx86.vmm.cpu.CpuidModel;

/** CPUID of a system-mode vCPU: the user model plus the features of {@link SysFeatures} (spec §3.1). */
public final class SysCpuid {
    private SysCpuid() {}

    static final int PCID = 1 << 17, X2APIC = 1 << 21, TSC_DEADLINE = 1 << 24, HYPERVISOR = 1 << 31;
    static final int SMEP = 1 << 7, INVPCID = 1 << 10, SMAP = 1 << 20;
    static final int LA57 = 1 << 16, LAM = 1 << 26;
    static final int PGE = 1 << 13, APIC = 1 << 9, MSR = 1 << 5, PAE = 1 << 6, PSE = 1 << 3;

    public static CpuidModel model(SysFeatures f, int apicId) {
        return CpuidModel.USER.withOverrides((leaf, sub, r) -> {
            r = r.clone();
            switch (leaf) {
                case 0 -> r[0] = Math.max(r[0], 7);
                case 1 -> {
                    r[1] = (r[1] & 0x00FF_FFFF) | (apicId << 24);
                    r[2] |= X2APIC | TSC_DEADLINE | HYPERVISOR | (f.pcid ? PCID : 0);
                    r[3] |= PGE | APIC | MSR | PAE | PSE;
                }
                case 7 -> {
                    if (sub == 0) {
                        r[0] = 1;  // sub-leaf 1 exists (it holds the LAM bit)
                        r[1] |= (f.smep ? SMEP : 0) | (f.smap ? SMAP : 0) | (f.invpcid ? INVPCID : 0);
                        r[2] |= f.la57 ? LA57 : 0;
                    } else if (sub == 1) {
                        r[0] |= f.lam ? LAM : 0;
                    }
                }
                case 0x8000_0008 -> r[0] = (r[0] & ~0xFFFF) | ((f.la57 ? 57 : 48) << 8) | f.maxPhyAddr;
                default -> { }
            }
            return r;
        });
    }
}
