package org.jx86.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.jx86.x86.decode.CodeReader;
import org.jx86.x86.decode.Decoder;
import org.jx86.x86.decode.Insn;
import org.jx86.x86.lift.Lifter;

/**
 * 4 KiB of real x86-64 code: the {@code .text} and {@code .text.startup} sections of
 * {@code bench/workloads/*.c} compiled with {@code gcc 12.2 -O2 -c} (unrelocated, so call
 * targets are zero), concatenated and cut at 4096 bytes. It mixes integer, SSE2 double,
 * string and call-heavy code. Regenerate with the command in {@code bench/README.md}.
 *
 * <p>The sample sits at the page-aligned guest address {@link #BASE}, so the lifter's
 * page-bounded blocks end only at real control transfers, the 64-instruction limit, or the
 * sample's end (where the reader faults, as an unmapped page would).
 */
final class TextSample {
    static final long BASE = 0x401000;
    static final String RESOURCE = "text-sample.bin";

    final byte[] bytes;
    /** Address of every whole instruction in the sample, in order. */
    final long[] insns;
    /** Address of every tier-1 block the lifter makes when walking the sample from its start. */
    final long[] blocks;
    /** Guest instructions in all of {@link #blocks}. */
    final int blockInsns;

    TextSample() {
        try (InputStream in = TextSample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CodeReader r = reader();
        Decoder d = new Decoder();
        Insn insn = new Insn();
        long[] at = new long[bytes.length];
        int n = 0;
        long end = BASE + bytes.length;
        for (long pc = BASE; pc < end; ) {
            boolean ok;
            try {
                ok = d.decode(r, pc, insn);
            } catch (RuntimeException cutOff) {
                break; // the last instruction runs past the sample's end
            }
            if (!ok) throw new IllegalStateException("sample does not decode at 0x" + Long.toHexString(pc));
            at[n++] = pc;
            pc = insn.next();
        }
        insns = Arrays.copyOf(at, n);
        Lifter lifter = new Lifter();
        long[] bs = new long[n];
        int nb = 0;
        int count = 0;
        for (long pc = BASE; pc < insns[n - 1]; pc = lifter.endAddress()) {
            lifter.lift(r, pc);
            bs[nb++] = pc;
            long e = lifter.endAddress();
            if (e <= pc) throw new IllegalStateException("lifter made no progress at 0x" + Long.toHexString(pc));
            for (long a : insns) if (a >= pc && a < e) count++;
        }
        blocks = Arrays.copyOf(bs, nb);
        blockInsns = count;
    }

    /** Reads the sample; addresses outside it throw, like a fetch from an unmapped page. */
    CodeReader reader() {
        byte[] b = bytes;
        return addr -> b[(int) (addr - BASE)] & 0xFF;
    }
}
