package org.jx86.runtime.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;

/**
 * Builds the initial process stack exactly as Linux's {@code do_execve} and
 * {@code create_elf_tables} do (ASLR off), from the top down:
 *
 * <pre>
 *  STACK_TOP      ----------------------------------------------
 *                 8 bytes of zero
 *                 execfn string              (AT_EXECFN)
 *                 envp strings, last first    (so envp[0] lowest)
 *                 argv strings, last first    (so argv[0] lowest)
 *  align 16       "x86_64"                   (AT_PLATFORM)
 *                 16 random bytes            (AT_RANDOM)
 *                 padding so that RSP is 16-byte aligned
 *                 auxv pairs ... AT_NULL, 0
 *                 NULL, envp[envc-1] ... envp[0]
 *                 NULL, argv[argc-1] ... argv[0]
 *  RSP  -------&gt; argc
 * </pre>
 *
 * The auxv order is the kernel's: AT_MINSIGSTKSZ (from ARCH_DLINFO; AT_SYSINFO_EHDR is left
 * out because there is no vDSO), AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM,
 * AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_RANDOM,
 * AT_HWCAP2, AT_EXECFN, AT_PLATFORM, AT_NULL.
 */
public final class InitialStack {
    private InitialStack() {}

    /** The auxv values that come from the loaded images and the host. */
    public record AuxInfo(long phdr, long phnum, long base, long entry, long uid, long euid, long gid, long egid) {}

    /** Maps "[stack]" below {@link Layout#STACK_TOP}, fills it, and returns the initial RSP. */
    public static long build(AddressSpace as, List<byte[]> argv, List<byte[]> envp, byte[] execfn,
                             byte[] random16, AuxInfo aux) throws GuestLoadException {
        long strings = execfn.length + 1L;
        for (byte[] s : argv) strings += s.length + 1L;
        for (byte[] s : envp) strings += s.length + 1L;
        if (strings > Layout.MAX_ARG_BYTES) throw new GuestLoadException("Argument list too long");
        if (random16.length != 16) throw new IllegalArgumentException("AT_RANDOM needs 16 bytes");

        long top = Layout.STACK_TOP;
        as.map(top - Layout.STACK_SIZE, Layout.STACK_SIZE, Vma.PROT_READ | Vma.PROT_WRITE, "[stack]");

        long p = top - 8;
        long execfnAddr = p = pushString(as, p, execfn);
        long[] envAddr = new long[envp.size()];
        for (int i = envp.size() - 1; i >= 0; i--) envAddr[i] = p = pushString(as, p, envp.get(i));
        long[] argAddr = new long[argv.size()];
        for (int i = argv.size() - 1; i >= 0; i--) argAddr[i] = p = pushString(as, p, argv.get(i));

        p &= ~15L;
        long platformAddr = p = pushString(as, p, HostPaths.bytes(Auxv.PLATFORM));
        p -= 16;
        long randomAddr = p;
        as.poke(randomAddr, random16, 0, 16);

        long[] auxv = {
            Auxv.AT_MINSIGSTKSZ, Auxv.MINSIGSTKSZ,
            Auxv.AT_HWCAP, Auxv.HWCAP,
            Auxv.AT_PAGESZ, Layout.PAGE_SIZE,
            Auxv.AT_CLKTCK, Auxv.CLKTCK,
            Auxv.AT_PHDR, aux.phdr(),
            Auxv.AT_PHENT, Elf.PHDR_SIZE,
            Auxv.AT_PHNUM, aux.phnum(),
            Auxv.AT_BASE, aux.base(),
            Auxv.AT_FLAGS, 0,
            Auxv.AT_ENTRY, aux.entry(),
            Auxv.AT_UID, aux.uid(),
            Auxv.AT_EUID, aux.euid(),
            Auxv.AT_GID, aux.gid(),
            Auxv.AT_EGID, aux.egid(),
            Auxv.AT_SECURE, 0,
            Auxv.AT_RANDOM, randomAddr,
            Auxv.AT_HWCAP2, Auxv.HWCAP2,
            Auxv.AT_EXECFN, execfnAddr,
            Auxv.AT_PLATFORM, platformAddr,
            Auxv.AT_NULL, 0,
        };
        long sp = p - auxv.length * 8L;
        int items = (argv.size() + 1) + (envp.size() + 1) + 1;
        sp = (sp - items * 8L) & ~15L;

        ByteBuffer b = ByteBuffer.allocate((items + auxv.length) * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(argv.size());
        for (long a : argAddr) b.putLong(a);
        b.putLong(0);
        for (long a : envAddr) b.putLong(a);
        b.putLong(0);
        for (long v : auxv) b.putLong(v);
        as.poke(sp, b.array(), 0, b.capacity());
        return sp;
    }

    private static long pushString(AddressSpace as, long p, byte[] s) {
        long a = p - s.length - 1;
        as.poke(a, s, 0, s.length);
        as.poke(a + s.length, new byte[1], 0, 1);
        return a;
    }
}
