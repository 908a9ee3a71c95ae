package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.Flags;
import org.jx86.vmm.Slots;
import org.jx86.vmm.mem.Vma;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** execve of static, static-pie and dynamic programs: where things land and the entry state. */
class ExecTest {
    @TempDir Path dir;

    private static LinuxProcess load(Path exe, ProcessOptions o) throws GuestLoadException {
        return Exec.load(o, exe, exe.toString(), List.of("prog", "one"), List.of("K=V"), false);
    }

    @Test
    void staticProgram() throws Exception {
        Path exe = Gcc.compile(dir, "hello", Gcc.HELLO, "-static");
        ElfFile elf = ElfFile.parse(exe);
        LinuxProcess p = load(exe, ProcessOptions.defaults());
        Cpu cpu = p.mainCpu();
        assertEquals(elf.entry, cpu.rip);
        for (int r = 0; r < 16; r++) if (r != Slots.RSP) assertEquals(0, cpu.s[r], Slots.name(r));
        assertEquals(0, cpu.s[Slots.RSP] % 16);
        assertEquals(0x202, Flags.rflags(cpu));
        assertEquals(0, cpu.s[Slots.FS_BASE]);
        assertEquals(Layout.pageUp(elf.loads.get(elf.loads.size() - 1).end()), p.memory().currentBrk());
        assertEquals(exe.toRealPath(), p.exe());
        InitialStackTest.Parsed st = InitialStackTest.parse(p.space(), cpu.s[Slots.RSP]);
        assertEquals(List.of("prog", "one"), st.argv());
        assertEquals(List.of("K=V"), st.envp());
        assertEquals(0L, st.auxv().get((long) Auxv.AT_BASE));
        assertEquals(elf.entry, st.auxv().get((long) Auxv.AT_ENTRY));
        assertEquals((long) elf.phnum, st.auxv().get((long) Auxv.AT_PHNUM));
        // AT_PHDR points at a copy of the program headers
        long phdr = st.auxv().get((long) Auxv.AT_PHDR);
        byte[] want = java.util.Arrays.copyOfRange(Files.readAllBytes(exe), (int) elf.phoff, (int) elf.phoff + 56);
        byte[] got = new byte[56];
        p.space().peek(phdr, got, 0, 56);
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, got);
    }

    @Test
    void staticPieLoadsAtThePieBase() throws Exception {
        Path exe = Gcc.compile(dir, "pie", Gcc.HELLO, "-static-pie");
        ElfFile elf = ElfFile.parse(exe);
        assertEquals(Elf.ET_DYN, elf.type);
        LinuxProcess p = load(exe, ProcessOptions.defaults());
        long bias = Exec.pieBias(elf);
        assertEquals(0, bias % Layout.PAGE_SIZE);
        assertTrue(bias <= Layout.PIE_BASE && bias > Layout.PIE_BASE - (1 << 22));
        assertEquals(elf.entry + bias, p.mainCpu().rip);
        assertNotNull(p.space().find(bias + elf.loads.get(0).vaddr()));
        InitialStackTest.Parsed st = InitialStackTest.parse(p.space(), p.mainCpu().s[Slots.RSP]);
        assertEquals(elf.entry + bias, st.auxv().get((long) Auxv.AT_ENTRY));
    }

    @Test
    void dynamicProgramStartsInItsInterpreter() throws Exception {
        Path exe = Gcc.compile(dir, "dyn", Gcc.HELLO);
        ElfFile elf = ElfFile.parse(exe);
        Assumptions.assumeTrue(elf.interp != null && Files.exists(Path.of(elf.interp)), "no host dynamic linker");
        LinuxProcess p = load(exe, ProcessOptions.defaults());
        ElfFile ld = ElfFile.parse(Path.of(elf.interp));
        InitialStackTest.Parsed st = InitialStackTest.parse(p.space(), p.mainCpu().s[Slots.RSP]);
        long base = st.auxv().get((long) Auxv.AT_BASE);
        assertEquals(Layout.MMAP_TOP - (ld.highPage() - ld.lowPage()), base, "interpreter right below mmap_base");
        assertEquals(ld.entry + base, p.mainCpu().rip);
        assertEquals(elf.entry + Exec.pieBias(elf), st.auxv().get((long) Auxv.AT_ENTRY));
        Vma v = p.space().find(base);
        assertTrue(v.name().contains("ld-linux"), v.name());
    }

    @Test
    void missingInterpreterIsNotFound() throws Exception {
        TestElf e = TestElf.minimal().interp("/lib64/ld-missing.so.2", 0x1800);
        Path exe = e.write(dir, "dyn");
        GuestLoadException x = assertThrows(GuestLoadException.class,
            () -> load(exe, new ProcessOptions(dir, 1, false)));
        assertEquals(GuestLoadException.NOT_FOUND, x.exitStatus());
        assertEquals("interpreter /lib64/ld-missing.so.2 not found under " + dir, x.getMessage());
    }

    @Test
    void badInterpreterIsReportedAsSuch() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/ld.so"), "not elf");
        Path exe = TestElf.minimal().interp("/lib/ld.so", 0x1800).write(dir, "dyn");
        GuestLoadException x = assertThrows(GuestLoadException.class,
            () -> load(exe, new ProcessOptions(dir, 1, false)));
        assertEquals("interpreter /lib/ld.so: not an ELF file", x.getMessage());
        assertEquals(GuestLoadException.NOT_EXECUTABLE, x.exitStatus());
    }
}
