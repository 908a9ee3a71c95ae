package org.jx86.runtime.linux;

/** One ELF64 program header (Elf64_Phdr). */
public record ProgramHeader(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {
    /** The segment's protection as {@link org.jx86.vmm.mem.Vma} PROT_* bits. */
    public int prot() {
        return ((flags & Elf.PF_R) != 0 ? 1 : 0) | ((flags & Elf.PF_W) != 0 ? 2 : 0) | ((flags & Elf.PF_X) != 0 ? 4 : 0);
    }

    public long end() { return vaddr + memsz; }
}
