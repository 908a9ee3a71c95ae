package org.jx86.runtime.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jx86.vmm.Slots;
import org.jx86.vmm.sys.Cr;
import org.jx86.vmm.sys.PhysMem;
import org.jx86.vmm.sys.SysVcpu;

/**
 * The boot protocol of docs/system-mode.md: loads an ELF64 kernel's PT_LOAD segments at
 * their physical addresses, builds the identity map of the first 4 GiB (2 MiB pages; a PML5
 * on top with LA57), a flat GDT and the boot-info block, and puts each vCPU in 64-bit mode
 * at CPL 0 with interrupts off at the kernel's entry point.
 */
public final class BootLoader {
    public static final long GDT = 0x1000, BOOT_INFO = 0x2000, CMDLINE = 0x2100, CMDLINE_MAX = 0xE00;
    public static final long PML5 = 0x10000, PML4 = 0x11000, PDPT = 0x12000, PD0 = 0x13000;
    public static final long STACKS = 0x20000, STACK_SIZE = 0x4000;
    public static final int MAX_VCPUS = 16;
    public static final long KERNEL_MIN = 0x10_0000;
    public static final int BOOT_MAGIC = 0x3638_584A; // "JX86"
    /** Flat GDT: null, kernel code 0x08, kernel data 0x10, (user code32) 0x18, user data 0x20, user code 0x28. */
    static final long[] GDT_ENTRIES = {
        0, 0x00AF_9A00_0000_FFFFL, 0x00CF_9200_0000_FFFFL, 0x00CF_FA00_0000_FFFFL,
        0x00CF_F200_0000_FFFFL, 0x00AF_FA00_0000_FFFFL,
    };

    /** Thrown for a kernel image jx86 cannot boot; the message is for the user. */
    public static final class BadKernel extends Exception {
        private static final long serialVersionUID = 1L;
        BadKernel(String m) { super(m); }
    }

    /** Copies the segments into memory and returns the entry point. */
    public static long loadElf(byte[] image, PhysMem mem) throws BadKernel {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (image.length < 64 || b.getInt(0) != 0x464C_457F) throw new BadKernel("not an ELF file");
        if (image[4] != 2 || image[5] != 1) throw new BadKernel("not a little-endian ELF64 file");
        if (b.getShort(18) != 62) throw new BadKernel("not an x86-64 ELF file");
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54) & 0xFFFF, phnum = b.getShort(56) & 0xFFFF;
        if (phoff < 0 || phoff + (long) phentsize * phnum > image.length || phentsize < 56) {
            throw new BadKernel("truncated program headers");
        }
        int loaded = 0;
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            if (b.getInt(p) != 1) continue; // PT_LOAD
            long off = b.getLong(p + 8), paddr = b.getLong(p + 24), filesz = b.getLong(p + 32), memsz = b.getLong(p + 40);
            if (off < 0 || filesz < 0 || off + filesz > image.length || memsz < filesz) throw new BadKernel("truncated segment " + i);
            if (paddr < KERNEL_MIN || paddr + memsz > mem.size) {
                throw new BadKernel(String.format("segment %d at physical 0x%x-0x%x is outside 0x%x-0x%x (RAM above the boot area)",
                    i, paddr, paddr + memsz, KERNEL_MIN, mem.size));
            }
            mem.copyIn(paddr, image, (int) off, (int) filesz);
            for (long a = paddr + filesz; a < paddr + memsz; a++) mem.write(a, 1, 0);
            loaded++;
        }
        if (loaded == 0) throw new BadKernel("no PT_LOAD segments");
        return entry;
    }

    /** Builds page tables, GDT and boot info. */
    public static void buildPlatform(PhysMem mem, VmConfig cfg) {
        long rw = Cr.PTE_P | Cr.PTE_W | Cr.PTE_A | Cr.PTE_D;
        for (int i = 0; i < 4; i++) {
            long pd = PD0 + 0x1000L * i;
            for (int j = 0; j < 512; j++) mem.write64(pd + 8L * j, ((long) i << 30) + ((long) j << 21) | rw | Cr.PTE_PS);
            mem.write64(PDPT + 8L * i, pd | rw);
        }
        mem.write64(PML4, PDPT | rw);
        mem.write64(PML5, PML4 | rw);
        for (int i = 0; i < GDT_ENTRIES.length; i++) mem.write64(GDT + 8L * i, GDT_ENTRIES[i]);
        byte[] cmd = cfg.cmdline.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(cmd.length, CMDLINE_MAX - 1);
        mem.copyIn(CMDLINE, cmd, 0, n);
        mem.write(CMDLINE + n, 1, 0);
        var f = cfg.features;
        int flags = (f.lam ? 1 : 0) | (f.la57 ? 2 : 0) | (f.pcid ? 4 : 0) | (f.invpcid ? 8 : 0)
            | (f.smep ? 16 : 0) | (f.smap ? 32 : 0);
        mem.write(BOOT_INFO, 4, BOOT_MAGIC);
        mem.write(BOOT_INFO + 4, 4, 1);              // version
        mem.write(BOOT_INFO + 8, 8, cfg.memory);
        mem.write(BOOT_INFO + 16, 4, cfg.smp);
        mem.write(BOOT_INFO + 20, 4, flags);
        mem.write(BOOT_INFO + 24, 4, f.maxPhyAddr);
        mem.write(BOOT_INFO + 28, 4, n);
        mem.write(BOOT_INFO + 32, 8, CMDLINE);
    }

    /** The entry state of vCPU i. */
    public static void resetVcpu(SysVcpu v, long entry, VmConfig cfg) {
        var m = v.mmu;
        m.cpl = 0;
        m.cs64 = true;
        m.cr0 = Cr.CR0_PE | Cr.CR0_MP | Cr.CR0_ET | Cr.CR0_NE | Cr.CR0_WP | Cr.CR0_PG;
        m.cr4 = Cr.CR4_PAE | Cr.CR4_OSFXSR | Cr.CR4_OSXMMEXCPT | (cfg.features.la57 ? Cr.CR4_LA57 : 0);
        m.efer = Cr.EFER_SCE | Cr.EFER_LME | Cr.EFER_LMA | Cr.EFER_NXE;
        m.cr3 = cfg.features.la57 ? PML5 : PML4;
        m.recompute();
        v.cs = 0x08;
        v.ss = 0x10;
        v.gdtBase = GDT;
        v.gdtLimit = GDT_ENTRIES.length * 8 - 1;
        v.idtBase = 0;
        v.idtLimit = 0;
        v.setRflags(2);
        long[] s = v.cpu.s;
        s[Slots.RSP] = STACKS + STACK_SIZE * (v.index + 1);
        s[Slots.RDI] = BOOT_INFO;
        s[Slots.RSI] = v.index;
        v.cpu.rip = entry;
    }
}
