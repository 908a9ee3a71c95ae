package org.jx86.vmm.mem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.collections.LongHashSet;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;

/**
 * A user-mode guest address space: the mapping table that mmap, brk and mprotect build
 * (a sorted map of {@link Vma}s, the truth for permissions) plus lazily allocated frames.
 * Shared by all threads of a guest process; every vCPU fills its own {@link Tlb} from it.
 *
 * <p>Mutations are synchronized; a mutation that removes or restricts access bumps
 * {@link #generation()} so every vCPU flushes its TLB before its next block.
 */
public final class AddressSpace implements MemoryMap {
    /** First address above the user half (47-bit canonical lower half). */
    public static final long USER_LIMIT = 1L << 47;

    private final TreeMap<Long, Vma> vmas = new TreeMap<>();
    private final FrameTable frames = new FrameTable();
    private final LongHashSet codePages = new LongHashSet();
    private final LongHashSet cow = new LongHashSet();
    private volatile long generation;
    private volatile CodeWriteListener codeListener = page -> { };
    private boolean sharedReleased;

    public void setCodeWriteListener(CodeWriteListener l) { this.codeListener = l; }

    @Override
    public long generation() { return generation; }

    // ---- mapping table

    /** Maps [start, start+len) with prot, zero-filled, replacing whatever was there. */
    public void map(long start, long len, int prot, String name) {
        checkRange(start, len);
        List<Long> code;
        synchronized (this) {
            code = unmapLocked(start, len);
            vmas.put(start, new Vma(start, start + len, prot, name));
        }
        notifyCode(code);
    }

    /**
     * Maps [start, start+len) with MAP_SHARED semantics: its pages are the frames of shared
     * from page index firstPage on, the same arrays every other mapping of shared uses.
     */
    public void mapShared(long start, long len, int prot, String name, SharedFrames shared, long firstPage) {
        checkRange(start, len);
        List<Long> code;
        synchronized (this) {
            code = unmapLocked(start, len);
            shared.retain();
            vmas.put(start, new Vma(start, start + len, prot, name, shared, firstPage));
        }
        notifyCode(code);
    }

    public void unmap(long start, long len) {
        checkRange(start, len);
        List<Long> code;
        synchronized (this) {
            code = unmapLocked(start, len);
        }
        notifyCode(code);
    }

    // Listeners run outside our lock: the code cache takes its own lock and calls back into us.
    private void notifyCode(List<Long> pages) {
        for (long p : pages) codeListener.codePageWritten(p);
    }

    /** Returns the pages that held code, for the caller to report after unlocking. */
    private List<Long> unmapLocked(long start, long len) {
        List<Long> code = new ArrayList<>();
        long end = start + len;
        splitAt(start);
        splitAt(end);
        List<Long> gone = new ArrayList<>(vmas.subMap(start, true, end, false).keySet());
        for (Long k : gone) {
            Vma v = vmas.remove(k);
            if (v.shared() != null) v.shared().release();
        }
        for (long p = start; p < end; p += Tlb.PAGE_SIZE) {
            long vpn = p >>> Tlb.PAGE_SHIFT;
            if (frames.get(vpn) != null) frames.remove(vpn);
            cow.remove(vpn);
            if (codePages.remove(vpn)) code.add(p);
        }
        generation++;
        return code;
    }

    /** Changes protection of every mapped page in range; returns false if part of it is unmapped. */
    public boolean protect(long start, long len, int prot) {
        checkRange(start, len);
        long end = start + len;
        List<Long> code = new ArrayList<>();
        synchronized (this) {
            if (!fullyMapped(start, end)) return false;
            splitAt(start);
            splitAt(end);
            for (Vma v : new ArrayList<>(vmas.subMap(start, true, end, false).values()))
                vmas.put(v.start(), v.withProt(prot));
            // Code that is no longer executable must fault when reached: drop its translations.
            if ((prot & Vma.PROT_EXEC) == 0)
                for (long p = start; p < end; p += Tlb.PAGE_SIZE)
                    if (codePages.remove(p >>> Tlb.PAGE_SHIFT)) code.add(p);
            generation++;
        }
        notifyCode(code);
        return true;
    }

    public synchronized boolean fullyMapped(long start, long end) {
        long a = start;
        while (a < end) {
            Vma v = find(a);
            if (v == null) return false;
            a = v.end();
        }
        return true;
    }

    /** The mapping containing a, or null. */
    public synchronized Vma find(long a) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(a);
        return e != null && e.getValue().contains(a) ? e.getValue() : null;
    }

    public synchronized List<Vma> mappings() { return new ArrayList<>(vmas.values()); }

    /**
     * Finds a free, page-aligned range of len bytes, searching down from below limit
     * (Linux's top-down mmap layout). Returns -1 if none.
     */
    public synchronized long findFree(long len, long limit, long floor) {
        long top = limit & Tlb.PAGE_MASK;
        for (Vma v : vmas.descendingMap().values()) {
            if (v.start() >= top) continue;
            if (v.end() <= top - len && top - len >= floor) return top - len;
            top = Math.min(top, v.start());
        }
        return top - len >= floor ? top - len : -1;
    }

    private void splitAt(long a) {
        Vma v = find(a);
        if (v == null || v.start() == a) return;
        vmas.put(v.start(), v.slice(v.start(), a));
        vmas.put(a, v.slice(a, v.end()));
        if (v.shared() != null) v.shared().retain(); // one piece became two
    }

    private static void checkRange(long start, long len) {
        if ((start & ~Tlb.PAGE_MASK) != 0 || (len & ~Tlb.PAGE_MASK) != 0 || len <= 0
            || start < 0 || start + len > USER_LIMIT || start + len < start)
            throw new IllegalArgumentException("bad range 0x" + Long.toHexString(start) + "+0x" + Long.toHexString(len));
    }

    // ---- TLB fill

    @Override
    public void fill(Cpu cpu, long addr, int access) {
        if (addr < 0 || addr >= USER_LIMIT) {
            // Non-canonical or kernel half: Linux reports SIGSEGV; keep the address for si_addr.
            throw new GuestFault(Vector.GP, 0, addr);
        }
        long page = addr & Tlb.PAGE_MASK;
        long vpn = addr >>> Tlb.PAGE_SHIFT;
        byte[] frame;
        boolean writable;
        boolean wasCode = false;
        synchronized (this) {
            Vma v = find(addr);
            int err = GuestFault.PF_USER | (access == WRITE ? GuestFault.PF_WRITE : 0)
                | (access == FETCH ? GuestFault.PF_FETCH : 0);
            if (v == null) throw GuestFault.pageFault(addr, err);
            int need = access == WRITE ? Vma.PROT_WRITE : access == FETCH ? Vma.PROT_EXEC
                : Vma.PROT_READ | Vma.PROT_EXEC;
            if ((v.prot() & need) == 0) throw GuestFault.pageFault(addr, err | GuestFault.PF_PRESENT);
            if (access == WRITE) wasCode = codePages.remove(vpn);
            frame = access == WRITE ? writableFrame(vpn, addr, v) : frameOf(vpn, addr, v);
            // A shared copy-on-write frame is entered read-only, so the first store comes back here.
            writable = (v.prot() & Vma.PROT_WRITE) != 0 && !codePages.contains(vpn) && !cow.contains(vpn);
            // Inside the lock: a sibling thread that marks this page as code after we looked
            // bumps the generation after our entry exists, so our next check drops it.
            cpu.tlb.set(page, frame, writable);
        }
        if (wasCode) {
            codeListener.codePageWritten(page);
            cpu.exitRequest = 1; // a running tier-2 loop may hold the old code of this page
        }
    }

    @Override
    public int fetchByte(Cpu cpu, long addr) {
        return codeFrame(addr)[(int) addr & (int) ~Tlb.PAGE_MASK] & 0xFF;
    }

    /**
     * The frame of an executable page, marked as holding code so later writes to it reach
     * the slow path. Marking a new page bumps the generation, which removes write entries
     * that other vCPUs may hold for it.
     */
    public byte[] codeFrame(long addr) {
        if (addr < 0 || addr >= USER_LIMIT) throw GuestFault.pageFault(addr, GuestFault.PF_USER | GuestFault.PF_FETCH);
        synchronized (this) {
            Vma v = find(addr);
            int err = GuestFault.PF_USER | GuestFault.PF_FETCH;
            if (v == null) throw GuestFault.pageFault(addr, err);
            if ((v.prot() & Vma.PROT_EXEC) == 0) throw GuestFault.pageFault(addr, err | GuestFault.PF_PRESENT);
            long vpn = addr >>> Tlb.PAGE_SHIFT;
            if (codePages.add(vpn)) generation++;
            return frameOf(vpn, addr, v);
        }
    }

    // ---- privileged access for loaders and the kernel personality (ignores protections)

    public synchronized void poke(long addr, byte[] src, int off, int len) {
        for (int k = 0; k < len; ) {
            long p = addr + k;
            int inPage = (int) Math.min(len - k, Tlb.PAGE_SIZE - (p & ~Tlb.PAGE_MASK));
            System.arraycopy(src, off + k, writableFrame(p >>> Tlb.PAGE_SHIFT, p, null), (int) (p & ~Tlb.PAGE_MASK), inPage);
            k += inPage;
        }
    }

    public synchronized void peek(long addr, byte[] dst, int off, int len) {
        for (int k = 0; k < len; ) {
            long p = addr + k;
            int inPage = (int) Math.min(len - k, Tlb.PAGE_SIZE - (p & ~Tlb.PAGE_MASK));
            long vpn = p >>> Tlb.PAGE_SHIFT;
            byte[] f = frames.get(vpn);
            if (f == null && sharedVma(vpn) != null) f = frameOf(vpn, p, null); // another process may have written it
            if (f == null) java.util.Arrays.fill(dst, off + k, off + k + inPage, (byte) 0);
            else System.arraycopy(f, (int) (p & ~Tlb.PAGE_MASK), dst, off + k, inPage);
            k += inPage;
        }
    }

    /**
     * The child's address space for fork: the same mappings, and every present frame shared
     * copy-on-write. Both sides mark the shared pages; the first write fill of such a page on
     * either side copies the frame (the other side copies again on its own first write, so a
     * page is copied at most twice). The generation bump makes this space's vCPUs drop the
     * writable TLB entries they hold for the now shared frames.
     *
     * <p>A vCPU of this space that is in the middle of a block when fork runs keeps its TLB
     * entries until the block ends, as on an SMP kernel without a shootdown IPI.
     */
    public synchronized AddressSpace fork() {
        AddressSpace c = new AddressSpace();
        c.vmas.putAll(vmas);
        boolean anyShared = retainShared();
        frames.forEach((vpn, f) -> {
            c.frames.put(vpn, f);
            if (anyShared && sharedVma(vpn) != null) return; // MAP_SHARED: both sides keep storing into the one frame
            cow.add(vpn);
            c.cow.add(vpn);
        });
        generation++;
        return c;
    }

    /** Pages whose frame is shared with another address space since a fork (copy on write). */
    public synchronized int sharedPages() { return cow.size(); }

    /** A deep copy: same mappings, private copies of every frame. */
    public synchronized AddressSpace copy() {
        AddressSpace c = new AddressSpace();
        c.vmas.putAll(vmas);
        retainShared();
        frames.forEach((vpn, f) -> c.frames.put(vpn, sharedVma(vpn) != null ? f : f.clone()));
        return c;
    }

    /**
     * Drops this space's references to the shared objects it maps (the process exited or
     * replaced its image), so a file's pages are written back once nobody maps them. The
     * mappings stay in place for threads that have not stopped yet; calling this again does
     * nothing.
     */
    public synchronized void releaseShared() {
        if (sharedReleased) return;
        sharedReleased = true;
        for (Vma v : vmas.values()) if (v.shared() != null) v.shared().release();
    }

    /**
     * Counts one more reference (a forked copy's) on every shared object mapped here; returns
     * whether there is any. Caller holds the lock.
     */
    private boolean retainShared() {
        boolean any = false;
        for (Vma v : vmas.values())
            if (v.shared() != null) {
                v.shared().retain();
                any = true;
            }
        return any;
    }

    /** The MAP_SHARED mapping that holds page vpn, or null. Caller holds the lock. */
    private Vma sharedVma(long vpn) {
        Vma v = find(vpn << Tlb.PAGE_SHIFT);
        return v != null && v.shared() != null ? v : null;
    }

    /**
     * The frame of vpn, created on first touch: a shared mapping's comes from its shared
     * object (which raises SIGBUS past the end of a file), any other is a new zeroed frame.
     * Caller holds the lock. addr (in the page) is what a bus error reports; v is the mapping
     * holding it when the caller has it, else null.
     */
    private byte[] frameOf(long vpn, long addr, Vma v) {
        byte[] f = frames.get(vpn);
        if (f != null) return f;
        if (v == null) v = sharedVma(vpn);
        if (v == null || v.shared() == null) return frames.getOrCreate(vpn);
        f = v.shared().frame(v.sharedPageOf(addr), addr);
        frames.put(vpn, f);
        return f;
    }

    /** The frame of vpn for writing: a private copy when it is still shared after a fork. Caller holds the lock. */
    private byte[] writableFrame(long vpn, long addr, Vma v) {
        byte[] f = frameOf(vpn, addr, v);
        if (cow.remove(vpn)) {
            f = f.clone();
            frames.put(vpn, f);
            generation++; // other vCPUs of this space may hold read entries for the old frame
        }
        return f;
    }
}
