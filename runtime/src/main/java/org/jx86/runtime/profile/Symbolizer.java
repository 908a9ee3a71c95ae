package org.jx86.runtime.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;

/**
 * Names guest code addresses "symbol+0xoff" from the ELF symbol tables of the program and of
 * the libraries ld.so mapped. The module of an address is the file its mapping came from (the
 * mapping's name, as /proc/self/maps shows it); its load bias is where the file's lowest
 * mapping starts minus the file's lowest PT_LOAD address, since the loader (jx86 for the
 * program and the interpreter, ld.so for libraries) maps each file's first page first and at
 * the lowest address. Modules are learned when code in them is first translated, by which
 * time ld.so has mapped the whole library.
 */
public final class Symbolizer {
    /** One loaded file. */
    record Module(String path, long bias, ElfSymbols symbols) {
        String shortName() {
            int slash = path.lastIndexOf('/');
            return slash >= 0 ? path.substring(slash + 1) : path;
        }
    }

    private final Map<String, ElfSymbols> files = new HashMap<>();
    private final Map<String, Module> modules = new HashMap<>();
    /** Module of each code mapping seen; a mapping changed by mmap/munmap/mprotect is a new Vma object. */
    private final Map<Vma, Module> byVma = new java.util.IdentityHashMap<>();
    /** The lowest start of the module's file mappings when its Vma was cached (for offsets without symbols). */
    private final Map<Vma, Long> lowOf = new java.util.IdentityHashMap<>();

    /** What the profiler records for a block: the names, resolved once. */
    record Location(String function, long functionStart, String module, long offset) {
        /** "main+0x1c", or "libc.so.6+0x2a0f0" without symbols, or "0x401000" outside any file. */
        String label(long addr) {
            if (function != null) return addr == functionStart ? function : function + "+0x" + Long.toHexString(addr - functionStart);
            if (module != null) return module + "+0x" + Long.toHexString(offset);
            return "0x" + Long.toHexString(addr);
        }

        /** The frame name in call stacks: the function, else the module, else the address. */
        String frame(long addr) {
            if (function != null) return function;
            if (module != null) return module + "+0x" + Long.toHexString(offset);
            return "0x" + Long.toHexString(addr);
        }
    }

    static final Location UNKNOWN = new Location(null, 0, null, 0);

    /** Resolves addr in cpu's address space; never throws. */
    public synchronized Location locate(Cpu cpu, long addr) {
        if (!(cpu.memory instanceof AddressSpace as)) return UNKNOWN;
        Vma v = as.find(addr);
        if (v == null || v.name() == null || v.name().isEmpty() || !v.name().startsWith("/")) return UNKNOWN;
        Module m = byVma.get(v);
        if (m == null) {
            if (byVma.size() > 4096) {   // mappings come and go (JIT-ing guests): forget old ones
                byVma.clear();
                lowOf.clear();
            }
            long low = lowestStart(as, v.name());
            m = module(v.name(), low);
            byVma.put(v, m);
            lowOf.put(v, low);
        }
        long rel = addr - m.bias;
        int i = m.symbols.find(rel);
        if (i >= 0) return new Location(m.symbols.name(i), m.symbols.address(i) + m.bias, m.shortName(), rel);
        return new Location(null, 0, m.shortName(), addr - lowOf.get(v));
    }

    private Module module(String path, long low) {
        Module m = modules.get(path);
        if (m != null && m.symbols.fixed) return m;
        ElfSymbols syms = files.computeIfAbsent(path, p -> Files.isRegularFile(Path.of(p)) ? ElfSymbols.read(Path.of(p)) : ElfSymbols.NONE);
        long bias = syms.fixed ? 0 : low - syms.lowVaddr;
        if (m == null || m.bias != bias) {   // first sight, or the file was mapped again elsewhere
            m = new Module(path, bias, syms);
            modules.put(path, m);
        }
        return m;
    }

    private static long lowestStart(AddressSpace as, String path) {
        long low = Long.MAX_VALUE;
        for (Vma v : as.mappings()) if (path.equals(v.name())) low = Math.min(low, v.start());
        return low;
    }
}
