package org.jx86.tests;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hand-made ELF files for the command-line tests: complete, loadable executables for other
 * architectures, so that jx86 must reject them by their header and not by some accident.
 *
 * <pre>
 * elf32I386():   52-byte Elf32_Ehdr | 32-byte PT_LOAD at 0x08048000 | xor ebx,ebx; mov eax,1; int 0x80
 * elf64Aarch64(): 64-byte Elf64_Ehdr (e_machine=183) | 56-byte PT_LOAD at 0x400000 | mov x0,#0; mov x8,#93; svc #0
 * </pre>
 */
public final class ElfFixtures {
    private ElfFixtures() {}

    public static final short EM_386 = 3;
    public static final short EM_AARCH64 = 183;

    /** A static ELF32 i386 executable that calls exit(0). */
    public static byte[] elf32I386() {
        byte[] code = { 0x31, (byte) 0xdb, (byte) 0xb8, 1, 0, 0, 0, (byte) 0xcd, (byte) 0x80 };
        int size = 52 + 32 + code.length;
        int base = 0x08048000;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] { 0x7f, 'E', 'L', 'F', 1 /* ELFCLASS32 */, 1 /* LSB */, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        b.putShort((short) 2); // ET_EXEC
        b.putShort(EM_386);
        b.putInt(1); // EV_CURRENT
        b.putInt(base + 52 + 32); // e_entry
        b.putInt(52); // e_phoff
        b.putInt(0); // e_shoff
        b.putInt(0); // e_flags
        b.putShort((short) 52); // e_ehsize
        b.putShort((short) 32); // e_phentsize
        b.putShort((short) 1); // e_phnum
        b.putShort((short) 40); // e_shentsize
        b.putShort((short) 0); // e_shnum
        b.putShort((short) 0); // e_shstrndx
        b.putInt(1); // PT_LOAD
        b.putInt(0); // p_offset
        b.putInt(base); // p_vaddr
        b.putInt(base); // p_paddr
        b.putInt(size); // p_filesz
        b.putInt(size); // p_memsz
        b.putInt(5); // PF_R | PF_X
        b.putInt(0x1000); // p_align
        b.put(code);
        return b.array();
    }

    /** A static ELF64 AArch64 executable that calls exit(0). */
    public static byte[] elf64Aarch64() {
        int[] insns = { 0xd2800000, 0xd2800ba8, 0xd4000001 };
        int size = 64 + 56 + insns.length * 4;
        long base = 0x400000;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] { 0x7f, 'E', 'L', 'F', 2 /* ELFCLASS64 */, 1 /* LSB */, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        b.putShort((short) 2); // ET_EXEC
        b.putShort(EM_AARCH64);
        b.putInt(1);
        b.putLong(base + 64 + 56); // e_entry
        b.putLong(64); // e_phoff
        b.putLong(0); // e_shoff
        b.putInt(0); // e_flags
        b.putShort((short) 64); // e_ehsize
        b.putShort((short) 56); // e_phentsize
        b.putShort((short) 1); // e_phnum
        b.putShort((short) 64); // e_shentsize
        b.putShort((short) 0);
        b.putShort((short) 0);
        b.putInt(1); // PT_LOAD
        b.putInt(5); // PF_R | PF_X
        b.putLong(0); // p_offset
        b.putLong(base); // p_vaddr
        b.putLong(base); // p_paddr
        b.putLong(size); // p_filesz
        b.putLong(size); // p_memsz
        b.putLong(0x1000); // p_align
        for (int insn : insns) {
            b.putInt(insn);
        }
        return b.array();
    }
}
