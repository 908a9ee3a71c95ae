package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jx86.vmm.mem.AddressSpace;

/**
 * A validated ELF64 x86-64 executable: its header fields and program headers. Parsing checks
 * everything the loader later relies on, so a bad file fails here with a one-line
 * {@link GuestLoadException} and never half-loads.
 *
 * <p>The checks follow Linux's {@code load_elf_binary} where it is strict (machine, type,
 * program-header size, page congruence of segments) and add the ones whose absence would let
 * a bad file crash the loader (bounds, overflow, overlap).
 */
public final class ElfFile {
    /** Linux reads at most one page of program headers (load_elf_phdrs). */
    static final int MAX_PHNUM = (int) (Layout.PAGE_SIZE / Elf.PHDR_SIZE);

    public final Path path;
    public final long fileSize;
    public final int type;
    public final long entry;
    public final long phoff;
    public final int phnum;
    /** All program headers in file order. */
    public final List<ProgramHeader> phdrs;
    /** The PT_LOAD headers with memsz &gt; 0, sorted by address. */
    public final List<ProgramHeader> loads;
    /** PT_INTERP path, or null for a static program. */
    public final String interp;

    private ElfFile(Path path, long fileSize, int type, long entry, long phoff, int phnum,
                    List<ProgramHeader> phdrs, List<ProgramHeader> loads, String interp) {
        this.path = path;
        this.fileSize = fileSize;
        this.type = type;
        this.entry = entry;
        this.phoff = phoff;
        this.phnum = phnum;
        this.phdrs = List.copyOf(phdrs);
        this.loads = List.copyOf(loads);
        this.interp = interp;
    }

    public boolean isDyn() { return type == Elf.ET_DYN; }

    /** Lowest page address of the loadable segments (before relocation). */
    public long lowPage() { return Layout.pageDown(loads.get(0).vaddr()); }

    /** End of the highest segment, rounded up to a page (before relocation). */
    public long highPage() {
        long end = 0;
        for (ProgramHeader p : loads) end = Math.max(end, p.end());
        return Layout.pageUp(end);
    }

    /** The largest power-of-two p_align of the PT_LOAD segments (at least a page). */
    public long maxAlign() {
        long a = Layout.PAGE_SIZE;
        for (ProgramHeader p : loads)
            if (p.align() > a && Long.bitCount(p.align()) == 1) a = p.align();
        return a;
    }

    /** Opens and validates an ELF file. */
    public static ElfFile parse(Path path) throws GuestLoadException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return parse(path, ch);
        } catch (NoSuchFileException e) {
            throw new GuestLoadException(GuestLoadException.NOT_FOUND, "No such file or directory");
        } catch (AccessDeniedException e) {
            throw new GuestLoadException("Permission denied");
        } catch (IOException e) {
            throw new GuestLoadException(Errno.message(Errno.of(e)));
        }
    }

    /** Validates the ELF file readable from ch; path is only recorded. */
    public static ElfFile parse(Path path, SeekableByteChannel ch) throws IOException, GuestLoadException {
        long size = ch.size();
        ByteBuffer eh = read(ch, 0, (int) Math.min(size, Elf.EHDR_SIZE));
        int n = eh.limit();
        if (n < 4 || eh.getInt(0) != 0x7f45_4c46) throw new GuestLoadException("not an ELF file"); // "\177ELF"
        if (n < 20) throw truncated();
        int cls = eh.get(4) & 0xFF, data = eh.get(5) & 0xFF, version = eh.get(6) & 0xFF;
        if (data != Elf.ELFDATA2LSB && data != Elf.ELFDATA2MSB)
            throw new GuestLoadException("invalid ELF data encoding " + data);
        eh.order(data == Elf.ELFDATA2LSB ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int machine = eh.getShort(18) & 0xFFFF;
        if (machine != Elf.EM_X86_64 && machine != Elf.EM_386)
            throw new GuestLoadException("ELF for " + Elf.machineName(machine) + ", jx86 runs x86-64 only");
        if (cls == Elf.ELFCLASS32) throw new GuestLoadException("32-bit ELF not supported");
        if (cls != Elf.ELFCLASS64) throw new GuestLoadException("invalid ELF class " + cls);
        if (machine == Elf.EM_386)
            throw new GuestLoadException("ELF for i386, jx86 runs x86-64 only");
        if (data != Elf.ELFDATA2LSB) throw new GuestLoadException("big-endian ELF not supported");
        if (version != Elf.EV_CURRENT) throw new GuestLoadException("unsupported ELF version " + version);
        if (n < Elf.EHDR_SIZE) throw truncated();

        int type = eh.getShort(16) & 0xFFFF;
        switch (type) {
            case Elf.ET_EXEC, Elf.ET_DYN -> { }
            case Elf.ET_REL -> throw new GuestLoadException("relocatable object file, not an executable");
            case Elf.ET_CORE -> throw new GuestLoadException("core dump, not an executable");
            default -> throw new GuestLoadException("unsupported ELF type " + type);
        }
        long entry = eh.getLong(24), phoff = eh.getLong(32);
        int phentsize = eh.getShort(54) & 0xFFFF, phnum = eh.getShort(56) & 0xFFFF;
        if (phentsize != Elf.PHDR_SIZE) throw new GuestLoadException("bad program header size " + phentsize);
        if (phnum == 0) throw new GuestLoadException("no program headers");
        if (phnum > MAX_PHNUM) throw new GuestLoadException("too many program headers (" + phnum + ")");
        long phsize = (long) phnum * Elf.PHDR_SIZE;
        if (phoff < 0 || phoff > size - phsize) throw truncated();

        ByteBuffer ph = read(ch, phoff, (int) phsize).order(ByteOrder.LITTLE_ENDIAN);
        List<ProgramHeader> phdrs = new ArrayList<>(phnum);
        List<ProgramHeader> loads = new ArrayList<>();
        String interp = null;
        for (int i = 0; i < phnum; i++) {
            int o = i * Elf.PHDR_SIZE;
            ProgramHeader p = new ProgramHeader(ph.getInt(o), ph.getInt(o + 4), ph.getLong(o + 8),
                ph.getLong(o + 16), ph.getLong(o + 32), ph.getLong(o + 40), ph.getLong(o + 48));
            phdrs.add(p);
            if (p.type() == Elf.PT_LOAD) {
                checkLoad(i, p, size);
                if (p.memsz() > 0) loads.add(p);
            } else if (p.type() == Elf.PT_INTERP) {
                if (interp != null) throw new GuestLoadException("more than one PT_INTERP");
                interp = readInterp(ch, p, size);
            }
        }
        if (loads.isEmpty()) throw new GuestLoadException("no loadable segments");
        loads.sort(Comparator.comparingLong(ProgramHeader::vaddr));
        for (int i = 1; i < loads.size(); i++)
            if (Long.compareUnsigned(loads.get(i).vaddr(), loads.get(i - 1).end()) < 0)
                throw new GuestLoadException("overlapping segments at 0x" + Long.toHexString(loads.get(i).vaddr()));
        ProgramHeader first = loads.get(0), last = loads.get(loads.size() - 1);
        long span = Layout.pageUp(last.end()) - Layout.pageDown(first.vaddr());
        if (span <= 0 || span > Layout.MMAP_TOP - Layout.MMAP_MIN)
            throw new GuestLoadException("segments span too much memory (0x" + Long.toHexString(last.end()) + ")");
        if (type == Elf.ET_EXEC) {
            if (Layout.pageDown(first.vaddr()) < Layout.MMAP_MIN)
                throw new GuestLoadException("segment at 0x" + Long.toHexString(first.vaddr())
                    + " below the lowest mappable address 0x" + Long.toHexString(Layout.MMAP_MIN));
            if (Layout.pageUp(last.end()) > AddressSpace.USER_LIMIT)
                throw new GuestLoadException("segment outside the user address space");
        }
        boolean entryOk = false;
        for (ProgramHeader p : loads)
            entryOk |= Long.compareUnsigned(entry - p.vaddr(), p.memsz()) < 0;
        if (!entryOk)
            throw new GuestLoadException("entry point 0x" + Long.toHexString(entry) + " outside the loadable segments");
        return new ElfFile(path, size, type, entry, phoff, phnum, phdrs, loads, interp);
    }

    private static void checkLoad(int i, ProgramHeader p, long size) throws GuestLoadException {
        String seg = "bad segment " + i + ": ";
        if (Long.compareUnsigned(p.filesz(), p.memsz()) > 0)
            throw new GuestLoadException(seg + "file size 0x" + Long.toHexString(p.filesz())
                + " exceeds memory size 0x" + Long.toHexString(p.memsz()));
        if (p.offset() < 0 || p.filesz() < 0 || p.offset() > size - p.filesz()) throw truncated();
        if (p.vaddr() < 0 || p.memsz() < 0 || p.memsz() > AddressSpace.USER_LIMIT
            || p.vaddr() > AddressSpace.USER_LIMIT - p.memsz())
            throw new GuestLoadException(seg + "outside the user address space");
        if (((p.vaddr() ^ p.offset()) & ~Layout.PAGE_MASK) != 0)
            throw new GuestLoadException(seg + "address and file offset not aligned alike (0x"
                + Long.toHexString(p.vaddr()) + ", 0x" + Long.toHexString(p.offset()) + ")");
    }

    private static String readInterp(SeekableByteChannel ch, ProgramHeader p, long size)
            throws IOException, GuestLoadException {
        if (p.offset() < 0 || p.filesz() < 0 || p.offset() > size - p.filesz()) throw truncated();
        if (p.filesz() < 2 || p.filesz() > Layout.PATH_MAX) throw new GuestLoadException("bad PT_INTERP");
        ByteBuffer b = read(ch, p.offset(), (int) p.filesz());
        if (b.get(b.limit() - 1) != 0) throw new GuestLoadException("bad PT_INTERP (not NUL-terminated)");
        byte[] s = new byte[b.limit() - 1];
        b.get(0, s);
        for (byte c : s) if (c == 0) throw new GuestLoadException("bad PT_INTERP (embedded NUL)");
        return new String(s, HostPaths.CHARSET);
    }

    private static ByteBuffer read(SeekableByteChannel ch, long pos, int len) throws IOException, GuestLoadException {
        ByteBuffer b = ByteBuffer.allocate(len);
        ch.position(pos);
        while (b.hasRemaining()) if (ch.read(b) < 0) throw truncated();
        return b.flip();
    }

    private static GuestLoadException truncated() { return new GuestLoadException("truncated ELF file"); }

    @Override
    public String toString() {
        return "ElfFile[" + path + ", type " + type + ", entry 0x" + Long.toHexString(entry) + ", "
            + loads.size() + " PT_LOAD" + (interp != null ? ", interp " + interp : "") + "]";
    }
}
