package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jx86.vmm.cpu.CpuidModel;
import org.junit.jupiter.api.Test;

/** /proc/cpuinfo follows the CPUID model: names from cpufeatures.h, in the kernel's word order. */
class CpuInfoTest {
    @Test
    void flagsComeFromTheModelInKernelWordOrder() {
        CpuidModel m = new CpuidModel(CpuidModel.FPU | CpuidModel.SSE2, CpuidModel.SSE3 | CpuidModel.POPCNT,
            CpuidModel.BMI1 | CpuidModel.ADX, CpuidModel.LAHF64, CpuidModel.NX | CpuidModel.LM);
        // words: 1.EDX, 80000001.EDX, 1.ECX, 80000001.ECX, 7.0.EBX
        assertEquals("fpu sse2 nx lm pni popcnt lahf_lm bmi1 adx", CpuInfo.flags(m));
    }

    @Test
    void eachProcessorHasTheKernelsFieldsAndTheUserModelsFlags() {
        String text = CpuInfo.text(CpuidModel.USER, 2);
        assertEquals(2, text.split("\nprocessor\t: ", -1).length);
        assertTrue(text.startsWith("processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 154\n"), text);
        assertTrue(text.contains("\nflags\t\t: " + CpuInfo.flags(CpuidModel.USER) + "\n"), text);
        assertTrue(text.contains("model name\t: jx86 virtual x86-64 CPU\n"), text);
        assertTrue(text.contains("address sizes\t: 48 bits physical, 48 bits virtual\n"), text);
        assertTrue(CpuInfo.flags(CpuidModel.USER).contains(" cx16 "));
        assertTrue(!CpuInfo.flags(CpuidModel.USER).contains("avx"));
    }
}
