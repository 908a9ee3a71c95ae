package org.jx86.runtime.linux;

import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;

/**
 * The memory-management half of a process: the program break and mmap placement over an
 * {@link AddressSpace}. Methods take page-aligned arguments and return -errno on failure,
 * like the system calls they implement ({@link MemorySyscalls} decodes and checks
 * arguments).
 *
 * <p>Anonymous mappings are named "" (or "[heap]", "[stack]"); file mappings carry the
 * file's path, which is how MADV_DONTNEED tells them apart.
 */
public final class ProcessMemory {
    private final AddressSpace as;
    private long brkStart;
    private long brk;

    public ProcessMemory(AddressSpace as) { this.as = as; }

    public AddressSpace space() { return as; }

    /** The same break over as (a forked copy of this space). */
    synchronized ProcessMemory copyFor(AddressSpace as) {
        ProcessMemory m = new ProcessMemory(as);
        m.brkStart = brkStart;
        m.brk = brk;
        return m;
    }

    /** Sets where the heap starts: the page-aligned end of the main program. */
    public synchronized void initBrk(long start) {
        brkStart = start;
        brk = start;
    }

    public synchronized long brkStart() { return brkStart; }

    public synchronized long currentBrk() { return brk; }

    /** brk(2): moves the break if it can and returns the (possibly unchanged) break. */
    public synchronized long brk(long addr) {
        if (addr < brkStart) return brk;
        long oldTop = Layout.pageUp(brk), newTop = Layout.pageUp(addr);
        if (newTop < addr || newTop > Layout.MMAP_TOP) return brk;
        if (newTop > oldTop) {
            if (!isFree(oldTop, newTop)) return brk;
            as.map(oldTop, newTop - oldTop, Vma.PROT_READ | Vma.PROT_WRITE, "[heap]");
        } else if (newTop < oldTop) {
            as.unmap(newTop, oldTop - newTop);
        }
        brk = addr;
        return brk;
    }

    /** True when no mapping intersects [start, end). */
    public boolean isFree(long start, long end) {
        for (Vma v : as.mappings())
            if (v.start() < end && v.end() > start) return false;
        return true;
    }

    /**
     * Chooses where a new mapping of len bytes goes: at the hint when it is free, else the
     * highest free range below {@link Layout#MMAP_TOP} (Linux's top-down layout).
     * Returns -ENOMEM when nothing fits.
     */
    public synchronized long place(long hint, long len) {
        if (hint != 0) {
            long a = Layout.pageDown(hint);
            if (a >= Layout.MMAP_MIN && a + len <= AddressSpace.USER_LIMIT && a + len > a && isFree(a, a + len))
                return a;
        }
        long a = as.findFree(len, Layout.MMAP_TOP, Layout.MMAP_MIN);
        return a < 0 ? -Errno.ENOMEM : a;
    }

    /** MADV_DONTNEED: anonymous pages in range read as zero again; file pages are left as they are. */
    public synchronized void dontNeed(long start, long end) {
        for (Vma v : as.mappings()) {
            long s = Math.max(v.start(), start), e = Math.min(v.end(), end);
            if (s < e && isAnonymous(v) && v.shared() == null) as.map(s, e - s, v.prot(), v.name());
        }
    }

    /**
     * mremap(2) without MREMAP_FIXED: shrinks in place, grows in place when the pages after
     * the mapping are free, else moves (if allowed) to a new place, copying the contents.
     */
    public synchronized long remap(long old, long oldLen, long newLen, boolean mayMove) {
        Vma v = as.find(old);
        if (v == null || !as.fullyMapped(old, old + oldLen)) return -Errno.EFAULT;
        if (newLen <= oldLen) {
            if (newLen < oldLen) as.unmap(old + newLen, oldLen - newLen);
            return old;
        }
        long end = old + newLen;
        if (end > old && end <= AddressSpace.USER_LIMIT && isFree(old + oldLen, end)) {
            Vma last = as.find(old + oldLen - 1);
            if (last.shared() != null)
                as.mapShared(old + oldLen, newLen - oldLen, last.prot(), last.name(), last.shared(),
                    last.sharedPageOf(old + oldLen));
            else as.map(old + oldLen, newLen - oldLen, v.prot(), v.name());
            return old;
        }
        if (!mayMove) return -Errno.ENOMEM;
        long dst = as.findFree(newLen, Layout.MMAP_TOP, Layout.MMAP_MIN);
        if (dst < 0) return -Errno.ENOMEM;
        return moveTo(old, oldLen, dst, newLen);
    }

    /** Moves [old, old+oldLen) to dst (mapped with newLen bytes, replacing what was there). */
    public synchronized long moveTo(long old, long oldLen, long dst, long newLen) {
        Vma v = as.find(old);
        if (v == null || !as.fullyMapped(old, old + oldLen)) return -Errno.EFAULT;
        if (v.shared() != null) {
            // A shared mapping moves as a view of the same object: no copy.
            as.mapShared(dst, newLen, v.prot(), v.name(), v.shared(), v.sharedPageOf(old));
            as.unmap(old, oldLen);
            return dst;
        }
        as.map(dst, newLen, v.prot(), v.name());
        byte[] page = new byte[(int) Layout.PAGE_SIZE];
        for (long off = 0; off < Math.min(oldLen, newLen); off += Layout.PAGE_SIZE) {
            as.peek(old + off, page, 0, page.length);
            if (!allZero(page)) as.poke(dst + off, page, 0, page.length); // untouched pages stay unallocated
        }
        as.unmap(old, oldLen);
        return dst;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    public static boolean isAnonymous(Vma v) { return !v.name().startsWith("/"); }
}
