package org.jx86.runtime;

import org.jx86.ir.IrFunction;
import org.jx86.jit.CompiledBlock;

/**
 * One translated guest block as the runtime tracks it: the code, the guest range it came
 * from, and direct links to its successors (the JVM analogue of QEMU's patched
 * {@code goto_tb} slots), cleared when the block is invalidated.
 */
public final class Translation {
    public final long rip;
    public final long end;
    /** Null until compiled (the interpreter tiers run {@link #ir}). */
    public volatile CompiledBlock code;
    /** Kept only for the IR interpreter tier and debugging. */
    public final IrFunction ir;
    /** Volatile: another thread may invalidate it (a write to its code page, munmap). */
    public volatile boolean valid = true;
    public long execCount;
    /** The profiler's record of a block that ends in CALL or RET (org.jx86.runtime.profile); else null. */
    public Object profile;
    Translation link0, link1;
    /**
     * Guest pages (addresses >>> 12) the code came from, for invalidation; null for a tier-1
     * block, whose pages are those of [rip, end).
     */
    final long[] pages;
    /** For a region: the tier-1 block it replaced, whose links and counts region forming reads. */
    Translation tier1;
    /** For a region: the guest addresses of its blocks; null for a tier-1 block. */
    long[] blockRips;
    /** For a region: how many times it was re-formed to take in blocks it used to leave for. */
    int generation;
    /** For a region run by linked calls: runs that did not come back to the return address. */
    long strays;
    /** Guest instructions of a tier-2 region, 0 for a tier-1 block. */
    public final int regionInsns;

    Translation(long rip, long end, CompiledBlock code, IrFunction ir) {
        this(rip, end, code, ir, null, 0);
    }

    Translation(long rip, long end, CompiledBlock code, IrFunction ir, long[] pages, int regionInsns) {
        this.rip = rip;
        this.end = end;
        this.code = code;
        this.ir = ir;
        this.pages = pages;
        this.regionInsns = regionInsns;
    }

    public boolean isRegion() { return regionInsns > 0; }

    /** True if the guest block at rip is part of this translation. */
    boolean covers(long rip) {
        if (blockRips == null) return rip == this.rip;
        for (long b : blockRips) if (b == rip) return true;
        return false;
    }

    /** Guest pages (addresses >>> 12) this translation was made from. */
    long[] pages() {
        if (pages != null) return pages;
        long first = rip >>> 12, last = (end - 1) >>> 12;
        long[] p = new long[(int) (last - first + 1)];
        for (int i = 0; i < p.length; i++) p[i] = first + i;
        return p;
    }
}
