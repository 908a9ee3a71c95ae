package org.jx86.runtime.linux;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jx86.vmm.Cpu;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Mem;
import org.jx86.vmm.mem.MemoryMap;
import org.jx86.vmm.mem.Tlb;

/**
 * Copies between guest memory and the system calls (copy_from_user / copy_to_user). Every
 * access goes through {@link Mem} with the calling vCPU, so protections apply; a
 * {@link org.jx86.vmm.GuestFault} escaping from here becomes -EFAULT in {@link LinuxSyscalls}.
 */
public final class UserMem {
    private UserMem() {}

    /** Flushes the vCPU's TLB if mappings changed since it was filled (Mem.probe does not check). */
    public static void syncTlb(Cpu cpu) {
        long g = cpu.memory.generation();
        if (cpu.tlb.generation != g) {
            cpu.tlb.flush();
            cpu.tlb.generation = g;
        }
    }

    /** A NUL-terminated path: ENAMETOOLONG past PATH_MAX, EFAULT if unreadable. */
    public static String path(Cpu cpu, long addr) {
        return HostPaths.string(cString(cpu, addr, Layout.PATH_MAX, Errno.ENAMETOOLONG));
    }

    /** The bytes of a NUL-terminated string of at most max bytes (NUL included), else tooLong errno. */
    public static byte[] cString(Cpu cpu, long addr, int max, int tooLong) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (int k = 0; k < max; k++) {
            int c = (int) Mem.read8(cpu, addr + k);
            if (c == 0) return out.toByteArray();
            out.write(c);
        }
        throw new LinuxError(tooLong);
    }

    public static byte[] read(Cpu cpu, long addr, int len) {
        checkRange(addr, len);
        byte[] b = new byte[len];
        Mem.readBytes(cpu, addr, b, 0, len);
        return b;
    }

    public static ByteBuffer readStruct(Cpu cpu, long addr, int len) {
        return ByteBuffer.wrap(read(cpu, addr, len)).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static void write(Cpu cpu, long addr, byte[] b) { write(cpu, addr, b, 0, b.length); }

    public static void write(Cpu cpu, long addr, byte[] b, int off, int len) {
        checkRange(addr, len);
        Mem.writeBytes(cpu, addr, b, off, len);
    }

    public static ByteBuffer struct(int len) { return ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN); }

    public static void write(Cpu cpu, long addr, ByteBuffer b) { write(cpu, addr, b.array(), 0, b.capacity()); }

    /**
     * How many of the len bytes at addr can be accessed (whole pages from the start);
     * 0 if the first byte cannot. Lets read(2) deliver a partial result the way Linux does.
     */
    public static int accessiblePrefix(Cpu cpu, long addr, int len, boolean write) {
        if (len <= 0 || addr < 0 || addr >= AddressSpace.USER_LIMIT) return 0;
        int max = (int) (Math.min(addr + len, AddressSpace.USER_LIMIT) - addr);
        int ok = 0;
        for (long p = addr; ok < max; p = (p & Tlb.PAGE_MASK) + Tlb.PAGE_SIZE) {
            try {
                Mem.probe(cpu, p, write ? MemoryMap.WRITE : MemoryMap.READ);
            } catch (GuestFault f) {
                return ok;
            }
            ok = (int) Math.min(max, (p & Tlb.PAGE_MASK) + Tlb.PAGE_SIZE - addr);
        }
        return ok;
    }

    /** A struct timespec as nanoseconds; EINVAL for a negative or unnormalised value. */
    public static long timespecNanos(Cpu cpu, long addr) {
        long sec = Mem.read64(cpu, addr), nsec = Mem.read64(cpu, addr + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) throw new LinuxError(Errno.EINVAL);
        return sec > Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE : sec * 1_000_000_000L + nsec;
    }

    public static void writeTimespec(Cpu cpu, long addr, long sec, long nsec) {
        Mem.write64(cpu, addr, sec);
        Mem.write64(cpu, addr + 8, nsec);
    }

    private static void checkRange(long addr, int len) {
        if (len < 0 || addr + len < addr) throw new LinuxError(Errno.EFAULT);
    }
}
