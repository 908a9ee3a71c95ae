package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.mem.Mem;
import org.jx86.vmm.mem.Vma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** brk, mmap, munmap, mprotect, mremap, madvise semantics, checked through guest accesses. */
class MemorySyscallsTest {
    static final int RW = Vma.PROT_READ | Vma.PROT_WRITE;
    static final int PRIV_ANON = MemorySyscalls.MAP_PRIVATE | MemorySyscalls.MAP_ANONYMOUS;

    @TempDir Path dir;
    final SyscallHarness h = new SyscallHarness();

    private long mmap(long addr, long len, int prot, int flags) {
        return h.call("mmap", addr, len, prot, flags, -1, 0);
    }

    @Test
    void anonymousMappingsGoTopDownBelowMmapBase() {
        long a = mmap(0, 10000, RW, PRIV_ANON);
        assertEquals(Layout.MMAP_TOP - 12288, a);
        long b = mmap(0, 4096, RW, PRIV_ANON);
        assertEquals(a - 4096, b);
        Mem.write64(h.cpu, a + 10000 - 8, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, Mem.read64(h.cpu, a + 10000 - 8));
        assertEquals(0, Mem.read64(h.cpu, a), "fresh anonymous memory is zero");
        assertEquals(RW, h.as.find(a).prot());
    }

    @Test
    void hintsFixedAndNoreplace() {
        long hint = 0x2000_0000L;
        assertEquals(hint, mmap(hint, 8192, RW, PRIV_ANON), "a free hint is honoured");
        assertEquals(hint + 8192, mmap(hint + 8192 + 100, 4096, RW, PRIV_ANON), "rounded down to a page");
        long taken = mmap(hint, 4096, RW, PRIV_ANON);
        assertTrue(taken != hint && taken > 0, "a busy hint is ignored");
        Mem.write8(h.cpu, hint, 7);
        assertEquals(hint, mmap(hint, 4096, Vma.PROT_READ, PRIV_ANON | MemorySyscalls.MAP_FIXED));
        assertEquals(0, Mem.read8(h.cpu, hint), "MAP_FIXED replaced the old pages");
        assertEquals(-Errno.EEXIST, mmap(hint, 4096, RW, PRIV_ANON | MemorySyscalls.MAP_FIXED_NOREPLACE));
        assertEquals(0x3000_0000L, mmap(0x3000_0000L, 4096, RW, PRIV_ANON | MemorySyscalls.MAP_FIXED_NOREPLACE));
        assertEquals(-Errno.EINVAL, mmap(hint + 1, 4096, RW, PRIV_ANON | MemorySyscalls.MAP_FIXED));
    }

    @Test
    void argumentErrors() {
        assertEquals(-Errno.EINVAL, mmap(0, 0, RW, PRIV_ANON));
        assertEquals(-Errno.EINVAL, mmap(0, 4096, RW, MemorySyscalls.MAP_ANONYMOUS));
        assertEquals(-Errno.EINVAL, mmap(0, 4096, 8, PRIV_ANON));
        assertEquals(-Errno.EINVAL, h.call("mmap", 0, 4096, RW, PRIV_ANON, -1, 100));
        assertEquals(-Errno.ENOMEM, mmap(0, -4096L, RW, PRIV_ANON));
        assertEquals(-Errno.EBADF, h.call("mmap", 0, 4096, RW, MemorySyscalls.MAP_PRIVATE, 42, 0));
        assertEquals(-Errno.EINVAL, h.call("munmap", 0x1001, 4096));
        assertEquals(-Errno.EINVAL, h.call("munmap", 0x100000, 0));
        assertEquals(-Errno.EINVAL, h.call("mprotect", 0x100001, 4096, RW));
        assertEquals(-Errno.ENOMEM, h.call("mprotect", 0x7000_0000L, 4096, RW), "unmapped");
        assertEquals(0, h.call("mprotect", 0x100000, 0, RW));
    }

    @Test
    void munmapThenAccessFaults() {
        long a = mmap(0, 3 * 4096, RW, PRIV_ANON);
        Mem.write8(h.cpu, a + 4096, 1);
        assertEquals(0, h.call("munmap", a + 4096, 4096));
        assertThrows(GuestFault.class, () -> Mem.read8(h.cpu, a + 4096));
        Mem.write8(h.cpu, a, 1);
        Mem.write8(h.cpu, a + 8192, 1);
        long fds = h.alloc(8);
        h.call("pipe2", fds, 0);
        assertEquals(-Errno.EFAULT, h.call("write", h.read32(fds + 4), a + 4096, 1));
        assertEquals(0, h.call("munmap", a, 3 * 4096), "unmapping a range with holes is fine");
        assertNull(h.as.find(a));
    }

    @Test
    void mprotectTakesEffectAtOnce() {
        long a = mmap(0, 8192, RW, PRIV_ANON);
        Mem.write32(h.cpu, a, 42);  // fills the TLB with a writable entry
        assertEquals(0, h.call("mprotect", a, 4096, Vma.PROT_READ));
        assertThrows(GuestFault.class, () -> Mem.write32(h.cpu, a, 1), "stale TLB entry must be gone");
        assertEquals(42, Mem.read32(h.cpu, a));
        Mem.write32(h.cpu, a + 4096, 1);
        long clk = a;
        assertEquals(-Errno.EFAULT, h.call("clock_gettime", 0, clk), "syscalls respect protections too");
        assertEquals(0, h.call("mprotect", a, 4096, 0));
        assertThrows(GuestFault.class, () -> Mem.read32(h.cpu, a));
    }

    @Test
    void brkGrowsAndShrinks() {
        long start = h.call("brk", 0);
        assertEquals(0x80_0000, start);
        assertEquals(start, h.call("brk", start - 4096), "below the start: unchanged");
        assertEquals(start + 5000, h.call("brk", start + 5000));
        Mem.write8(h.cpu, start + 4999, 9);
        assertEquals("[heap]", h.as.find(start).name());
        assertEquals(start + 8192, h.as.find(start).end());
        assertEquals(start + 100, h.call("brk", start + 100));
        assertThrows(GuestFault.class, () -> Mem.read8(h.cpu, start + 4096));
        assertEquals(start + 8192, h.call("brk", start + 8192));
        assertEquals(0, Mem.read8(h.cpu, start + 4999), "regrown pages are zero");
        mmap(start + 3 * 4096, 4096, RW, PRIV_ANON | MemorySyscalls.MAP_FIXED);
        assertEquals(start + 8192, h.call("brk", start + 5 * 4096), "blocked by a mapping: unchanged");
    }

    @Test
    void mremapGrowsInPlaceOrMoves() {
        long a = mmap(0x4000_0000L, 4096, RW, PRIV_ANON);
        Mem.write64(h.cpu, a, 0xabcdef);
        assertEquals(a, h.call("mremap", a, 4096, 8192, 0, 0), "free space after: grows in place");
        assertEquals(RW, h.as.find(a + 4096).prot());
        mmap(a + 8192, 4096, RW, PRIV_ANON | MemorySyscalls.MAP_FIXED);
        assertEquals(-Errno.ENOMEM, h.call("mremap", a, 8192, 16384, 0, 0));
        long b = h.call("mremap", a, 8192, 16384, MemorySyscalls.MREMAP_MAYMOVE, 0);
        assertTrue(b > 0 && b != a);
        assertEquals(0xabcdef, Mem.read64(h.cpu, b), "contents move along");
        assertThrows(GuestFault.class, () -> Mem.read64(h.cpu, a));
        assertEquals(b, h.call("mremap", b, 16384, 4096, 0, 0), "shrinks in place");
        assertNull(h.as.find(b + 4096));
        long fixed = 0x5000_0000L;
        assertEquals(fixed, h.call("mremap", b, 4096, 4096, MemorySyscalls.MREMAP_MAYMOVE | MemorySyscalls.MREMAP_FIXED,
            fixed));
        assertEquals(0xabcdef, Mem.read64(h.cpu, fixed));
        assertEquals(-Errno.EFAULT, h.call("mremap", 0x6000_0000L, 4096, 8192, MemorySyscalls.MREMAP_MAYMOVE, 0));
        assertEquals(-Errno.EINVAL, h.call("mremap", fixed, 4096, 8192, MemorySyscalls.MREMAP_FIXED, 0));
    }

    @Test
    void madviseDontneedZeroesAnonymousMemory() {
        long a = mmap(0, 8192, RW, PRIV_ANON);
        Mem.write64(h.cpu, a, 5);
        Mem.write64(h.cpu, a + 4096, 6);
        assertEquals(0, h.call("madvise", a, 4096, MemorySyscalls.MADV_DONTNEED));
        assertEquals(0, Mem.read64(h.cpu, a));
        assertEquals(6, Mem.read64(h.cpu, a + 4096));
        assertEquals(0, h.call("madvise", a, 8192, 3), "WILLNEED is accepted");
        assertEquals(-Errno.EINVAL, h.call("madvise", a, 4096, 77));
        assertEquals(-Errno.ENOMEM, h.call("madvise", 0x7000_0000L, 4096, 4));
    }

    @Test
    void privateFileMappingIsACopy() throws Exception {
        Path f = dir.resolve("m");
        byte[] data = new byte[6000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i % 251);
        Files.write(f, data);
        int fd = (int) h.call("open", h.cstring(f.toString()), OpenFlags.O_RDONLY);
        long a = h.call("mmap", 0, 8192, Vma.PROT_READ, MemorySyscalls.MAP_PRIVATE, fd, 4096);
        assertTrue(a > 0);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 4096, 6000), h.read(a, 1904));
        assertEquals(0, Mem.read8(h.cpu, a + 1904), "past end of file: zero");
        assertEquals(f.toString(), h.as.find(a).name());
        assertEquals(-Errno.EACCES, h.call("mmap", 0, 4096, RW, MemorySyscalls.MAP_SHARED, fd, 0));
        long w = h.call("mmap", 0, 4096, RW, MemorySyscalls.MAP_PRIVATE, fd, 0);
        Mem.write8(h.cpu, w, 99);
        assertEquals(0, Files.readAllBytes(f)[0], "private writes stay private");
        assertEquals(0, h.call("madvise", w, 4096, MemorySyscalls.MADV_DONTNEED));
        assertEquals(99, Mem.read8(h.cpu, w), "file pages are left alone");
        long[] p = new long[1];
        long pf = h.alloc(8);
        h.call("pipe2", pf, 0);
        p[0] = h.read32(pf);
        assertEquals(-Errno.ENODEV, h.call("mmap", 0, 4096, Vma.PROT_READ, MemorySyscalls.MAP_PRIVATE, p[0], 0));
        assertNotNull(h.as.find(a));
    }

    @Test
    void sharedFileMappingWritesBack() throws Exception {
        Path f = dir.resolve("shared");
        Files.write(f, "0123456789".getBytes());
        int fd = (int) h.call("open", h.cstring(f.toString()), OpenFlags.O_RDWR);
        long a = h.call("mmap", 0, 8192, RW, MemorySyscalls.MAP_SHARED, fd, 0);
        long b = h.call("mmap", 0, 4096, RW, MemorySyscalls.MAP_SHARED, fd, 0);
        assertTrue(a > 0 && b > 0 && a != b);
        Mem.write8(h.cpu, a, 'X');
        assertEquals('X', Mem.read8(h.cpu, b), "two mappings of a file share its pages");
        assertEquals(0, h.call("msync", a, 4096, MemorySyscalls.MS_SYNC));
        assertEquals("X123456789", Files.readString(f));
        // without msync, a read of the file by the guest writes back first
        Mem.write8(h.cpu, b + 1, 'Y');
        long buf = h.alloc(16);
        assertEquals(10, h.call("pread64", fd, buf, 16, 0));
        assertEquals("XY23456789", new String(h.read(buf, 10)));
        // a write to the file shows in the mapping
        assertEquals(2, h.call("pwrite64", fd, h.bytes("ab".getBytes()), 2, 8));
        assertEquals('a', Mem.read8(h.cpu, a + 8));
        // past the end of file within the last page: not written back; the next page: SIGBUS
        Mem.write8(h.cpu, a + 10, 'Z');
        GuestFault bus = assertThrows(GuestFault.class, () -> Mem.read8(h.cpu, a + 4096 + 3));
        assertEquals(a + 4096 + 3, bus.address);
        assertEquals(GuestFault.PF_BUS, bus.errorCode & GuestFault.PF_BUS);
        // the last munmap writes back
        Mem.write8(h.cpu, a + 2, 'W');
        assertEquals(0, h.call("munmap", a, 8192));
        assertEquals(0, h.call("munmap", b, 4096));
        assertEquals("XYW34567ab", Files.readString(f));
        assertNull(FileMappings.of(HostStat.of(f, true)), "nobody maps the file any more");
    }

    @Test
    void anonymousSharedMemoryIsNamedLikeLinux() {
        long a = mmap(0, 4096, RW, MemorySyscalls.MAP_SHARED | MemorySyscalls.MAP_ANONYMOUS);
        assertEquals("/dev/zero (deleted)", h.as.find(a).name());
        String maps = new String(ProcFs.maps(h.process));
        assertTrue(maps.contains(String.format("%08x-%08x rw-s 00000000 00:00 0", a, a + 4096)), maps);
        assertNotNull(h.as.find(a).shared());
        Mem.write8(h.cpu, a, 3);
        assertEquals(0, h.call("madvise", a, 4096, MemorySyscalls.MADV_DONTNEED));
        assertEquals(3, Mem.read8(h.cpu, a), "shared memory keeps its contents");
    }

    @Test
    void msyncMincoreMlock() {
        long a = mmap(0, 8192, RW, PRIV_ANON);
        assertEquals(0, h.call("msync", a, 8192, MemorySyscalls.MS_SYNC));
        assertEquals(-Errno.EINVAL, h.call("msync", a, 8192, MemorySyscalls.MS_SYNC | MemorySyscalls.MS_ASYNC));
        long vec = h.alloc(2);
        assertEquals(0, h.call("mincore", a, 8192, vec));
        assertEquals(1, h.read(vec, 2)[1]);
        assertEquals(0, h.call("mlock", a, 8192));
    }
}
