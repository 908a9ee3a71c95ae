package org.jx86.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.vmm.mem.Vma;
import org.junit.jupiter.api.Test;

/** The initial stack parsed back: argc, argv, envp, auxv (order and values), strings, alignment. */
class InitialStackTest {
    /** What a process sees at its first instruction, read back from memory. */
    record Parsed(long argc, List<String> argv, List<String> envp, Map<Long, Long> auxv, List<Long> auxvOrder) {}

    static long peek64(AddressSpace as, long a) {
        byte[] b = new byte[8];
        as.peek(a, b, 0, 8);
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static String peekString(AddressSpace as, long a) {
        StringBuilder sb = new StringBuilder();
        byte[] b = new byte[1];
        for (long p = a; ; p++) {
            as.peek(p, b, 0, 1);
            if (b[0] == 0) return sb.toString();
            sb.append((char) (b[0] & 0xff));
        }
    }

    static Parsed parse(AddressSpace as, long sp) {
        long argc = peek64(as, sp);
        List<String> argv = new ArrayList<>();
        long p = sp + 8;
        for (int i = 0; i < argc; i++, p += 8) argv.add(peekString(as, peek64(as, p)));
        assertEquals(0, peek64(as, p));
        p += 8;
        List<String> envp = new ArrayList<>();
        for (long a; (a = peek64(as, p)) != 0; p += 8) envp.add(peekString(as, a));
        p += 8;
        Map<Long, Long> auxv = new LinkedHashMap<>();
        List<Long> order = new ArrayList<>();
        while (true) {
            long type = peek64(as, p), val = peek64(as, p + 8);
            order.add(type);
            p += 16;
            if (type == Auxv.AT_NULL) break;
            auxv.put(type, val);
        }
        return new Parsed(argc, argv, envp, auxv, order);
    }

    private static List<byte[]> b(String... s) {
        List<byte[]> l = new ArrayList<>();
        for (String x : s) l.add(x.getBytes(StandardCharsets.UTF_8));
        return l;
    }

    private static final InitialStack.AuxInfo AUX = new InitialStack.AuxInfo(0x400040, 9, 0, 0x401000, 1000, 1001,
        100, 101);

    @Test
    void layoutMatchesCreateElfTables() throws Exception {
        AddressSpace as = new AddressSpace();
        byte[] random = new byte[16];
        for (int i = 0; i < 16; i++) random[i] = (byte) (i + 1);
        long sp = InitialStack.build(as, b("./prog", "a b", ""), b("HOME=/root", "X="), "./prog".getBytes(), random, AUX);
        assertEquals(0, sp % 16, "RSP must be 16-byte aligned at entry");
        Vma stack = as.find(sp);
        assertEquals("[stack]", stack.name());
        assertEquals(Layout.STACK_TOP, stack.end());
        assertEquals(Vma.PROT_READ | Vma.PROT_WRITE, stack.prot());

        Parsed p = parse(as, sp);
        assertEquals(3, p.argc());
        assertEquals(List.of("./prog", "a b", ""), p.argv());
        assertEquals(List.of("HOME=/root", "X="), p.envp());
        assertEquals(List.of((long) Auxv.AT_MINSIGSTKSZ, (long) Auxv.AT_HWCAP, (long) Auxv.AT_PAGESZ,
            (long) Auxv.AT_CLKTCK, (long) Auxv.AT_PHDR, (long) Auxv.AT_PHENT, (long) Auxv.AT_PHNUM,
            (long) Auxv.AT_BASE, (long) Auxv.AT_FLAGS, (long) Auxv.AT_ENTRY, (long) Auxv.AT_UID, (long) Auxv.AT_EUID,
            (long) Auxv.AT_GID, (long) Auxv.AT_EGID, (long) Auxv.AT_SECURE, (long) Auxv.AT_RANDOM,
            (long) Auxv.AT_HWCAP2, (long) Auxv.AT_EXECFN, (long) Auxv.AT_PLATFORM, (long) Auxv.AT_NULL),
            p.auxvOrder());
        Map<Long, Long> a = p.auxv();
        assertEquals(Auxv.HWCAP, a.get((long) Auxv.AT_HWCAP));
        assertEquals(4096L, a.get((long) Auxv.AT_PAGESZ));
        assertEquals(100L, a.get((long) Auxv.AT_CLKTCK));
        assertEquals(0x400040L, a.get((long) Auxv.AT_PHDR));
        assertEquals(56L, a.get((long) Auxv.AT_PHENT));
        assertEquals(9L, a.get((long) Auxv.AT_PHNUM));
        assertEquals(0L, a.get((long) Auxv.AT_BASE));
        assertEquals(0x401000L, a.get((long) Auxv.AT_ENTRY));
        assertEquals(1000L, a.get((long) Auxv.AT_UID));
        assertEquals(1001L, a.get((long) Auxv.AT_EUID));
        assertEquals(100L, a.get((long) Auxv.AT_GID));
        assertEquals(101L, a.get((long) Auxv.AT_EGID));
        assertEquals(0L, a.get((long) Auxv.AT_SECURE));
        assertEquals("./prog", peekString(as, a.get((long) Auxv.AT_EXECFN)));
        assertEquals("x86_64", peekString(as, a.get((long) Auxv.AT_PLATFORM)));
        byte[] r = new byte[16];
        as.peek(a.get((long) Auxv.AT_RANDOM), r, 0, 16);
        assertArrayEquals(random, r);

        // Strings sit at the top in kernel order: argv, envp, execfn, then 8 zero bytes.
        long argv0 = peek64(as, sp + 8);
        long execfn = a.get((long) Auxv.AT_EXECFN);
        assertEquals(Layout.STACK_TOP - 8 - "./prog".length() - 1, execfn);
        assertEquals(0, peek64(as, Layout.STACK_TOP - 8));
        long[] ptrs = {argv0, peek64(as, sp + 16), peek64(as, sp + 24), peek64(as, sp + 40), peek64(as, sp + 48), execfn};
        for (int i = 1; i < ptrs.length; i++) assertTrue(ptrs[i - 1] < ptrs[i], "string " + i + " above the previous");
        long platform = a.get((long) Auxv.AT_PLATFORM);
        assertEquals(0, (platform + "x86_64".length() + 1) % 16, "platform string right below the aligned strings");
        assertEquals(platform - 16, (long) a.get((long) Auxv.AT_RANDOM));
        assertTrue(sp < a.get((long) Auxv.AT_RANDOM));
    }

    @Test
    void alignmentHoldsForEveryArgumentCount() throws Exception {
        for (int n = 0; n < 6; n++) {
            AddressSpace as = new AddressSpace();
            List<byte[]> argv = new ArrayList<>(Collections.nCopies(n + 1, "x".repeat(n).getBytes()));
            long sp = InitialStack.build(as, argv, b(), "x".getBytes(), new byte[16], AUX);
            assertEquals(0, sp % 16);
            assertEquals(n + 1, parse(as, sp).argc());
        }
    }

    @Test
    void argumentListTooLong() {
        List<byte[]> huge = List.of(new byte[(int) Layout.MAX_ARG_BYTES]);
        GuestLoadException e = assertThrows(GuestLoadException.class,
            () -> InitialStack.build(new AddressSpace(), huge, b(), "x".getBytes(), new byte[16], AUX));
        assertEquals("Argument list too long", e.getMessage());
    }

    @Test
    void randomBytesDependOnTheSeedOnly() {
        byte[] a = new byte[16], b = new byte[16], c = new byte[16];
        new SplitMix64(1).nextBytes(a, 0, 16);
        new SplitMix64(1).nextBytes(b, 0, 16);
        new SplitMix64(2).nextBytes(c, 0, 16);
        assertArrayEquals(a, b);
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(c));
        // SplitMix64's published first output for seed 0
        assertEquals(0xe220a8397b1dcdafL, new SplitMix64(0).nextLong());
    }
}
