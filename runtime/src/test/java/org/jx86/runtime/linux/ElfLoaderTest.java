package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment mapping: page protections, file bytes, BSS, shared pages, AT_PHDR, real gcc output. */
class ElfLoaderTest {
    @TempDir Path dir;

    private static byte peek(AddressSpace as, long a) {
        byte[] b = new byte[1];
        as.peek(a, b, 0, 1);
        return b[0];
    }

    @Test
    void mapsSegmentsWithTheirProtections() throws Exception {
        ElfFile elf = ElfFile.parse(TestElf.minimal().write(dir, "p"));
        AddressSpace as = new AddressSpace();
        LoadedElf l = ElfLoader.load(as, elf, 0, "/p");
        assertEquals(0x401000, l.entry());
        assertEquals(0x401000, l.start());
        assertEquals(0x405000, l.end());
        Vma text = as.find(0x401000), data = as.find(0x402000);
        assertEquals(Vma.PROT_READ | Vma.PROT_EXEC, text.prot());
        assertEquals(0x402000, text.end());
        assertEquals(Vma.PROT_READ | Vma.PROT_WRITE, data.prot());
        assertEquals(0x405000, data.end());
        assertNull(as.find(0x405000));
        assertEquals("/p", text.name());
    }

    @Test
    void fileBytesAndBss() throws Exception {
        ElfFile elf = ElfFile.parse(TestElf.minimal().write(dir, "p"));
        AddressSpace as = new AddressSpace();
        ElfLoader.load(as, elf, 0, "/p");
        assertEquals(TestElf.fileByte(0x1000), peek(as, 0x401000));
        assertEquals(TestElf.fileByte(0x17ff), peek(as, 0x4017ff));
        // memsz == filesz: the rest of the last page shows the following file bytes, as mmap does
        assertEquals(TestElf.fileByte(0x1900), peek(as, 0x401900));
        assertEquals(TestElf.fileByte(0x20ff), peek(as, 0x4020ff));
        // BSS: zero from p_filesz on, including the rest of the file page
        assertEquals(0, peek(as, 0x402100));
        assertEquals(0, peek(as, 0x402fff));
        assertEquals(0, peek(as, 0x4044ff));
    }

    @Test
    void segmentsSharingAPageGetTheUnionAndKeepTheirBytes() throws Exception {
        TestElf e = new TestElf();
        e.entry = 0x401000;
        e.load(Elf.PF_R | Elf.PF_X, 0x1000, 0x401000, 0x600, 0x600);      // text ends mid-page
        e.load(Elf.PF_R | Elf.PF_W, 0x1800, 0x401800, 0x100, 0x300);      // data + bss in the same page
        ElfFile elf = ElfFile.parse(e.write(dir, "shared"));
        AddressSpace as = new AddressSpace();
        ElfLoader.load(as, elf, 0, "/shared");
        assertEquals(Vma.PROT_READ | Vma.PROT_WRITE | Vma.PROT_EXEC, as.find(0x401000).prot());
        assertEquals(TestElf.fileByte(0x15ff), peek(as, 0x4015ff));
        assertEquals(TestElf.fileByte(0x1800), peek(as, 0x401800));
        assertEquals(0, peek(as, 0x401900));
        assertEquals(0, peek(as, 0x401aff));
    }

    @Test
    void phdrAddressFromTheSegmentHoldingThem() throws Exception {
        TestElf e = new TestElf();
        e.entry = 0x400100;
        e.load(Elf.PF_R | Elf.PF_X, 0, 0x400000, 0x1000, 0x1000);
        ElfFile elf = ElfFile.parse(e.write(dir, "ph"));
        assertEquals(0x400040, ElfLoader.load(new AddressSpace(), elf, 0, "/ph").phdrAddr());
    }

    @Test
    void realStaticBinary() throws Exception {
        Path exe = Gcc.compile(dir, "hello", Gcc.HELLO, "-static");
        ElfFile elf = ElfFile.parse(exe);
        assertEquals(Elf.ET_EXEC, elf.type);
        assertNull(elf.interp);
        AddressSpace as = new AddressSpace();
        LoadedElf l = ElfLoader.load(as, elf, 0, exe.toString());
        assertEquals(elf.entry, l.entry());
        byte[] file = Files.readAllBytes(exe);
        long end = 0;
        for (ProgramHeader p : elf.loads) {
            Vma v = as.find(p.vaddr());
            assertNotNull(v, "segment at 0x" + Long.toHexString(p.vaddr()));
            end = Math.max(end, p.end());
            // the first and last bytes of each segment's file image are where they belong
            if (p.filesz() > 0) {
                assertEquals(file[(int) p.offset()], peek(as, p.vaddr()));
                assertEquals(file[(int) (p.offset() + p.filesz() - 1)], peek(as, p.vaddr() + p.filesz() - 1));
            }
            if (p.memsz() > p.filesz()) assertEquals(0, peek(as, p.end() - 1));
            boolean shared = false;
            for (ProgramHeader q : elf.loads)
                shared |= q != p && Layout.pageDown(q.vaddr()) < Layout.pageUp(p.end())
                    && Layout.pageUp(q.end()) > Layout.pageDown(p.vaddr());
            if (!shared) assertEquals(p.prot(), v.prot());
        }
        assertEquals(Layout.pageUp(end), l.end());
        // the code at the entry point is the file's
        ProgramHeader text = elf.loads.stream().filter(p -> (p.flags() & Elf.PF_X) != 0).findFirst().orElseThrow();
        byte[] code = new byte[16];
        as.peek(elf.entry, code, 0, 16);
        int off = (int) (elf.entry - text.vaddr() + text.offset());
        assertArrayEquals(java.util.Arrays.copyOfRange(file, off, off + 16), code);
    }
}
