package org.jx86.runtime.linux;

/** Auxiliary vector types (include/uapi/linux/auxvec.h) and the values jx86 reports. */
public final class Auxv {
    private Auxv() {}

    public static final int AT_NULL = 0, AT_IGNORE = 1, AT_EXECFD = 2, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5,
        AT_PAGESZ = 6, AT_BASE = 7, AT_FLAGS = 8, AT_ENTRY = 9, AT_NOTELF = 10, AT_UID = 11, AT_EUID = 12,
        AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23,
        AT_BASE_PLATFORM = 24, AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31, AT_SYSINFO_EHDR = 33,
        AT_MINSIGSTKSZ = 51;

    /** AT_HWCAP: on x86 the CPUID.1:EDX feature bits of the modelled CPU, taken from the model itself. */
    public static final long HWCAP = org.jx86.vmm.cpu.CpuidModel.USER.leaf1Edx & 0xFFFF_FFFFL;
    /** AT_HWCAP2: no ring-3 MONITOR/MWAIT, no FSGSBASE exposed. */
    public static final long HWCAP2 = 0;
    /**
     * AT_MINSIGSTKSZ: the signal frame size the kernel would need (rt_sigframe plus the
     * XSAVE area). Must cover the frame jx86's signal delivery builds.
     */
    public static final long MINSIGSTKSZ = 3376;
    /** AT_CLKTCK: USER_HZ. */
    public static final long CLKTCK = 100;
    public static final String PLATFORM = "x86_64";

    public static String name(long type) {
        return switch ((int) type) {
            case AT_NULL -> "AT_NULL";
            case AT_PHDR -> "AT_PHDR";
            case AT_PHENT -> "AT_PHENT";
            case AT_PHNUM -> "AT_PHNUM";
            case AT_PAGESZ -> "AT_PAGESZ";
            case AT_BASE -> "AT_BASE";
            case AT_FLAGS -> "AT_FLAGS";
            case AT_ENTRY -> "AT_ENTRY";
            case AT_UID -> "AT_UID";
            case AT_EUID -> "AT_EUID";
            case AT_GID -> "AT_GID";
            case AT_EGID -> "AT_EGID";
            case AT_PLATFORM -> "AT_PLATFORM";
            case AT_HWCAP -> "AT_HWCAP";
            case AT_CLKTCK -> "AT_CLKTCK";
            case AT_SECURE -> "AT_SECURE";
            case AT_RANDOM -> "AT_RANDOM";
            case AT_HWCAP2 -> "AT_HWCAP2";
            case AT_EXECFN -> "AT_EXECFN";
            case AT_SYSINFO_EHDR -> "AT_SYSINFO_EHDR";
            case AT_MINSIGSTKSZ -> "AT_MINSIGSTKSZ";
            default -> "AT_" + type;
        };
    }
}
