package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jx86.vmm.mem.AddressSpace;

/**
 * Maps the PT_LOAD segments of a validated {@link ElfFile} into an {@link AddressSpace}, as
 * Linux's {@code elf_map}/{@code padzero} leave them:
 *
 * <ul>
 * <li>each segment covers whole pages; a page shared by two segments gets the union of their
 *     protections (Linux lets the later mapping win; the union never faults where Linux would
 *     run, and no real linker output relies on the difference);
 * <li>file bytes fill the pages from the page-aligned file offset: the bytes before p_vaddr
 *     in the first page (so the ELF header is visible at the start of the first segment), and,
 *     when the segment has no BSS, the file bytes after p_filesz up to the end of the page;
 * <li>BSS ([p_filesz, p_memsz)) reads as zero.
 * </ul>
 */
public final class ElfLoader {
    private ElfLoader() {}

    /** Loads elf with the given bias; name labels the mappings (for /proc/self/maps). */
    public static LoadedElf load(AddressSpace as, ElfFile elf, long bias, String name) throws GuestLoadException {
        List<ProgramHeader> loads = elf.loads;
        if (!Layout.pageAligned(bias)) throw new IllegalArgumentException("unaligned bias");
        long lo = Layout.pageDown(loads.get(0).vaddr()) + bias;
        long hi = elf.highPage() + bias;
        if (lo < Layout.MMAP_MIN || hi > AddressSpace.USER_LIMIT || hi <= lo)
            throw new GuestLoadException("segments do not fit in the user address space");

        mapPages(as, loads, bias, name);
        List<long[]> poked = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(elf.path, StandardOpenOption.READ)) {
            for (ProgramHeader p : loads) {
                long fileStart = Layout.pageDown(p.offset());
                long fileEnd = p.memsz() > p.filesz() ? p.offset() + p.filesz()
                    : Math.min(Layout.pageUp(p.offset() + p.filesz()), elf.fileSize);
                long dst = Layout.pageDown(p.vaddr()) + bias;
                copy(ch, as, fileStart, fileEnd - fileStart, dst);
                poked.add(new long[] {dst, dst + (fileEnd - fileStart)});
            }
        } catch (IOException e) {
            throw new GuestLoadException("cannot read " + elf.path + ": " + Errno.message(Errno.of(e)));
        }
        // BSS must read as zero even where another segment's file bytes landed in a shared page.
        for (ProgramHeader p : loads) {
            long bssStart = p.vaddr() + p.filesz() + bias, bssEnd = p.end() + bias;
            for (long[] r : poked) zero(as, Math.max(bssStart, r[0]), Math.min(bssEnd, Layout.pageUp(r[1])));
        }
        return new LoadedElf(bias, elf.entry + bias, phdrAddr(elf, bias), elf.phnum, lo, hi);
    }

    /** Maps the pages of all segments, each elementary interval with the union of the prots covering it. */
    private static void mapPages(AddressSpace as, List<ProgramHeader> loads, long bias, String name) {
        TreeSet<Long> cuts = new TreeSet<>();
        for (ProgramHeader p : loads) {
            cuts.add(Layout.pageDown(p.vaddr()) + bias);
            cuts.add(Layout.pageUp(p.end()) + bias);
        }
        Long prev = null;
        long runStart = 0;
        int runProt = -1;
        for (long c : cuts) {
            if (prev != null) {
                int prot = 0;
                boolean covered = false;
                for (ProgramHeader p : loads) {
                    long s = Layout.pageDown(p.vaddr()) + bias, e = Layout.pageUp(p.end()) + bias;
                    if (s < c && e > prev) { prot |= p.prot(); covered = true; }
                }
                if (!covered) prot = -1;
                if (prot != runProt) {
                    if (runProt >= 0) as.map(runStart, prev - runStart, runProt, name);
                    runStart = prev;
                    runProt = prot;
                }
            }
            prev = c;
        }
        if (runProt >= 0) as.map(runStart, prev - runStart, runProt, name);
    }

    private static void copy(FileChannel ch, AddressSpace as, long fileOff, long len, long dst) throws IOException {
        byte[] buf = new byte[(int) Math.min(len, Layout.IO_CHUNK)];
        for (long done = 0; done < len; ) {
            int n = (int) Math.min(buf.length, len - done);
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) {
                if (ch.read(b, fileOff + done + b.position()) < 0) throw new IOException("Input/output error");
            }
            as.poke(dst + done, buf, 0, n);
            done += n;
        }
    }

    private static void zero(AddressSpace as, long from, long to) {
        if (from >= to) return;
        byte[] z = new byte[(int) Math.min(to - from, Layout.IO_CHUNK)];
        for (long a = from; a < to; a += z.length) as.poke(a, z, 0, (int) Math.min(z.length, to - a));
    }

    /**
     * AT_PHDR as Linux 6.1 computes it: the program headers' address inside the PT_LOAD that
     * contains e_phoff in the file, else PT_PHDR's address, else 0.
     */
    static long phdrAddr(ElfFile elf, long bias) {
        long phsize = (long) elf.phnum * Elf.PHDR_SIZE;
        for (ProgramHeader p : elf.loads)
            if (p.offset() <= elf.phoff && elf.phoff + phsize <= p.offset() + p.filesz())
                return elf.phoff - p.offset() + p.vaddr() + bias;
        for (ProgramHeader p : elf.phdrs)
            if (p.type() == Elf.PT_PHDR) return p.vaddr() + bias;
        return 0;
    }
}
