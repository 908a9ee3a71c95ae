package org.jx86.runtime.linux;

import org.jx86.vmm.cpu.CpuidModel;

/**
 * /proc/cpuinfo as Linux prints it (arch/x86/kernel/cpu/proc.c, show_cpuinfo), computed
 * from the guest's CPUID model so the two can never disagree: the flags line lists, in the
 * kernel's word order, the name of every feature bit the model reports.
 */
final class CpuInfo {
    private CpuInfo() {}

    // Names of the bits of each CPUID register, as arch/x86/include/asm/cpufeatures.h spells
    // them in /proc/cpuinfo; null for bits Linux does not show.
    private static final String[] LEAF1_EDX = {
        "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", null, "sep", "mtrr", "pge", "mca",
        "cmov", "pat", "pse36", "pn", "clflush", null, "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss", "ht",
        "tm", "ia64", "pbe"};
    private static final String[] EXT1_EDX = {
        null, null, null, null, null, null, null, null, null, null, null, "syscall", null, null, null, null,
        null, null, null, "mp", "nx", null, "mmxext", null, null, "fxsr_opt", "pdpe1gb", "rdtscp", null, "lm",
        "3dnowext", "3dnow"};
    private static final String[] LEAF1_ECX = {
        "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3", "cid", "sdbg",
        "fma", "cx16", "xtpr", "pdcm", null, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
        "tsc_deadline_timer", "aes", "xsave", null, "avx", "f16c", "rdrand", "hypervisor"};
    private static final String[] EXT1_ECX = {
        "lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a", "misalignsse", "3dnowprefetch",
        "osvw", "ibs", "xop", "skinit", "wdt", null, "lwp", "fma4", "tce", null, "nodeid_msr", null, "tbm",
        "topoext", "perfctr_core", "perfctr_nb", null, "bpext", "ptsc", "perfctr_llc", "mwaitx", null, null};
    private static final String[] LEAF7_EBX = {
        "fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", null, "smep", "bmi2", "erms", "invpcid", "rtm",
        "cqm", null, "mpx", "rdt_a", "avx512f", "avx512dq", "rdseed", "adx", "smap", "avx512ifma", null,
        "clflushopt", "clwb", "intel_pt", "avx512pf", "avx512er", "avx512cd", "sha_ni", "avx512bw", "avx512vl"};

    /** The space-separated flags line of a model, in the kernel's word order. */
    static String flags(CpuidModel m) {
        StringBuilder sb = new StringBuilder();
        append(sb, LEAF1_EDX, m.leaf1Edx);
        append(sb, EXT1_EDX, m.ext1Edx);
        append(sb, LEAF1_ECX, m.leaf1Ecx);
        append(sb, EXT1_ECX, m.ext1Ecx);
        append(sb, LEAF7_EBX, m.leaf7Ebx);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String[] names, int bits) {
        for (int i = 0; i < 32; i++) {
            if ((bits & (1 << i)) == 0 || names[i] == null) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(names[i]);
        }
    }

    /** The whole file for cpus logical processors. */
    static String text(CpuidModel m, int cpus) {
        int[] l0 = m.query(0, 0), l1 = m.query(1, 0), a8 = m.query(0x8000_0008, 0);
        String vendor = regs(l0[1], l0[3], l0[2]);
        String brand = (regs(m.query(0x8000_0002, 0)) + regs(m.query(0x8000_0003, 0)) + regs(m.query(0x8000_0004, 0)))
            .replace("\0", "").trim();
        int eax = l1[0];
        int family = (eax >>> 8) & 0xF, model = (eax >>> 4) & 0xF, stepping = eax & 0xF;
        if (family == 0xF) family += (eax >>> 20) & 0xFF;
        if (family >= 6) model |= ((eax >>> 16) & 0xF) << 4;
        int l3 = m.query(4, 3)[2] + 1;   // sets of the last cache level
        int[] c3 = m.query(4, 3);
        long cacheKb = (long) (((c3[1] >>> 22) & 0x3FF) + 1) * (((c3[1] >>> 12) & 0x3FF) + 1)
            * ((c3[1] & 0xFFF) + 1) * l3 / 1024;
        String flags = flags(m);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cpus; i++) {
            sb.append("processor\t: ").append(i).append('\n')
                .append("vendor_id\t: ").append(vendor).append('\n')
                .append("cpu family\t: ").append(family).append('\n')
                .append("model\t\t: ").append(model).append('\n')
                .append("model name\t: ").append(brand).append('\n')
                .append("stepping\t: ").append(stepping).append('\n')
                .append("cache size\t: ").append(cacheKb).append(" KB\n")
                .append("physical id\t: 0\n")
                .append("siblings\t: ").append(cpus).append('\n')
                .append("core id\t\t: ").append(i).append('\n')
                .append("cpu cores\t: ").append(cpus).append('\n')
                .append("apicid\t\t: ").append(i).append('\n')
                .append("initial apicid\t: ").append(i).append('\n')
                .append("fpu\t\t: ").append((m.leaf1Edx & CpuidModel.FPU) != 0 ? "yes" : "no").append('\n')
                .append("fpu_exception\t: yes\n")
                .append("cpuid level\t: ").append(l0[0]).append('\n')
                .append("wp\t\t: yes\n")
                .append("flags\t\t: ").append(flags).append('\n')
                .append("bugs\t\t:\n")
                .append("clflush size\t: 64\n")
                .append("cache_alignment\t: 64\n")
                .append("address sizes\t: ").append(a8[0] & 0xFF).append(" bits physical, ")
                .append((a8[0] >>> 8) & 0xFF).append(" bits virtual\n")
                .append("power management:\n\n");
        }
        return sb.toString();
    }

    private static String regs(int... r) {
        StringBuilder sb = new StringBuilder();
        for (int v : r) for (int k = 0; k < 4; k++) sb.append((char) ((v >>> (8 * k)) & 0xFF));
        return sb.toString();
    }
}
