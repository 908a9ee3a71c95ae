package org.jx86.runtime.profile;

import org.jx86.vmm.Cpu;
import org.jx86.vmm.mem.AddressSpace;
import org.jx86.x86.decode.Decoder;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.decode.Sem;
import org.jx86.x86.disasm.Disassembler;

/** Reads and lists the guest bytes of a block, objdump style. Cold path: used at translation and report time. */
final class GuestCode {
    private GuestCode() {}

    /** The bytes of [rip, end), or an empty array when they cannot be read (never throws). */
    static byte[] read(Cpu cpu, long rip, long end) {
        int n = (int) Math.max(0, Math.min(end - rip, 1 << 16));
        byte[] b = new byte[n];
        try {
            if (cpu.memory instanceof AddressSpace as) as.peek(rip, b, 0, n);
            else for (int i = 0; i < n; i++) b[i] = (byte) cpu.memory.fetchByte(cpu, rip + i);
            return b;
        } catch (RuntimeException e) {
            return new byte[0];
        }
    }

    /** How a block ends, for the call-stack shadow. */
    static final int OTHER = 0, CALL = 1, RET = 2;

    /** Counts the instructions of a block's bytes; result[0] = count, result[1] = how the last one ends it. */
    static int[] summarize(byte[] code, long rip) {
        Decoder d = new Decoder();
        Insn in = new Insn();
        int count = 0, kind = OTHER;
        long pc = rip;
        while (pc - rip < code.length) {
            boolean ok;
            try {
                ok = d.decode(a -> byteAt(code, rip, a), pc, in);
            } catch (RuntimeException e) {
                break;
            }
            count++;
            if (!ok) break;
            kind = in.sem == Sem.CALL && !isPcLoad(code, (int) (pc - rip), in.length) ? CALL
                : in.sem == Sem.RET ? RET : OTHER;
            pc += in.length;
        }
        return new int[] {count, kind};
    }

    /** "call next" (E8 00000000): the 32-bit idiom for reading RIP, a jump in effect, not a call. */
    private static boolean isPcLoad(byte[] code, int at, int length) {
        return length == 5 && (code[at] & 0xFF) == 0xE8 && code[at + 1] == 0 && code[at + 2] == 0 && code[at + 3] == 0
            && code[at + 4] == 0;
    }

    /**
     * One line per instruction, as {@code objdump -d -M intel} prints it:
     * {@code "  401136:\t48 89 f8             \tmov    rax,rdi"}, or with qemu's
     * {@code "0x0000000000401136:  "} address column.
     */
    static String listing(byte[] code, long rip, boolean qemuAddress) {
        StringBuilder sb = new StringBuilder();
        Decoder d = new Decoder();
        Insn in = new Insn();
        long pc = rip;
        while (pc - rip < code.length) {
            boolean ok;
            try {
                ok = d.decode(a -> byteAt(code, rip, a), pc, in);
            } catch (RuntimeException e) {
                ok = false;
            }
            int len = ok ? in.length : 1;
            sb.append(String.format(qemuAddress ? "0x%016x:  " : "%8x:\t", pc));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < len && pc - rip + i < code.length; i++)
                hex.append(String.format("%02x ", code[(int) (pc - rip) + i] & 0xFF));
            sb.append(String.format("%-21s\t", hex)).append(ok ? Disassembler.format(in) : "(bad)").append('\n');
            if (!ok) break;
            pc += len;
        }
        return sb.toString();
    }

    private static int byteAt(byte[] code, long rip, long a) {
        long i = a - rip;
        if (i < 0 || i >= code.length) throw new IndexOutOfBoundsException("past the block");
        return code[(int) i] & 0xFF;
    }
}
