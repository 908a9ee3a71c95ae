package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every validation failure of {@link ElfFile#parse} on crafted files, with its user-facing message. */
class ElfFileTest {
    @TempDir Path dir;

    private String error(byte[] file) throws IOException {
        Path f = dir.resolve("f" + System.nanoTime());
        Files.write(f, file);
        GuestLoadException e = assertThrows(GuestLoadException.class, () -> ElfFile.parse(f));
        assertEquals(GuestLoadException.NOT_EXECUTABLE, e.exitStatus());
        return e.getMessage();
    }

    private String error(Consumer<TestElf> change) throws IOException {
        TestElf e = TestElf.minimal();
        change.accept(e);
        return error(e.bytes());
    }

    @Test
    void minimalIsValid() throws Exception {
        Path f = TestElf.minimal().write(dir, "ok");
        ElfFile e = ElfFile.parse(f);
        assertEquals(Elf.ET_EXEC, e.type);
        assertEquals(0x401000, e.entry);
        assertEquals(2, e.loads.size());
        assertNull(e.interp);
        assertEquals(0x401000, e.lowPage());
        assertEquals(0x405000, e.highPage());
    }

    @Test
    void notElf() throws IOException {
        assertEquals("not an ELF file", error("#!/bin/sh\necho hi\n".getBytes()));
        assertEquals("not an ELF file", error(new byte[0]));
        assertEquals("not an ELF file", error(new byte[] {0x7f, 'E', 'L'}));
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] full = TestElf.minimal().bytes();
        assertEquals("truncated ELF file", error(Arrays.copyOf(full, 10)));
        assertEquals("truncated ELF file", error(Arrays.copyOf(full, 40)));
    }

    @Test
    void truncatedSegments() throws IOException {
        byte[] full = TestElf.minimal().bytes();
        assertEquals("truncated ELF file", error(Arrays.copyOf(full, 0x2080)));
        assertEquals("truncated ELF file", error(Arrays.copyOf(full, 100)));  // program headers cut
    }

    @Test
    void foreignArchitectures() throws IOException {
        assertEquals("ELF for aarch64, jx86 runs x86-64 only", error(e -> e.machine = 183));
        assertEquals("ELF for riscv, jx86 runs x86-64 only", error(e -> e.machine = 243));
        assertEquals("ELF for arm, jx86 runs x86-64 only", error(e -> {
            e.machine = 40;
            e.elfClass = Elf.ELFCLASS32;
        }));
        assertEquals("ELF for machine 4242, jx86 runs x86-64 only", error(e -> e.machine = 4242));
        assertEquals("ELF for i386, jx86 runs x86-64 only", error(e -> e.machine = Elf.EM_386));
    }

    @Test
    void classDataVersion() throws IOException {
        assertEquals("32-bit ELF not supported", error(e -> e.elfClass = Elf.ELFCLASS32));
        assertEquals("32-bit ELF not supported", error(e -> {
            e.elfClass = Elf.ELFCLASS32;
            e.machine = Elf.EM_386;
        }));
        assertEquals("invalid ELF class 7", error(e -> e.elfClass = 7));
        assertEquals("big-endian ELF not supported", error(e -> e.data = Elf.ELFDATA2MSB));
        assertEquals("invalid ELF data encoding 0", error(e -> e.data = 0));
        assertEquals("unsupported ELF version 0", error(e -> e.version = 0));
    }

    @Test
    void types() throws IOException {
        assertEquals("relocatable object file, not an executable", error(e -> e.type = Elf.ET_REL));
        assertEquals("core dump, not an executable", error(e -> e.type = Elf.ET_CORE));
        assertEquals("unsupported ELF type 0", error(e -> e.type = Elf.ET_NONE));
    }

    @Test
    void programHeaderTable() throws IOException {
        assertEquals("bad program header size 32", error(e -> e.phentsize = 32));
        assertEquals("no program headers", error(e -> e.phnumOverride = 0));
        assertEquals("too many program headers (100)", error(e -> e.phnumOverride = 100));
        assertEquals("truncated ELF file", error(e -> e.phoff = 0x2ff0));
        assertEquals("truncated ELF file", error(e -> e.phoff = -8));
    }

    @Test
    void segmentChecks() throws IOException {
        assertEquals("bad segment 0: file size 0x900 exceeds memory size 0x800", error(e -> e.phdrs.set(0,
            new TestElf.Phdr(Elf.PT_LOAD, 5, 0x1000, 0x401000, 0x900, 0x800, 0x1000))));
        assertEquals("truncated ELF file", error(e -> e.phdrs.set(0,
            new TestElf.Phdr(Elf.PT_LOAD, 5, 0x1000, 0x401000, 0x8000, 0x8000, 0x1000))));
        assertTrue(error(e -> e.phdrs.set(0, new TestElf.Phdr(Elf.PT_LOAD, 5, 0x1000, 0x401010, 0x100, 0x100,
            0x1000))).startsWith("bad segment 0: address and file offset not aligned alike"));
        assertEquals("bad segment 1: outside the user address space", error(e -> e.phdrs.set(1,
            new TestElf.Phdr(Elf.PT_LOAD, 6, 0x2000, 0x402000, 0x100, 1L << 50, 0x1000))));
        assertEquals("bad segment 1: outside the user address space", error(e -> e.phdrs.set(1,
            new TestElf.Phdr(Elf.PT_LOAD, 6, 0x2000, -0x1000L, 0x100, 0x100, 0x1000))));
        assertEquals("overlapping segments at 0x401400", error(e -> e.phdrs.set(1,
            new TestElf.Phdr(Elf.PT_LOAD, 6, 0x2400, 0x401400, 0x100, 0x100, 0x1000))));
        assertEquals("no loadable segments", error(e -> {
            e.phdrs.clear();
            e.phdrs.add(new TestElf.Phdr(Elf.PT_NOTE, 4, 0x1000, 0, 0x10, 0x10, 4));
        }));
        assertTrue(error(e -> {
            e.phdrs.set(0, new TestElf.Phdr(Elf.PT_LOAD, 5, 0x1000, 0x1000, 0x800, 0x800, 0x1000));
            e.entry = 0x1000;
        }).contains("below the lowest mappable address 0x10000"));
        assertEquals("entry point 0x500000 outside the loadable segments", error(e -> e.entry = 0x500000));
    }

    @Test
    void interpreter() throws Exception {
        TestElf ok = TestElf.minimal().interp("/lib64/ld-linux-x86-64.so.2", 0x1800);
        assertEquals("/lib64/ld-linux-x86-64.so.2", ElfFile.parse(ok.write(dir, "dyn")).interp);

        assertEquals("more than one PT_INTERP", error(e -> e.interp("/a", 0x1800).interp("/b", 0x1810)));
        assertEquals("bad PT_INTERP (not NUL-terminated)", error(e -> {
            e.interp("/lib/ld.so", 0x1800);
            e.patches.add(new Object[] {0x180aL, new byte[] {'x'}});
        }));
        assertEquals("truncated ELF file", error(e -> e.phdrs.add(
            new TestElf.Phdr(Elf.PT_INTERP, 4, 0x2ff0, 0, 0x100, 0x100, 1))));
    }

    @Test
    void unreadableFile() throws Exception {
        GuestLoadException e = assertThrows(GuestLoadException.class, () -> ElfFile.parse(dir.resolve("missing")));
        assertEquals(GuestLoadException.NOT_FOUND, e.exitStatus());
        assertEquals("No such file or directory", e.getMessage());
    }
}
