package org.jx86.vmm.mem;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * The frames of a shared memory object (a file's page cache, an anonymous MAP_SHARED
 * region): one 4 KiB frame per page index, created on first touch and entered as they are
 * into the frame table of every address space that maps the object with MAP_SHARED. All
 * such mappings (in one process, or in a parent and its forked children) therefore store
 * into the same Java array, so each sees the others' stores at once, and atomics and
 * futexes on it are shared like any other memory; the translated-code fast path does not
 * know the difference.
 *
 * <p>Mappings count references ({@link AddressSpace} retains one per mapping piece); when
 * the last goes, {@link #lastReleased()} runs (a file writes its pages back). Subclasses
 * fill new frames ({@link #load}) and bound the object ({@link #beyondEnd}); this class
 * never calls into an address space, so the lock order is always address space, then
 * shared object.
 */
public class SharedFrames {
    private final Long2ObjectHashMap<byte[]> frames = new Long2ObjectHashMap<>();
    private int refs;

    /**
     * The frame of page index, created (and loaded) on first use.
     *
     * @throws org.jx86.vmm.GuestFault a bus error at addr when the page lies beyond the object
     */
    public final synchronized byte[] frame(long page, long addr) {
        if (beyondEnd(page)) throw org.jx86.vmm.GuestFault.busError(addr);
        byte[] f = frames.get(page);
        if (f == null) {
            f = new byte[(int) Tlb.PAGE_SIZE];
            load(page, f);
            frames.put(page, f);
        }
        return f;
    }

    /** Fills a new frame; anonymous memory starts zeroed. Called with this object locked. */
    protected void load(long page, byte[] frame) { }

    /** True when an access to page must raise SIGBUS (past the end of a file). Called locked. */
    protected boolean beyondEnd(long page) { return false; }

    /** Runs once the last mapping is gone. Called without the lock. */
    protected void lastReleased() { }

    /** The frames created so far (live map: call with this object locked). */
    protected final Long2ObjectHashMap<byte[]> frames() { return frames; }

    public final synchronized void retain() { refs++; }

    public final void release() {
        boolean last;
        synchronized (this) {
            last = --refs == 0;
        }
        if (last) lastReleased();
    }

    /** Mappings (pieces of them) that still refer to this object. */
    public final synchronized int references() { return refs; }
}
