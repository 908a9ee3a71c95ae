package org.jx86.runtime.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.jx86.vmm.sys.PhysMem;
import org.jx86.vmm.sys.SysFeatures;

/** The --cpu and --memory syntax, and ELF rejection by the boot loader. */
class VmConfigTest {
    @Test void cpuListOverridesDefaults() {
        SysFeatures f = VmConfig.parseCpu("lam=off, la57=off,pcid=on,maxphyaddr=40,smap=0");
        assertFalse(f.lam);
        assertFalse(f.la57);
        assertTrue(f.pcid);
        assertTrue(f.invpcid);
        assertFalse(f.smap);
        assertEquals(40, f.maxPhyAddr);
        assertEquals(-1L << 40, f.cr3Reserved);
        assertTrue(VmConfig.parseCpu(null).lam);
    }

    @Test void badCpuListsAreRejectedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VmConfig.parseCpu("lam=maybe")).getMessage().contains("lam"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VmConfig.parseCpu("avx=on")).getMessage().contains("avx"));
        assertThrows(IllegalArgumentException.class, () -> VmConfig.parseCpu("maxphyaddr=60"));
        assertThrows(IllegalArgumentException.class, () -> VmConfig.parseCpu("lam"));
    }

    @Test void sizes() {
        assertEquals(256L << 20, VmConfig.parseSize("256M"));
        assertEquals(1L << 30, VmConfig.parseSize("1g"));
        assertEquals(8L << 20, VmConfig.parseSize("8192K"));
        assertThrows(IllegalArgumentException.class, () -> VmConfig.parseSize("1K"));
        assertThrows(IllegalArgumentException.class, () -> VmConfig.parseSize("lots"));
    }

    @Test void bootLoaderRejectsNonKernels() {
        PhysMem mem = new PhysMem(8L << 20);
        assertThrows(BootLoader.BadKernel.class, () -> BootLoader.loadElf(new byte[10], mem));
        byte[] elf = new byte[64];
        elf[0] = 0x7F; elf[1] = 'E'; elf[2] = 'L'; elf[3] = 'F'; elf[4] = 1; elf[5] = 1;
        assertTrue(assertThrows(BootLoader.BadKernel.class, () -> BootLoader.loadElf(elf, mem)).getMessage().contains("ELF64"));
    }
}
