package org.jx86.runtime.linux;

/** ELF64 constants (System V gABI, x86-64 psABI) used by the loader. */
public final class Elf {
    private Elf() {}

    public static final int EHDR_SIZE = 64, PHDR_SIZE = 56;
    public static final int ELFCLASS32 = 1, ELFCLASS64 = 2, ELFDATA2LSB = 1, ELFDATA2MSB = 2, EV_CURRENT = 1;
    public static final int ET_NONE = 0, ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;
    public static final int EM_386 = 3, EM_X86_64 = 62;
    public static final int PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_PHDR = 6,
        PT_TLS = 7, PT_GNU_EH_FRAME = 0x6474e550, PT_GNU_STACK = 0x6474e551, PT_GNU_RELRO = 0x6474e552,
        PT_GNU_PROPERTY = 0x6474e553;
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;

    /** The architecture name of an e_machine value, for "ELF for aarch64" messages. */
    public static String machineName(int m) {
        return switch (m) {
            case 2 -> "sparc";
            case EM_386 -> "i386";
            case 4 -> "m68k";
            case 8 -> "mips";
            case 15 -> "hppa";
            case 20 -> "ppc";
            case 21 -> "ppc64";
            case 22 -> "s390";
            case 40 -> "arm";
            case 42 -> "sh";
            case 43 -> "sparc64";
            case 50 -> "ia64";
            case EM_X86_64 -> "x86-64";
            case 183 -> "aarch64";
            case 243 -> "riscv";
            case 247 -> "bpf";
            case 258 -> "loongarch";
            default -> "machine " + m;
        };
    }
}
