package org.jx86.vmm.sys;

import java.util.concurrent.atomic.AtomicLongArray;
import org.jx86.vmm.GuestFault;
import org.jx86.vmm.Vector;

/**
 * A local x2APIC reached through MSRs 0x800-0x8FF (SDM Vol. 3A §11.12): ID, version, TPR,
 * EOI, spurious vector, ICR for fixed IPIs (other vCPUs post into this APIC's IRR without
 * locks), and the timer (one-shot, periodic, TSC-deadline). Time is {@link System#nanoTime};
 * one timer tick is 1 ns times the divide value, and the TSC runs at 1 GHz.
 */
public final class X2Apic {
    public static final int ID = 0x802, VERSION = 0x803, TPR = 0x808, PPR = 0x80A, EOI = 0x80B, LDR = 0x80D,
        SVR = 0x80F, ISR0 = 0x810, IRR0 = 0x820, ESR = 0x828, ICR = 0x830, LVT_TIMER = 0x832,
        LVT_THERMAL = 0x833, LVT_PERF = 0x834, LVT_LINT0 = 0x835, LVT_LINT1 = 0x836, LVT_ERROR = 0x837,
        INIT_COUNT = 0x838, CUR_COUNT = 0x839, DIVIDE = 0x83E, SELF_IPI = 0x83F;

    public final int id;
    private final AtomicLongArray irr = new AtomicLongArray(4);
    private final long[] isr = new long[4];
    private long tpr, svr = 0xFF, ldr, lvtTimer = 1L << 16, initCount, divide, esr;
    private final long[] lvt = {1L << 16, 1L << 16, 1L << 16, 1L << 16, 1L << 16};
    /** nanoTime at which the timer fires next, or Long.MAX_VALUE; read by the dispatcher. */
    public volatile long timerDeadline = Long.MAX_VALUE;
    private long timerStart, periodNanos;
    private long tscDeadline;
    /** Wakes the vCPU's thread (halted in HLT) when something is posted. */
    public volatile Thread owner;
    public long ipisSent, timerFires;

    public X2Apic(int id) { this.id = id; }

    public static long tsc() { return System.nanoTime(); }

    /** Posts a fixed interrupt (from any thread). */
    public void post(int vector) {
        long bit = 1L << (vector & 63);
        int w = vector >>> 6;
        long old;
        do {
            old = irr.get(w);
        } while ((old & bit) == 0 && !irr.compareAndSet(w, old, old | bit));
        Thread t = owner;
        if (t != null) java.util.concurrent.locks.LockSupport.unpark(t);
    }

    private static int highest(long[] words) {
        for (int w = 3; w >= 0; w--) if (words[w] != 0) return w * 64 + 63 - Long.numberOfLeadingZeros(words[w]);
        return -1;
    }

    private int highestIrr() {
        for (int w = 3; w >= 0; w--) {
            long v = irr.get(w);
            if (v != 0) return w * 64 + 63 - Long.numberOfLeadingZeros(v);
        }
        return -1;
    }

    /** Fires the timer if due; call from the owner's dispatcher. */
    public void tick(long now) {
        if (now < timerDeadline) return;
        timerFires++;
        boolean tscMode = ((lvtTimer >>> 17) & 3) == 2;
        boolean periodic = ((lvtTimer >>> 17) & 3) == 1;
        if (periodic && periodNanos > 0) {
            timerStart = now;
            timerDeadline = now + periodNanos;
        } else {
            timerDeadline = Long.MAX_VALUE;
            if (tscMode) tscDeadline = 0;
        }
        if ((lvtTimer & (1L << 16)) == 0) post((int) lvtTimer & 0xFF);
    }

    /** The vector to deliver now if interrupts are enabled, or -1 (accepts it: IRR → ISR). */
    public int acknowledge() {
        int v = highestIrr();
        if (v < 16) return -1;
        int inService = highest(isr);
        int prio = (int) Math.max(tpr & 0xF0, inService >= 0 ? inService & 0xF0 : 0);
        if ((v & 0xF0) <= prio) return -1;
        irr.getAndAccumulate(v >>> 6, ~(1L << (v & 63)), (a, b) -> a & b);
        isr[v >>> 6] |= 1L << (v & 63);
        return v;
    }

    public boolean hasPending() { return highestIrr() >= 16; }

    public long read(int msr) {
        return switch (msr) {
            case ID -> id;
            case VERSION -> 0x0005_0014L;
            case TPR -> tpr;
            case PPR -> tpr;
            case LDR -> ((long) (id >>> 4) << 16) | (1L << (id & 15));
            case SVR -> svr;
            case ESR -> esr;
            case LVT_TIMER -> lvtTimer;
            case LVT_THERMAL, LVT_PERF, LVT_LINT0, LVT_LINT1, LVT_ERROR -> lvt[msr - LVT_THERMAL];
            case INIT_COUNT -> initCount;
            case CUR_COUNT -> currentCount();
            case DIVIDE -> divide;
            default -> {
                if (msr >= ISR0 && msr < ISR0 + 8) yield (isr[(msr - ISR0) >>> 1] >>> (32 * ((msr - ISR0) & 1))) & 0xFFFF_FFFFL;
                if (msr >= IRR0 && msr < IRR0 + 8) yield (irr.get((msr - IRR0) >>> 1) >>> (32 * ((msr - IRR0) & 1))) & 0xFFFF_FFFFL;
                throw new GuestFault(Vector.GP, 0, 0);
            }
        };
    }

    private long divideBy() {
        int d = (int) ((divide & 3) | ((divide >>> 1) & 4));
        return d == 7 ? 1 : 2L << d;
    }

    private long currentCount() {
        long dl = timerDeadline;
        if (initCount == 0 || dl == Long.MAX_VALUE || ((lvtTimer >>> 17) & 3) == 2) return 0;
        long left = (dl - System.nanoTime()) / divideBy();
        return Math.max(0, Math.min(left, initCount));
    }

    /** ICR writes go to the machine (it knows the other APICs); returns true if handled here. */
    public void write(int msr, long v, Ipi sender) {
        switch (msr) {
            case TPR -> tpr = v & 0xFF;
            case EOI -> {
                if (v != 0) throw new GuestFault(Vector.GP, 0, 0);
                int s = highest(isr);
                if (s >= 0) isr[s >>> 6] &= ~(1L << (s & 63));
            }
            case SVR -> svr = v & 0x11FF;
            case ESR -> esr = 0;
            case ICR -> {
                ipisSent++;
                sender.send(v);
            }
            case SELF_IPI -> post((int) v & 0xFF);
            case LVT_TIMER -> {
                lvtTimer = v & 0x7_10FFL;
                if (((lvtTimer >>> 17) & 3) == 2) armTsc(tscDeadline);
            }
            case LVT_THERMAL, LVT_PERF, LVT_LINT0, LVT_LINT1, LVT_ERROR -> lvt[msr - LVT_THERMAL] = v & 0x1_17FFL;
            case INIT_COUNT -> {
                initCount = v & 0xFFFF_FFFFL;
                if (((lvtTimer >>> 17) & 3) == 2) break;
                long now = System.nanoTime();
                timerStart = now;
                periodNanos = initCount * divideBy();
                timerDeadline = initCount == 0 ? Long.MAX_VALUE : now + periodNanos;
            }
            case DIVIDE -> divide = v & 0xB;
            default -> throw new GuestFault(Vector.GP, 0, 0);
        }
    }

    public long tscDeadline() { return tscDeadline; }

    /** IA32_TSC_DEADLINE write: arms the timer in TSC-deadline mode (0 disarms). */
    public void armTsc(long deadline) {
        tscDeadline = deadline;
        if (((lvtTimer >>> 17) & 3) != 2) return;
        timerDeadline = deadline == 0 ? Long.MAX_VALUE : deadline;
    }

    /** Sends an ICR value to its destinations. */
    @FunctionalInterface
    public interface Ipi {
        void send(long icr);
    }
}
