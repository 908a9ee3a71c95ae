package org.jx86.runtime.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;
import org.jx86.vmm.mem.SharedFrames;

/**
 * brk, mmap, munmap, mprotect, madvise, mremap, msync, mincore and the mlock family.
 * Argument checks and errno choices follow mm/mmap.c; placement and the program break are
 * in {@link ProcessMemory}.
 *
 * <p>MAP_PRIVATE file mappings are copies of the file taken at mmap time. MAP_SHARED ones
 * map the frames of the file's {@link SharedFile} (written back to the file; docs/mmap.md);
 * anonymous MAP_SHARED memory (and MAP_SHARED of /dev/zero) maps a {@link SharedFrames} of
 * its own, which forked children keep sharing.
 */
final class MemorySyscalls {
    static final int PROT_MASK = 7, PROT_GROWSDOWN = 0x0100_0000, PROT_GROWSUP = 0x0200_0000;
    static final int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_SHARED_VALIDATE = 3, MAP_TYPE = 0xf, MAP_FIXED = 0x10,
        MAP_ANONYMOUS = 0x20, MAP_HUGETLB = 0x40000, MAP_FIXED_NOREPLACE = 0x10_0000;
    static final int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4;
    static final int MADV_DONTNEED = 4, MADV_REMOVE = 9, MADV_DONTNEED_LOCKED = 24, MADV_MAX = 25;
    static final int MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4;

    private final LinuxProcess p;
    private final ProcessMemory mem;
    private final AddressSpace as;

    MemorySyscalls(LinuxProcess p) {
        this.p = p;
        this.mem = p.memory();
        this.as = p.space();
    }

    void register(SyscallTable t) {
        t.sys1("brk", this::brk);
        t.sys6("mmap", this::mmap);
        t.sys2("munmap", this::munmap);
        t.sys3("mprotect", this::mprotect);
        t.sys3("madvise", this::madvise);
        t.sys5("mremap", this::mremap);
        t.sys3("msync", this::msync);
        t.sys3("mincore", this::mincore);
        t.sys2("mlock", (c, a, l) -> 0);
        t.sys2("munlock", (c, a, l) -> 0);
        t.sys1("mlockall", (c, f) -> 0);
        t.sys0("munlockall", c -> 0);
        t.sys2("memfd_create", this::memfdCreate);
    }

    static final int MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2, MFD_NOEXEC_SEAL = 8, MFD_EXEC = 0x10;

    /**
     * memfd_create: an anonymous file for shared memory, here a host temporary file unlinked
     * at once, so MAP_SHARED mappings of it share frames like any file's ({@link SharedFile})
     * and it goes away with its last fd and mapping. Sealing (F_ADD_SEALS) is not supported.
     */
    long memfdCreate(Cpu c, long nameAddr, long flags) throws IOException {
        if ((flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_NOEXEC_SEAL | MFD_EXEC)) != 0) return -Errno.EINVAL;
        String name = org.jx86.vmm.mem.Mem.readCString(c, nameAddr, 250);
        if (name.length() > 249) return -Errno.EINVAL;
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("jx86-memfd", "");
        java.nio.channels.FileChannel ch;
        HostStat st;
        try {
            ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE);
            st = HostStat.of(tmp, true);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
        HostFile f = new HostFile(tmp, ch, OpenFlags.O_RDWR | OpenFlags.O_LARGEFILE, false, st);
        try {
            return p.fds().install(f, (flags & MFD_CLOEXEC) != 0);
        } catch (LinuxError e) {
            ch.close();
            throw e;
        }
    }

    /** len (an unsigned size_t) rounded up to pages, or -1 when larger than the user address space. */
    static long pageLength(long len) {
        if (len < 0 || len > AddressSpace.USER_LIMIT) return -1;
        return Layout.pageUp(len);
    }

    /** True when [addr, addr+len) lies inside the user address space. */
    static boolean inUserRange(long addr, long len) {
        return addr >= 0 && len >= 0 && addr <= AddressSpace.USER_LIMIT - len;
    }

    long brk(Cpu c, long addr) {
        long r = mem.brk(addr);
        UserMem.syncTlb(c);
        return r;
    }

    long mmap(Cpu c, long addr, long len, long prot, long flags, long fd, long off) throws IOException {
        int type = (int) flags & MAP_TYPE;
        if (len == 0 || (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)) return -Errno.EINVAL;
        if ((prot & ~PROT_MASK) != 0 || !Layout.pageAligned(off) || (flags & MAP_HUGETLB) != 0) return -Errno.EINVAL;
        long plen = pageLength(len);
        if (plen < 0) return -Errno.ENOMEM;

        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        HostFile file = null;
        String name = "";
        if (!anonymous) {
            OpenFile f = p.fds().get(fd);
            if (f instanceof HostFile hf && hf.stat().isRegular()) file = hf;
            else if (f instanceof HostFile hf && "/dev/zero".equals(hf.procLink())) anonymous = true;
            else return -Errno.ENODEV;
            if (!f.canRead()) return -Errno.EACCES;
            boolean shared = type != MAP_PRIVATE;
            if (shared && (prot & Vma.PROT_WRITE) != 0 && !f.canWrite()) return -Errno.EACCES;
            if (off < 0 || off + plen < off) return -Errno.EOVERFLOW;
            if (file != null) name = file.procLink();
        }
        boolean shared = type != MAP_PRIVATE;
        SharedFrames backing = null;
        if (shared && file != null) backing = FileMappings.acquire(file, file.stat());
        else if (shared) {
            backing = new SharedFrames();
            backing.retain();
            name = "/dev/zero (deleted)"; // what Linux shows for shared anonymous memory
        }
        try {
            return mapAt(c, addr, plen, prot, flags, name, file, off, backing);
        } finally {
            if (backing != null) backing.release(); // the mapping holds its own reference
        }
    }

    private long mapAt(Cpu c, long addr, long plen, long prot, long flags, String name, HostFile file, long off,
                       SharedFrames backing) throws IOException {

        long start;
        // Choosing the place and mapping it are one step: two threads calling mmap at once
        // must not both be given the same free range.
        synchronized (mem) {
            if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
                if (!Layout.pageAligned(addr)) return -Errno.EINVAL;
                if (!inUserRange(addr, plen)) return -Errno.ENOMEM;
                if (addr < Layout.MMAP_MIN) return -Errno.EPERM;
                if ((flags & MAP_FIXED) == 0 && !mem.isFree(addr, addr + plen)) return -Errno.EEXIST;
                start = addr;
            } else {
                start = mem.place(addr, plen);
                if (start < 0) return start;
            }
            if (backing != null) as.mapShared(start, plen, (int) prot, name, backing, file != null ? off / Layout.PAGE_SIZE : 0);
            else as.map(start, plen, (int) prot, name);
        }
        if (file != null && backing == null) copyIn(file, off, start, plen);
        UserMem.syncTlb(c);
        return start;
    }

    /** Copies the file's bytes from off into [start, start+len); past end of file stays zero. */
    private void copyIn(HostFile f, long off, long start, long len) throws IOException {
        long size = f.channel().size();
        long n = Math.max(0, Math.min(len, size - off));
        byte[] buf = new byte[(int) Math.min(n, Layout.IO_CHUNK)];
        for (long done = 0; done < n; ) {
            int want = (int) Math.min(buf.length, n - done);
            int got = f.pread(buf, 0, want, off + done);
            if (got <= 0) break;
            as.poke(start + done, buf, 0, got);
            done += got;
        }
    }

    long munmap(Cpu c, long addr, long len) {
        if (!Layout.pageAligned(addr) || len == 0) return -Errno.EINVAL;
        long plen = pageLength(len);
        if (plen < 0 || !inUserRange(addr, plen)) return -Errno.EINVAL;
        as.unmap(addr, plen);
        UserMem.syncTlb(c);
        return 0;
    }

    long mprotect(Cpu c, long addr, long len, long prot) {
        if (!Layout.pageAligned(addr) || (prot & ~(PROT_MASK | PROT_GROWSDOWN | PROT_GROWSUP)) != 0) return -Errno.EINVAL;
        if ((prot & PROT_GROWSDOWN) != 0 && (prot & PROT_GROWSUP) != 0) return -Errno.EINVAL;
        if (len == 0) return 0;
        long plen = pageLength(len);
        if (plen < 0 || !inUserRange(addr, plen)) return -Errno.ENOMEM;
        if (!as.protect(addr, plen, (int) prot & PROT_MASK)) return -Errno.ENOMEM;
        UserMem.syncTlb(c);
        return 0;
    }

    long madvise(Cpu c, long addr, long len, long advice) {
        if (!Layout.pageAligned(addr) || advice < 0 || advice > MADV_MAX && advice != 100 && advice != 101)
            return -Errno.EINVAL;
        if (len == 0) return 0;
        long plen = pageLength(len);
        if (plen < 0 || !inUserRange(addr, plen)) return -Errno.EINVAL;
        if (!as.fullyMapped(addr, addr + plen)) return -Errno.ENOMEM;
        if (advice == MADV_DONTNEED || advice == MADV_DONTNEED_LOCKED || advice == MADV_REMOVE) {
            mem.dontNeed(addr, addr + plen);
            UserMem.syncTlb(c);
        }
        return 0;
    }

    long mremap(Cpu c, long old, long oldSize, long newSize, long flags, long newAddr) {
        if (!Layout.pageAligned(old) || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0)
            return -Errno.EINVAL;
        if ((flags & MREMAP_FIXED) != 0 && (flags & MREMAP_MAYMOVE) == 0) return -Errno.EINVAL;
        if ((flags & MREMAP_DONTUNMAP) != 0) return -Errno.EINVAL;
        long oldLen = pageLength(oldSize), newLen = pageLength(newSize);
        if (newSize == 0 || newLen < 0 || oldLen < 0) return -Errno.EINVAL;
        if (oldLen == 0) return -Errno.EINVAL; // duplicating a shared mapping: not supported
        if (!inUserRange(old, oldLen)) return -Errno.EFAULT;
        long r;
        if ((flags & MREMAP_FIXED) != 0) {
            if (!Layout.pageAligned(newAddr) || !inUserRange(newAddr, newLen)) return -Errno.EINVAL;
            if (newAddr < old + oldLen && old < newAddr + newLen) return -Errno.EINVAL;
            r = mem.moveTo(old, oldLen, newAddr, newLen);
        } else {
            r = mem.remap(old, oldLen, newLen, (flags & MREMAP_MAYMOVE) != 0);
        }
        UserMem.syncTlb(c);
        return r;
    }

    long msync(Cpu c, long addr, long len, long flags) {
        if (!Layout.pageAligned(addr) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0) return -Errno.EINVAL;
        if ((flags & MS_ASYNC) != 0 && (flags & MS_SYNC) != 0) return -Errno.EINVAL;
        long plen = pageLength(len);
        if (plen < 0 || !inUserRange(addr, plen)) return -Errno.ENOMEM;
        if (len != 0 && !as.fullyMapped(addr, addr + plen)) return -Errno.ENOMEM;
        for (Vma v : as.mappings())
            if (v.start() < addr + plen && v.end() > addr && v.shared() instanceof SharedFile f) {
                try {
                    f.writeBack();
                } catch (IOException e) {
                    return -Errno.EIO;
                }
            }
        return 0;
    }

    /** Every mapped page is resident (frames are allocated on first touch, but reads of untouched pages are free). */
    long mincore(Cpu c, long addr, long len, long vec) {
        if (!Layout.pageAligned(addr)) return -Errno.EINVAL;
        long plen = pageLength(len);
        if (plen < 0 || !inUserRange(addr, plen) || plen > Layout.IO_CHUNK * Layout.PAGE_SIZE) return -Errno.ENOMEM;
        if (!as.fullyMapped(addr, addr + plen)) return -Errno.ENOMEM;
        int pages = (int) (plen / Layout.PAGE_SIZE);
        ByteBuffer b = UserMem.struct(pages);
        for (int i = 0; i < pages; i++) b.put(i, (byte) 1);
        UserMem.write(c, vec, b);
        return 0;
    }
}
