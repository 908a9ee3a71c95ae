package org.jx86.runtime.profile;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The function symbols of one ELF file (.symtab, else .dynsym), sorted by address, plus what
 * is needed to find its load bias: the type (ET_EXEC is never relocated) and the lowest PT_LOAD
 * address. A file that cannot be read or parsed yields no symbols, never an exception: the
 * profiler then names addresses by module and offset.
 */
final class ElfSymbols {
    private static final int SHT_SYMTAB = 2, SHT_DYNSYM = 11, STT_FUNC = 2, STT_GNU_IFUNC = 10, ET_EXEC = 2;
    private static final int PT_LOAD = 1;

    final boolean fixed;
    /** Lowest PT_LOAD p_vaddr, page-aligned down. */
    final long lowVaddr;
    private final long[] addrs;
    private final long[] sizes;
    private final String[] names;

    private ElfSymbols(boolean fixed, long lowVaddr, long[] addrs, long[] sizes, String[] names) {
        this.fixed = fixed;
        this.lowVaddr = lowVaddr;
        this.addrs = addrs;
        this.sizes = sizes;
        this.names = names;
    }

    static final ElfSymbols NONE = new ElfSymbols(false, 0, new long[0], new long[0], new String[0]);

    int size() { return addrs.length; }

    /** Index of the symbol covering unbiased address a, or -1. */
    int find(long a) {
        int i = Arrays.binarySearch(addrs, a);
        if (i < 0) i = -i - 2;
        if (i < 0) return -1;
        // Several names may share an address; binarySearch may land on any of them: take the first.
        while (i > 0 && addrs[i - 1] == addrs[i]) i--;
        long size = sizes[i];
        if (size == 0) return a == addrs[i] || i + 1 >= addrs.length || a < addrs[i + 1] ? i : -1;
        return a - addrs[i] < size ? i : -1;
    }

    long address(int i) { return addrs[i]; }

    String name(int i) { return names[i]; }

    static ElfSymbols read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < 64 || ch.size() > Integer.MAX_VALUE) return NONE;
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            b.order(ByteOrder.LITTLE_ENDIAN);
            return parse(new Bytes(b));
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** Bounds-checked little-endian reads; any bad offset throws and the file counts as symbol-less. */
    private record Bytes(MappedByteBuffer b) {
        int u8(long at) { return b.get(check(at, 1)) & 0xFF; }
        int u16(long at) { return b.getShort(check(at, 2)) & 0xFFFF; }
        long u32(long at) { return b.getInt(check(at, 4)) & 0xFFFF_FFFFL; }
        long u64(long at) { return b.getLong(check(at, 8)); }

        int check(long at, int n) {
            if (at < 0 || at > b.limit() - n) throw new IndexOutOfBoundsException("offset " + at);
            return (int) at;
        }

        String cstring(long at) {
            int start = check(at, 1), end = start;
            while (end < b.limit() && end - start < 4096 && b.get(end) != 0) end++;
            byte[] s = new byte[end - start];
            b.get(start, s);
            return new String(s, StandardCharsets.UTF_8);
        }
    }

    private record Sym(long addr, long size, String name, boolean global) {}

    private static ElfSymbols parse(Bytes f) {
        if (f.u32(0) != 0x464c_457fL || f.u8(4) != 2 || f.u8(5) != 1) return NONE;   // ELF64 little-endian
        boolean fixed = f.u16(16) == ET_EXEC;
        long phoff = f.u64(0x20), shoff = f.u64(0x28);
        int phentsize = f.u16(0x36), phnum = f.u16(0x38), shentsize = f.u16(0x3A), shnum = f.u16(0x3C);
        long low = Long.MAX_VALUE;
        for (int i = 0; i < phnum && phentsize >= 56; i++) {
            long ph = phoff + (long) i * phentsize;
            if (f.u32(ph) == PT_LOAD) low = Math.min(low, f.u64(ph + 16));
        }
        if (low == Long.MAX_VALUE) low = 0;
        List<Sym> syms = new ArrayList<>();
        if (shoff != 0 && shentsize >= 64) {
            if (!collect(f, shoff, shentsize, shnum, SHT_SYMTAB, syms)) collect(f, shoff, shentsize, shnum, SHT_DYNSYM, syms);
        }
        // Sort by address, globals first among aliases, so find() prefers "memcpy" to "__memcpy_local".
        syms.sort((a, b) -> a.addr != b.addr ? Long.compareUnsigned(a.addr, b.addr) : Boolean.compare(b.global, a.global));
        long[] addrs = new long[syms.size()], sizes = new long[syms.size()];
        String[] names = new String[syms.size()];
        for (int i = 0; i < syms.size(); i++) {
            addrs[i] = syms.get(i).addr;
            sizes[i] = syms.get(i).size;
            names[i] = syms.get(i).name;
        }
        return new ElfSymbols(fixed, low & ~0xFFFL, addrs, sizes, names);
    }

    /** Adds the function symbols of the first section of the given type; false when there is none. */
    private static boolean collect(Bytes f, long shoff, int shentsize, int shnum, int type, List<Sym> out) {
        for (int i = 0; i < shnum; i++) {
            long sh = shoff + (long) i * shentsize;
            if (f.u32(sh + 4) != type) continue;
            long off = f.u64(sh + 24), size = f.u64(sh + 32), entsize = f.u64(sh + 56);
            long link = f.u32(sh + 40);
            if (entsize < 24 || link >= shnum) return false;
            long strOff = f.u64(shoff + link * shentsize + 24);
            for (long s = off; s + 24 <= off + size; s += entsize) {
                int info = f.u8(s + 4);
                int stType = info & 0xF;
                if (stType != STT_FUNC && stType != STT_GNU_IFUNC) continue;
                long value = f.u64(s + 8);
                if (value == 0 || f.u16(s + 6) == 0) continue;   // undefined
                String name = f.cstring(strOff + f.u32(s));
                if (name.isEmpty()) continue;
                out.add(new Sym(value, f.u64(s + 16), name, (info >> 4) != 0));
            }
            return true;
        }
        return false;
    }
}
